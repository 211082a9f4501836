#!/usr/bin/env bash
# `sitrep build --only public|internal`, `--public-dir`, `--internal-dir`,
# and the refusals that keep the internal reports out of the public folder:
# each refusal exits 1 with its exact message and leaves the site as it was.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)    # the site root and its outputs
logs=$(mktemp -d)   # outputs of the commands and snapshots, outside the site
trap 'rm -rf "$tmp" "$logs"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums
count() { find "$1" -type f | wc -l; }

cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$tmp/"
build() { (cd "$tmp" && "$sitrep" build --now "$now" "$@"); }

# 1. Both trees (the default); the internal one carries its marker.
build -q || fail "full build"
if [ -f "$tmp/site/internal/.sitrep-internal" ] && [ -z "$(find "$tmp/site/public" -name .sitrep-internal)" ]; then
  ok "the internal tree has .sitrep-internal at its root; the public tree has none"
else fail "marker"; fi

# 2. --only public: renders no internal page, writes no internal file, and
#    leaves the internal tree byte-identical.
tree_sums "$tmp/site/internal" >"$logs/internal-before.txt"
build --only public -v >"$logs/out.txt" 2>"$logs/err.txt"
rc=$?
tree_sums "$tmp/site/internal" >"$logs/internal-after.txt"
if [ $rc = 0 ] && cmp -s "$logs/internal-before.txt" "$logs/internal-after.txt"; then ok "--only public leaves site/internal byte-identical"
else fail "--only public (exit $rc)"; cat "$logs/err.txt"; fi
if grep -q 'render_internal\|internal context' "$logs/err.txt"; then fail "--only public rendered internal pages"; else ok "--only public renders no internal page (-v)"; fi
want="sitrep build: wrote $(count "$tmp/site/public") files to site/public (public only; site/internal was not built or touched)"
if [ "$(head -1 "$logs/out.txt")" = "$want" ]; then ok "--only public summary"; else fail "summary: $(head -1 "$logs/out.txt") / want $want"; fi
build --only public --out "$tmp/fresh" -q
if [ -d "$tmp/fresh/public" ] && [ "$(ls -A "$tmp/fresh")" = public ]; then ok "--only public into a new folder writes public/ alone"
else fail "--only public wrote: $(ls -A "$tmp/fresh")"; fi
if diff -r "$tmp/fresh/public" "$tmp/site/public" >/dev/null; then ok "--only public writes the same public tree as a full build"; else fail "public trees differ"; fi

# 3. --only internal: the public tree is left as it was.
tree_sums "$tmp/site/public" >"$logs/public-before.txt"
build --only internal >"$logs/out.txt" 2>"$logs/err.txt"
rc=$?
tree_sums "$tmp/site/public" >"$logs/public-after.txt"
if [ $rc = 0 ] && cmp -s "$logs/public-before.txt" "$logs/public-after.txt" && cmp -s "$logs/internal-before.txt" <(tree_sums "$tmp/site/internal")
then ok "--only internal rewrites site/internal alone, the same bytes"; else fail "--only internal (exit $rc)"; cat "$logs/err.txt"; fi
want="sitrep build: wrote $(count "$tmp/site/internal") files to site/internal (internal only; site/public was not built or touched)"
if [ "$(head -1 "$logs/out.txt")" = "$want" ]; then ok "--only internal summary"; else fail "summary: $(head -1 "$logs/out.txt") / want $want"; fi

# 4. GitLab Pages: the public site in ./public at the repository root.
build --only public --public-dir public -q
if [ -f "$tmp/public/index.html" ] && diff -r "$tmp/public" "$tmp/site/public" >/dev/null; then ok "--only public --public-dir public"
else fail "--public-dir public"; fi
build --public-dir "$tmp/elsewhere/pub" --internal-dir "$tmp/elsewhere/int" -q
if [ -f "$tmp/elsewhere/pub/index.html" ] && [ -f "$tmp/elsewhere/int/.sitrep-internal" ]; then ok "--public-dir and --internal-dir place each tree"
else fail "--public-dir/--internal-dir"; fi

# 5. Refusals: exit 1, the exact message on stderr, nothing on stdout, and
#    every folder as it was.
tree_sums "$tmp" >"$logs/before.txt"
refused() {  # name, expected message, build arguments...
  local name=$1 message=$2; shift 2
  build "$@" >"$logs/out.txt" 2>"$logs/err.txt"
  local rc=$?
  if [ $rc = 1 ] && [ "$(cat "$logs/err.txt")" = "$message" ] && [ ! -s "$logs/out.txt" ] \
     && tree_sums "$tmp" | cmp -s - "$logs/before.txt" && [ -z "$(find "$tmp" -name '.*.new-*' -o -name '.*.sitrep-new-*')" ]; then
    ok "refused: $name"
  else
    fail "refusal $name (exit $rc)"; diff <(echo "$message") "$logs/err.txt"; cat "$logs/out.txt"
  fi
}
refused "internal folder inside the public folder" \
  "sitrep build: refusing to write: the internal folder site/public/internal is inside the public folder site/public, so publishing it would publish the internal reports; put the internal folder outside it with --internal-dir (the default is <out>/internal, beside <out>/public); nothing was written" \
  --internal-dir site/public/internal
refused "internal folder is the public folder, spelt with .." \
  "sitrep build: refusing to write: the internal folder site/x/../public is the public folder, so publishing site/public would publish the internal reports; give each tree its own folder with --public-dir and --internal-dir, side by side (the default is <out>/public and <out>/internal); nothing was written" \
  --internal-dir site/x/../public
refused "public folder inside the internal folder" \
  "sitrep build: refusing to write: the public folder site/internal/public is inside the internal folder site/internal, and each build replaces the internal folder whole, deleting the public site in it; put the public folder outside it with --public-dir (the default is <out>/public, beside <out>/internal); nothing was written" \
  --public-dir site/internal/public
refused "public folder holds the site's sources" \
  "sitrep build: refusing to write: the public folder . holds the site's sources (.), and a build replaces that folder whole; choose another folder; nothing was written" \
  --only public --public-dir .
rm -f "$logs/before.txt"

# An internal tree copied under the public folder, found by its marker;
# also with --only public, and through a symlink.
cp -r "$tmp/site/internal" "$tmp/site/public/reports"
tree_sums "$tmp" >"$logs/before.txt"
message="sitrep build: refusing to write: the public folder site/public holds an internal tree (site/public/reports/.sitrep-internal), and publishing the folder would publish it; move that tree out of site/public (internal reports belong beside the public site) and build again; nothing was written"
refused "an internal tree copied into the public folder" "$message"
refused "the same with --only public" "$message" --only public
rm -f "$logs/before.txt"
rm -rf "$tmp/site/public/reports"
ln -s ../internal "$tmp/site/public/reports"
tree_sums "$tmp" >"$logs/before.txt"
refused "a symlink in the public folder to the internal tree" "$message" --only public
rm -f "$logs/before.txt" "$tmp/site/public/reports"

echo "$failures failure(s)"
[ "$failures" = 0 ]
