#!/usr/bin/env bash
# Hostile inputs: each must give exit 1, a diagnostic naming file:line:col,
# no crash and no hang (20 s). (The exact text of the common ones is pinned
# by the invalid fixtures and tests/fixtures/hostile; this covers what
# cannot live in git: a 50 MB file, FIFOs, device nodes, links to devices,
# generated megabyte lines and deep nesting, Windows-reserved file names.)
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fresh_site() {
  rm -rf "$tmp/site" && mkdir -p "$tmp/site"
  cp -r "$repo/schemas" "$repo/themes" "$repo/tests/fixtures/base/content" "$tmp/site/"
}

expect() {  # name, grep pattern the output must contain; [command, wanted exit]
  local name=$1 pattern=$2 command=${3:-check} want=${4:-1}
  (cd "$tmp/site" && timeout 20 "$sitrep" "$command" --now 2026-05-01T00:00:00Z) >"$tmp/out.txt" 2>&1
  local rc=$?
  if [ $rc -ne "$want" ]; then
    echo "FAIL $name: exit $rc (want $want)"; head -20 "$tmp/out.txt"; failures=$((failures + 1)); return
  fi
  if ! grep -qE "$pattern" "$tmp/out.txt"; then
    echo "FAIL $name: output lacks /$pattern/"; head -20 "$tmp/out.txt"; failures=$((failures + 1)); return
  fi
  echo "ok   $name"
}

inc=content/incidents/bad.toml

fresh_site; head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$tmp/site/$inc"
expect "50 MB file" "^$inc:1:1: error: file is 52428800 bytes; the limit is 4194304 \[file-too-large\]"

fresh_site; head -c 4096 /dev/urandom >"$tmp/site/$inc"; printf '\0' >>"$tmp/site/$inc"
expect "binary file" "^$inc:[0-9]+:[0-9]+: error: .*\[(binary-file|invalid-utf8)\]"

fresh_site; printf 'id = "x"\ntitle = "caf\xe9"\n' >"$tmp/site/$inc"
expect "invalid UTF-8" "^$inc:2:13: error: invalid UTF-8 byte sequence \[invalid-utf8\]"

fresh_site; : >"$tmp/site/$inc"
expect "empty file" "^$inc:1:1: error: missing required key 'id' \[missing-key\]"

fresh_site; mkdir -p "$tmp/site/$inc"
expect "directory named like a file" "^$inc:1:1: error: expected a file but found a directory \[file-unreadable\]"

fresh_site; rm "$tmp/site/content/site.toml"; mkdir "$tmp/site/content/site.toml"
expect "site.toml is a directory" "^content/site.toml:1:1: error: expected a file but found a directory"

fresh_site; ln -s loop.toml "$tmp/site/content/incidents/loop.toml"
expect "symlink loop (file)" "^content/incidents/loop.toml:1:1: error: cannot read file: .*\[file-unreadable\]"

fresh_site; ln -s .. "$tmp/site/content/incidents/up"; ln -s 'x.toml' "$tmp/site/$inc"
expect "symlink loop (directory) and dangling link" "^$inc:1:1: error: cannot read file"

fresh_site; printf 'a = [%s]\n' "$(printf '[%.0s' $(seq 1 5000))" >"$tmp/site/$inc"
expect "deeply nested arrays" "^$inc:1:[0-9]+: error: .*\[toml-syntax\]"

fresh_site; { printf '+++\nincident = "INC-2026-04-01-001"\n+++\n'; for _ in $(seq 1 20000); do printf '> '; done; printf 'deep\n'; } >"$tmp/site/content/postmortems/deep.md"
expect "deeply nested block quotes" "content/postmortems/deep.md:[0-9]+:[0-9]+: error"

fresh_site; printf 'id = "x"\ntitle = "%s"\n' "$(head -c 70000 /dev/zero | tr '\0' 'b')" >"$tmp/site/$inc"
expect "overlong line" "^$inc:2:1: error: line is longer than 65536 bytes \[file-too-large\]"

fresh_site; printf 'id = "INC-1"\ntitle = "t"\nseverity = "SEV2"\n[[updates]\n' >"$tmp/site/$inc"
expect "malformed TOML" "^$inc:4:[0-9]+: error: .*\[toml-syntax\]"

