#!/usr/bin/python3
"""Read a built site/public back with real parsers.

Usage: read_back.py SITE_PUBLIC_DIR

- history.atom / history.rss (and every per-component feed) through
  feedparser: well formed, a self link, every entry with id, link and time;
- maintenance.ics through icalendar, plus the raw RFC 5545 rules (CRLF,
  lines of at most 75 octets, no METHOD);
- every api/v2 JSON file: the Statuspage fields, and the files agree;
- every badge: well-formed SVG with role="img", a <title> and aria-label.

Exits 1 with one line per problem, 0 when everything reads back.
"""
import glob
import json
import os
import sys
import xml.etree.ElementTree as ET

try:
    import feedparser
    import icalendar
except ImportError:
    # Debian's python3-feedparser/-icalendar live in the system Python; a
    # pyenv or venv python3 earlier in PATH does not see them.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    sys.exit("read_back.py: needs python3-feedparser and python3-icalendar")

API_CAP = 50
PAGE_FIELDS = {"id": str, "name": str, "url": str, "time_zone": str, "updated_at": str}
STATUS_FIELDS = {"indicator": str, "description": str}
COMPONENT_FIELDS = {
    "id": str, "name": str, "status": str, "created_at": str, "updated_at": str, "position": int,
    "description": (str, type(None)), "showcase": bool, "start_date": (str, type(None)),
    "group_id": (str, type(None)), "page_id": str, "group": bool, "only_show_if_degraded": bool,
}
INCIDENT_FIELDS = {
    "id": str, "name": str, "status": str, "impact": str, "created_at": str, "updated_at": str,
    "monitoring_at": (str, type(None)), "resolved_at": (str, type(None)), "started_at": str,
    "shortlink": str, "page_id": str, "components": list, "incident_updates": list,
}
MAINTENANCE_FIELDS = dict(INCIDENT_FIELDS, scheduled_for=str, scheduled_until=str)
# Statuspage's manage-API name; null until a public, final postmortem exists.
INCIDENT_FIELDS = dict(INCIDENT_FIELDS, postmortem_published_at=(str, type(None)))
UPDATE_FIELDS = {
    "id": str, "status": str, "body": str, "incident_id": str, "created_at": str, "updated_at": str,
    "display_at": str, "affected_components": list,
}
AFFECTED_FIELDS = {"code": str, "name": str, "old_status": str, "new_status": str}
INDICATORS = {"none", "minor", "major", "critical", "maintenance"}
COMPONENT_STATUSES = {"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"}
INCIDENT_STATUSES = {"investigating", "identified", "monitoring", "resolved", "postmortem"}
MAINTENANCE_STATUSES = {"scheduled", "in_progress", "verifying", "completed"}

failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def check_fields(where, obj, fields):
    if not isinstance(obj, dict):
        fail(where, f"expected an object, got {type(obj).__name__}")
        return False
    ok = True
    for name, kind in fields.items():
        if name not in obj:
            fail(where, f"missing field '{name}'")
            ok = False
        elif not isinstance(obj[name], kind) or (kind is int and isinstance(obj[name], bool)):
            fail(where, f"field '{name}' has type {type(obj[name]).__name__}")
            ok = False
    return ok


# --- feeds -----------------------------------------------------------------

def check_feed(public, relative, need_entries):
    path = os.path.join(public, relative)
    if not os.path.isfile(path):
        fail(relative, "missing")
        return
    feed = feedparser.parse(path)
    if feed.bozo:
        fail(relative, f"not well formed: {feed.bozo_exception}")
        return
    if need_entries and not feed.entries:
        fail(relative, "has no entries")
    selfs = [l["href"] for l in feed.feed.get("links", []) if l.get("rel") == "self"]
    if not selfs or not selfs[0].endswith("/" + relative):
        fail(relative, f"self link {selfs} does not name the feed")
    is_atom = relative.endswith(".atom")
    for i, entry in enumerate(feed.entries):
        where = f"{relative} entry {i + 1}"
        for key in ("id", "link", "title"):
            if not entry.get(key):
                fail(where, f"no {key}")
        # Atom entries have <updated>; an RSS item's only time is <pubDate>.
        when = entry.get("updated_parsed") if is_atom else entry.get("published_parsed")
        if not when:
            fail(where, "no parseable " + ("updated" if is_atom else "pubDate"))
        if "<script" in entry.get("summary", "").lower():
            fail(where, "raw <script> in content")
    if len(feed.entries) > API_CAP:
        fail(relative, f"{len(feed.entries)} entries, more than the cap of {API_CAP}")


