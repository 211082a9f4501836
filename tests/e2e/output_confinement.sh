#!/usr/bin/env bash
# Outputs are confined like inputs (write/publish_plan.h, write/publish.h):
# `sitrep build` never writes through a symbolic link in its output (site/,
# site/public, a folder on the way inside the site root, a staging name
# taken by a link), never replaces a folder holding files it did not write,
# and a write that fails (a file in the way, the file-size limit) is an error
# naming the file and what to do. Each case: the exit code, the exact stderr,
# the previous site byte-identical, nothing written where a link points and
# no staging folder left. Root ignores permission bits, so failures are made
# in ways that hold for root too (a file where a folder goes, ulimit -f with
# SIGXFSZ ignored, which exec keeps, so write() fails with EFBIG; ENOSPC on
# a small tmpfs in a private mount namespace; EACCES as nobody through
# setpriv; each is skipped, saying so, where the machine does not allow it).
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-05-01T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail (and tree_sums, replaced below)
tree_sums() { (cd "$1" && find . -printf '%y %p\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort); }

site=$tmp/site-root
elsewhere=$tmp/elsewhere
mkdir -p "$site" "$elsewhere"
cp -r "$repo/tests/fixtures/base/content" "$repo/schemas" "$repo/themes" "$site/"
(cd "$site" && "$sitrep" build --now "$now" -q) || fail "the base site builds"
tree_sums "$site/site" >"$tmp/site-before.txt"

# name, exit code, exact stderr, then build arguments. Afterwards: the site
# as it was, $elsewhere empty, no staging folder anywhere under the root.
expect() {
  local name=$1 want=$2 message=$3
  shift 3
  (cd "$site" && "$sitrep" build --now "$now" -q "$@") >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
  check "$name" $? "$want" "$message"
}
check() {  # name, exit code, wanted exit code, wanted stderr
  local name=$1 rc=$2 want=$3 message=$4 site_now
  site_now=$(if [ -d "$site/site" ] && [ ! -L "$site/site" ]; then tree_sums "$site/site"; fi)
  if [ "$rc" != "$want" ]; then fail "$name: exit $rc (want $want)"; cat "$tmp/stderr.txt"
  elif [ "$(cat "$tmp/stderr.txt")" != "$message" ]; then fail "$name: stderr"; diff <(echo "$message") "$tmp/stderr.txt"
  elif [ -s "$tmp/stdout.txt" ]; then fail "$name: printed $(cat "$tmp/stdout.txt")"
  elif [ -n "$(ls -A "$elsewhere")" ]; then fail "$name: wrote through the link: $(ls -A "$elsewhere")"
  elif [ -n "$(find "$site" -name '.*.sitrep-new-*' ! -type l)" ]; then fail "$name: left $(find "$site" -name '.*.sitrep-new-*')"
  elif [ -n "$site_now" ] && ! cmp -s <(echo "$site_now") "$tmp/site-before.txt"; then fail "$name: the site changed"
  else ok "$name"; fi
}
link_message() {
  echo "sitrep build: refusing to write: $1 is a symbolic link, and sitrep never writes through a link in its output; remove the link, or name the folder it points to with --out, --public-dir or --internal-dir; nothing was written"
}

# Links: site/ itself (with both trees, or one), a tree in it, a folder on
# the way inside the site root.
mv "$site/site" "$tmp/real-site" && ln -s "$elsewhere" "$site/site"
expect "site/ is a link" 1 "$(link_message site)"
expect "site/ is a link, --only public" 1 "$(link_message site)" --only public
expect "site/ is a link, --only internal" 1 "$(link_message site)" --only internal
rm "$site/site" && mv "$tmp/real-site" "$site/site"

mv "$site/site/public" "$tmp/real-public" && ln -s "$elsewhere" "$site/site/public"
tree_sums "$site/site" >"$tmp/site-before.txt"
expect "site/public is a link" 1 "$(link_message site/public)"
expect "site/public is a link, --only public" 1 "$(link_message site/public)" --only public
rm "$site/site/public" && mv "$tmp/real-public" "$site/site/public"
tree_sums "$site/site" >"$tmp/site-before.txt"

ln -s "$elsewhere" "$site/out"
expect "a folder on the way inside the root is a link (--out out/site)" 1 "$(link_message out)" --out out/site
rm "$site/out"

# A staging name taken by a link before the build (the shell's pid is the
# build's: exec). The link is left alone, and nothing is written through it.
(cd "$site" && exec bash -c 'echo $$ >"$1/pid.txt"; ln -s "$2" ".site.sitrep-new-$$" && exec "$3" build --now "$4" -q' \
  _ "$tmp" "$elsewhere" "$sitrep" "$now") >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
rc=$?
staging=.site.sitrep-new-$(cat "$tmp/pid.txt")
check "a staging name taken by a link" $rc 1 "$staging:1:1: error: cannot create the staging folder: something sitrep did not make is in the way [write-failed]
  hint: remove $staging and build again; the previous site is unchanged
sitrep build: 1 error, 0 warnings while writing; the previous site is unchanged"
if [ -L "$site/$staging" ]; then ok "the link in the way is still there"; else fail "the link in the way was removed"; fi
rm -f "$site/$staging"

# Files sitrep did not write: beside the trees in site/ (refused, kept), or
# where a tree goes.
echo "mine" >"$site/site/notes.txt"
tree_sums "$site/site" >"$tmp/site-before.txt"
expect "site/ holds a file sitrep did not write" 1 \
  "sitrep build: refusing to write: the output folder site holds site/notes.txt, which sitrep did not write; a build replaces site whole, so that site/public and site/internal change together; move notes.txt out of site (or build into a folder of its own with --out) and build again; nothing was written"
(cd "$site" && "$sitrep" build --now "$now" -q --only public) >"$tmp/stdout.txt" 2>&1
if [ $? = 0 ] && [ "$(cat "$site/site/notes.txt")" = mine ]; then ok "--only public replaces site/public alone and keeps site/notes.txt"
else fail "--only public with site/notes.txt"; cat "$tmp/stdout.txt"; fi
rm "$site/site/notes.txt"
tree_sums "$site/site" >"$tmp/site-before.txt"

mv "$site/site/internal" "$tmp/real-internal" && echo "a file" >"$site/site/internal"
tree_sums "$site/site" >"$tmp/site-before.txt"
expect "site/internal is a file" 1 \
  "sitrep build: refusing to write: site/internal is not a folder, and a build replaces it whole; move it away (sitrep deletes nothing it did not write) and build again; nothing was written"
rm "$site/site/internal" && mv "$tmp/real-internal" "$site/site/internal"
tree_sums "$site/site" >"$tmp/site-before.txt"

# Run from inside site/: replacing it would pull the working folder away.
(cd "$site/site" && "$sitrep" build --root .. --now "$now" -q) >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
check "the output folder is the working folder" $? 1 \
  "sitrep build: refusing to write: the output folder . holds the working folder, and a build replaces it whole; run sitrep from outside it, or choose another --out; nothing was written"

# Write errors: a file where a folder goes (ENOTDIR), and a file over the
# file-size limit (EFBIG): the first one over 16 KiB, in the order written.
echo "x" >"$site/afile"
expect "the output folder's parent is a file" 1 "afile/site:1:1: error: cannot create folder: afile is a file, not a folder [write-failed]
  hint: move afile away, or choose another --out; the previous site is unchanged
sitrep build: 1 error, 0 warnings while writing; the previous site is unchanged" --out afile/site
rm "$site/afile"

big=$(cd "$site/site" && { find public -type f -size +16k | LC_ALL=C sort; find internal -type f -size +16k | LC_ALL=C sort; } | head -1)
(cd "$site" && trap '' XFSZ && ulimit -f 16 && exec "$sitrep" build --now "$now" -q) >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
check "a file over the size limit (ulimit -f, EFBIG)" $? 1 "site/$big:1:1: error: cannot write: File too large [write-failed]
  hint: the file is larger than this process may write (ulimit -f): raise the limit and build again; the previous site is unchanged
sitrep build: 1 error, 0 warnings while writing; the previous site is unchanged"

# A full disk (ENOSPC): a 512 KiB tmpfs in a private mount namespace holds
# one build of the base site (about 330 KiB) but not two at once, which a
# build needs while it stages the new output beside the old. -j 1: the
# first file that does not fit is always the same one (the exports, written
# side by side, are made again one after the other when one fails, so the
# same one is named every time). --no-cache: every page is written, none
# linked from the previous build (write/page_reuse.h).
small=$tmp/small
mkdir -p "$small"
if unshare -m true 2>/dev/null; then
  unshare -m bash -c '
    small=$1 site=$2 sitrep=$3 now=$4 tmp=$5
    mount -t tmpfs -o size=512k tmpfs "$small" || exit 77
    cd "$small" && "$sitrep" build --root "$site" --out site --now "$now" -q -j 1 --no-cache || exit 3
    find site -type f -exec sha256sum {} + | LC_ALL=C sort >"$tmp/full-before.txt"
    "$sitrep" build --root "$site" --out site --now "$now" -q -j 1 --no-cache >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
    rc=$?
    find site -type f -exec sha256sum {} + | LC_ALL=C sort >"$tmp/full-after.txt"
    ls -A >"$tmp/full-entries.txt"
    exit $rc' _ "$small" "$site" "$sitrep" "$now" "$tmp"
  rc=$?
  want="site/internal/metrics.json:1:1: error: cannot write: No space left on device [write-failed]
  hint: the disk holding site is full (a build needs room for the previous output and the new one at once): make room and build again; the previous site is unchanged
sitrep build: 1 error, 0 warnings while writing; the previous site is unchanged"
  if [ $rc = 77 ]; then echo "skip a full disk: no tmpfs can be mounted here"
  elif [ $rc = 1 ] && [ "$(cat "$tmp/stderr.txt")" = "$want" ] && cmp -s "$tmp/full-before.txt" "$tmp/full-after.txt" &&
       [ "$(cat "$tmp/full-entries.txt")" = site ]; then
    ok "a full disk (ENOSPC, tmpfs): the file named, the previous site byte-identical, no staging folder left"
  else fail "a full disk: exit $rc"; diff <(echo "$want") "$tmp/stderr.txt"; cat "$tmp/full-entries.txt"; fi
else
  echo "skip a full disk: no private mount namespace here (unshare -m)"
fi

# A folder the build may not write in (EACCES). Root ignores permission
# bits, so as root the build runs as nobody (setpriv) in a copy it owns.
as_user=()
[ "$(id -u)" = 0 ] && as_user=(setpriv --reuid 65534 --regid 65534 --clear-groups)
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
  ro=$tmp/readonly
  mkdir -p "$ro" && cp -r "$repo/tests/fixtures/base/content" "$repo/schemas" "$repo/themes" "$ro/"
  if [ "$(id -u)" = 0 ]; then chmod 711 "$tmp" && chown -R 65534:65534 "$ro"; fi
  (cd "$ro" && "${as_user[@]}" "$sitrep" build --now "$now" -q) || fail "the copy builds"
  before=$(tree_sums "$ro/site")
  chmod a-w "$ro"
  (cd "$ro" && "${as_user[@]}" "$sitrep" build --now "$now" -q) >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
  rc=$?
  chmod u+w "$ro"
  want="site:1:1: error: cannot create a staging folder beside it: Permission denied [write-failed]
  hint: sitrep may not write in .: make it writable for this user (or choose another --out) and build again; the previous site is unchanged
sitrep build: 1 error, 0 warnings while writing; the previous site is unchanged"
  if [ $rc = 1 ] && [ "$(cat "$tmp/stderr.txt")" = "$want" ] && [ "$(tree_sums "$ro/site")" = "$before" ]; then
    ok "a folder the build may not write in (EACCES$([ "$(id -u)" = 0 ] && echo ', as nobody'))"
  else fail "EACCES: exit $rc"; diff <(echo "$want") "$tmp/stderr.txt"; fi
else
  echo "skip a folder the build may not write in: root without setpriv ignores permission bits"
fi

(cd "$site" && "$sitrep" build --now "$now" -q) && [ -z "$(find "$site" -name '.*.sitrep-new-*')" ] &&
  ok "after all that, the site builds" || fail "the site does not build afterwards"

echo "$failures failure(s)"
[ "$failures" = 0 ]
