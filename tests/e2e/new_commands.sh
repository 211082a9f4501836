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
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

site="$tmp/site"
mkdir "$site"
cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$site/"
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

# 1. A new incident. SEV2 needs a commander, but declaring is never blocked on
# it: a warning says how to name one later.
if run new incident --now 2026-11-26T17:14:00Z --title "Sign-in failures" --severity SEV2 --components api,auth \
  --dry-run >/dev/null 2>"$tmp/warn.txt" && grep -q "role-pending" "$tmp/warn.txt" &&
  grep -q "sitrep new update $inc --commander NAME" "$tmp/warn.txt"
then ok "SEV2 without a commander: declared, with a warning saying how to name one"
else fail "SEV2 without a commander"; cat "$tmp/warn.txt"; fi
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

# 7. A SEV1 at 3 a.m., run with sitrep alone, every time a local one.
day=2026-12-03
sev1=INC-$day-001
sev1_file="$site/content/incidents/2026/$sev1.toml"
rel_file="content/incidents/2026/$sev1.toml"
step() {  # label, args...: must exit 0
  local label=$1
  shift
  if run "$@" -q >"$tmp/step.txt" 2>&1; then ok "$label"; else fail "$label"; cat "$tmp/step.txt"; fi
}
if run new incident --now "${day}T03:05" --title "Sign-in and API failures" --severity SEV1 \
  --component auth=major_outage --component api=partial_outage --started-at 02:48 --detected-at 02:52 \
  --commander "Dana Reyes" >"$tmp/out.txt" 2>"$tmp/warn.txt" && [ -f "$sev1_file" ]; then
  ok "SEV1 declared at 03:05 without a scribe (exit 0)"; else fail "SEV1 declaration"; cat "$tmp/warn.txt"; fi
grep -q "warning: SEV1 requires a named 'scribe'" "$tmp/warn.txt" && grep -q "sitrep new update $sev1 --scribe NAME" "$tmp/warn.txt" &&
  ok "the missing scribe is a warning that says how to add one" || { fail "no scribe warning"; cat "$tmp/warn.txt"; }
grep -q '^started_at = 2026-12-03T02:48:00-08:00$' "$sev1_file" && grep -q '^detected_at = 2026-12-03T02:52:00-08:00$' "$sev1_file" &&
  grep -q '^components = { auth = "major_outage", api = "partial_outage" }$' "$sev1_file" &&
  ok "real start and detection times, each component's status" || fail "declaration fields"
check_at "${day}T03:05:30" "the declared SEV1 (local --now)"
step "ack at 03:06 (entered at 03:10), naming the scribe" ack latest --now "${day}T03:10" --at 03:06 --by "Dana Reyes" \
  --scribe "Lee Park"
grep -q '^acknowledged_at = 2026-12-03T03:06:00-08:00$' "$sev1_file" && grep -q '^scribe = "Lee Park"$' "$sev1_file" &&
  grep -q '^action = "Acknowledged; scribe: Lee Park"$' "$sev1_file" && ok "acknowledged_at, [roles] and the timeline" ||
  fail "ack fields"
step "webhooks joins at 03:20" new update "$sev1" --now "${day}T03:20" --status identified \
  --component webhooks=degraded_performance --message "Webhook deliveries are delayed as well."
grep -q '^components = \["auth", "api", "webhooks"\]$' "$sev1_file" &&
  grep -q '^components = { webhooks = "degraded_performance" }$' "$sev1_file" &&
  ok "a component added mid-incident, its status in the update" || fail "component join"
step "update at 03:35 by path" new update "./$rel_file" --now "${day}T03:35" --status identified \
  --message "A fix is rolling out."
