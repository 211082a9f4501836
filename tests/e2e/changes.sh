#!/usr/bin/env bash
# `sitrep changes` and `sitrep next-change` end to end (docs/changes.md), in
# a copy of the example site: publish at one clock, then post an update,
# resolve, publish a postmortem; the events against the published folder and
# against the same folder over HTTP are exact, a second run against the new
# build gives none; a first publish announces only what is open or coming;
# a bad previous site exits 1 naming the file; next-change is exact around
# the example's maintenance window; the new build's feeds carry the
# postmortem (feedparser).
# Usage: changes.sh <sitrep-binary> <repo-root>
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums
# same LABEL EXPECTED_FILE ACTUAL_FILE
same() {
  if diff -u "$2" "$3" >"$tmp/diff"; then ok "$1"; else fail "$1"; cat "$tmp/diff"; fi
}

site="$tmp/site"
mkdir "$site"
cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$site/"
run() { (cd "$site" && "$sitrep" "$@"); }

inc=INC-2026-11-26-001
# 1. An incident is open when the site is published.
run new incident --title "Webhook deliveries delayed" --severity SEV2 --component webhooks=degraded_performance \
  --started-at 2026-11-26T17:00:00Z --message "Webhooks are arriving late; we are investigating." \
  --commander Dana --scribe Lee --comms Sam --now 2026-11-26T17:05:00Z -q >/dev/null 2>&1 || fail "new incident"
run build --now 2026-11-26T17:30:00Z --out "$tmp/was" -q || fail "build of the published site"

# 2. Since then: an update, the resolution, a postmortem made public and final.
run new update "$inc" --status identified --at 2026-11-26T17:40:00Z --message "A queue worker was stuck; restarting it." \
  --now 2026-11-26T17:41:00Z -q >/dev/null 2>&1 || fail "new update"
run resolve "$inc" --at 2026-11-26T18:00:00Z --message "Deliveries are back to normal." \
  --now 2026-11-26T18:01:00Z -q >/dev/null 2>&1 || fail "resolve"
pm="$site/content/postmortems/2026/2026-11-10-api-slowness.md"
sed -i -e 's/^status = "in_review"/status = "final"/' -e 's/^public = false/public = true/' "$pm"
if run check --now 2026-11-26T18:30:00Z -q >"$tmp/check.txt" 2>&1; then ok "edited site passes check"
else fail "edited site fails check"; cat "$tmp/check.txt"; fi

now=2026-11-26T18:30:00Z
cat >"$tmp/want.txt" <<'TXT'
2026-11-13T08:00:00Z  postmortem_published  INC-2026-11-10-001  Slow API responses and ticket portal timeouts: postmortem published
2026-11-26T17:40:00Z  update_posted  INC-2026-11-26-001  Webhook deliveries delayed: identified: A queue worker was stuck; restarting it.
2026-11-26T18:00:00Z  incident_resolved  INC-2026-11-26-001  Webhook deliveries delayed: resolved: Deliveries are back to normal.
TXT

# 3. Against the published folder: its root and its api/v2 folder alike.
run changes --previous "$tmp/was/public" --now "$now" >"$tmp/out.txt" 2>"$tmp/err.txt"
rc=$?
[ $rc = 0 ] || fail "changes exit $rc"
same "changes --previous <site root>: exact events" "$tmp/want.txt" "$tmp/out.txt"
echo "sitrep changes: 3 events since $tmp/was/public/api/v2" >"$tmp/want_err.txt"
same "changes: summary on stderr" "$tmp/want_err.txt" "$tmp/err.txt"
run changes --previous "$tmp/was/public/api/v2" --now "$now" -q >"$tmp/out2.txt" 2>&1
same "changes --previous <api/v2 folder>: same events" "$tmp/want.txt" "$tmp/out2.txt"

# 4. JSON: the ids, and the shape notify reads.
run changes --previous "$tmp/was/public" --now "$now" --format json -q >"$tmp/events.json" || fail "changes --format json"
python3 - "$tmp/events.json" >"$tmp/ids.txt" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for e in doc["events"]:
    print(e["id"], e["item_type"], e["url"], ",".join(e["components"]))
