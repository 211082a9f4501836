#!/usr/bin/env bash
# site/internal end to end: the example site builds; every internal page is
# valid HTML, carries the noindex meta and the "do not publish" banner; the
# exports read back with real parsers (CSV with CRLF, one row per incident
# and per action item; metrics.json); two builds are byte-identical; golden
# files match (SITREP_UPDATE_GOLDEN=1 rewrites them); and nothing in
# site/public mentions or links into the internal tree.
#
# Usage: internal_site.sh SITREP_BINARY REPO_ROOT
# SITREP_INTERNAL_DIR=DIR checks an internal tree rendered elsewhere instead
# of OUT/internal (for use before `sitrep build` writes site/internal).
# Exit 77 (skipped) when the build wrote no internal tree and none was given.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

if (cd "$repo" && "$sitrep" build --now "$now" --out "$tmp/a" -q); then ok "example site builds"; else fail "example site build"; fi

# 1. The public tree never mentions or links into the internal one, whether
#    or not the internal tree is written yet.
internal_names='_internal|site/internal|internal\.css|statistics-monthly\.html|statistics-quarterly\.html|followups(-by-[a-z]+)?\.html|postmortem-compliance\.html|sla(-[0-9]{4}(-[0-9]{2})?)?\.html|incidents\.csv|actions\.csv|metrics\.json'
if leaks=$(grep -rlE "$internal_names" "$tmp/a/public" 2>/dev/null); then
  fail "site/public mentions the internal tree:"; echo "$leaks" | head -5 | sed 's/^/  /'
else
  ok "nothing in site/public mentions or links into site/internal"
fi

internal=${SITREP_INTERNAL_DIR:-$tmp/a/internal}
if [ ! -d "$internal" ]; then
  echo "SKIP site/internal checks: '$tmp/a/internal' was not written (sitrep build does not publish the internal tree yet); set SITREP_INTERNAL_DIR to check a tree rendered elsewhere"
  [ "$failures" = 0 ] && exit 77
  exit 1
fi
internal=$(realpath "$internal")

# 2. Determinism of the internal tree (only when the build writes it).
if [ -z "${SITREP_INTERNAL_DIR:-}" ]; then
  (cd "$repo" && "$sitrep" build --now "$now" --out "$tmp/b" -q)
  if diff -r "$tmp/a/internal" "$tmp/b/internal" >/dev/null; then ok "two builds give byte-identical internal trees"
  else fail "internal trees differ between two builds"; fi
fi

# 3. Every internal page: valid HTML5 (WCAG rules included), noindex, banner.
pages=$(find "$internal" -name '*.html' | sort)
count=$(echo "$pages" | grep -c .)
validator="$repo/tests/web/node_modules/.bin/html-validate"
if [ -x "$validator" ]; then
  if (cd "$repo/tests/web" && echo "$pages" | tr '\n' '\0' | xargs -0 "$validator" --config .htmlvalidate.json); then
    ok "html-validate: $count internal pages"; else fail "html-validate"; fi
else
  fail "html-validate is not installed (run ./test.sh)"
fi
missing_meta=$(echo "$pages" | tr '\n' '\0' | xargs -0 grep -L '<meta name="robots" content="noindex, nofollow">')
if [ -z "$missing_meta" ]; then ok "noindex meta on every internal page"; else fail "no noindex meta in:"; echo "$missing_meta" | head -5; fi
missing_banner=$(echo "$pages" | tr '\n' '\0' | xargs -0 grep -Li 'do not publish')
if [ -z "$missing_banner" ]; then ok "\"do not publish\" on every internal page"; else fail "no banner in:"; echo "$missing_banner" | head -5; fi
if grep -rlE '(href|src)="/' "$internal" --include='*.html' >/dev/null; then fail "root-relative link in an internal page (must be relative)"
else ok "internal links are relative"; fi

# 4. Exports read back; counts come from the content itself.
if python3 - "$internal" "$repo" <<'PY'; then ok "incidents.csv, actions.csv and metrics.json read back"; else fail "exports"; fi
import csv, glob, io, json, os, re, sys, tomllib

internal, repo = sys.argv[1], sys.argv[2]
problems = []

def front_matter(text):
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n", text, re.S)
    return tomllib.loads(m.group(1)) if m else {}

schema = tomllib.load(open(os.path.join(repo, "schemas/postmortem.toml"), "rb"))
table_section = schema.get("action_table", {}).get("section", "action_items")
headings = set()
for s in schema.get("sections", []):
    if s["id"] == table_section:
        headings = {h.lower() for h in [s["title"], *s.get("aliases", [])]}

def table_actions(body):
    """Action texts of the rows of the first table in the action-items section, or None."""
    rows, in_section, in_table, column = [], False, False, None
    for line in body.splitlines():
        if line.startswith("## "):
            if in_section: break
            in_section = line[3:].strip().lower() in headings
            continue
        if not in_section: continue
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not in_table:
                in_table, header = True, 2  # header and delimiter rows
                column = next((i for i, c in enumerate(cells) if c.lower() == "action"), None)
            if header: header -= 1
            else: rows.append(cells[column] if column is not None and column < len(cells) else "")
        elif in_table:
            break
    return rows if in_table else None

def match_key(text):
    """docs/content-format.md, Follow-ups: ASCII letters (without case) and
    digits; every run of other ASCII one space; other characters as written."""
    kept = "".join(c.lower() if c.isascii() and c.isalnum() else " " if c.isascii() else c for c in text)
    return " ".join(w for w in kept.split(" ") if w)

incidents, entries = {}, {}
for path in sorted(glob.glob(os.path.join(repo, "content/incidents/**/*.toml"), recursive=True)):
    data = tomllib.load(open(path, "rb"))
    incidents[data["id"]] = len(data.get("actions", []))
    entries[data["id"]] = [match_key(a.get("action", "")) for a in data.get("actions", [])]
