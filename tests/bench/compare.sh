#!/usr/bin/env bash
# Comparative benchmark (issue 12, item 2), run by hand, never in CI:
# sitrep against Hugo and against the write floor on the same incidents.
#   tests/bench/compare.sh [--no-record] [SITREP] [N ...]
# SITREP defaults to build/generator/sitrep, N to 1000 10000 30000.
# For each N: a seeded corpus (generate_corpus.py) as a sitrep site and a Hugo
# site, then RUNS rounds (default 3) of, in turn:
#   sitrep check | sitrep build --only public | sitrep build |
#   the same three with the load cache emptied first (cold: every file
#   parsed, the cache written) | the two builds again over the site the
#   last build left, each at a clock a minute later than the one before
#   and after the same kind of build a minute before it, untimed (a CI
#   runner that built the last commit: unchanged pages linked,
#   write/page_reuse.h, or kept in the spare the build before left,
#   write/spare_tree.h) | hugo |
#   write floor of the public tree | write floor of both trees
# each through /usr/bin/time, after one untimed run of each (the warm-up, and
# where the file and byte counts come from). Every build starts from an empty
# output folder (removed untimed). Prints Markdown tables of medians and the
# ratios sitrep/Hugo and sitrep/floor, and appends them to
# tests/bench/RESULTS.md with the commit and date (not with --no-record).
# Environment: RUNS (3), SEED (12), TMPFS_SIZE (16g), NOW (2026-11-26T00:00:00Z).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
record=1
if [ "${1:-}" = "--no-record" ]; then record=0; shift; fi
case "${1:-}" in -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
sitrep=$(realpath "${1:-$repo/build/generator/sitrep}")
[ $# -gt 0 ] && shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 30000)
runs=${RUNS:-3}
seed=${SEED:-12}
now=${NOW:-2026-11-26T00:00:00Z}
[ "$runs" -ge 3 ] || { echo "compare.sh: RUNS must be at least 3 (a median of 3 or more)" >&2; exit 2; }
[ -x "$sitrep" ] || { echo "compare.sh: no sitrep binary at $sitrep (build it first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

if ! command -v hugo >/dev/null; then
  echo "compare.sh: installing Debian's hugo" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y hugo >&2; else sudo apt-get install -y hugo >&2; fi
fi

# Work on tmpfs: a mount of our own when we may, else /dev/shm, else disk (said in the results).
mounted=0
base=$(mktemp -d /tmp/sitrep-compare.XXXXXX)
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o "size=${TMPFS_SIZE:-16g},mode=0700" tmpfs "$base" 2>/dev/null; then
  mounted=1; fs="tmpfs (own mount)"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
  rmdir "$base"; base=$(mktemp -d /dev/shm/sitrep-compare.XXXXXX); fs="tmpfs (/dev/shm)"
else
  fs="$(df --output=fstype "$base" | tail -1) (no tmpfs: figures include the disk)"
  echo "compare.sh: warning: no tmpfs, working on $fs" >&2
fi
cleanup() {
  if [ "$mounted" = 1 ]; then umount "$base" 2>/dev/null || umount -l "$base"; rmdir "$base"; else rm -rf "$base"; fi
}
trap cleanup EXIT

runs_tsv=$base/runs.tsv
counts_tsv=$base/counts.tsv
: >"$runs_tsv"
: >"$counts_tsv"

tree_files() { find "$1" -type f | wc -l; }
tree_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }

# What runs before each command, untimed, and the command itself.
prepare() {  # label
  case $1 in
    public|full) rm -rf "$site/site" ;;
    check-cold) rm -rf "$XDG_CACHE_HOME" ;;
    public-cold|full-cold) rm -rf "$site/site" "$XDG_CACHE_HOME" ;;
    hugo) rm -rf "$hsite/public" ;;
    floor-*) rm -rf "$base/floor" ;;
    *-rebuild)  # the same build a minute before, untimed, then the timed one
      next_rebuild_clock
      command_of "$1"
      "${cmd[@]}" >/dev/null 2>&1 || { echo "compare.sh: N=$n: the build before $1 failed" >&2; exit 1; }
      next_rebuild_clock ;;
  esac
}
next_rebuild_clock() {  # each rebuild a minute after the one before
  rebuilds=$((rebuilds + 1))
  rebuild_now=$(date -u -d "@$(($(date -u -d "$now" +%s) + 60 * rebuilds))" +%Y-%m-%dT%H:%M:%SZ)
}
rebuilds=0
command_of() {  # label -> the command, in the array cmd
  case $1 in
    check|check-cold) cmd=("$sitrep" check --root "$site" --now "$now" -q) ;;
    public|public-cold) cmd=("$sitrep" build --root "$site" --now "$now" -q --only public) ;;
    full|full-cold) cmd=("$sitrep" build --root "$site" --now "$now" -q) ;;
    public-rebuild) cmd=("$sitrep" build --root "$site" --now "$rebuild_now" -q --only public) ;;
    full-rebuild) cmd=("$sitrep" build --root "$site" --now "$rebuild_now" -q) ;;
    hugo) cmd=(hugo --source "$hsite" --destination "$hsite/public" --quiet) ;;
    floor-public) cmd=(python3 "$here/write_floor.py" --threads 2 "$base/ref/public" "$base/floor") ;;
    floor-full) cmd=(python3 "$here/write_floor.py" --threads 2 "$base/ref" "$base/floor") ;;
  esac
}
# Runs one command under /usr/bin/time; stops the whole benchmark if it fails.
timed() {  # label -> wall user sys rss in $t_wall... and the command's stdout in $base/out
  local label=$1
  prepare "$label"
  command_of "$label"
  if ! /usr/bin/time -f '%e %U %S %M' -o "$base/time" "${cmd[@]}" >"$base/out" 2>"$base/err"; then
    echo "compare.sh: N=$n: $label failed: ${cmd[*]}" >&2
    tail -20 "$base/err" >&2
    exit 1
  fi
  read -r t_wall t_user t_sys t_rss <"$base/time"
  if [[ $label == floor-* ]]; then  # the floor times its write phase itself
    local w c
    w=$(sed -n 's/.*wall=\([0-9.]*\).*/\1/p' "$base/out")
    c=$(sed -n 's/.*cpu=\([0-9.]*\).*/\1/p' "$base/out")
    t_wall=$w; t_user=$c; t_sys=0
  fi
}

