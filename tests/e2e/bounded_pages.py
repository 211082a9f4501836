#!/usr/bin/env python3
"""Every page bounded (issue 12): reads two builds of the bench corpus, a
small one and one ten times larger, and fails when a page grows with the
history, or when a paginated list loses an item.

Usage: bounded_pages.py SMALL_SITE LARGE_SITE   (each a build's site/ folder)

Sizes: the largest HTML page, feed or calendar of the large build may be
at most twice the largest of the small one, and each file at most three
times the small build's largest file of its kind (the same path with digits
as N: a list's last page is short in the small build, full in the large
one). The largest of each kind of output is printed. The JSON API,
sitemap.xml and the CSV/JSON exports are whole by design and not checked.

Completeness, on the large build: every follow-up (actions.csv), incident
(incidents.csv) and postmortem is listed once across the pages of each
paginated list, and every "next page" link leads to a page that exists.
"""
import csv
import os
import re
import sys

KINDS = {".html": "HTML page", ".atom": "feed", ".rss": "feed", ".ics": "calendar"}
LARGEST_RATIO = 2
SAME_FILE_RATIO = 3

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def sizes(site):
    out = {}
    for folder, _, files in os.walk(site):
        for name in files:
            kind = KINDS.get(os.path.splitext(name)[1])
            if kind:
                path = os.path.join(folder, name)
                out[os.path.relpath(path, site)] = (kind, os.path.getsize(path))
    return out


def kind_of(path):
    """Files of one kind: digits as N (years, months, ids, page numbers); an
    owner's follow-up pages are one kind, whoever the owner."""
    if path.startswith("internal/followups/"):
        return "internal/followups/*"
    return re.sub(r"\d+", "N", path)


def first_page_kind(kind):
    """The kind of a later page's first page: x-N.html -> x.html, x/page/N/ -> x/."""
    return re.sub(r"(-N\.html|page/N/index\.html)$", lambda m: ".html" if m.group(0).startswith("-") else "index.html", kind)


def check_sizes(small_site, large_site):
    small, large = sizes(small_site), sizes(large_site)
    # The largest page, feed or calendar of all: a page that grows with the
    # history becomes it.
    (s_size, s_path), (l_size, l_path) = (max((size, path) for path, (_, size) in files.items())
                                          for files in (small, large))
    for kind in sorted(set(KINDS.values())):
        def largest(files):
            return max(((size, path) for path, (k, size) in files.items() if k == kind), default=(0, "(none)"))
        print(f"largest {kind}: {largest(small)[0]} B {largest(small)[1]} (small) -> "
              f"{largest(large)[0]} B {largest(large)[1]} (large)")
    print(f"largest of all: {s_size} B {s_path} (small) -> {l_size} B {l_path} (large)")
    if l_size > LARGEST_RATIO * s_size:
        fail(f"the largest file grew more than x{LARGEST_RATIO}: {l_path} {l_size} B > {LARGEST_RATIO} x {s_size} B")
    # Each file against the largest small file of its kind, not only its
    # namesake: the last page of a list is short in the small build and full
    # in the large one, and a full page is the bound.
    largest_of_kind = {}
    for path, (_, size) in small.items():
        largest_of_kind[kind_of(path)] = max(size, largest_of_kind.get(kind_of(path), 0))
    offenders, compared = [], 0
    for path, (_, l_size) in sorted(large.items()):
        kind = kind_of(path)
        bound = largest_of_kind.get(kind) or largest_of_kind.get(first_page_kind(kind))
        if path in small:
            bound = max(bound, small[path][1])
        if not bound:
            continue
        compared += 1
        if l_size > SAME_FILE_RATIO * bound:
            offenders.append((l_size / bound, path, bound, l_size))
    for ratio, path, bound, l_size in sorted(offenders, reverse=True):
        fail(f"{path} grew x{ratio:.1f}: {l_size} B, the small build's largest of its kind {bound} B")
    print(f"{compared} of {len(large)} pages, feeds and calendars compared with the small build's "
          f"({len(small)}); {len(offenders)} grew more than x{SAME_FILE_RATIO}")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def pages_of(folder, first_page):
    """The files of a paginated list: first_page, then first_page-2.html, ..."""
    stem = first_page[: -len(".html")]
    later = re.compile(re.escape(stem) + r"-(\d+)\.html$")
    out = [first_page] if os.path.exists(os.path.join(folder, first_page)) else []
    numbers = sorted(int(m.group(1)) for name in os.listdir(folder) if (m := later.match(name)))
    if numbers != list(range(2, len(numbers) + 2)):
        fail(f"{os.path.join(folder, stem)}: later pages are not numbered 2..n: {numbers}")
    return out + [f"{stem}-{n}.html" for n in numbers]


def is_later_page(folder, name):
    """x-2.html when x.html exists (an owner's page may end in digits of its own)."""
    m = re.fullmatch(r"(.+)-\d+\.html", name)
    return bool(m) and os.path.exists(os.path.join(folder, m.group(1) + ".html"))


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def expect(what, listed, expected):
    print(f"{what}: {listed} listed, {expected} expected")
    if listed != expected:
        fail(f"{what}: {listed} listed across its pages, but there are {expected}")


