#!/usr/bin/env bash
# Crash safety of `sitrep build` (write/publish.h): whatever moment a build
# is killed at, the published output is wholly the old site or wholly the new
# one — site/public and site/internal together — and nothing a deploy (which
# reads site/public) or a later build could pick up is left behind; the next
# build deletes the staging folder a killed one left beside site/.
#
# 1. Snapshots: the old (A) and new (B) site, built with the same --now from
#    content that differs by one incident, hashed per tree (listing + bytes).
# 2. Kills exactly at each step of publishing (SITREP_TEST_CRASH_AT, a
#    test-only hook: write/crash_point.h); between-swaps is never reached
#    when both trees share site/, since they are swapped in as one.
# 3. SIGKILL at seeded-random moments of builds that alternate A <-> B, until
#    $kills kills have landed (a build that finishes first is not counted);
#    every one is checked.
# 4. The per-tree cases: --only public, and trees in two unrelated folders
#    (each tree whole; the two agree again after the next build).
# Sizes: SITREP_CRASH_INCIDENTS (default 2 000, "a few thousand": about
# 4 800 files, a build of 2-4 s on two shared cores, the test ~5 min; 200
# under ASan, where the same test would take ~15 min of CI's 90 and the
# plain run has already proven the size), SITREP_CRASH_KILLS (default 50),
# SITREP_CRASH_SEED.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
incidents=${SITREP_CRASH_INCIDENTS:-$([ -n "${SITREP_UNDER_ASAN:-}" ] && echo 200 || echo 2000)}
kills=${SITREP_CRASH_KILLS:-50}
seed=${SITREP_CRASH_SEED:-14}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
SECONDS=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok   $* [${SECONDS} s]"; }

site=$tmp/s
python3 "$repo/tests/bench/generate_site.py" "$site" "$incidents" $((incidents / 10)) >/dev/null
# Version B has one incident more: it shows on public and internal pages.
extra=$tmp/INC-99999.toml
sed -e 's/^id = "INC-00001"/id = "INC-99999"/' -e 's/^title = .*/title = "The incident only version B has"/' \
  "$site/content/incidents/INC-00001.toml" >"$extra"
use() {  # A | B
  if [ "$1" = B ]; then cp "$extra" "$site/content/incidents/"; else rm -f "$site/content/incidents/INC-99999.toml"; fi
}
other() { if [ "$1" = A ]; then echo B; else echo A; fi; }
build() { "$sitrep" build --root "$site" --now "$now" -q "$@"; }
# exec: in the background, $! is sitrep itself, so the kill reaches it.
build_in_background() { exec "$sitrep" build --root "$site" --now "$now" -q; }

# A tree's digest: its listing (with types) and every file's bytes.
digest() {
  [ -d "$1" ] || { echo missing; return; }
  (cd "$1" && { find . -printf '%y %p\n' | LC_ALL=C sort; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum; } |
    sha256sum | cut -c1-16)
}
which_tree() {  # public|internal, digest -> A | B | other(...)
  local a b
  if [ "$1" = public ]; then a=$pubA b=$pubB; else a=$intA b=$intB; fi
  if [ "$2" = "$a" ]; then echo A; elif [ "$2" = "$b" ]; then echo B; else echo "other($2)"; fi
}
public_is() { which_tree public "$(digest "${1:-$site/site/public}")"; }
internal_is() { which_tree internal "$(digest "${1:-$site/site/internal}")"; }
# The published state: "A" or "B", or what is wrong.
state() {
  local out=$site/site listing p i
  if [ ! -d "$out" ] || [ -L "$out" ]; then echo "site/ is missing"; return; fi
  # The spare of a swap (write/spare_tree.h) is sitrep's and never published.
  listing=$(cd "$out" && ls -A | grep -v '^\..*\.sitrep-spare$' | tr '\n' ' ')
  if [ "$listing" != ".sitrep-output internal public " ]; then echo "site/ holds: $listing"; return; fi
  p=$(public_is) i=$(internal_is)
  if [ "$p" = "$i" ]; then echo "$p"; else echo "public is $p, internal is $i"; fi
}
# Beside site/: only the sources and staging folders sitrep marked as its
# own (or empty: killed between making one and marking it).
litter() {
  local e
  for e in $(cd "$site" && ls -A); do
    case $e in
      content | schemas | themes | site) ;;
      .site.sitrep-new-*)
        if [ -f "$site/$e/.sitrep-staging" ] || [ -z "$(ls -A "$site/$e")" ]; then :; else echo "$e (unmarked)"; fi ;;
      *) echo "$e" ;;
    esac
  done
}
staging_left() { find "$site" -maxdepth 2 -name '.*.sitrep-new-*' | wc -l; }

