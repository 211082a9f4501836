#!/usr/bin/env bash
# Benchmarks, run by hand: prints figures, asserts nothing.
#   tests/bench/run.sh [build/generator/sitrep] [incidents] [postmortems]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sitrep=$(realpath "${1:-$here/../../build/generator/sitrep}")
n=${2:-10000}
pm=${3:-1000}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
python3 "$here/generate_site.py" "$site" "$n" "$pm"
now=2026-11-26T00:00:00Z
measure() {  # label, command...
  local label=$1; shift
  local best=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$site/time.txt" "$@" >/dev/null 2>&1 || true
    read -r secs kb <"$site/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; mem=$kb; fi
  done
  printf '%-32s %6.2f s   peak RSS %6d MB\n' "$label" "$best" "$((mem / 1024))"
}
echo "site: $n incidents, $pm postmortems; $(nproc) cores"
measure "sitrep check" "$sitrep" check --root "$site" --now "$now" -q
measure "sitrep check -j1" "$sitrep" check --root "$site" --now "$now" -q -j 1
measure "sitrep build (full)" "$sitrep" build --root "$site" --now "$now" -q
measure "sitrep build -j1" "$sitrep" build --root "$site" --now "$now" -q -j 1
printf 'front page %d bytes; history pages %d; public files %d; total %s\n' \
  "$(stat -c %s "$site/site/public/index.html")" "$(find "$site/site/public/history" -name index.html | wc -l)" \
  "$(find "$site/site/public" -type f | wc -l)" "$(du -sh "$site/site/public" | cut -f1)"
