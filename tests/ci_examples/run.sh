#!/usr/bin/env bash
# examples/ci, tested the way each CI service would read it:
#  1. the GitHub Actions workflow passes action-validator (GitHub's workflow
#     schema), and a broken copy fails it (so the check can fail);
#  2. the GitLab CI file runs end to end under gitlab-ci-local (shell
#     executor, GitLab's JSON schema on) on a git repository holding the
#     example site: a merge request (check + Code Quality report + preview),
#     a merge request with a broken incident file (the job fails and the
#     report names the file and line), a push to main (Pages: the public
#     site only), and scheduled runs when the state did and did not change
#     by the clock.
# The pipelines install sitrep with scripts/setup.sh unless $SITREP already
# exists; the test passes the binary under test so it is not compiled twice.
# Usage: run.sh SITREP_BINARY REPO_ROOT
set -euo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
here="$repo/tests/ci_examples"
bin="$here/node_modules/.bin"
command -v node >/dev/null || { echo "skip: no node"; exit 77; }
[ -x "$bin/gitlab-ci-local" ] || { echo "FAIL: run 'npm ci' in tests/ci_examples (test.sh does)"; exit 1; }
command -v rsync >/dev/null || { echo "FAIL: gitlab-ci-local needs rsync (scripts/setup.sh installs it)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# 1. GitHub Actions
workflow="$repo/examples/ci/github/status-site.yml"
if "$bin/action-validator" "$workflow" >"$tmp/av.txt" 2>&1; then ok "github workflow passes action-validator"
else cat "$tmp/av.txt"; fail "github workflow passes action-validator"; fi
sed 's/runs-on:/runs_on:/' "$workflow" > "$tmp/broken.yml"
if "$bin/action-validator" "$tmp/broken.yml" >/dev/null 2>&1; then fail "action-validator rejects a broken workflow"
else ok "action-validator rejects a broken workflow"; fi
# Every sitrep command line in the workflow exists with those options.
cat "$workflow" "$repo/examples/ci/gitlab/.gitlab-ci.yml" | grep -v '^[[:space:]]*#' \
  | grep -o '\$SITREP [a-z-]* [^|>&;]*' | sort -u > "$tmp/commands.txt"
while read -r _ cmd rest; do
  "$sitrep" "$cmd" --help >"$tmp/help.txt" 2>&1 || { fail "sitrep $cmd exists"; continue; }
  for opt in $(grep -o -- '--[a-z-]*' <<<"$rest"); do
    grep -q -- "$opt" "$tmp/help.txt" || fail "sitrep $cmd has option $opt (used in examples/ci)"
  done
done < "$tmp/commands.txt"
ok "examples/ci use only existing commands and options ($(wc -l < "$tmp/commands.txt") command lines)"

# 2. GitLab CI, run locally. A repository holding the example site.
site="$tmp/site"
mkdir -p "$site/examples/ci"
cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$repo/scripts" "$site/"
cp "$repo/examples/ci/clock-due.sh" "$site/examples/ci/"
cp "$repo/examples/ci/gitlab/.gitlab-ci.yml" "$site/"
git -C "$site" init -q -b main
git -C "$site" remote add origin https://gitlab.example.com/acme/status.git
git -C "$site" add -A
git -C "$site" -c user.email=ci@example.com -c user.name=ci commit -qm "status site"

# epoch SOURCE ARGS...: one pipeline at a fixed clock; its log in $tmp/log.txt.
pipeline() {
  local epoch=$1 source=$2
  shift 2
  rm -rf "$site/public" "$site/preview" "$site/gl-code-quality-report.json" "$site/.gitlab-ci-local"
  (cd "$site" && timeout 300 "$bin/gitlab-ci-local" --force-shell-executor --json-schema-validation --no-color \
    --variable "SITREP=$sitrep" --variable "SOURCE_DATE_EPOCH=$epoch" --variable "CI_PIPELINE_SOURCE=$source" "$@") \
    >"$tmp/log.txt" 2>&1
}
at() { date -u -d "$1" +%s; }

# A merge request: check passes, the report is an empty list, the preview is the public site only.
if pipeline "$(at 2026-12-02T12:00:00Z)" merge_request_event; then ok "merge request pipeline passes"
else cat "$tmp/log.txt"; fail "merge request pipeline passes"; fi
grep -q "PASS  check" "$tmp/log.txt" && grep -q "PASS  preview" "$tmp/log.txt" && ! grep -q "pages" "$tmp/log.txt" \
  && ok "merge request runs check and preview, not pages" || { cat "$tmp/log.txt"; fail "merge request runs check and preview"; }
python3 - "$site/gl-code-quality-report.json" <<'PY' && ok "code quality report is a JSON list" || fail "code quality report is a JSON list"
import json, sys
report = json.load(open(sys.argv[1]))
assert isinstance(report, list), report
PY
[ -f "$site/preview/index.html" ] && [ -f "$site/preview/api/v2/summary.json" ] && ! find "$site/preview" -name .sitrep-internal | grep -q . \
  && ok "preview artifact holds the public site" || fail "preview artifact holds the public site"

# A merge request with a broken incident file: the job fails, the report names it.
cat > "$site/content/incidents/2026/2026-12-01-broken.toml" <<'TOML'
id = "INC-2026-12-01-001"
title = "Broken"
severity = "SEV9"
TOML
git -C "$site" add -A && git -C "$site" -c user.email=ci@example.com -c user.name=ci commit -qm broken
if pipeline "$(at 2026-12-02T12:00:00Z)" merge_request_event; then fail "a broken incident fails the merge request pipeline"
else ok "a broken incident fails the merge request pipeline"; fi
python3 - "$site/gl-code-quality-report.json" <<'PY' && ok "the report names the broken file and line" || { cat "$tmp/log.txt"; fail "the report names the broken file and line"; }
import json, sys
report = json.load(open(sys.argv[1]))
hits = [r for r in report if r["location"]["path"] == "content/incidents/2026/2026-12-01-broken.toml"]
assert any(r["check_name"] == "unknown-severity" and r["location"]["lines"]["begin"] == 3 for r in hits), report
PY
git -C "$site" rm -q content/incidents/2026/2026-12-01-broken.toml
git -C "$site" -c user.email=ci@example.com -c user.name=ci commit -qm fixed

# A push to main: pages builds the public site, and nothing internal.
if pipeline "$(at 2026-12-02T12:00:00Z)" push; then ok "push pipeline passes"
else cat "$tmp/log.txt"; fail "push pipeline passes"; fi
grep -q "PASS  pages" "$tmp/log.txt" && ! grep -q "check" "$tmp/log.txt" && ok "push runs pages only" || fail "push runs pages only"
[ -f "$site/public/index.html" ] && [ -f "$site/public/history.atom" ] && ok "pages artifact: public/ holds the site" \
  || fail "pages artifact: public/ holds the site"
if find "$site/public" -name .sitrep-internal | grep -q . || [ -e "$site/site/internal" ]; then
  fail "nothing internal in public/"
else ok "nothing internal in public/"; fi

# Schedules around the example's maintenance window (2026-12-06 06:00-15:00 UTC):
# 5 minutes after it starts the state changed by the clock; an hour later it did not.
if pipeline "$(at 2026-12-06T06:05:00Z)" schedule && grep -q "PASS  pages" "$tmp/log.txt" && [ -f "$site/public/index.html" ]; then
  ok "schedule just after the window starts: rebuilt"
else cat "$tmp/log.txt"; fail "schedule just after the window starts: rebuilt"; fi
pipeline "$(at 2026-12-06T07:00:00Z)" schedule || true
if grep -q "nothing to deploy" "$tmp/log.txt" && [ ! -e "$site/public/index.html" ]; then
  ok "schedule with no change by the clock: nothing deployed"
else cat "$tmp/log.txt"; fail "schedule with no change by the clock: nothing deployed"; fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all ci example checks passed"
