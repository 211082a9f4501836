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

# Incremental rebuilds in `sitrep serve`: edit one incident, read the
# rebuild line serve prints (time, files parsed, files rendered).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$sitrep" serve --root "$site" --port "$port" --now "$now" >"$site/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 1 600); do grep -q "first build done" "$site/serve.out" && break; sleep 0.2; done
incident=$(find "$site/content/incidents" -name '*.toml' | sort | sed -n 1p)
for edit in 1 2 3; do
  sleep 1.5  # past the stamp cache's one-second window, as a person typing would be
  sed -i "0,/^title = \"/s//title = \"Edit $edit /" "$incident"
  for _ in $(seq 1 600); do [ "$(grep -c 'rebuilt in' "$site/serve.out")" -ge "$edit" ] && break; sleep 0.1; done
done
kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
grep "rebuilt in" "$site/serve.out" | sed 's/^sitrep serve: /serve: one incident edited, /'
