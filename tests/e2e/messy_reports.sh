#!/usr/bin/env bash
# The internal reports on messy content (tests/fixtures/valid/messy-reports),
# read back with real parsers and held to figures computed by hand from the
# content files (the comments in the fixture say how):
#   follow-ups in an incident, in its postmortem and in both (one item each),
#   owners with accented and CJK names and names differing only in case or
#   punctuation (one page each), a resolved SEV1 never acknowledged (not
#   measurable, not "met"), a breach by 30 seconds (the seconds shown), and
#   the unfinished month marked "to date".
#
# Usage: messy_reports.sh SITREP_BINARY REPO_ROOT
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-04-20T12:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The fixture's content/ in a copy beside the repo's schemas/ and themes/.
site="$tmp/site"
mkdir -p "$site" && cp -r "$repo/tests/fixtures/valid/messy-reports/content" "$repo/schemas" "$repo/themes" "$site/"

if ! "$sitrep" build --root "$site" --now "$now" --out "$tmp/out" -q 2>"$tmp/build.txt"; then
  echo "FAIL build"; cat "$tmp/build.txt"; exit 1
fi
"$sitrep" check --root "$site" --now "$now" --format json >"$tmp/check.json" 2>/dev/null

python3 - "$tmp/out/internal" "$tmp/check.json" <<'PY'
import csv, json, os, re, sys
internal, check_path = sys.argv[1], sys.argv[2]
failures = 0
def expect(name, got, want):
    global failures
    if got == want:
        print(f"ok   {name}")
    else:
        failures += 1
        print(f"FAIL {name}: got {got!r}, expected {want!r}")

# 1. Follow-ups: one list, every item once, counted the same everywhere.
with open(os.path.join(internal, "actions.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
by_action = {r["action"]: r for r in rows}
expect("actions.csv has one row per follow-up", len(rows), 6)
expect("incident-only item kept", "Page the secondary on-call when the primary does not acknowledge" in by_action, True)
expect("postmortem-only item kept", "Check certificate host names in CI" in by_action, True)
canary = [r for r in rows if "login canary" in r["action"].lower()]
expect("item in both places is one row", len(canary), 1)
expect("the postmortem's status wins", canary[0]["status"] if canary else None, "done")
owners = sorted(r["owner"] for r in rows)
expect("owners as written", owners,
       sorted(["李雷", "Zoë Ångström", "王芳", "j. smith", "J Smith", "Zoé Ångström"]))

check = json.load(open(check_path, encoding="utf-8"))
diags = check["diagnostics"] if isinstance(check, dict) else check
overdue = sorted(d["message"] for d in diags if d["rule"] == "action-overdue")
expect("check warns once per overdue item", len(overdue), 2)
open_rows = [r for r in rows if r["status"] == "open"]
expect("open items", len(open_rows), 5)

# 2. Owner pages: six owners, six pages, each linked from the tracker.
tracker = open(os.path.join(internal, "followups.html"), encoding="utf-8").read()
owner_links = sorted(set(re.findall(r'href="(followups/[^"]+\.html)"', tracker)))
expect("one page per owner", len(owner_links), 6)
for link in owner_links:
    if not os.path.isfile(os.path.join(internal, link)):
        failures += 1; print(f"FAIL owner page missing: {link}")

# 3. Missing timestamps never improve a result.
metrics = json.load(open(os.path.join(internal, "metrics.json"), encoding="utf-8"))
incidents = {m["incident_id"]: m for m in metrics["incidents"]}
sev1 = incidents["INC-2026-03-02-001"]
expect("never-acknowledged SEV1 is not measurable", sev1["sla"]["overall_sla_state"], "not_measurable")
expect("... with its reason", sev1["sla"]["overall_sla_reason"], "acknowledge: acknowledged_at missing")
expect("... and not counted as met", sev1["sla"]["overall_sla_met"], None)
expect("its measurable clocks are still shown", sev1["sla"]["mitigation_sla_met"], True)
expect("follow-ups counted once for the SEV1", sev1["action_items_count"], 5)
months = {p["period"]: p for p in metrics["statistics"]["monthly"]}
expect("March compliance rate leaves it out", months["2026-03"]["sla_compliance_rate"], None)
expect("March counts it as not measurable", months["2026-03"]["sla_not_measurable"], 1)

# 5. The 30-second breach keeps its seconds.
webhooks = incidents["INC-2026-04-07-001"]
ack = [c for c in webhooks["sla"]["clocks"] if c["name"] == "acknowledge"][0]
expect("breach by 30 s: breached", webhooks["sla"]["overall_sla_state"], "breached")
expect("breach by 30 s: elapsed seconds", ack["elapsed_seconds"], 4 * 3600 + 30)
expect("breach by 30 s: over by", ack["over_seconds"], 30)
page = open(os.path.join(internal, "incidents", "INC-2026-04-07-001.html"), encoding="utf-8").read()
expect("the page shows 4h 0m 30s", "4h 0m 30s" in page, True)

# 4. The unfinished month is marked to date.
expect("April is to date", months["2026-04"]["data_quality"]["to_date"], True)
expect("March is not", months["2026-03"]["data_quality"]["to_date"], False)
expect("April compliance: the breach, 0 of 1", months["2026-04"]["sla_compliance_rate"], 0.0)
monthly_page = open(os.path.join(internal, "statistics-monthly.html"), encoding="utf-8").read()
expect("the monthly page says to date", "to date" in monthly_page, True)

sys.exit(1 if failures else 0)
PY
