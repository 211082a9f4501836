#!/usr/bin/env bash
# Pages a build links from the site it published last (write/page_reuse.h),
# as a user meets it: after every kind of change between two builds — an
# edited incident, a later clock, a page edited by hand in site/, a damaged
# record, --only, another --out, a failed build — the tree is byte for byte
# the one a build without any cache writes, and unchanged pages are linked,
# not rendered (-v says how many).
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)    # the site root and its outputs
logs=$(mktemp -d)   # outputs of the commands, outside the site
trap 'rm -rf "$tmp" "$logs"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

# The example site and the messy one's incidents (late and missing
# timestamps, open ones whose pages change with the clock).
cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$tmp/"
cp "$repo"/tests/fixtures/valid/messy-reports/content/incidents/*.toml "$tmp/content/incidents/2026/"
cp "$repo"/tests/fixtures/valid/messy-reports/content/postmortems/*.md "$tmp/content/postmortems/"
export XDG_CACHE_HOME="$tmp/xdg"
run() { (cd "$tmp" && "$sitrep" "$@"); }
linked() { sed -n 's/^sitrep: linked \([0-9]*\) unchanged pages.*/\1/p' "$1"; }
linked_internal() { sed -n 's/^sitrep: linked .* public, \([0-9]*\) internal;.*/\1/p' "$1"; }
pieces_kept() { sed -n "s/^sitrep: took \([0-9]*\) of the exports' per-incident pieces.*/\1/p" "$1"; }
pieces_made() { sed -n "s/^sitrep: took .* from the last build and made \([0-9]*\), .*/\1/p" "$1"; }
rescanned() { sed -n 's/^sitrep: scanned \([0-9]*\) linked public pages.*/\1/p' "$1"; }
kept() { sed -n 's/^sitrep: of them, \([0-9]*\) were in the staging folder already.*/\1/p' "$1"; }

# Builds into site/ with the record, then without any cache into fresh/, at
# the same clock, and compares the trees. $1: what the step is; the rest:
# build options.
step() {
  local what=$1
  shift
  run build -v "$@" >"$logs/build.txt" 2>&1 || { fail "$what: build failed: $(grep -A3 "error:" "$logs/build.txt" | head -8)"; return; }
  rm -rf "$tmp/fresh"
  run build -q --no-cache --out "$tmp/fresh" "$@" >/dev/null 2>&1 || { fail "$what: fresh build failed"; return; }
  if [ "$(tree_sums "$tmp/site")" = "$(tree_sums "$tmp/fresh")" ]; then ok "$what: same tree as a build without cache ($(linked "$logs/build.txt") pages linked)"
  else fail "$what: trees differ"; diff -r "$tmp/site" "$tmp/fresh" | head -5; fi
}

# 1. The first build renders everything and records the pages; the second
#    links them.
step "first build" --now "$now"
[ "$(linked "$logs/build.txt")" = 0 ] && ok "the first build links nothing" || fail "first build linked pages"
record=$(ls "$XDG_CACHE_HOME"/sitrep/pages-*.txt 2>/dev/null | head -1)
[ -n "$record" ] && ok "the build records its pages under \$XDG_CACHE_HOME/sitrep" || fail "no record written"
# The cache folder is pruned when a build writes to it: the caches of a
# site root not used for 30 days (a deleted clone's) go, the others stay.
touch -d '40 days ago' "$XDG_CACHE_HOME/sitrep/load-0123456789abcdef.bin" "$XDG_CACHE_HOME/sitrep/pages-0123456789abcdef.txt"
touch -d '20 days ago' "$XDG_CACHE_HOME/sitrep/load-fedcba9876543210.bin"
step "same inputs" --now "$now"
[ ! -e "$XDG_CACHE_HOME/sitrep/load-0123456789abcdef.bin" ] && [ ! -e "$XDG_CACHE_HOME/sitrep/pages-0123456789abcdef.txt" ] &&
  [ -e "$XDG_CACHE_HOME/sitrep/load-fedcba9876543210.bin" ] && [ -e "$record" ] &&
  ok "a build prunes cache files unused for 30 days and keeps the rest" || fail "cache folder: $(ls "$XDG_CACHE_HOME/sitrep")"
pages=$(linked "$logs/build.txt")
[ "${pages:-0}" -gt 50 ] && ok "an unchanged site links its pages ($pages)" || fail "only ${pages:-0} pages linked"
[ "$(pieces_made "$logs/build.txt")" = 0 ] && [ "$(pieces_kept "$logs/build.txt")" -gt 10 ] &&
  ok "an unchanged site takes the exports' pieces from the last build ($(pieces_kept "$logs/build.txt"))" ||
  fail "export pieces: $(grep "per-incident pieces" "$logs/build.txt")"