# 1. Snapshots, and the time of a build that replaces the other site (as
#    the killed ones do).
use B; build || fail "build B"
pubB=$(digest "$site/site/public") intB=$(digest "$site/site/internal")
use A
t0=$(date +%s%N); "$sitrep" build --root "$site" --now "$now" -v >/dev/null 2>"$tmp/phases.txt" || fail "build A"; t1=$(date +%s%N)
pubA=$(digest "$site/site/public") intA=$(digest "$site/site/internal")
ms=$(((t1 - t0) / 1000000))
# When publishing starts: after loading and rendering (-v prints both).
publish_ms=$(awk '/^sitrep: loaded .* in [0-9]+ ms$/ || /^sitrep: rendered in [0-9]+ ms$/ { t += $(NF-1) } END { print t + 0 }' "$tmp/phases.txt")
if [ "$pubA" != "$pubB" ] && [ "$intA" != "$intB" ] && [ "$(state)" = A ]; then
  ok "snapshots: A and B differ in both trees ($incidents incidents, $(find "$site/site" -type f | wc -l) files; a build takes ${ms} ms, publishing from ${publish_ms} ms)"
else fail "snapshots: public $pubA/$pubB internal $intA/$intB, state $(state)"; fi

# 2. A kill exactly at each step. Before the swap the old site stays, after
#    it the new one; the staging folder a kill leaves is beside site/, but
#    once the old site has become the spare in site/ (old-removed).
published=A
for step in staging-made writing staged swapped old-removed; do
  want=$(other "$published")
  use "$want"
  SITREP_TEST_CRASH_AT=$step build >/dev/null 2>&1
  rc=$?
  case $step in swapped | old-removed) expect=$want ;; *) expect=$published ;; esac
  case $step in old-removed) staging=0 ;; *) staging=1 ;; esac
  got=$(state) bad=$(litter)
  if [ $rc = 137 ] && [ "$got" = "$expect" ] && [ -z "$bad" ] && [ "$(staging_left)" = $staging ]; then
    ok "killed at $step: site/ is wholly $([ "$got" = "$published" ] && echo old || echo new), $staging marked staging folder beside it"
  else fail "killed at $step: exit $rc, state '$got' (want $expect), litter '$bad', $(staging_left) staging folder(s)"; fi
  published=$got
done
use "$(other "$published")"
SITREP_TEST_CRASH_AT=between-swaps build >/dev/null 2>&1
rc=$?
got=$(state)
if [ $rc = 0 ] && [ "$got" = "$(other "$published")" ] && [ "$(staging_left)" = 0 ]; then
  ok "between-swaps is never reached with both trees in site/ (one exchange); the build deleted the staging folder left before"
else fail "between-swaps: exit $rc, state $got, $(staging_left) staging folder(s)"; fi
published=$got