def check_feeds(public):
    for name in ("history.atom", "history.rss"):
        check_feed(public, name, need_entries=True)
    for path in sorted(glob.glob(os.path.join(public, "components", "*", "history.*"))):
        check_feed(public, os.path.relpath(path, public), need_entries=False)


# --- calendar --------------------------------------------------------------

def check_calendar(public):
    name = "maintenance.ics"
    path = os.path.join(public, name)
    if not os.path.isfile(path):
        fail(name, "missing")
        return
    raw = open(path, "rb").read()
    if not raw.endswith(b"\r\n"):
        fail(name, "does not end with CRLF")
    for number, line in enumerate(raw.split(b"\r\n"), 1):
        if b"\n" in line or b"\r" in line:
            fail(name, f"line {number}: bare LF or CR (lines must end with CRLF)")
        if len(line) > 75:
            fail(name, f"line {number}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(name, f"line {number}: folding split a UTF-8 sequence")
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # icalendar raises ValueError and friends
        fail(name, f"icalendar cannot parse it: {e}")
        return
    for prop in ("VERSION", "PRODID", "CALSCALE"):
        if prop not in cal:
            fail(name, f"VCALENDAR has no {prop}")
    if "METHOD" in cal:
        fail(name, "has METHOD (a published calendar must not)")
    uids = set()
    for event in cal.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            if prop not in event:
                fail(name, f"VEVENT {uid or '?'} has no {prop}")
        if uid in uids:
            fail(name, f"UID {uid} appears twice")
        uids.add(uid)
        if "DTSTART" in event and "DTEND" in event and event.decoded("DTEND") <= event.decoded("DTSTART"):
            fail(name, f"VEVENT {uid} ends before it starts")


# --- JSON API --------------------------------------------------------------

def check_components(where, components, known_ids=None):
    for c in components:
        if not check_fields(f"{where} component {c.get('id', '?')}", c, COMPONENT_FIELDS):
            continue
        if c["status"] not in COMPONENT_STATUSES:
            fail(where, f"component {c['id']} has status '{c['status']}'")
        if c["group"] and not isinstance(c.get("components"), list):
            fail(where, f"group {c['id']} has no components list")
        if known_ids is not None and not c["group"] and c["id"] not in known_ids:
            fail(where, f"component {c['id']} is not in components.json")


def check_items(where, items, fields, statuses, component_ids):
    for item in items:
        label = f"{where} {item.get('id', '?')}"
        if not check_fields(label, item, fields):
            continue
        if item["status"] not in statuses:
            fail(label, f"status '{item['status']}'")
        check_components(label, item["components"], component_ids)
        times = []
        for u in item["incident_updates"]:
            if check_fields(f"{label} update {u.get('id', '?')}", u, UPDATE_FIELDS):
                times.append(u["created_at"])
                if u["incident_id"] != item["id"]:
                    fail(label, f"update {u['id']} names incident {u['incident_id']}")
                for a in u["affected_components"]:
                    check_fields(f"{label} update {u['id']} affected component", a, AFFECTED_FIELDS)
        if times != sorted(times, reverse=True):
            fail(label, "updates are not newest first")


def load_api(public):
    files = {}
    for path in sorted(glob.glob(os.path.join(public, "api", "v2", "**", "*.json"), recursive=True)):
        relative = os.path.relpath(path, os.path.join(public, "api", "v2"))
        try:
            files[relative] = json.load(open(path, encoding="utf-8"))
        except ValueError as e:
            fail(f"api/v2/{relative}", f"not JSON: {e}")
    expected = ["summary.json", "status.json", "components.json", "incidents.json", "incidents/unresolved.json",
                "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
                "scheduled-maintenances/active.json"]
    for name in expected:
        if name not in files:
            fail(f"api/v2/{name}", "missing")
    return files


def check_api(public):
    files = load_api(public)
    if "components.json" not in files:
        return
    component_ids = {c.get("id") for c in files["components.json"].get("components", []) if not c.get("group")}
    for name, doc in files.items():
        where = f"api/v2/{name}"
        check_fields(f"{where} page", doc.get("page"), PAGE_FIELDS)
        if "status" in doc and check_fields(f"{where} status", doc["status"], STATUS_FIELDS):
            if doc["status"]["indicator"] not in INDICATORS:
                fail(where, f"indicator '{doc['status']['indicator']}'")
        if "components" in doc:
            check_components(where, doc["components"], component_ids)
        if "incidents" in doc:
            check_items(where, doc["incidents"], INCIDENT_FIELDS, INCIDENT_STATUSES, component_ids)
        if "scheduled_maintenances" in doc:
            check_items(where, doc["scheduled_maintenances"], MAINTENANCE_FIELDS, MAINTENANCE_STATUSES,
                        component_ids)

    def get(name, key):
        return files.get(name, {}).get(key)

    summary = files.get("summary.json", {})
    for name, doc in files.items():
        if doc.get("page") != summary.get("page"):
            fail(f"api/v2/{name}", "page differs from summary.json")
    if get("status.json", "status") != summary.get("status"):
        fail("api/v2/summary.json", "status differs from status.json")
    if get("components.json", "components") != summary.get("components"):
        fail("api/v2/summary.json", "components differ from components.json")
    if get("incidents/unresolved.json", "incidents") != summary.get("incidents"):
        fail("api/v2/summary.json", "incidents differ from incidents/unresolved.json")
    current = (get("scheduled-maintenances/active.json", "scheduled_maintenances") or []) + \
        (get("scheduled-maintenances/upcoming.json", "scheduled_maintenances") or [])
    if sorted(m.get("id") for m in current) != sorted(m.get("id") for m in summary.get("scheduled_maintenances", [])):
        fail("api/v2/summary.json", "scheduled_maintenances are not the active and upcoming ones")
    for i in get("incidents/unresolved.json", "incidents") or []:
        if i.get("status") == "resolved":
            fail("api/v2/incidents/unresolved.json", f"{i.get('id')} is resolved")
    for m in get("scheduled-maintenances/upcoming.json", "scheduled_maintenances") or []:
        if m.get("status") != "scheduled":
            fail("api/v2/scheduled-maintenances/upcoming.json", f"{m.get('id')} is {m.get('status')}")
    for m in get("scheduled-maintenances/active.json", "scheduled_maintenances") or []:
        if m.get("status") not in ("in_progress", "verifying"):
            fail("api/v2/scheduled-maintenances/active.json", f"{m.get('id')} is {m.get('status')}")
    for name, key in (("incidents.json", "incidents"), ("scheduled-maintenances.json", "scheduled_maintenances")):
        items = get(name, key) or []
        if len(items) > API_CAP:
            fail(f"api/v2/{name}", f"{len(items)} items, more than {API_CAP}")
    started = [i.get("started_at", "") for i in get("incidents.json", "incidents") or []]
    if started != sorted(started, reverse=True):
        fail("api/v2/incidents.json", "incidents are not newest first")


# --- badges ----------------------------------------------------------------

def check_badges(public):
    paths = [os.path.join(public, "badge.svg")] + sorted(glob.glob(os.path.join(public, "components", "*", "badge.svg")))
    for path in paths:
        name = os.path.relpath(path, public)
        try:
            svg = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            fail(name, f"not well-formed SVG: {e}")
            continue
        title = svg.find("{http://www.w3.org/2000/svg}title")
        if svg.get("role") != "img" or not svg.get("aria-label") or title is None or not title.text:
            fail(name, "needs role=\"img\", aria-label and a <title>")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: read_back.py SITE_PUBLIC_DIR")
    public = sys.argv[1]
    check_feeds(public)
    check_calendar(public)
    check_api(public)
    check_badges(public)
    for f in failures:
        print("FAIL", f)
    if failures:
        print(f"read_back.py: {len(failures)} problem(s) in {public}")
        return 1
    print(f"read_back.py: feeds, calendar, API and badges in {public} read back")
    return 0


if __name__ == "__main__":
    sys.exit(main())