[ "$(rescanned "$logs/build.txt")" = 0 ] && ok "linked public pages are not scanned again" ||
  fail "linked pages scanned again: $(rescanned "$logs/build.txt")"
page=$(grep -l . "$tmp"/site/public/incidents/INC-2026-01-27-001/index.html)

# 2. An edited incident: its pages are rendered, the others linked.
sed -i 's/^title = "Single sign-on failing for some organisations"/title = "Single sign-on failing for several organisations"/' \
  "$tmp/content/incidents/2026/2026-01-27-sso-signins.toml"
step "an edited incident" --now "$now"
grep -q "several organisations" "$page" && ok "the edited incident's page shows the edit" || fail "edit not shown"
# Its row of incidents.csv and object in metrics.json are made again (the
# tree is already the same as a build without cache, above).
[ "$(pieces_made "$logs/build.txt")" = 2 ] && grep -q "several organisations" "$tmp/site/internal/incidents.csv" &&
  ok "the edited incident's export pieces are made again, the others kept" ||
  fail "export pieces after an edit: $(grep "per-incident pieces" "$logs/build.txt")"
[ "$(linked "$logs/build.txt")" -lt "$pages" ] && [ "$(linked "$logs/build.txt")" -gt 0 ] &&
  ok "fewer pages linked after the edit" || fail "linked $(linked "$logs/build.txt") of $pages after an edit"
# The third build stages in the tree the second swapped out (the spare in
# site/, write/spare_tree.h): the pages both linked are already there.
[ "$(kept "$logs/build.txt")" -gt 50 ] && [ -d "$tmp/site/.site.sitrep-spare/site/public" ] &&
  ok "the spare in site/ already holds the unchanged pages ($(kept "$logs/build.txt") kept, not linked again)" ||
  fail "spare: $(grep "staging folder already" "$logs/build.txt"), $(ls -A "$tmp/site")"

# 3. A later clock: open incidents' pages change with it. A maintenance
#    window that is over has a page without the build time, kept (linked)
#    whatever the clock; one still to come shows the time and is rendered.
past_window="$tmp/site/public/maintenance/MNT-2026-09-12-db/index.html"
next_window="$tmp/site/public/maintenance/MNT-2026-12-05-network/index.html"
if ! grep -q "Status as of" "$past_window" && grep -q "Status as of" "$next_window"; then
  ok "a maintenance window that is over has no build time on its page; one to come has"
else fail "build time on maintenance pages: past $(grep -c "Status as of" "$past_window"), next $(grep -c "Status as of" "$next_window")"; fi
past_inode=$(stat -c %i "$past_window")
step "a later clock" --now 2026-12-20T08:00:00Z
[ "$(stat -c %i "$past_window")" = "$past_inode" ] && ok "the page of a window that is over is linked at a later clock" ||
  fail "the past window's page was rendered again"
grep -q "Status as of" "$next_window" && fail "the window now over still shows the build time" ||
  ok "a window that has ended since shows no build time"
sed -i 's/^title = "\(.*\)"$/title = "\1 (rescheduled notes)"/' "$tmp/content/maintenance/2026/2026-09-12-database-upgrade.toml"
step "an edited maintenance window that is over" --now 2026-12-20T08:00:00Z
grep -q "(rescheduled notes)" "$past_window" && ok "its page shows the edit" || fail "the edited window's page was linked"

