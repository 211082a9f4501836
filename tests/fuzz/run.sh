#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz/fuzz_*.cpp) for SECONDS each.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]
# BUILD_DIR was configured with CXX=clang++ -DSITREP_FUZZ=ON (and
# -DSITREP_SANITIZE=address,undefined: scripts/sanitize.sh does both).
# Seeds: content/ and every fixture (tests/fixtures/*), per kind of file,
# plus tests/fuzz/seeds/<target>/. Inputs that once crashed are kept in
# tests/fuzz/regressions/<target>/ and run first, every time.
# A crash, leak, sanitizer report, timeout (10 s) or memory blow-up
# (2 GiB) fails the run; the input is left in $SITREP_FUZZ_ARTIFACTS
# (default: a temporary folder, printed) to be added to regressions/.
set -euo pipefail
build=$(realpath "$1")
seconds=${2:-60}
shift $(( $# > 1 ? 2 : 1 ))
repo=$(cd "$(dirname "$0")/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(incident maintenance postmortem site schema serve_path new_update load_cache)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=${SITREP_FUZZ_ARTIFACTS:-$work/artifacts}
mkdir -p "$artifacts"

# Copies files into a seed folder, each under a name of its own, with an
# optional prefix byte (targets whose first byte picks the kind of file).
seed() {
  local dir=$1 prefix=$2; shift 2
  mkdir -p "$dir"
  local f n=0
  for f in "$@"; do
    [ -f "$f" ] && [ ! -L "$f" ] || continue
    n=$((n + 1))
    { [ -n "$prefix" ] && printf "$prefix"; cat "$f"; } >"$dir/$n-$(basename "$f")"
  done
}
sources=("$repo" "$repo"/tests/fixtures/*/* "$repo"/tests/fixtures/base)
files() { # pattern under content/ of every source
  local s
  for s in "${sources[@]}"; do find "$s/content" -path "*/$1" -type f 2>/dev/null || true; done | sort -u
}
schemas() { find "$repo/schemas" "$repo"/tests/fixtures -name "$1" -type f | sort -u; }
mapfile -t incidents < <(files 'incidents/*.toml')
mapfile -t maintenance < <(files 'maintenance/*.toml')
mapfile -t postmortems < <(files 'postmortems/*.md')
mapfile -t sites < <(files 'site.toml')
mapfile -t components < <(files 'components.toml')
seed "$work/seeds/incident" "" "${incidents[@]}"
seed "$work/seeds/maintenance" "" "${maintenance[@]}"
seed "$work/seeds/postmortem" "" "${postmortems[@]}"
seed "$work/seeds/site" '\x00' "${sites[@]}"
seed "$work/seeds/site" '\x01' "${components[@]}"
seed "$work/seeds/schema" '\x00' $(schemas 'severity*.toml')
seed "$work/seeds/schema" '\x01' $(schemas 'postmortem*.toml')
for step in '\x00' '\x01' '\x02' '\x03' '\x2c'; do
  seed "$work/seeds/new_update" "$step" "${incidents[@]:0:12}"
done
seed "$work/seeds/serve_path" "" "$repo"/tests/fuzz/seeds/serve_path/*

failures=0
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/fuzz_$t"
  corpus="$work/corpus/$t"
  regressions="$repo/tests/fuzz/regressions/$t"
  mkdir -p "$corpus" "$regressions" "$work/seeds/$t"
  echo "fuzz_$t: ${seconds}s, $(ls "$work/seeds/$t" | wc -l) seeds, $(ls "$regressions" | wc -l) regressions"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a blow-up.
  # The first folder receives new inputs; the others are only read.
  # A fixed seed (SITREP_FUZZ_SEED, default 1): CI explores the same inputs
  # each run, so a red run is one that can be replayed; vary it by hand.
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -seed="${SITREP_FUZZ_SEED:-1}" \
       -artifact_prefix="$artifacts/$t-" -print_final_stats=1 \
       "$corpus" "$regressions" "$work/seeds/$t" >"$work/$t.log" 2>&1; then
    failures=$((failures + 1))
    echo "FAIL fuzz_$t (inputs kept in $artifacts):"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|==[0-9]+==' "$work/$t.log" | head -20
    tail -5 "$work/$t.log"
    [ -z "${SITREP_FUZZ_ARTIFACTS:-}" ] && cp -r "$artifacts" "${TMPDIR:-/tmp}/sitrep-fuzz-artifacts-$$" &&
      echo "copied to ${TMPDIR:-/tmp}/sitrep-fuzz-artifacts-$$"
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$work/$t.log" | tr '\n' ' '
    echo
  fi
done
echo "$failures fuzz target(s) failed"
[ "$failures" = 0 ]