PY
cat >"$tmp/want_ids.txt" <<'TXT'
postmortem_published:INC-2026-11-10-001 incident https://status.acme-cloud.example/incidents/INC-2026-11-10-001/ api,ticket-portal,db
update_posted:INC-2026-11-26-001:2026-11-26T17:40:00Z incident https://status.acme-cloud.example/incidents/INC-2026-11-26-001/ webhooks
incident_resolved:INC-2026-11-26-001:2026-11-26T18:00:00Z incident https://status.acme-cloud.example/incidents/INC-2026-11-26-001/ webhooks
TXT
same "changes --format json: ids, types, links, components" "$tmp/want_ids.txt" "$tmp/ids.txt"
run changes --previous "$tmp/was/public" --now "$now" --format json -q >"$tmp/events2.json"
if cmp -s "$tmp/events.json" "$tmp/events2.json"; then ok "a rerun prints the same events byte for byte"
else fail "reruns differ"; fi

# 4b. notify --previous computes the same events as changes --previous | notify --events.
cat >"$tmp/targets.toml" <<'TOML'
[[target]]
name = "hook"
kind = "webhook"
url = "http://127.0.0.1:9/never-called"
TOML
run notify --events "$tmp/events.json" --targets "$tmp/targets.toml" --ledger "$tmp/ledger.json" --dry-run \
  --now "$now" -q >"$tmp/notify_events.txt" 2>&1 || fail "notify --events --dry-run"
run notify --previous "$tmp/was/public" --targets "$tmp/targets.toml" --ledger "$tmp/ledger.json" --dry-run \
  --now "$now" -q >"$tmp/notify_previous.txt" 2>&1 || fail "notify --previous --dry-run"
if [ "$(grep -c 'X-Sitrep-Event-Id' "$tmp/notify_previous.txt")" = 3 ]; then ok "notify --previous: 3 payloads"
else fail "notify --previous payloads"; cat "$tmp/notify_previous.txt"; fi
same "notify --previous = changes | notify --events" "$tmp/notify_events.txt" "$tmp/notify_previous.txt"

# 5. Over HTTP: the same folder served by python3 -m http.server.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/was/public" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/api/v2/status.json" >/dev/null 2>&1 && break
  sleep 0.1
done
run changes --previous "http://127.0.0.1:$port" --now "$now" -q >"$tmp/out3.txt" 2>&1
same "changes --previous http://127.0.0.1:PORT: same events" "$tmp/want.txt" "$tmp/out3.txt"
run changes --previous "http://127.0.0.1:$port/api/v2/" --now "$now" -q >"$tmp/out4.txt" 2>&1
same "changes --previous http://.../api/v2/: same events" "$tmp/want.txt" "$tmp/out4.txt"
run changes --previous "http://127.0.0.1:$port/nothing-here" --now "$now" >"$tmp/out5.txt" 2>"$tmp/err5.txt"
rc=$?
cat >"$tmp/want_err5.txt" <<TXT
sitrep changes: http://127.0.0.1:$port/nothing-here/api/v2/incidents.json answered HTTP 404: treated as a first publish (events only for unresolved incidents and upcoming or running maintenance)
sitrep changes: 1 event since http://127.0.0.1:$port/nothing-here/api/v2
TXT
echo "2026-11-18T18:00:00Z  maintenance_scheduled  MNT-2026-12-05-network  Network equipment upgrade: scheduled" >"$tmp/want5.txt"
[ $rc = 0 ] || fail "first publish over HTTP exits $rc"
same "a URL answering 404: a first publish, only the upcoming window" "$tmp/want5.txt" "$tmp/out5.txt"
same "a URL answering 404: the note on stderr" "$tmp/want_err5.txt" "$tmp/err5.txt"
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
run changes --previous "http://127.0.0.1:$port" --now "$now" >/dev/null 2>"$tmp/err6.txt"
rc=$?
if [ $rc = 1 ] && grep -q "^sitrep changes: http://127.0.0.1:$port/api/v2/incidents.json: " "$tmp/err6.txt"; then
  ok "an unreachable URL exits 1 naming it"; else fail "unreachable URL (exit $rc)"; cat "$tmp/err6.txt"; fi

# 6. A second run against the new build gives nothing.
run build --now "$now" --out "$tmp/now" -q || fail "build of the new site"
run changes --previous "$tmp/now/public" --now "$now" >"$tmp/out7.txt" 2>"$tmp/err7.txt"
if [ $? = 0 ] && [ ! -s "$tmp/out7.txt" ] && grep -qx "sitrep changes: no events since $tmp/now/public/api/v2" "$tmp/err7.txt"; then
  ok "against the new build: no events"; else fail "events against the new build"; cat "$tmp/out7.txt" "$tmp/err7.txt"; fi