# 4. Published pages changed by hand: appended to, and edited with the
#    time stamp put back; deleted. Each is rendered again.
echo "<!-- edited -->" >>"$page"
step "a page appended to by hand" --now 2026-12-20T08:00:00Z
other=$tmp/site/public/incidents/INC-2026-02-19-001/index.html
[ -f "$other" ] || other=$(ls "$tmp"/site/public/incidents/*/index.html | tail -1)
cp -p "$other" "$logs/page.html" && sed -i 's/<title>/<title>X/' "$other" && touch -r "$logs/page.html" "$other"
step "a page edited with its time stamp put back" --now 2026-12-20T08:00:00Z
rm "$other"
step "a deleted page" --now 2026-12-20T08:00:00Z
# The same file, the same size, its time stamp put back: only its change
# time tells.
cp -p "$page" "$logs/page.html"
printf 'X' | dd of="$page" bs=1 seek=20 conv=notrunc 2>/dev/null && touch -r "$logs/page.html" "$page"
cmp -s "$page" "$logs/page.html" && fail "the page was not edited"
step "a page edited in place, same size and time stamp" --now 2026-12-20T08:00:00Z

# 5. New internal text: the scan looks for it in the linked public pages too.
cat >>"$tmp/content/incidents/2026/2026-01-27-sso-signins.toml" <<'EOF'

[[timeline]]
at = 2026-01-27T10:40:00-08:00
action = "Paged the identity team about the stale metadata cache"
EOF
step "new internal text" --now 2026-12-20T08:00:00Z
[ "$(rescanned "$logs/build.txt")" -gt 0 ] && ok "the linked public pages are scanned for the new text ($(rescanned "$logs/build.txt"))" ||
  fail "linked pages not scanned after the internal texts changed"

# 5b. A public file that passed the last scan is scanned again when the
#     scan looks for new internal text: a static file holding a sentence
#     that later becomes an internal timeline entry is a leak.
mkdir -p "$tmp/content/static"
echo "Rolled back the resolver change on every edge node" >"$tmp/content/static/notes.txt"
step "a new static file" --now 2026-12-20T08:00:00Z
cp "$tmp/content/incidents/2026/2026-01-27-sso-signins.toml" "$logs/before-leak.toml"
cat >>"$tmp/content/incidents/2026/2026-01-27-sso-signins.toml" <<'EOF'

[[timeline]]
at = 2026-01-27T10:45:00-08:00
action = "Rolled back the resolver change on every edge node"
EOF
run build -q --now 2026-12-20T08:00:00Z >/dev/null 2>"$logs/leak.txt"
rc=$?
if [ $rc = 1 ] && grep -q "timeline.action is internal, but its text is in site/public/notes.txt \\[internal-text\\]" "$logs/leak.txt"
then ok "a file that passed the last scan is scanned for new internal text"
else fail "leak in a file that passed before not found (exit $rc)"; cat "$logs/leak.txt"; fi
cp "$logs/before-leak.toml" "$tmp/content/incidents/2026/2026-01-27-sso-signins.toml"
rm "$tmp/content/static/notes.txt"
step "the static file removed" --now 2026-12-20T08:00:00Z

# 5c. A template prints a sentence on every incident page, which then
#     becomes an internal timeline entry: the linked pages (their
#     fingerprints did not change) are read back and scanned, and the build
#     stops naming them all. A build that found such text, even at warning
#     level, records no page: the next build says it again.
sentence="Paged the on-call cartographer about stale map tiles"
mkdir -p "$tmp/content/templates"
sed "s|{{> footer}}|<p>$sentence</p>{{> footer}}|" "$repo/themes/default/templates/incident.mustache" \
  >"$tmp/content/templates/incident.mustache"
step "a template override" --now 2026-12-20T08:00:00Z
cp "$tmp/content/site.toml" "$logs/site.toml"
cat >>"$tmp/content/incidents/2026/2026-01-27-sso-signins.toml" <<EOF

[[timeline]]
at = 2026-01-27T10:45:00-08:00
action = "$sentence"
EOF
run build -v --now 2026-12-20T08:00:00Z >"$logs/leak.txt" 2>&1
rc=$?
others=$(sed -n 's/.*timeline.action is internal, but its text is in site\/public\/incidents\/.* (and \([0-9]*\) other public files).*/\1/p' "$logs/leak.txt")
if [ $rc = 1 ] && [ "${others:-0}" -gt 10 ]; then ok "new internal text in linked pages is found in all of them (1 + $others files)"
else fail "leak in linked pages (exit $rc, ${others:-no} other files)"; grep -E "error|linked" "$logs/leak.txt" | head -3; fi
printf '\n[rules]\n"internal-text" = "warning"\n' >>"$tmp/content/site.toml"
for round in 1 2; do
  run build --now 2026-12-20T08:00:00Z >/dev/null 2>"$logs/warn$round.txt" || fail "warning build $round failed"
done
if grep -q "warning: timeline.action is internal" "$logs/warn1.txt" && cmp -s "$logs/warn1.txt" "$logs/warn2.txt"; then
  ok "a leak at warning level is reported by every build, not linked away"
else fail "the second build dropped the warning"; diff "$logs/warn1.txt" "$logs/warn2.txt" | head -5; head -5 "$logs/warn1.txt"; fi
cp "$logs/before-leak.toml" "$tmp/content/incidents/2026/2026-01-27-sso-signins.toml"
cp "$logs/site.toml" "$tmp/content/site.toml"
rm -r "$tmp/content/templates"
step "the override removed" --now 2026-12-20T08:00:00Z

# 6. A damaged record, another binary's, an empty one: every page rendered.
for damage in garbage other-binary empty; do
  case $damage in
    garbage) head -c 5000 /dev/urandom >"$record" ;;
    other-binary) step "a good record" --now 2026-12-20T08:00:00Z >/dev/null
      sed -i '2s/.*/build 0000/' "$record" ;;
    empty) : >"$record" ;;
  esac
  step "a $damage record" --now 2026-12-20T08:00:00Z
  [ "$(linked "$logs/build.txt")" = 0 ] && ok "a $damage record links nothing" || fail "$damage record linked pages"