def check_complete(site):
    internal = os.path.join(site, "internal")
    actions = csv_rows(os.path.join(internal, "actions.csv"))
    incidents = csv_rows(os.path.join(internal, "incidents.csv"))

    # Follow-ups: one row each across every owner's pages.
    owners = os.path.join(internal, "followups")
    firsts = [n for n in os.listdir(owners) if not is_later_page(owners, n)]
    rows = sum(read(os.path.join(owners, page)).count('<tr class="state-')
               for first in firsts for page in pages_of(owners, first))
    expect("follow-ups on the owner pages", rows, len(actions))

    # By incident: every group's count, open groups with a row per item.
    groups, counted, item_rows = 0, 0, 0
    for page in pages_of(internal, "followups-by-incident.html"):
        text = read(os.path.join(internal, page))
        for m in re.finditer(r"(?:<p>|: )(\d+) items?, \d+ open, \d+ overdue", text):
            groups += 1
            counted += int(m.group(1))
        item_rows += text.count('<tr class="state-')
    expect("follow-up groups by incident", groups, len({a["incident_id"] for a in actions}))
    expect("follow-ups counted by incident", counted, len(actions))
    expect("open follow-up rows by incident", item_rows, sum(_open_group_sizes(actions)))

    # Incidents: once across the pages of their year.
    years = sorted({n for n in os.listdir(internal) if re.fullmatch(r"incidents-(\d{4}|undated)\.html", n)})
    listed = [m for first in years for page in pages_of(internal, first)
              for m in re.findall(r'<th scope="row"><a href="incidents/([^"]+)\.html"', read(os.path.join(internal, page)))]
    expect("incidents on the year pages", len(listed), len(incidents))
    expect("distinct incidents on the year pages", len(set(listed)), len(incidents))

    # SLA clocks: every incident once across the pages of its month.
    months = sorted(n for n in os.listdir(internal) if re.fullmatch(r"sla-\d{4}-\d{2}\.html", n) or n == "sla-undated.html")
    groups = sum(read(os.path.join(internal, page)).count('<tbody class="incident-group">')
                 for first in months for page in pages_of(internal, first))
    expect("incidents on the SLA month pages", groups, len(incidents))

    # Postmortems: a row each across the list's pages.
    pm_files = len(os.listdir(os.path.join(internal, "postmortems")))
    rows = sum(len(re.findall(r'<tr><th scope="row"><a href="postmortems/', read(os.path.join(internal, page))))
               for page in pages_of(internal, "postmortems.html"))
    expect("postmortems on the list's pages", rows, pm_files)

    # Postmortem compliance: the required ones, as many as page 1 counts.
    first = read(os.path.join(internal, "postmortem-compliance.html"))
    required = int(re.search(r"<dt>Incidents that require a postmortem</dt><dd>(\d+)</dd>", first).group(1))
    section = re.compile(r'<h2 id="required-h">.*?</section>', re.S)
    rows = sum(section.search(read(os.path.join(internal, page))).group(0).count("<tr")
               - 1  # the header row
               for page in pages_of(internal, "postmortem-compliance.html"))
    expect("required postmortems on the compliance pages", rows, required)

    # Statistics: each period's incidents across its pages.
    stats = os.path.join(internal, "statistics")
    for first in sorted(n for n in os.listdir(stats) if re.fullmatch(r"\d{4}-(Q\d|\d{2})\.html", n)):
        total = int(re.search(r"<dt>Incidents</dt><dd>(\d+)</dd>", read(os.path.join(stats, first))).group(1))
        items = sum(len(re.findall(r'<li><a href="\.\./incidents/', read(os.path.join(stats, page))))
                    for page in pages_of(stats, first))
        if items != total:
            fail(f"statistics/{first}: {items} incidents listed across its pages, {total} counted")

    # The public history: every public incident once across the month pages.
    history = os.path.join(site, "public", "history")
    archive = [p for root, _, files in os.walk(history) for p in (os.path.join(root, f) for f in files)
               if re.search(r"history/page/\d+/index\.html$|history/index\.html$", p)]
    month_pages = [p for root, _, files in os.walk(history) for p in (os.path.join(root, f) for f in files)
                   if re.search(r"history/\d{4}-\d{2}/(page/\d+/)?index\.html$", p)]
    count = lambda paths: sum(read(p).count('<li class="incident-item') for p in paths)
    expect("public incidents on the month pages", count(month_pages), count(archive))

    # Every rel="next" link leads to a page of the build.
    for folder, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            for href in re.findall(r'<a href="([^"]+)" rel="next"', read(path)):
                target = os.path.normpath(os.path.join(folder, href))
                if href.endswith("/"):
                    target = os.path.join(target, "index.html")
                if not os.path.exists(target):
                    fail(f"{os.path.relpath(path, site)}: its next page {href} does not exist")


def _open_group_sizes(actions):
    by_incident = {}
    for a in actions:
        by_incident.setdefault(a["incident_id"], []).append(a)
    return [len(items) for items in by_incident.values() if any(a["open"] == "true" for a in items)]


def main():
    small_site, large_site = sys.argv[1], sys.argv[2]
    check_sizes(small_site, large_site)
    check_complete(large_site)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("every page bounded, every item listed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
