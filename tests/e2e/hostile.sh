#!/usr/bin/env bash
# Hostile content (tests/fixtures/hostile/<case>/, overlaid on
# tests/fixtures/base plus the repo's schemas/ and themes/):
#   expected.txt  exact output of `sitrep check` (stderr then stdout)
#   exit          expected exit code of check (default 0)
#   args          extra arguments of check (optional)
#   verify.py     run by /usr/bin/python3 (Debian's feedparser, icalendar)
#                 on site/public after `sitrep build`, when present (the
#                 internal tree is its sibling, ../internal); it gets
#                 SITREP (the binary), SITREP_ROOT (the case's site root)
#                 and SITREP_NOW in its environment, to run sitrep again
# SITREP_UPDATE_GOLDEN=1 rewrites expected.txt from the actual output.
# A third argument runs only the cases whose names match that glob.
set -uo pipefail
shopt -s nullglob
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-05-01T00:00:00Z
only=${3:-*}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

for dir in "$repo"/tests/fixtures/hostile/$only/; do
  name=hostile/$(basename "$dir")
  root="$tmp/site"
  rm -rf "$root" && mkdir -p "$root"
  cp -r "$repo/schemas" "$repo/themes" "$repo/tests/fixtures/base/content" "$root/"
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 ! -name expected.txt ! -name exit ! -name args ! -name verify.py \
     -exec cp -r {} "$root/" \;)
  args=()
  [ -f "$dir/args" ] && read -r -a args <"$dir/args"
  want=0
  [ -f "$dir/exit" ] && want=$(cat "$dir/exit")
  (cd "$root" && timeout 20 "$sitrep" check --now "$now" "${args[@]}") >"$tmp/stdout.txt" 2>"$tmp/out.txt"
  got=$?
  cat "$tmp/stdout.txt" >>"$tmp/out.txt"
  if [ "$got" != "$want" ]; then fail "$name: check exit $got, expected $want"; cat "$tmp/out.txt"; continue; fi
  if [ -f "$dir/expected.txt" ] || [ "${SITREP_UPDATE_GOLDEN:-0}" = 1 ]; then
    [ "${SITREP_UPDATE_GOLDEN:-0}" = 1 ] && cp "$tmp/out.txt" "$dir/expected.txt"
    if ! diff -u "$dir/expected.txt" "$tmp/out.txt"; then fail "$name: check output differs"; continue; fi
  fi
  if [ -f "$dir/verify.py" ]; then
    if ! (cd "$root" && timeout 60 "$sitrep" build --now "$now" --out "$tmp/out" -q); then
      fail "$name: build failed"; continue
    fi
    if ! (cd "$root" && SITREP=$sitrep SITREP_ROOT=$root SITREP_NOW=$now /usr/bin/python3 "$dir/verify.py" "$tmp/out/public"); then fail "$name: built site"; continue; fi
  fi
  echo "ok   $name"
done

echo "$failures failure(s)"
[ "$failures" = 0 ]
