#!/usr/bin/env bash
# `sitrep new incident|update|maintenance|postmortem` and `sitrep comms` end
# to end, in a copy of the example site: every file written passes
# `sitrep check` as written, an update keeps the file before it byte for
# byte, bad arguments exit 2 and write nothing, nothing is ever overwritten.
# Usage: new_commands.sh <sitrep-binary> <repo-root>
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

site="$tmp/site"
mkdir "$site"
cp -r "$repo/content" "$repo/schemas" "$site/"
ln -s "$repo/themes" "$site/themes"
run() { (cd "$site" && "$sitrep" "$@"); }
# `check` at a given clock must exit 0 (warnings allowed: they are facts).
check_at() {
  if run check --now "$1" -q >"$tmp/check.txt" 2>&1; then ok "check passes: $2"
  else fail "check fails: $2"; cat "$tmp/check.txt"; fi
}
# The command must fail with exit code $1 (after the label $2) and write nothing.
refused() {
  local want=$1 label=$2
  shift 2
  (cd "$site" && find content -type f -exec sha256sum {} + | sort) >"$tmp/before.txt"
  run "$@" >"$tmp/out.txt" 2>&1
  local rc=$?
  (cd "$site" && find content -type f -exec sha256sum {} + | sort) >"$tmp/after.txt"
  if [ "$rc" -eq "$want" ] && diff -q "$tmp/before.txt" "$tmp/after.txt" >/dev/null; then ok "refused ($rc): $label"
  else fail "not refused as expected (exit $rc, wanted $want): $label"; cat "$tmp/out.txt"; fi
}

inc=INC-2026-11-26-001
inc_file="$site/content/incidents/2026/$inc.toml"
check_at 2026-11-26T17:14:00Z "example site before anything is added"

# 1. A new incident: SEV2 needs a commander.
refused 2 "SEV2 without a commander" new incident --now 2026-11-26T17:14:00Z --title "Sign-in failures" \
  --severity SEV2 --components api,auth
refused 2 "unknown severity" new incident --now 2026-11-26T17:14:00Z --title "x" --severity SEV9 --components api \
  --commander Dana
if grep -q "did you mean 'SEV1'" "$tmp/out.txt"; then ok "unknown severity: did you mean"; else fail "no did-you-mean"; fi
refused 2 "unknown component" new incident --now 2026-11-26T17:14:00Z --title "x" --severity SEV2 --components apii \
  --commander Dana
if grep -q "did you mean 'api'" "$tmp/out.txt"; then ok "unknown component: did you mean"; else fail "no did-you-mean"; fi
if run new incident --now 2026-11-26T17:14:00Z --title "Sign-in failures" --severity SEV2 --components api,auth \
  --commander "Dana Reyes" --dry-run >"$tmp/dry.toml" && [ ! -e "$inc_file" ] && grep -q "^id = \"$inc\"" "$tmp/dry.toml"
then ok "--dry-run prints the file and writes nothing"; else fail "--dry-run"; fi
if run new incident --now 2026-11-26T17:14:00Z --title "Sign-in failures" --severity SEV2 --components api,auth \
  --commander "Dana Reyes" -q && [ -f "$inc_file" ]; then ok "new incident wrote $inc"; else fail "new incident"; fi
if cmp -s "$tmp/dry.toml" "$inc_file"; then ok "--dry-run shows exactly what is written"; else fail "dry run differs"; fi
grep -q '^started_at = 2026-11-26T09:14:00-08:00$' "$inc_file" && ok "times in the site's zone" || fail "started_at"
check_at 2026-11-26T17:20:00Z "after new incident"

# 2. Updates append; what was there stays an exact prefix (until resolved).
update() {  # status, clock, extra args...
  local status=$1 now=$2
  shift 2
  cp "$inc_file" "$tmp/prev.toml"
  if run new update "$inc" --now "$now" --status "$status" -q "$@"; then ok "new update $status"; else fail "new update $status"; fi
}
update mitigating 2026-11-26T17:40:00Z --message "We're rolling back a cache change." --component auth=degraded_performance
if cmp -s "$tmp/prev.toml" <(head -c "$(stat -c %s "$tmp/prev.toml")" "$inc_file"); then
  ok "update keeps the file as an exact prefix"; else fail "update changed existing text"; fi
