#!/usr/bin/env bash
# Hostile inputs: each must give exit 1, a diagnostic naming file:line:col,
# no crash and no hang. (The exact text of the common ones is pinned by the
# invalid fixtures; this covers what cannot live in git, like a 50 MB file.)
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fresh_site() {
  rm -rf "$tmp/site" && mkdir -p "$tmp/site"
  cp -r "$repo/schemas" "$repo/tests/fixtures/base/content" "$tmp/site/"
}

expect() {  # name, grep pattern the output must contain
  local name=$1 pattern=$2
  (cd "$tmp/site" && timeout 30 "$sitrep" check --now 2026-05-01T00:00:00Z) >"$tmp/out.txt" 2>&1
  local rc=$?
  if [ $rc -ne 1 ]; then
    echo "FAIL $name: exit $rc (want 1)"; head -20 "$tmp/out.txt"; failures=$((failures + 1)); return
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

fresh_site; chmod 000 "$tmp/site/content/incidents/base.toml"
if [ "$(id -u)" = 0 ]; then echo "skip unreadable file (running as root)"; chmod 644 "$tmp/site/content/incidents/base.toml"
else expect "unreadable file" "content/incidents/base.toml:1:1: error: cannot open file"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