step "mitigate at 03:50" mitigate "$rel_file" --now "${day}T03:50" --by "Dana Reyes"
grep -q '^mitigated_at = 2026-12-03T03:50:00-08:00$' "$sev1_file" && ok "mitigated_at" || fail "mitigated_at"
step "resolve at 04:10" resolve latest --now "${day}T04:10" --by "Dana Reyes"
grep -q '^resolved_at = 2026-12-03T04:10:00-08:00$' "$sev1_file" && ok "resolved_at" || fail "resolved_at"
refused 1 "an update to the resolved SEV1" new update latest --now "${day}T04:15" --status monitoring
grep -q "sitrep reopen $sev1" "$tmp/out.txt" && ok "the refusal says how to reopen" || { fail "no reopen hint"; cat "$tmp/out.txt"; }
step "reopen at 04:20" reopen latest --now "${day}T04:20" --by "Dana Reyes" \
  --message "Errors are back for some users; we are investigating."
! grep -q '^resolved_at' "$sev1_file" && grep -q '^action = "Reopened (had been resolved at 04:10 PST)"$' "$sev1_file" &&
  ok "reopened: resolved_at removed, the reopening in the timeline" || fail "reopen"
check_at "${day}T04:21" "the reopened SEV1"
step "resolve again at 04:45" resolve "$sev1" --now "${day}T04:45" --by "Dana Reyes"
grep -q '^resolved_at = 2026-12-03T04:45:00-08:00$' "$sev1_file" && ok "resolved again" || fail "resolved again"
if run check --now "${day}T04:50" >"$tmp/check.txt" 2>&1 && ! grep -q "$sev1" "$tmp/check.txt"; then
  ok "check: the SEV1's file has no errors and no warnings (every SLA clock measured and met)"
else fail "check of the SEV1"; cat "$tmp/check.txt"; fi
grep -c '^\[\[timeline\]\]$' "$sev1_file" | grep -qx 7 && ok "seven timeline entries" || fail "timeline entries"

# comms in every format; the customer formats show nothing internal.
for format in chat email short slack json; do
  if run comms latest --now "${day}T04:50" --format "$format" >"$tmp/comms-$format.txt" 2>&1; then ok "comms --format $format"
  else fail "comms --format $format"; cat "$tmp/comms-$format.txt"; fi
done
grep -qx "Severity: SEV1" "$tmp/comms-chat.txt" && ok "chat keeps the internal format" || fail "chat format"
for format in email short slack json; do
  if grep -Eq "SEV1|Critical|critical|Dana|Lee Park|commander|scribe|Acknowledged|major_outage" "$tmp/comms-$format.txt"; then
    fail "comms --format $format shows internal text"; cat "$tmp/comms-$format.txt"
  else ok "comms --format $format: nothing internal"; fi
done
grep -q '^Subject: \[Resolved\] Sign-in and API failures' "$tmp/comms-email.txt" && ok "email subject" || fail "email subject"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]=="resolved" and "severity" not in d' \
  "$tmp/comms-json.txt" && ok "json reads back" || fail "json"
len=$(tr -d '\n' <"$tmp/comms-short.txt" | wc -m)
[ "$len" -le 280 ] && ok "short post: $len characters" || fail "short post is $len characters"

# A long title still fits the short post; an internal incident has no customer text.
long=$(printf 'Sign-in failures for customers using single sign-on %.0s' 1 2 3 4 5 6)
step "a long-titled SEV3" new incident --now "${day}T05:00" --title "$long" --severity SEV3 --components api
run comms latest --now "${day}T05:01" --format short >"$tmp/short.txt" 2>&1
len=$(tr -d '\n' <"$tmp/short.txt" | wc -m)
[ "$len" -le 280 ] && grep -q "https://status.acme-cloud.example/incidents/INC-$day-002/" "$tmp/short.txt" &&
  ok "short post with a ${#long}-character title: $len characters, link kept" || { fail "long short post ($len)"; cat "$tmp/short.txt"; }
step "an internal SEV3" new incident --now "${day}T05:05" --title "Batch exports late" --severity SEV3 \
  --components billing-batch --internal
refused 2 "customer comms for an internal incident" comms latest --now "${day}T05:06" --format email
grep -q "not on the public site" "$tmp/out.txt" && ok "the refusal says why" || fail "internal refusal text"
check_at "${day}T05:10" "after the SEV1 and the rest"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