labels=(check public full check-cold public-cold full-cold public-rebuild full-rebuild hugo floor-public floor-full)
# The load cache (docs/publishing-ci.md) on the tmpfs, ours alone: the warm
# rows read the one the warm-up wrote; the cold rows start without one.
export XDG_CACHE_HOME=$base/cache
commit=$(git -C "$repo" rev-parse --short HEAD)
git -C "$repo" diff --quiet HEAD -- generator 2>/dev/null || commit="$commit (generator/ modified)"
header="## $(date -u +%Y-%m-%d) · commit $commit · $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2}') GB"
header_details="$(hugo version | cut -d' ' -f1-2), $(python3 --version), on $fs; seed $seed, clock $now, $runs runs each"
report=$base/report.md
{ echo "$header"; echo; echo "$header_details."; echo; } >"$report"

for n in "${sizes[@]}"; do
  work=$base/n$n
  site=$work/sitrep
  hsite=$work/hugo
  echo "compare.sh: N=$n: writing the corpus" >&2
  python3 "$here/generate_corpus.py" "$work" "$n" --seed "$seed" >"$base/corpus.txt"
  corpus=$(cat "$base/corpus.txt")

  # Warm-up: each command once, untimed; outputs counted and checked.
  echo "compare.sh: N=$n: warm-up" >&2
  "$sitrep" check --root "$site" --now "$now" >/dev/null 2>"$base/err" ||
    { echo "compare.sh: N=$n: sitrep check found errors in the corpus" >&2; tail -20 "$base/err" >&2; exit 1; }
  check_line=$(tail -1 "$base/err" | sed 's/^sitrep check: //')
  timed check
  timed public
  printf '%s\tpublic\t%s\t%s\t\n' "$n" "$(tree_files "$site/site")" "$(tree_bytes "$site/site")" >>"$counts_tsv"
  timed full
  rm -rf "$base/ref"
  cp -a "$site/site" "$base/ref"
  ref_files=$(tree_files "$base/ref")
  ref_bytes=$(tree_bytes "$base/ref")
  printf '%s\tfull\t%s\t%s\t%s public + %s internal\n' "$n" "$ref_files" "$ref_bytes" \
    "$(tree_files "$base/ref/public")" "$(tree_files "$base/ref/internal")" >>"$counts_tsv"
  timed hugo
  hugo_pages=$(find "$hsite/public/incidents" -mindepth 2 -maxdepth 2 -path '*/inc-*/index.html' | wc -l)
  [ "$hugo_pages" = "$n" ] || { echo "compare.sh: N=$n: Hugo wrote $hugo_pages incident pages, want $n" >&2; exit 1; }
  printf '%s\thugo\t%s\t%s\t\n' "$n" "$(tree_files "$hsite/public")" "$(tree_bytes "$hsite/public")" >>"$counts_tsv"
  for tree in public full; do
    src=$base/ref; [ $tree = public ] && src=$base/ref/public
    timed "floor-$tree"
    files=$(tree_files "$src")
    bytes=$(tree_bytes "$src")
    got=$(grep -o 'files=[0-9]* bytes=[0-9]*' "$base/out")
    if [ "$got" != "files=$files bytes=$bytes" ] ||
      [ "$(tree_files "$base/floor") $(tree_bytes "$base/floor")" != "$files $bytes" ]; then
      echo "compare.sh: N=$n: the floor wrote $got, want files=$files bytes=$bytes" >&2
      exit 1
    fi
    printf '%s\tfloor-%s\t%s\t%s\t\n' "$n" "$tree" "$files" "$bytes" >>"$counts_tsv"
  done

  # Counted runs, in turn, so a drift of the machine's speed touches every command alike.
  for r in $(seq 1 "$runs"); do
    echo "compare.sh: N=$n: round $r of $runs" >&2
    for label in "${labels[@]}"; do
      timed "$label"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$r" "$t_wall" "$t_user" "$t_sys" "$t_rss" >>"$runs_tsv"
    done
  done

  {
    echo "Corpus: $corpus" | sed "s| to $work/.*||"
    echo "\`sitrep check\`: $check_line. Hugo: $hugo_pages incident pages."
    echo
    python3 "$here/summarize.py" "$runs_tsv" "$counts_tsv" "$n"
    echo
  } >>"$report"
  rm -rf "$work" "$base/ref" "$base/floor"
done

cat "$report"
if [ "$record" = 1 ]; then
  { echo; cat "$report"; } >>"$here/RESULTS.md"
  echo "compare.sh: appended to $here/RESULTS.md" >&2
fi
