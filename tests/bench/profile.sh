#!/usr/bin/env bash
# Hot spots (issue 12, item 5), run by hand on a quiet machine, never in CI:
# Debian's perf samples `sitrep check` and a full `sitrep build` on the
# seeded corpus of N incidents and prints the top functions by inclusive
# (children) and by own (self) share, as Markdown for RESULTS.md.
#   tests/bench/profile.sh [SITREP] [N]
# SITREP defaults to build/generator/sitrep (RelWithDebInfo: symbols and
# line tables for the DWARF unwinder), N to 10000. Environment: SEED (12),
# TOP (25 rows per table), FREQ (sampling rate, 300 Hz), LABEL (what the
# binary is, for the heading; default the checked-out commit).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
sitrep=$(realpath "${1:-$repo/build/generator/sitrep}")
n=${2:-10000}
top=${TOP:-25}
now=2026-11-26T00:00:00Z
command -v perf >/dev/null || { echo "profile.sh: perf is missing (apt-get install linux-perf)" >&2; exit 2; }
work=$(mktemp -d /dev/shm/sitrep-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
# perf resolves symbols from the binary at report time: profile a copy, so a
# rebuild meanwhile cannot mix two binaries.
cp "$sitrep" "$work/sitrep"
python3 "$here/generate_corpus.py" "$work/corpus" "$n" --seed "${SEED:-12}" >/dev/null
site=$work/corpus/sitrep

# Names shortened to what a reader needs: templates' arguments and lambdas'
# signatures dropped.
table() {  # perf.data, children|self
  local mode=--no-children
  [ "$2" = children ] && mode=--children
  perf report -i "$1" "$mode" --sort symbol --stdio -g none --percent-limit 0.5 2>/dev/null |
    awk -v top="$top" '
      # Reads to the end (no exit): perf would die of SIGPIPE and, under
      # pipefail, stop the script after the first table.
      rows >= top { next }
      /^ +[0-9.]+%/ {
        share = $1  # the first column: Children with --children, Self without
        name = $0; sub(/^.*\] /, "", name); sub(/  .*$/, "", name)
        if (name ~ /^0x|^_M_|^__invoke|^std::thread|^clone|^start_thread|^operator\(\)|^_start|^__libc_start|inlined\)$/) next
        gsub(/\(anonymous namespace\)/, "{anon}", name)
        gsub(/\[abi:cxx11\]/, "", name)
        for (i = 0; i < 6; i++) gsub(/<[^<>]*>/, "", name)
        sub(/\(.*$/, "", name)
        if (seen[name]++) next
        printf "| %s | `%s` |\n", share, substr(name, 1, 110)
        rows++
      }'
}

profile() {  # label, command...
  local label=$1
  shift
  rm -rf "$site/site"
  (cd "$site" && perf record -q --call-graph dwarf,32768 -F "${FREQ:-300}" -o "$work/$label.data" "$@" >/dev/null 2>&1) || true
  echo
  echo "#### \`$label\`, N = $n (binary: ${LABEL:-commit $(git -C "$repo" rev-parse --short HEAD)}, $(date -u +%F))"
  echo
  echo "| inclusive | function |"
  echo "|---:|---|"
  table "$work/$label.data" children
  echo
  echo "| self | function |"
  echo "|---:|---|"
  table "$work/$label.data" self
}

profile "sitrep check" "$work/sitrep" check --now "$now"
profile "sitrep build" "$work/sitrep" build -q --now "$now"