# One item per [[actions]] entry and per table row, less one per row that is
# the same item as an entry of its incident (same normalised text, one to one).
expected_actions = sum(incidents.values())
for path in sorted(glob.glob(os.path.join(repo, "content/postmortems/**/*.md"), recursive=True)):
    text = open(path, encoding="utf-8").read()
    for action in table_actions(text) or []:
        key, unpaired = match_key(action), entries.get(front_matter(text).get("incident"), [])
        if key and key in unpaired: unpaired.remove(key)
        else: expected_actions += 1

def read_csv(name, header):
    raw = open(os.path.join(internal, name), "rb").read()
    if raw.count(b"\n") != raw.count(b"\r\n") or not raw.endswith(b"\r\n"):
        problems.append(f"{name}: lines must end in CRLF")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    fields = next(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    for h in header:
        if h not in fields: problems.append(f"{name}: no column {h}")
    return rows

rows = read_csv("incidents.csv", ["incident_id", "title", "severity", "severity_id", "incident_type", "public",
                                  "detected_at", "acknowledged_at", "mitigated_at", "resolved_at",
                                  "time_to_acknowledge", "time_to_mitigate", "time_to_resolve", "total_duration",
                                  "post_mortem_completed", "action_items_count", "overall_sla_met"])
if len(rows) != len(incidents): problems.append(f"incidents.csv: {len(rows)} rows for {len(incidents)} incidents")
if sorted(r["incident_id"] for r in rows) != sorted(incidents): problems.append("incidents.csv: ids differ from content")
actions = read_csv("actions.csv", ["incident_id", "source", "source_path", "action", "owner", "due", "status",
                                   "open", "overdue", "days_overdue"])
if len(actions) != expected_actions:
    problems.append(f"actions.csv: {len(actions)} rows for {expected_actions} action items "
                    f"(an item in an incident and its postmortem counts once)")

metrics = json.load(open(os.path.join(internal, "metrics.json"), encoding="utf-8"))
if len(metrics.get("incidents", [])) != len(incidents): problems.append("metrics.json: incident count")
monthly = metrics.get("statistics", {}).get("monthly", [])
if not monthly or "mean_time_to_acknowledge" not in monthly[0]: problems.append("metrics.json: monthly statistics")
if not metrics.get("statistics", {}).get("quarterly"): problems.append("metrics.json: quarterly statistics")

for p in problems: print("  " + p)
sys.exit(1 if problems else 0)
PY

# 5. Every incident and postmortem has its page.
n_incidents=$(find "$repo/content/incidents" -name '*.toml' | wc -l)
n_pages=$(find "$internal/incidents" -name '*.html' 2>/dev/null | wc -l)
if [ "$n_incidents" = "$n_pages" ]; then ok "a page for each of $n_incidents incidents"; else fail "$n_pages incident pages for $n_incidents incidents"; fi
n_pm=$(find "$repo/content/postmortems" -name '*.md' | wc -l)
n_pm_pages=$(find "$internal/postmortems" -name '*.html' 2>/dev/null | wc -l)
if [ "$n_pm" = "$n_pm_pages" ]; then ok "a page for each of $n_pm postmortems"; else fail "$n_pm_pages postmortem pages for $n_pm postmortems"; fi

# 6. Golden files.
golden="$repo/tests/golden/internal"
for f in index.html statistics/2026-04.html; do
  if [ "${SITREP_UPDATE_GOLDEN:-0}" = 1 ]; then mkdir -p "$(dirname "$golden/$f")"; cp "$internal/$f" "$golden/$f"; fi
  if diff -u "$golden/$f" "$internal/$f" >"$tmp/diff"; then ok "golden internal/$f"; else fail "golden internal/$f"; head -40 "$tmp/diff"; fi
done

# 7. "Active now" on incidents.html is bounded like every list: with
#    internal_rows_per_page = 2 and three incidents opened by `sitrep new`,
#    the two newest are listed and the third is counted, and it is in its
#    year's list.
active_site="$tmp/active"
mkdir -p "$active_site" && cp -r "$repo/content" "$repo/schemas" "$repo/themes" "$active_site/"
sed -i '1i internal_rows_per_page = 2' "$active_site/content/site.toml"
for h in 10 11 12; do
  (cd "$active_site" && "$sitrep" new incident --title "Queue stalled at $h:00" --severity SEV3 \
    --component api=degraded_performance --started-at "2026-11-25T$h:00:00Z" --message "Jobs are waiting; we are looking." \
    --now "2026-11-25T$h:05:00Z" -q >/dev/null 2>&1) || fail "new incident at $h:00"
done
if (cd "$active_site" && "$sitrep" build --now "$now" --out "$tmp/active-out" -q); then
  python3 - "$tmp/active-out/internal" <<'PY' || fail "Active now is not bounded"
import re, sys
internal = sys.argv[1]
page = open(f"{internal}/incidents.html", encoding="utf-8").read()
active = page[page.index('id="active-h"'):page.index('id="years-h"')]
shown = re.findall(r'<a href="incidents/(INC-[^"/]+)\.html"', active)
assert len(shown) == 2, shown
assert "The 2 newest of 3 incidents not resolved" in active, active
import glob
year = "".join(open(f, encoding="utf-8").read() for f in glob.glob(f"{internal}/**/incidents-2026*.html", recursive=True))
opened = re.findall(r'incidents/(INC-2026-11-25-00[0-9])\.html', year)
assert len(set(opened)) == 3, opened
print("ok   Active now: the 2 newest of 3 listed, the third counted and in its year's list")
PY
else
  fail "build with three open incidents"
fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