# Special files where a content file should be: never opened for a
# blocking read (a FIFO would wait for a writer forever), named by kind.
special="error: is a FIFO \(named pipe\), not a regular file; it was not read \[file-unreadable\]"
fresh_site; mkfifo "$tmp/site/$inc"
expect "FIFO as an incident" "^$inc:1:1: $special"

fresh_site; rm "$tmp/site/content/site.toml"; mkfifo "$tmp/site/content/site.toml"
expect "FIFO as site.toml" "^content/site.toml:1:1: $special"

fresh_site; rm "$tmp/site/schemas/severity.toml"; mkfifo "$tmp/site/schemas/severity.toml"
expect "FIFO as the severity schema" "^schemas/severity.toml:1:1: $special"

fresh_site; mkfifo "$tmp/site/content/postmortems/pipe.md"
expect "FIFO as a postmortem" "^content/postmortems/pipe.md:1:1: $special"

fresh_site; mkdir -p "$tmp/site/content/static" "$tmp/site/content/templates"
mkfifo "$tmp/site/content/static/status.css" "$tmp/site/content/templates/footer.mustache"
expect "FIFOs as a static file and a template (build)" "^content/templates/footer.mustache:1:1: $special" build
grep -qE "^content/static/status.css:1:1: $special" "$tmp/out.txt" || { echo "FAIL FIFO static file not named"; failures=$((failures + 1)); }

fresh_site; ln -s /dev/zero "$tmp/site/$inc"; ln -s /dev/urandom "$tmp/site/content/maintenance/random.toml"
expect "links to /dev/zero and /dev/urandom" "^$inc:1:1: error: is a symbolic link to a file outside the site root; it was not read \[outside-root\]"
grep -q "^content/maintenance/random.toml:1:1: error: is a symbolic link" "$tmp/out.txt" || { echo "FAIL /dev/urandom link not named"; failures=$((failures + 1)); }

if [ "$(id -u)" = 0 ]; then
  # A device node inside the root (only root may make one): a copy of /dev/zero.
  fresh_site; mknod "$tmp/site/$inc" c 1 5
  expect "character device as an incident" "^$inc:1:1: error: is a character device, not a regular file; it was not read \[file-unreadable\]"
else echo "skip device node (not root)"; fi

fresh_site; printf 'id = "x"\ntitle = "%s"\n' "$(head -c $((1024 * 1024)) /dev/zero | tr '\0' 'c')" >"$tmp/site/$inc"
expect "1 MB line" "^$inc:2:1: error: line is longer than 65536 bytes \[file-too-large\]"

fresh_site; { printf 'a = '; for _ in $(seq 1 10000); do printf '{b='; done; printf '1'; for _ in $(seq 1 10000); do printf '}'; done; printf '\n'; } >"$tmp/site/$inc"
expect "10 000 nested inline tables" "^$inc:1:[0-9]+: error: .*\[toml-syntax\]"

fresh_site; { printf 'a = '; for _ in $(seq 1 10000); do printf '[{b='; done; printf '1'; for _ in $(seq 1 10000); do printf '}]'; done; printf '\n'; } >"$tmp/site/$inc"
expect "10 000 nested arrays of inline tables" "^$inc:1:[0-9]+: error: .*\[toml-syntax\]"

# A Windows device name as a content file's name is fine here: only the id
# inside names the page (whether Windows can check the file out is the
# repository's business). Kept out of git for that reason.
fresh_site; mv "$tmp/site/content/incidents/base.toml" "$tmp/site/content/incidents/aux.toml"
mv "$tmp/site/content/maintenance/base.toml" "$tmp/site/content/maintenance/CON.toml"
expect "aux.toml and CON.toml as file names" "^sitrep check: 0 errors, 0 warnings" check 0

fresh_site; chmod 000 "$tmp/site/content/incidents/base.toml"
if [ "$(id -u)" = 0 ]; then echo "skip unreadable file (running as root)"; chmod 644 "$tmp/site/content/incidents/base.toml"
else expect "unreadable file" "content/incidents/base.toml:1:1: error: cannot open file"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
