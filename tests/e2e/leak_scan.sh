#!/usr/bin/env bash
# The leak scan of `sitrep build`: a template that prints text found only in
# an internal field (here pasted into an override, as a theme mistake would)
# stops the build with exit 1 and the exact diagnostic, before anything is
# published (what was staged is deleted): the previous site stays as it was.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

site="$tmp/site"
mkdir -p "$site" && cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$site/"
# The test's own cache folder: the first build keeps the scan's search there
# (render/leak_search_file.h), and the build with the mistake, whose content
# texts are the same, scans with that search.
export XDG_CACHE_HOME="$tmp/xdg"
if (cd "$site" && "$sitrep" build --now "$now" -q); then ok "the example site builds"; else fail "example build"; fi
if compgen -G "$XDG_CACHE_HOME/sitrep/leak-*.bin" >/dev/null; then ok "the build kept the leak scan's search"; else fail "no leak-*.bin in $XDG_CACHE_HOME/sitrep"; fi
(cd "$site/site" && find . -type f -exec sha256sum {} + | sort) >"$tmp/before.txt"

# The root cause of an incident is internal; an override prints it word for word.
internal='An identity provider rotated its SAML signing certificate ahead of schedule. Our metadata refresh runs every 24 hours, so assertions signed with the new certificate were rejected until metadata was refreshed manually.'
grep -qF "summary = \"$internal\"" "$site/content/incidents/2026/2026-01-27-sso-signins.toml" || fail "the internal text moved"
mkdir -p "$site/content/templates"
sed "s|{{> footer}}|<p>$internal</p>{{> footer}}|" "$repo/themes/default/templates/incident.mustache" >"$site/content/templates/incident.mustache"
grep -qF "$internal" "$site/content/templates/incident.mustache" || fail "the template was not changed"
(cd "$site" && "$sitrep" build --now "$now" -q) >"$tmp/stdout.txt" 2>"$tmp/stderr.txt"
rc=$?
cat >"$tmp/expected.txt" <<TXT
content/incidents/2026/2026-01-27-sso-signins.toml:62:12: error: root_cause.summary is internal, but its text is in site/public/incidents/INC-2024-03-15-001/index.html (and 14 other public files) [internal-text]
TXT
if [ $rc = 1 ] && grep -qxF -f "$tmp/expected.txt" "$tmp/stderr.txt"; then ok "build exits 1 naming the field, its line and the public file"
else fail "leak scan (exit $rc)"; cat "$tmp/stderr.txt"; fi
if grep -qF "hint: a template or static file prints it" "$tmp/stderr.txt"; then ok "the hint says what to do"; else fail "hint"; fi
(cd "$site/site" && find . -type f -exec sha256sum {} + | sort) >"$tmp/after.txt"
if diff -q "$tmp/before.txt" "$tmp/after.txt" >/dev/null; then ok "the previous site is untouched"; else fail "the site changed"; fi
# Pages are staged as they are rendered: the staging folder beside site/
# (.site.sitrep-new-<pid>) must be gone too.
if ls -a "$site" "$site/site" | grep -q 'new-'; then fail "staging folder left behind"; else ok "no staging folder left behind"; fi

# The same build without the mistake passes again.
rm "$site/content/templates/incident.mustache"
if (cd "$site" && "$sitrep" build --now "$now" -q); then ok "without the mistake the build passes"; else fail "clean rebuild"; fi

# Internal text that a public field also says is not a leak: a timeline
# entry copying a line of a public update is on the public page through the
# update, and the build passes.
file="$site/content/incidents/2026/2026-01-27-sso-signins.toml"
sed -i 's|^action = "Support reports SSO errors from two organisations"$|action = "signing in. Signing in with a password still works for accounts that have one."|' "$file"
grep -qF 'action = "signing in. Signing in' "$file" || fail "the timeline entry was not changed"
if (cd "$site" && "$sitrep" build --now "$now" -q) && grep -rqF "Signing in with a password still works" "$site/site/public/incidents/"; then
  ok "internal text also said in a public field is not reported"
else fail "a line shared with a public update was reported as a leak"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