# 7. The clock: the window starts, then completes (the example site as it
# ships: the SEV2 above would owe a postmortem by December).
plain() { "$sitrep" "$@" --root "$repo"; }
plain build --now "$now" --out "$tmp/plain" -q || fail "build of the example site"
plain changes --previous "$tmp/plain/public" --now 2026-12-06T07:00:00Z -q >"$tmp/out8.txt" 2>&1
echo "2026-12-06T06:00:00Z  maintenance_started  MNT-2026-12-05-network  Network equipment upgrade: started" >"$tmp/want8.txt"
same "the window started by the clock" "$tmp/want8.txt" "$tmp/out8.txt"
plain changes --previous "$tmp/plain/public" --now 2026-12-07T00:00:00Z -q >"$tmp/out9.txt" 2>&1
cat >"$tmp/want9.txt" <<'TXT'
2026-12-06T06:00:00Z  maintenance_started  MNT-2026-12-05-network  Network equipment upgrade: started
2026-12-06T15:00:00Z  maintenance_completed  MNT-2026-12-05-network  Network equipment upgrade: completed
TXT
same "the window started and completed since" "$tmp/want9.txt" "$tmp/out9.txt"

# 8. A first publish from an empty folder; a missing folder and broken JSON are errors.
mkdir "$tmp/empty"
run changes --previous "$tmp/empty" --now "$now" -q >"$tmp/out10.txt" 2>&1
same "an empty folder: a first publish" "$tmp/want5.txt" "$tmp/out10.txt"
run changes --previous "$tmp/no-such-folder" --now "$now" >"$tmp/out11.txt" 2>&1
rc=$?
cat >"$tmp/want11.txt" <<TXT
sitrep changes: --previous $tmp/no-such-folder: no such folder
  hint: give the published site's folder (or its api/v2 folder) or its https:// address; for a first publish, an empty folder
TXT
[ $rc = 1 ] || fail "missing folder exits $rc"
same "a missing folder exits 1 with a hint" "$tmp/want11.txt" "$tmp/out11.txt"
run changes --previous "$tmp/was" --now "$now" >"$tmp/out13.txt" 2>&1
rc=$?
cat >"$tmp/want13.txt" <<TXT
sitrep changes: --previous $tmp/was: this is a build's output folder, not the published site
  hint: point --previous at $tmp/was/public
TXT
[ $rc = 1 ] || fail "build output folder exits $rc"
same "a build's output folder is refused with the right path" "$tmp/want13.txt" "$tmp/out13.txt"
cp -r "$tmp/was/public/api" "$tmp/broken"
printf '{"page": {}, "incidents": [' >"$tmp/broken/v2/scheduled-maintenances.json"
run changes --previous "$tmp/broken/v2" --now "$now" >"$tmp/out12.txt" 2>&1
rc=$?
cat >"$tmp/want12.txt" <<TXT
sitrep changes: $tmp/broken/v2/scheduled-maintenances.json: not valid JSON (byte 28)
  hint: is this a sitrep or Statuspage api/v2 file? republish the site, or point --previous elsewhere
TXT
[ $rc = 1 ] || fail "broken JSON exits $rc"
same "unreadable JSON exits 1 naming the file" "$tmp/want12.txt" "$tmp/out12.txt"

# 9. next-change: the example's window, as RFC 3339 UTC and cron; the instant build prints.
plain next-change --now "$now" >"$tmp/next.txt" 2>&1
cat >"$tmp/want_next.txt" <<'TXT'
next change: 2026-12-06T06:00:00Z
cron (UTC): 0 6 6 12 *
  maintenance_starts  MNT-2026-12-05-network  Network equipment upgrade
TXT
same "next-change before the window" "$tmp/want_next.txt" "$tmp/next.txt"
plain build --now "$now" --out "$tmp/plain2" >"$tmp/build.txt" 2>&1
if grep -qx "sitrep build: next scheduled change of state at 2026-12-06T06:00:00Z; rebuild then" "$tmp/build.txt"; then
  ok "build prints the same instant"; else fail "build's next change"; cat "$tmp/build.txt"; fi
plain next-change --now 2026-12-06T07:00:00Z --format json >"$tmp/next2.json" 2>&1
cat >"$tmp/want_next2.json" <<'TXT'
{
  "next_change": "2026-12-06T15:00:00Z",
  "cron": "0 15 6 12 *",
  "changes": [
    {
      "kind": "maintenance_ends",
      "item_type": "maintenance",
      "item_id": "MNT-2026-12-05-network",
      "title": "Network equipment upgrade"
    }
  ]
}
TXT
same "next-change --format json during the window" "$tmp/want_next2.json" "$tmp/next2.json"
# After the window, what is left is maintenance.ics dropping the windows
# that ended 90 days before (render/calendar.h): September's first.
plain next-change --now 2026-12-07T00:00:00Z >"$tmp/next3.txt" 2>&1
cat >"$tmp/want_next3.txt" <<'TXT'
next change: 2026-12-12T09:00:00Z
cron (UTC): 0 9 12 12 *
  maintenance_leaves_calendar  MNT-2026-09-12-db  Database upgrade