done

# 7. --only public, then both: the internal tree's record is kept.
echo "<!-- edited -->" >>"$page"
run build -q --now 2026-12-20T08:00:00Z --only public && rm -rf "$tmp/fresh" &&
  run build -q --no-cache --now 2026-12-20T08:00:00Z --only public --out "$tmp/fresh"
[ "$(tree_sums "$tmp/site/public")" = "$(tree_sums "$tmp/fresh/public")" ] &&
  ok "public only: same public tree as a build without cache" || fail "public only: public trees differ"
#    Again: its spare is beside site/public, in site/, and holds every page
#    it links but the one edited by hand above, which the first wrote anew.
run build -v --now 2026-12-20T08:00:00Z --only public >"$logs/build.txt" 2>&1
[ "$(tree_sums "$tmp/site/public")" = "$(tree_sums "$tmp/fresh/public")" ] &&
  [ "$(kept "$logs/build.txt")" = $(($(linked "$logs/build.txt") - 1)) ] &&
  [ -d "$tmp/site/.public.sitrep-spare/public" ] &&
  ok "public only, again: the same tree, staged in the spare beside site/public ($(kept "$logs/build.txt") kept)" ||
  fail "public only, again: kept $(kept "$logs/build.txt") of $(linked "$logs/build.txt") linked, site/ holds $(ls -A "$tmp/site" | tr "\n" " ")"
run build -v --now 2026-12-20T08:00:00Z >"$logs/build.txt" 2>&1
[ "$(linked_internal "$logs/build.txt")" -gt 50 ] && ok "after --only public the internal pages are still linked" ||
  fail "internal record lost after --only public ($(linked_internal "$logs/build.txt") internal pages linked)"

# 8. Another --out: nothing of site/ is linked there.
run build -v --now 2026-12-20T08:00:00Z --out "$tmp/other" >"$logs/build.txt" 2>&1
[ "$(linked "$logs/build.txt")" = 0 ] && ok "another --out links nothing" || fail "another --out linked pages"
#    Its trees are in the record while the folder exists, and forgotten
#    once it is removed (a throwaway --out does not stay there for ever).
run build -q --only public --now 2026-12-20T08:00:00Z >/dev/null 2>&1
grep -q "^tree .*/other/internal$" "$record" && ok "a tree of another --out is recorded" ||
  fail "no tree of $tmp/other in the record"
rm -rf "$tmp/other"
run build -q --only public --now 2026-12-20T08:00:00Z >/dev/null 2>&1
if grep -q "^tree .*/other/" "$record"; then fail "a removed --out folder stays in the record"
elif ! grep -q "^tree .*/site/internal$" "$record"; then fail "the internal tree left out by --only public was forgotten"
else ok "a removed --out folder is forgotten; a tree left out by --only is kept"; fi

# 9. A failed build leaves site/ and the record as they were: the next
#    good build links again.
cp "$tmp/content/incidents/2026/2026-01-27-sso-signins.toml" "$logs/good.toml"
echo 'severity = "SEV9"' >>"$tmp/content/incidents/2026/2026-01-27-sso-signins.toml"
run build -q --now 2026-12-20T08:00:00Z >/dev/null 2>&1 && fail "a broken incident built"
cp "$logs/good.toml" "$tmp/content/incidents/2026/2026-01-27-sso-signins.toml"
step "after a failed build" --now 2026-12-20T08:00:00Z
[ "$(linked "$logs/build.txt")" -gt 50 ] && ok "a failed build keeps the record" || fail "record lost after a failed build"

# 10. --no-cache neither reads nor writes the record.
rm -rf "$XDG_CACHE_HOME"
run build -q --no-cache --now "$now" && [ ! -e "$XDG_CACHE_HOME" ] && ok "--no-cache writes no record" ||
  fail "--no-cache wrote $(ls "$XDG_CACHE_HOME"/sitrep 2>/dev/null)"

[ $failures = 0 ] && echo "page reuse: all passed" || { echo "page reuse: $failures failed"; exit 1; }
