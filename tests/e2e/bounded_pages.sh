#!/usr/bin/env bash
# Every page bounded (issue 12): the bench corpus at 1 000 and 10 000
# incidents, both built at the corpus's clock; bounded_pages.py compares
# their pages, feeds and calendars and checks that the paginated lists of
# the large build still hold every item.
# Usage: bounded_pages.sh SITREP_BINARY SOURCE_DIR
set -euo pipefail
sitrep=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for n in 1000 10000; do
  python3 "$src/tests/bench/generate_corpus.py" "$tmp/c$n" "$n" >/dev/null
  # Relative to the root, as an author builds: the exports name files as given.
  (cd "$tmp/c$n/sitrep" && "$sitrep" build --now 2026-11-26T00:00:00Z -q)
done
python3 "$src/tests/e2e/bounded_pages.py" "$tmp/c1000/sitrep/site" "$tmp/c10000/sitrep/site"
