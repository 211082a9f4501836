#!/usr/bin/env bash
# Every file sitrep reads comes from inside the site root. Each case builds
# (or checks) a temp site with one way out of the root — a symlink in
# content/static, content/templates, content/incidents or themes/, a
# site.toml path with "../" or an absolute one — and expects exit 1, the
# exact diagnostic naming the file or key, and a secret marker (from a file
# outside the root) nowhere in the output tree, on stdout or on stderr.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-05-01T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

marker=CONFINEMENT_SECRET_5b1e07
secret="$tmp/outside/secret.txt"
mkdir -p "$tmp/outside" && printf '%s = first line of a secret\n' "$marker" >"$secret"
site="$tmp/site"

fresh_site() {
  rm -rf "$site" "$tmp/out" && mkdir -p "$site"
  cp -r "$repo/tests/fixtures/base/content" "$repo/schemas" "$repo/themes" "$site/"
}

# name, command (check|build), exit code wanted, then the exact lines stderr must hold.
expect() {
  local name=$1 command=$2 want=$3
  shift 3
  local args=(check --now "$now" -q)
  [ "$command" = build ] && args=(build --now "$now" --out "$tmp/out" -q)
  (cd "$site" && timeout 30 "$sitrep" "${args[@]}") >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
  local rc=$?
  if [ "$rc" != "$want" ]; then fail "$name: exit $rc (want $want)"; cat "$tmp/stderr.txt"; return; fi
  local line
  for line in "$@"; do
    if ! grep -qxF -- "$line" "$tmp/stderr.txt"; then fail "$name: stderr lacks: $line"; cat "$tmp/stderr.txt"; return; fi
  done
  if grep -rqF "$marker" "$tmp/stdout.txt" "$tmp/stderr.txt" || { [ -d "$tmp/out" ] && grep -rqF "$marker" "$tmp/out"; }; then
    fail "$name: the secret marker was printed or published"; return
  fi
  if grep -qE '^root:' "$tmp/stdout.txt" "$tmp/stderr.txt" || { [ -d "$tmp/out" ] && grep -rqE '^root:' "$tmp/out"; }; then
    fail "$name: a line of /etc/passwd was printed or published"; return
  fi
  ok "$name"
}

hint='  hint: sitrep reads only files inside the site root: copy the file into the site, or point the link at a file inside the root'

fresh_site
expect "the base site builds" build 0

fresh_site; mkdir -p "$site/content/static" && ln -s "$secret" "$site/content/static/leak.txt"
expect "content/static symlink to a file outside" build 1 \
  "content/static/leak.txt:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]" "$hint"

fresh_site; mkdir -p "$site/content/static" && ln -s /etc/passwd "$site/content/static/passwd"
expect "content/static symlink to /etc/passwd" build 1 \
  "content/static/passwd:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]"

fresh_site; mkdir -p "$site/content/templates" && ln -s "$secret" "$site/content/templates/robots.mustache"
expect "template override symlink to a file outside" build 1 \
  "content/templates/robots.mustache:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]"

fresh_site; ln -s "$secret" "$site/content/incidents/secret.toml"
expect "incident symlink to a file outside" build 1 \
  "content/incidents/secret.toml:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]"

fresh_site; ln -s /etc/passwd "$site/content/incidents/passwd.toml"
expect "incident symlink to /etc/passwd (check)" check 1 \
  "content/incidents/passwd.toml:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]"

fresh_site; mv "$site/themes" "$tmp/outside/themes" && ln -s "$tmp/outside/themes" "$site/themes"
printf '%s\n' "$marker" >"$tmp/outside/themes/default/templates/robots.mustache"
expect "themes/ symlinked outside the root" build 1 \
  "themes/default/templates:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]"
rm -rf "$tmp/outside/themes"

# site.toml: every path key must be relative and stay inside the root.
keys_hint='  hint: write a path relative to the site root that stays inside it (copy the files into the site)'
fresh_site; mkdir -p "$tmp/outside/themes" && cp -r "$repo/themes/default" "$tmp/outside/themes/"
printf 'themes_dir = "../outside/themes"\n' >>"$site/content/site.toml"
expect "themes_dir with ../" build 1 \
  "content/site.toml:7:14: error: themes_dir '../outside/themes' leaves the site root [outside-root]" "$keys_hint"

fresh_site; printf 'theme = "../../outside/themes/default"\n' >>"$site/content/site.toml"
expect "theme with ../" check 1 \
  "content/site.toml:7:9: error: theme '../../outside/themes/default' leaves the site root [outside-root]"

fresh_site; printf '[schemas]\nseverity = "/etc/passwd"\npostmortem = "%s"\n' "$secret" >>"$site/content/site.toml"
expect "[schemas] absolute paths" check 1 \
  "content/site.toml:8:12: error: schemas.severity '/etc/passwd' is an absolute path [outside-root]" \
  "content/site.toml:9:14: error: schemas.postmortem '$secret' is an absolute path [outside-root]"

fresh_site; printf '[schemas]\nseverity = "schemas/../../outside/secret.txt"\n' >>"$site/content/site.toml"
expect "[schemas] path climbing out" check 1 \
  "content/site.toml:8:12: error: schemas.severity 'schemas/../../outside/secret.txt' leaves the site root [outside-root]"

fresh_site; ln -s "$secret" "$site/schemas/linked.toml"
printf '[schemas]\nseverity = "schemas/linked.toml"\n' >>"$site/content/site.toml"
expect "[schemas] path to a symlink out of the root" check 1 \
  "schemas/linked.toml:1:1: error: is a symbolic link to a file outside the site root; it was not read [outside-root]"

# A symlink that stays inside the root is fine and published.
fresh_site; mkdir -p "$site/content/static" && ln -s ../../themes/default/static/style.css "$site/content/static/alias.css"
expect "a symlink inside the root is followed" build 0
if cmp -s "$tmp/out/public/alias.css" "$repo/themes/default/static/style.css"; then ok "its target is published"
else fail "symlink inside the root: alias.css not published"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