TXT
same "next-change after the window: a window leaves the calendar" "$tmp/want_next3.txt" "$tmp/next3.txt"
plain next-change --now 2027-06-01T00:00:00Z >"$tmp/next4.txt" 2>&1
rc=$?
echo "no scheduled change" >"$tmp/want_next4.txt"
[ $rc = 0 ] || fail "no scheduled change exits $rc"
same "next-change once every window has left the calendar" "$tmp/want_next4.txt" "$tmp/next4.txt"
# An update dated later than now (a site that schedules posts lowers
# future-timestamp to a warning), an incident that has not started yet.
printf '\n[rules]\nfuture-timestamp = "warning"\n' >>"$site/content/site.toml"
run new incident --title "Sign-in errors" --severity SEV3 --component auth=degraded_performance \
  --started-at 2026-11-27T10:00:00Z --commander Dana --scribe Lee --comms Sam --now 2026-11-27T10:00:00Z -q >/dev/null 2>&1 \
  || fail "second incident"
run new update INC-2026-11-27-001 --status identified --at 2026-11-27T10:20:00Z --now 2026-11-27T10:20:00Z -q >/dev/null 2>&1 \
  || fail "future update"
run next-change --now 2026-11-27T10:10:00Z >"$tmp/next4.txt" 2>&1
cat >"$tmp/want_next4.txt" <<'TXT'
next change: 2026-11-27T10:20:00Z
cron (UTC): 20 10 27 11 *
  update_appears  INC-2026-11-27-001  Sign-in errors
TXT
same "next-change: an update dated later than now" "$tmp/want_next4.txt" "$tmp/next4.txt"
run next-change --now 2026-11-26T12:00:00Z >"$tmp/next5.txt" 2>&1
cat >"$tmp/want_next5.txt" <<'TXT'
next change: 2026-11-26T17:00:00Z
cron (UTC): 0 17 26 11 *
  incident_appears  INC-2026-11-26-001  Webhook deliveries delayed
TXT
same "next-change: an incident that starts later than now" "$tmp/want_next5.txt" "$tmp/next5.txt"

# 10. The new build's feeds carry the postmortem; everything still reads back.
/usr/bin/python3 - "$tmp/now/public" >"$tmp/feeds.txt" 2>&1 <<'PY'
import sys, feedparser
public = sys.argv[1]
for name in ("history.atom", "history.rss", "components/api/history.atom"):
    feed = feedparser.parse(f"{public}/{name}")
    assert not feed.bozo, (name, feed.bozo_exception)
    entries = [e for e in feed.entries if e.title.startswith("Postmortem: ")]
    assert len(entries) >= 1, name
    e = [e for e in entries if "INC-2026-11-10-001" in e.link][0]
    when = e.get("updated") or e.get("published")
    print(name, e.title, e.id, e.link, when)
PY
cat >"$tmp/want_feeds.txt" <<'TXT'
history.atom Postmortem: Slow API responses and ticket portal timeouts https://status.acme-cloud.example/incidents/INC-2026-11-10-001/#postmortem-h https://status.acme-cloud.example/incidents/INC-2026-11-10-001/#postmortem-h 2026-11-13T08:00:00Z
history.rss Postmortem: Slow API responses and ticket portal timeouts https://status.acme-cloud.example/incidents/INC-2026-11-10-001/#postmortem-h https://status.acme-cloud.example/incidents/INC-2026-11-10-001/#postmortem-h Fri, 13 Nov 2026 08:00:00 +0000
components/api/history.atom Postmortem: Slow API responses and ticket portal timeouts https://status.acme-cloud.example/incidents/INC-2026-11-10-001/#postmortem-h https://status.acme-cloud.example/incidents/INC-2026-11-10-001/#postmortem-h 2026-11-13T08:00:00Z
TXT
same "feeds: the postmortem entry (feedparser)" "$tmp/want_feeds.txt" "$tmp/feeds.txt"
if python3 "$repo/tests/e2e/read_back.py" "$tmp/now/public"; then ok "the new build reads back"; else fail "read_back.py"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