# 3. Kills at seeded-random moments: every other one uniform over the whole
#    build (0 .. 1.1 x its time), the others over the part that writes,
#    swaps and deletes (from the end of rendering to 1.1 x the end), where
#    every window a crash could hit is.
mapfile -t delays < <(python3 -c "
import random
r = random.Random($seed)
for i in range($((kills * 3))):
    lo = 0 if i % 2 == 0 else $publish_ms
    print(f'{r.uniform(lo, lo + 1.1 * ($ms - lo)) / 1000:.3f}')")
landed=0 finished=0 attempts=0 old=0 new=0 publishing=0
for delay in "${delays[@]}"; do
  [ $landed -ge "$kills" ] && break
  attempts=$((attempts + 1))
  want=$(other "$published")
  use "$want"
  build_in_background >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rc=$?
  got=$(state) bad=$(litter)
  if [ "$got" != A ] && [ "$got" != B ]; then fail "kill $attempts after ${delay}s (exit $rc): $got"
  elif [ -n "$bad" ]; then fail "kill $attempts after ${delay}s (exit $rc): litter beside site/: $bad"
  elif [ $rc = 0 ] && [ "$got" != "$want" ]; then fail "build $attempts finished but the site is $got"
  elif [ $rc != 0 ] && [ $rc != 137 ]; then fail "build $attempts exited $rc"
  fi
  if [ $rc = 137 ]; then
    landed=$((landed + 1))
    if [ "$got" = "$published" ]; then old=$((old + 1)); else new=$((new + 1)); fi
    [ -e "$site/.site.sitrep-new-$pid" ] && publishing=$((publishing + 1))  # it had made its staging folder
  else finished=$((finished + 1)); fi
  published=$got
  pid=
done
if [ $landed -ge "$kills" ]; then
  ok "$landed random kills (seed $seed; $finished builds finished first), $publishing of them after making their staging folder: each left site/ wholly old ($old) or wholly new ($new), public and internal together, and nothing beside it but marked staging folders"
else fail "only $landed of $kills kills landed in $attempts builds"; fi
use "$(other "$published")"
build
if [ "$(state)" = "$(other "$published")" ] && [ "$(staging_left)" = 0 ] && [ -z "$(litter)" ]; then
  ok "the next build publishes the other site and deletes every staging folder left"
else fail "after the kills: state $(state), $(staging_left) staging folder(s), litter '$(litter)'"; fi
published=$(state)

# 4a. --only public: one tree, one exchange; site/internal untouched. Its
#     staging folder is in site/, beside site/public (never in it).
internal_before=$(digest "$site/site/internal")
for step in staged swapped; do
  before=$(public_is)
  want=$(other "$before")
  use "$want"
  SITREP_TEST_CRASH_AT=$step build --only public >/dev/null 2>&1
  rc=$?
  got=$(public_is)
  expect=$([ $step = staged ] && echo "$before" || echo "$want")
  if [ $rc = 137 ] && [ "$got" = "$expect" ] && [ "$(digest "$site/site/internal")" = "$internal_before" ] &&
     [ "$(find "$site/site" -maxdepth 2 -path '*/.public.sitrep-new-*/.sitrep-staging' | wc -l)" = 1 ] &&
     [ -z "$(find "$site/site/public" -name '.sitrep-*')" ]; then
    ok "--only public killed at $step: site/public wholly $([ "$got" = "$before" ] && echo old || echo new), site/internal untouched, the staging folder beside site/public"
  else fail "--only public at $step: exit $rc, public $got (want $expect)"; ls -A "$site/site"; fi
done
build
if [ "$(state)" = "$(public_is)" ] && [ "$(staging_left)" = 0 ]; then
  ok "a full build after them: both trees agree, the staging folder in site/ is gone"
else fail "full build after --only public: state $(state), $(staging_left) staging folder(s)"; fi

# 4b. Trees in unrelated folders are swapped one by one: a kill between the
#     two swaps leaves each tree whole (public new, internal old), and the
#     next build brings them together again.
apart=(--public-dir "$tmp/www/public" --internal-dir "$tmp/reports/internal")
use A; build "${apart[@]}"
use B
SITREP_TEST_CRASH_AT=between-swaps build "${apart[@]}" >/dev/null 2>&1
rc=$?
p=$(public_is "$tmp/www/public") i=$(internal_is "$tmp/reports/internal")
if [ $rc = 137 ] && [ "$p" = B ] && [ "$i" = A ]; then
  ok "apart, killed between the swaps: public wholly new, internal wholly old (per tree, as documented)"
else fail "apart, between-swaps: exit $rc, public $p, internal $i"; fi
build "${apart[@]}"
p=$(public_is "$tmp/www/public") i=$(internal_is "$tmp/reports/internal")
if [ "$p" = B ] && [ "$i" = B ] && [ -z "$(find "$tmp/www" "$tmp/reports" -name '.*.sitrep-new-*')" ]; then
  ok "apart: the next build brings both trees to the new site and deletes the staging folders"
else fail "apart after a build: public $p, internal $i"; fi

echo "$failures failure(s) in ${SECONDS} s"
[ "$failures" = 0 ]
