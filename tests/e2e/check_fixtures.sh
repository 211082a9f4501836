#!/usr/bin/env bash
# Runs the real binary on content/, on every valid fixture and on every
# invalid fixture, comparing exit code and exact diagnostics.
#
#   tests/fixtures/valid/<name>/        a site's content/, checked in a copy
#                                       beside the repo's schemas/ and themes/
#                                       (sitrep reads nothing outside the
#                                       root); must pass (exit 0);
#                                       expected.txt (optional) = exact stderr
#   tests/fixtures/invalid/<case>/      files overlaid on tests/fixtures/base
#                                       plus the repo's schemas/; holds
#       expected.txt  exact stderr of `sitrep check`
#       exit          expected exit code (default 1)
#       remove        base files to delete, one per line (optional)
#       args          extra arguments (optional)
#       setup.sh      run in the copied site root first (optional), e.g. to
#                     make files too big to keep in git
# SITREP_UPDATE_GOLDEN=1 rewrites expected.txt from the actual output.
set -uo pipefail
shopt -s nullglob
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-05-01T00:00:00Z
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

compare() {  # name, expected file, actual file, expected exit, actual exit
  local name=$1 expected=$2 actual=$3 want=$4 got=$5
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; cat "$actual"; failures=$((failures + 1)); return
  fi
  # Goldens are only rewritten from a run with the right exit code.
  if [ "${SITREP_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$actual" "$expected"; fi
  if [ -f "$expected" ] && ! diff -u "$expected" "$actual" >"$tmp/diff"; then
    echo "FAIL $name: diagnostics differ"; cat "$tmp/diff"; failures=$((failures + 1)); return
  fi
  echo "ok   $name"
}

# The example site.
(cd "$repo" && "$sitrep" check --now 2026-11-26T00:00:00Z) 2>"$tmp/content.txt"
compare content "$repo/tests/golden/content-check.txt" "$tmp/content.txt" 0 $?

for dir in "$repo"/tests/fixtures/valid/*/; do
  name=valid/$(basename "$dir")
  rm -rf "$tmp/valid" && mkdir -p "$tmp/valid" && cp -r "$dir/content" "$repo/schemas" "$repo/themes" "$tmp/valid/"
  (cd "$tmp/valid" && "$sitrep" check --now 2026-11-01T00:00:00Z) 2>"$tmp/out.txt"
  compare "$name" "$dir/expected.txt" "$tmp/out.txt" 0 $?
done

for dir in "$repo"/tests/fixtures/invalid/*/; do
  name=invalid/$(basename "$dir")
  root="$tmp/site"
  rm -rf "$root" && mkdir -p "$root"
  cp -r "$repo/schemas" "$repo/tests/fixtures/base/content" "$root/"
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 ! -name expected.txt ! -name exit ! -name remove ! -name args ! -name setup.sh \
     -exec cp -r {} "$root/" \;)
  if [ -f "$dir/remove" ]; then while read -r f; do [ -n "$f" ] && rm -rf "${root:?}/$f"; done <"$dir/remove"; fi
  [ -f "$dir/setup.sh" ] && (cd "$root" && bash "$dir/setup.sh")
  args=()
  [ -f "$dir/args" ] && read -r -a args <"$dir/args"
  want=1
  [ -f "$dir/exit" ] && want=$(cat "$dir/exit")
  (cd "$root" && timeout 20 "$sitrep" check --now "$now" "${args[@]}") >"$tmp/stdout.txt" 2>"$tmp/out.txt"
  got=$?
  cat "$tmp/stdout.txt" >>"$tmp/out.txt"
  compare "$name" "$dir/expected.txt" "$tmp/out.txt" "$want" "$got"
done

echo "$failures failure(s)"
[ "$failures" = 0 ]