check_at 2026-11-26T17:41:00Z "after mitigating"
refused 2 "unknown status" new update "$inc" --now 2026-11-26T17:50:00Z --status monitorin
if grep -q "did you mean 'monitoring'" "$tmp/out.txt"; then ok "unknown status: did you mean"; else fail "no did-you-mean"; fi
refused 2 "unknown incident" new update INC-2026-11-26-01 --now 2026-11-26T17:50:00Z --status monitoring
if grep -q "did you mean '$inc'" "$tmp/out.txt"; then ok "unknown incident: did you mean"; else fail "no did-you-mean"; fi
update monitoring 2026-11-26T18:00:00Z
grep -q '^mitigated_at = 2026-11-26T10:00:00-08:00$' "$inc_file" && ok "monitoring sets mitigated_at" || fail "mitigated_at"
check_at 2026-11-26T18:01:00Z "after monitoring"

# 3. comms: seed 003's six lines.
if run comms "$inc" --now 2026-11-26T18:05:00Z >"$tmp/comms.txt" &&
  [ "$(cut -d: -f1 "$tmp/comms.txt" | tr '\n' ,)" = "Status,Severity,Impact,Action,Next update,Owner," ] &&
  grep -qx "Status: monitoring" "$tmp/comms.txt" && grep -qx "Owner: Dana Reyes" "$tmp/comms.txt"
then ok "comms prints Status/Severity/Impact/Action/Next update/Owner"; else fail "comms"; cat "$tmp/comms.txt"; fi

update resolved 2026-11-26T18:30:00Z
grep -q '^resolved_at = 2026-11-26T10:30:00-08:00$' "$inc_file" && ok "resolved sets resolved_at" || fail "resolved_at"
check_at 2026-11-26T18:31:00Z "after resolved"
refused 1 "an update to a resolved incident" new update "$inc" --now 2026-11-26T18:40:00Z --status monitoring

# 4. The postmortem, once; a second is refused.
pm_file="$site/content/postmortems/2026/$inc.md"
if run new postmortem "$inc" --now 2026-11-26T19:00:00Z -q && [ -f "$pm_file" ]; then ok "new postmortem"; else fail "new postmortem"; fi
grep -q '^## Timeline$' "$pm_file" && grep -q '^| Action | Owner | Due | Status |$' "$pm_file" &&
  ok "postmortem has the template's sections and action table" || fail "postmortem layout"
check_at 2026-11-26T19:01:00Z "after new postmortem"
refused 1 "a second postmortem" new postmortem "$inc" --now 2026-11-26T19:05:00Z

# 5. Maintenance.
if run new maintenance --now 2026-11-26T19:10:00Z --title "Database upgrade" --components db \
  --start 2026-12-12T22:00:00-08:00 --end 2026-12-13T01:00:00-08:00 --message "Upgrading the primary database." -q &&
  [ -f "$site/content/maintenance/2026/MNT-2026-12-12-001.toml" ]; then ok "new maintenance"; else fail "new maintenance"; fi
check_at 2026-11-26T19:11:00Z "after new maintenance"
refused 2 "a window that ends before it starts" new maintenance --now 2026-11-26T19:10:00Z --title x --components db \
  --start 2026-12-12T22:00:00-08:00 --end 2026-12-12T21:00:00-08:00

# 6. Never overwrite: a file already at the path the next incident would take
# (one that does not even parse, so the site does not know its id).
stray="$site/content/incidents/2026/INC-2026-11-26-002.toml"
printf 'not toml\n' >"$stray"
refused 1 "a file already at the new incident's path" new incident --now 2026-11-26T19:20:00Z --title "x" \
  --severity SEV3 --components api
if [ "$(cat "$stray")" = "not toml" ]; then ok "the existing file is untouched"; else fail "existing file overwritten"; fi
rm "$stray"
check_at 2026-11-26T19:21:00Z "at the end"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
