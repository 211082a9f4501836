#!/usr/bin/env bash
# `sitrep build` end to end: the example site builds, every page is valid
# HTML, two builds are byte-identical, a failed build leaves the previous
# site untouched, nothing internal reaches site/public, and the golden files
# match. Needs html-validate (tests/web, installed by test.sh).
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

# 1. The example site builds.
if (cd "$repo" && "$sitrep" build --now "$now" --out "$tmp/a" -q); then ok "example site builds"; else fail "example site build"; fi

# 2. Determinism: same inputs and --now, same bytes (also with more threads).
(cd "$repo" && "$sitrep" build --now "$now" --out "$tmp/b" -q -j 4)
if diff -r "$tmp/a/public" "$tmp/b/public" >/dev/null; then ok "two builds are byte-identical"; else fail "builds differ"; fi
(cd "$repo" && SOURCE_DATE_EPOCH=$(date -d "$now" +%s) "$sitrep" build --out "$tmp/c" -q)
if diff -r "$tmp/a/public" "$tmp/c/public" >/dev/null; then ok "SOURCE_DATE_EPOCH sets the clock"; else fail "SOURCE_DATE_EPOCH build differs"; fi

# 3. Golden files of the example site.
for f in $(cd "$repo/tests/golden/public" && find . -type f | sort); do
  if [ "${SITREP_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/a/public/$f" "$repo/tests/golden/public/$f"; fi
  if diff -u "$repo/tests/golden/public/$f" "$tmp/a/public/$f" >"$tmp/diff"; then ok "golden $f"; else fail "golden $f"; head -40 "$tmp/diff"; fi
done

# 4. Every page is valid HTML5 (html-validate, WCAG rules included).
validator="$repo/tests/web/node_modules/.bin/html-validate"
if [ -x "$validator" ]; then
  if (cd "$repo/tests/web" && find "$tmp/a/public" -name '*.html' -print0 | xargs -0 "$validator" --config .htmlvalidate.json); then
    ok "html-validate: every page"; else fail "html-validate"; fi
else
  fail "html-validate is not installed (run ./test.sh)"
fi

# 5. Feeds, calendar and JSON API read back by real parsers.
if [ -f "$repo/tests/e2e/read_back.py" ]; then
  if python3 "$repo/tests/e2e/read_back.py" "$tmp/a/public"; then ok "feeds, calendar, API read back"; else fail "read_back.py"; fi
fi

# 6. Atomicity: a build that fails on content errors leaves the site as it was.
cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$tmp/"
(cd "$tmp" && "$sitrep" build --now "$now" --out "$tmp/site" -q)
(cd "$tmp/site" && find . -type f -exec sha256sum {} + | sort) >"$tmp/before.txt"
printf 'id = "broken"\n' >"$tmp/content/incidents/broken.toml"
(cd "$tmp" && "$sitrep" build --now "$now" --out "$tmp/site" -q) 2>/dev/null
rc=$?
(cd "$tmp/site" && find . -type f -exec sha256sum {} + | sort) >"$tmp/after.txt"
if [ $rc -eq 1 ] && diff -q "$tmp/before.txt" "$tmp/after.txt" >/dev/null; then ok "failed build exits 1 and leaves the site untouched"
else fail "atomicity (exit $rc)"; fi
if ls -a "$tmp/site" | grep -q '\.new-'; then fail "staging folder left behind"; else ok "no staging folder left behind"; fi

# 7. Theme overrides: a site file replaces the theme's; a missing template is an error naming it.
cp -r "$repo/content" "$repo/schemas" "$tmp/" 2>/dev/null; rm -f "$tmp/content/incidents/broken.toml"
mkdir -p "$tmp/content/templates" "$tmp/content/static"
sed 's|<h2 id="components-h">Components</h2>|<h2 id="components-h">Our services</h2>|' \
  "$repo/themes/default/templates/index.mustache" >"$tmp/content/templates/index.mustache"
printf 'body { color: rebeccapurple; }\n' >"$tmp/content/static/style.css"
mkdir -p "$tmp/content/static/images" && printf 'not really a PNG\n' >"$tmp/content/static/images/logo.png"
(cd "$tmp" && "$sitrep" build --now "$now" --out "$tmp/override" -q)
# The override is published under a hash of its own bytes, and pages link that name.
css=$(grep -o 'href="style\.[0-9a-f]\{8\}\.css"' "$tmp/override/public/index.html" | sed 's/^href="//; s/"$//')
if grep -q 'Our services' "$tmp/override/public/index.html" && [ -n "$css" ] && grep -q rebeccapurple "$tmp/override/public/$css" \
   && ! grep -q 'Our services' "$tmp/override/public/history/index.html" && [ ! -e "$tmp/override/public/style.css" ] \
   && ! cmp -s "$tmp/override/public/$css" "$repo/themes/default/static/style.css"; then ok "content/templates and content/static override the theme"
else fail "theme overrides"; fi
# A site's own static file keeps its name (others may link to it) and stays out of site/internal.
if [ -f "$tmp/override/public/images/logo.png" ] && [ ! -e "$tmp/override/internal/images/logo.png" ]; then ok "a site's own static file keeps its name"
else fail "site static file"; fi
printf '{{> no_such_partial}}\n' >"$tmp/content/templates/404.mustache"
(cd "$tmp" && "$sitrep" build --now "$now" --out "$tmp/override" -q) 2>"$tmp/missing.txt"
rc=$?
if [ $rc = 1 ] && grep -q "template 'no_such_partial' is not in content/templates or themes/default/templates \[missing-template\]" "$tmp/missing.txt" \
   && grep -q 'Our services' "$tmp/override/public/index.html"; then ok "a missing template is an error naming it; the site is kept"
else fail "missing template (exit $rc)"; cat "$tmp/missing.txt"; fi

# 8. Leak test: every internal field of the fixture holds a LEAK_ marker.
# The fixture's content/ in a copy beside the repo's schemas/ and themes/.
leak="$tmp/leak-site"
mkdir -p "$leak" && cp -r "$repo/tests/fixtures/leak/content" "$repo/schemas" "$repo/themes" "$leak/"
(cd "$leak" && "$sitrep" build --now 2026-11-01T00:00:00Z --out "$tmp/leak" -q) || fail "leak fixture build"
markers=$(grep -rhoE 'LEAK[_-][A-Z0-9_-]+' "$leak/content" | sort -u)
[ -n "$markers" ] || fail "leak fixture has no markers"
leaked=0
for m in $markers; do
  if grep -rlF "$m" "$tmp/leak/public" >/dev/null 2>&1; then echo "  leaked: $m in $(grep -rlF "$m" "$tmp/leak/public" | head -3)"; leaked=1; fi
done
# Component ids and metric names are markers too, in lower case.
for m in leak-internal-component 987654321; do
  if grep -rlF "$m" "$tmp/leak/public" >/dev/null 2>&1; then echo "  leaked: $m"; leaked=1; fi
done
if grep -rlE '<script|onerror' "$tmp/leak/public"; then echo "  raw HTML passed through"; leaked=1; fi
if [ $leaked = 0 ]; then ok "no internal marker ($(echo "$markers" | wc -l) checked) reaches site/public"; else fail "leak test"; fi
[ -d "$tmp/leak/public/incidents/INC-2026-10-01-001" ] && ok "leak fixture's public incident is published" || fail "public incident missing"

echo "$failures failure(s)"
[ "$failures" = 0 ]
