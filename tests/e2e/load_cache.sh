#!/usr/bin/env bash
# The load cache (load/load_cache_file.h) as a user meets it: `check` and
# `build` give the same bytes with no cache, a cold one and a warm one;
# an edit between runs is seen; a damaged, truncated or unwritable cache
# changes nothing but the time; --no-cache neither reads nor writes one.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)    # the site root and its outputs
logs=$(mktemp -d)   # outputs of the commands, outside the site
trap 'rm -rf "$tmp" "$logs"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

# The example site and the messy one's incidents and postmortem (warnings,
# late and missing timestamps), so diagnostics with source lines are printed.
cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$tmp/"
cp "$repo"/tests/fixtures/valid/messy-reports/content/incidents/*.toml "$tmp/content/incidents/2026/"
cp "$repo"/tests/fixtures/valid/messy-reports/content/postmortems/*.md "$tmp/content/postmortems/"
# The default cache folder is $XDG_CACHE_HOME/sitrep: one of the test's own.
export XDG_CACHE_HOME="$tmp/xdg"
cache_dir=$XDG_CACHE_HOME/sitrep
run() { (cd "$tmp" && "$sitrep" "$@" --now "$now"); }

# 1. check: no cache, cold, warm: the same report and exit status.
run check --no-cache >"$logs/none.txt" 2>&1; rc_none=$?
[ ! -e "$cache_dir" ] && ok "--no-cache writes no cache" || fail "--no-cache wrote $(ls "$cache_dir")"
run check >"$logs/cold.txt" 2>&1; rc_cold=$?
cache_file=$(ls "$cache_dir"/load-*.bin 2>/dev/null | head -1)
[ -n "$cache_file" ] && ok "check writes the cache under \$XDG_CACHE_HOME/sitrep" || fail "no cache file in $cache_dir"
run check >"$logs/warm.txt" 2>&1; rc_warm=$?
grep -q warning "$logs/none.txt" || fail "the site has no warnings to compare"
if [ $rc_none = $rc_cold ] && [ $rc_cold = $rc_warm ] && cmp -s "$logs/none.txt" "$logs/cold.txt" &&
  cmp -s "$logs/cold.txt" "$logs/warm.txt"; then ok "check: same report (with source lines) and status with no, a cold and a warm cache"
else fail "check reports differ ($rc_none/$rc_cold/$rc_warm)"; diff "$logs/none.txt" "$logs/warm.txt" | head; fi
run check -v >"$logs/v.txt" 2>&1
grep -q "^sitrep: parsed 0 of [0-9]* content files, the rest from the load cache" "$logs/v.txt" &&
  ok "a warm check parses nothing (-v)" || fail "a warm check parsed files"

# 2. An edit between two runs is seen: a new error, with its line; and
#    undoing it is seen too.
inc=$(ls "$tmp"/content/incidents/2026/*.toml | head -1)
cp "$inc" "$logs/original.toml"
printf '\nmood = "tense"\n' >>"$inc"
run check >"$logs/edited.txt" 2>&1
run check --no-cache >"$logs/edited-none.txt" 2>&1
if grep -q 'mood' "$logs/edited.txt" && cmp -s "$logs/edited.txt" "$logs/edited-none.txt"; then ok "an edited file is parsed again"
else fail "the edit was not seen"; diff "$logs/edited.txt" "$logs/edited-none.txt" | head; fi
run check -v >"$logs/v.txt" 2>&1
grep -q "^sitrep: parsed 0 of" "$logs/v.txt" && ok "the cache was rewritten after the edit" || fail "cache not rewritten"
cp "$logs/original.toml" "$inc"
run check >"$logs/undone.txt" 2>&1
cmp -s "$logs/undone.txt" "$logs/none.txt" && ok "undoing the edit is seen" || fail "undo not seen"

# 2b. A file unchanged since over a second before the load that wrote the
#     cache is not even read (its stat stamp is trusted: git's index rule);
#     an edit in place of the same size after that changes its stamp and
#     is seen.
sleep 1.2
printf '\n# a comment: parsed again, so the cache is written by this load\n' >>"$inc"
run check >/dev/null 2>&1
run check -v >"$logs/v.txt" 2>&1
grep -q "^sitrep: parsed 0 of .* (read 1 to compare" "$logs/v.txt" &&
  ok "files unchanged since before the cache's load are not read (only the one edited since)" ||
  fail "stamps not trusted: $(grep '^sitrep: parsed' "$logs/v.txt")"
other=$(grep -l '^severity = "SEV[0-9]"' "$tmp"/content/incidents/*/*.toml | grep -v "$inc" | head -1)
cp "$other" "$logs/other.toml"
python3 -c 'import sys; p = sys.argv[1]; b = open(p, "rb").read(); i = b.index(b"severity = \"SEV") + 15
f = open(p, "r+b"); f.seek(i); f.write(b"9")' "$other"  # in place, same size: SEV9 is no level
run check >"$logs/same-size.txt" 2>&1
run check --no-cache >"$logs/same-size-none.txt" 2>&1
if grep -q 'SEV9' "$logs/same-size.txt" && cmp -s "$logs/same-size.txt" "$logs/same-size-none.txt"; then
  ok "an edit in place of the same size to a trusted file is seen"
else fail "the same-size edit was not seen"; diff "$logs/same-size.txt" "$logs/same-size-none.txt" | head; fi
cp "$logs/other.toml" "$other"
cp "$logs/original.toml" "$inc"

# 3. build: the same trees with no cache and with a warm one.
run build --no-cache --out "$tmp/none" -q || fail "build --no-cache"
run build --out "$tmp/warm" -q || fail "warm build"
if [ "$(tree_sums "$tmp/none")" = "$(tree_sums "$tmp/warm")" ]; then ok "build: byte-identical trees with and without the cache"
else fail "build trees differ"; diff -r "$tmp/none" "$tmp/warm" | head; fi

# 4. A damaged cache: truncated, overwritten, emptied: ignored, same output.
for damage in truncate garbage empty; do
  case $damage in
    truncate) head -c 1000 "$cache_file" >"$logs/cut" && cp "$logs/cut" "$cache_file" ;;
    garbage) head -c 100000 /dev/urandom >"$cache_file" ;;
    empty) : >"$cache_file" ;;
  esac
  run check >"$logs/damaged.txt" 2>&1
  cmp -s "$logs/damaged.txt" "$logs/none.txt" && ok "a $damage cache file is ignored" || fail "$damage cache changed the report"
done

# 5. A cache folder that cannot be written: no error, same report.
rm -rf "$cache_dir" && mkdir -p "$XDG_CACHE_HOME" && echo "not a folder" >"$cache_dir"
run check >"$logs/unwritable.txt" 2>&1
cmp -s "$logs/unwritable.txt" "$logs/none.txt" && ok "an unwritable cache folder changes nothing" ||
  fail "unwritable cache folder: $(head -3 "$logs/unwritable.txt")"
run check --cache-dir "$tmp/elsewhere" -q && [ -n "$(ls "$tmp/elsewhere"/load-*.bin 2>/dev/null)" ] &&
  ok "--cache-dir puts the cache there" || fail "--cache-dir"

[ $failures = 0 ] && echo "load cache: all passed" || { echo "load cache: $failures failed"; exit 1; }
