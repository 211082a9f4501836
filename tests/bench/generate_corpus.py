#!/usr/bin/env python3
"""Writes the comparative benchmark's corpus: N incidents as a sitrep site
and the *same* incidents as a Hugo site (issue 12, item 2).

Usage: generate_corpus.py OUT_DIR [N] [--seed S]

  OUT_DIR/sitrep  a sitrep site root (content/, and schemas/ and themes/
                  copied in: sitrep reads only files inside the root)
  OUT_DIR/hugo    a Hugo site: config.toml, content/incidents/<id>.md,
                  content/maintenance/<id>.md and the bare theme of
                  tests/bench/hugo_theme (three templates)

Deterministic: the same N and seed give the same bytes (no wall clock, no
hash order). Ten years of incidents end on 2026-11-01; build with
--now 2026-11-26T00:00:00Z. Each incident has 3-6 public updates whose
Markdown (headings, lists, code, links) totals 300-600 words, an internal
timeline, metrics, impact, root cause, roles and follow-up actions; every
tenth has a public postmortem with an action table (SEV1 and SEV2 are
exactly those); one maintenance window per 40 incidents, plus two ahead of
the clock. Times are written in a dozen UTC offsets; owners and some
component names are not ASCII. The Hugo page of an incident holds its
summary, every update (same Markdown, under a heading of its status and
time) and the public sections of its postmortem: what sitrep's public
incident page shows.
"""
import argparse
import datetime as dt
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

START = 1477958400  # 2016-11-01T00:00:00Z
END = 1793491200    # 2026-11-01T00:00:00Z
NOW = dt.date(2026, 11, 26)  # the clock compare.sh builds with
NOW_EPOCH = 1795651200       # 2026-11-26T00:00:00Z

OFFSETS = ["-07:00", "-08:00", "-05:00", "-03:00", "Z", "+00:00", "+01:00", "+02:00",
           "+05:30", "+05:45", "+09:00", "+10:00"]
PEOPLE = ["Zoë Ångström", "José Núñez", "Søren Kierkegård", "Łukasz Wróbel", "Björn Müller",
          "Chloé Dubois", "Nguyễn Văn An", "İlkay Gündoğan", "Ніна Шевченко", "田中 愛子",
          "Dana Reyes", "Lee Park", "Priya Natarajan", "Sam Ortiz", "Rafael Costa",
          "Ana María Peña", "Oğuz Çelik", "Małgorzata Żak", "Jürgen Weiß", "Åsa Lindqvist"]
TEAM_OWNERS = ["SRE On-Call", "Incident Commander", "Backend Lead", "Release Engineer",
               "Comms Lead", "Support Manager", "Database On-Call", "Network Engineer"]
GROUPS = [("core", "Core platform", ["auth", "api", "dashboard", "ticket-portal", "search"]),
          ("data", "Data", ["db", "cache", "queue", "storage", "analytics"]),
          ("integrations", "Integrations", ["webhooks", "email", "sms", "slack-app", "billing"]),
          ("regions", "Regions", ["eu-zurich", "sa-sao-paulo", "ap-tokyo", "us-east", "ap-mumbai"])]
COMPONENT_NAMES = {"auth": "Authentication", "api": "Public API", "dashboard": "Dashboard",
                   "ticket-portal": "Ticket portal", "search": "Search", "db": "Primary database",
                   "cache": "Cache", "queue": "Job queue", "storage": "File storage",
                   "analytics": "Analytics", "webhooks": "Webhooks", "email": "Email delivery",
                   "sms": "SMS delivery", "slack-app": "Slack app", "billing": "Billing",
                   "eu-zurich": "Zürich region", "sa-sao-paulo": "São Paulo region",
                   "ap-tokyo": "東京 region (Tokyo)", "us-east": "US East region",
                   "ap-mumbai": "मुंबई region (Mumbai)"}
COMPONENTS = [c for _, _, cs in GROUPS for c in cs]
REGIONS = ["eu-central-1", "us-east-1", "ap-northeast-1", "sa-east-1", "ap-south-1"]
ROOT_CAUSES = ["config_change", "deployment", "code_bug", "capacity", "dependency", "database",
               "network", "security", "human_error"]
TYPES = ["outage", "performance_degradation", "third_party", "deployment_failure"]
METHODS = ["rollback", "hotfix", "config_change", "vendor_fix", "infrastructure_scaling"]
SEVERITY = {  # ack, mitigate and resolve targets (minutes), update cadence, gaps between updates
    "SEV1": dict(ack=15, gap=(5, 12)),
    "SEV2": dict(ack=60, gap=(10, 40)),
    "SEV3": dict(ack=240, gap=(15, 120)),
}
PM_SECTIONS = [("Incident Summary", True), ("Impact Assessment", True), ("Timeline", True),
               ("Root Cause Analysis", True), ("What Went Well", False), ("What Went Poorly", False),
               ("Action Items", False), ("Prevention & Detection Improvements", True),
               ("Lessons Learned", False)]

SUBJECTS = ["Requests to {c}", "A share of customers in {r}", "Our on-call engineers", "The {c} service",
            "Background jobs that depend on {c}", "Webhook deliveries", "Sign-in attempts",
            "Dashboard queries", "Some API clients", "Traffic through {r}", "The mitigation",
            "Error rates on {c}", "Latency at the 95th percentile", "The rollout of the fix"]
VERBS = ["are failing intermittently", "are slower than usual", "have recovered fully",
         "are being retried automatically", "returned errors for about {n} minutes",
         "are back within normal limits", "timed out under peak load", "were queued rather than lost",
         "improved steadily", "stayed elevated for a while", "are being rerouted",
         "were affected by a faulty {thing}", "continue to look healthy", "dropped by {n} percent"]
TAILS = ["while we investigate the cause.", "after the change was rolled back.",
         "and we are watching the graphs closely.", "in the {r} region only.",
         "since {hh}:{mm} UTC.", "for customers on the older client versions.",
         "without any loss of stored data.", "as the caches warm up again.",
         "and no action is needed on your side.", "until the replacement capacity came online.",
         "compared with the same hour last week.", "once the queue had drained."]
THINGS = ["configuration push", "load balancer rule", "certificate rotation", "database migration",
          "dependency upgrade", "feature flag", "DNS record", "connection pool setting"]
EXTRA = ["We will share more as soon as we know it.", "Thank you for your patience.",
         "Requests made during this window may need to be repeated.",
         "Scheduled exports will run again automatically.",
         "Please contact support if you still see errors after refreshing.",
         "We are sorry for the disruption this caused to your work."]


def fmt(epoch, offset):
    """An RFC 3339 time written in one of the OFFSETS."""
    if offset == "Z":
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    sign = 1 if offset[0] == "+" else -1
    delta = dt.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])) * sign
    return dt.datetime.fromtimestamp(epoch, dt.timezone(delta)).isoformat()


def day(epoch):
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_ml(s):
    assert '"""' not in s and "\\" not in s
    return '"""\n' + s + '"""'


class Writer:
    def __init__(self, rng):
        self.rng = rng

    def fill(self, template, comps):
        r = self.rng
        return template.format(c=COMPONENT_NAMES[r.choice(comps)], r=r.choice(REGIONS), n=r.randint(2, 90),
                               hh=f"{r.randint(0, 23):02d}", mm=f"{r.randint(0, 59):02d}", thing=r.choice(THINGS))

    def sentence(self, comps):
        r = self.rng
        if r.random() < 0.15:
            return r.choice(EXTRA)
        return self.fill(f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(TAILS)}", comps)

    def paragraph(self, comps, sentences):
        return " ".join(self.sentence(comps) for _ in range(sentences)) + "\n"

    def bullets(self, comps):
        r = self.rng
        items = []
        for _ in range(r.randint(3, 5)):
            s = self.sentence(comps)
            items.append(f"- **{COMPONENT_NAMES[r.choice(comps)]}:** {s[0].lower()}{s[1:]}")
        return "\n".join(items) + "\n"

    def code(self, comps):
        r = self.rng
        c = r.choice(comps)
        lines = [f"$ curl -sS https://api.bench.example/v2/health/{c}",
                 f'{{"component": "{c}", "status": "{r.choice(["degraded", "ok", "partial"])}", '
                 f'"p95_ms": {r.randint(80, 9000)}, "region": "{r.choice(REGIONS)}"}}']
        if r.random() < 0.5:
            lines.append(f"HTTP/2 {r.choice([200, 502, 503, 504])}  retry-after: {r.randint(5, 120)}")
        return "```console\n" + "\n".join(lines) + "\n```\n"

    def link(self, comps):
        c = self.rng.choice(comps)
        return (f"Details of the affected endpoints are in the [API reference](https://docs.bench.example/api/{c}); "
                f"you can follow <https://status.bench.example/components/{c}/> for this component.\n")

    def message(self, comps, words, must):
        """Markdown of about `words` words (one sentence over at most) holding the blocks named in `must`."""
        r = self.rng
        head, tail = [], []
        if "heading" in must:
            head.append(f"### {r.choice(['What we know', 'What you may see', 'Current state', 'Next steps'])}\n")
        if "list" in must:
            tail.append(self.bullets(comps))
        if "code" in must:
            tail.append(self.code(comps))
        if "link" in must:
            tail.append(self.link(comps))
        paragraphs, sentences = [], []
        while not sentences or count_words(head + tail + paragraphs + sentences) < words:
            sentences.append(self.sentence(comps))
            if len(sentences) == r.randint(3, 5):
                paragraphs.append(" ".join(sentences) + "\n")
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences) + "\n")
        # Code and links sit between paragraphs, as people write them.
        return "\n".join(head + paragraphs[:1] + tail + paragraphs[1:])


def count_words(blocks):
    return sum(len(b.split()) for b in blocks)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def incident(i, n, rng, w):
    """One incident: (sitrep TOML, postmortem Markdown or None, Hugo page, year, id, word count)."""
    t0 = START + i * ((END - START) // n) + rng.randint(0, 3600)
    off = rng.choice(OFFSETS)
    with_pm = i % 10 == 0
    sev = ("SEV1" if i % 20 == 0 else "SEV2") if with_pm else "SEV3"
    spec = SEVERITY[sev]
    comps = rng.sample(COMPONENTS, rng.randint(1, 3))
    year = day(t0).year
    iid = f"INC-{year}-{i:05d}"
    late = rng.random() < 0.02  # a few breach their acknowledge clock
    detected = t0 + 60 * rng.randint(0, 5)
    ack = detected + 60 * (rng.randint(spec["ack"] + 1, spec["ack"] * 2) if late
                           else rng.randint(1, int(spec["ack"] * 0.8)))
    k = rng.randint(3, 6)
    statuses = ["investigating"] + ["identified"] * (k - 3) + ["monitoring", "resolved"]
    times = [ack + 60 * rng.randint(1, 5)]
    for _ in range(k - 1):
        times.append(times[-1] + 60 * rng.randint(*spec["gap"]))
    mitigated, resolved = times[-2], times[-1]
    title = f"{rng.choice(['Elevated errors', 'Degraded performance', 'Partial outage', 'Delays'])} " \
            f"on {COMPONENT_NAMES[comps[0]]}"
    summary = f"{COMPONENT_NAMES[comps[0]]} was affected for {(resolved - detected) // 60} minutes; " \
              f"incident {i} of the benchmark corpus."
    weights = [3] + [2] * (k - 2) + [3]
    musts = [{"heading", "list"}] + [set() for _ in range(k - 1)]
    musts[1].add("code")
    musts[-1].add("link")
    while True:  # 300-600 words in all; drawn again (deterministically) when a draw falls outside
        total = rng.randint(300, 560)
        messages = [w.message(comps, total * wt // sum(weights), must) for wt, must in zip(weights, musts)]
        if 300 <= sum(len(m.split()) for m in messages) <= 600:
            break

    lines = [f"id = {toml_str(iid)}", f"title = {toml_str(title)}", f"severity = {toml_str(sev)}",
             f"type = {toml_str(rng.choice(TYPES))}",
             "components = [" + ", ".join(toml_str(c) for c in comps) + "]", "public = true",
             f"summary = {toml_str(summary)}",
             f"started_at = {fmt(t0, off)}", f"detected_at = {fmt(detected, off)}",
             f"acknowledged_at = {fmt(ack, off)}", f"mitigated_at = {fmt(mitigated, off)}",
             f"resolved_at = {fmt(resolved, off)}", f"resolution_method = {toml_str(rng.choice(METHODS))}",
             f"affected_system = {toml_str(comps[0] + ' cluster in ' + rng.choice(REGIONS))}", "", "[roles]"]
    people = rng.sample(PEOPLE, 3)
    lines += [f"commander = {toml_str(people[0])}", f"scribe = {toml_str(people[1])}",
              f"comms = {toml_str(people[2])}"]
    hugo_body = [summary + "\n"]
    for j, (at, status, msg) in enumerate(zip(times, statuses, messages)):
        state = "operational" if status == "resolved" else (
            "degraded_performance" if status == "monitoring" else rng.choice(["partial_outage", "major_outage"]))
        lines += ["", "[[updates]]", f"at = {fmt(at, off)}", f"status = {toml_str(status)}",
                  "message = " + toml_ml(msg)]
        if status != "resolved":
            lines.append(f"next_update_by = {fmt(at + 60 * spec['gap'][1] * 2, off)}")
        lines.append("components = { " + ", ".join(f"{c} = {toml_str(state)}" for c in comps) + " }")
        hugo_body.append(f"## {status.capitalize()} — {fmt(at, off)}\n\n{msg}")
    words = sum(len(m.split()) for m in messages)

    err = {"SEV1": (10.5, 35.0), "SEV2": (5.0, 9.8), "SEV3": (0.2, 4.8)}[sev]
    lines += ["", "[metrics]", f"error_rate_pct = {rng.uniform(*err):.1f}",
              f"error_rate_minutes = {rng.randint(16, 90) if sev != 'SEV3' else rng.randint(1, 60)}",
              f"api_p95_seconds = {rng.uniform(0.3, 4.5):.2f}",
              f"requests_per_second_peak = {rng.randint(200, 90000)}"]
    for _ in range(rng.randint(2, 4)):
        lines += ["", "[[impact]]", f"label = {toml_str(rng.choice(['Failed requests', 'Delayed jobs', 'Support tickets above baseline', 'Accounts escalated', 'Revenue at risk']) + f' (incident {i})')}",
                  f"value = {rng.randint(3, 900000)}", f"unit = {toml_str(rng.choice(['requests', 'jobs', 'tickets', 'accounts', 'USD']))}"]
    lines += ["", "[root_cause]",
              f"summary = {toml_str(f'A faulty {rng.choice(THINGS)} on {comps[0]} in {rng.choice(REGIONS)} (internal analysis {i}).')}",
              f"category = {toml_str(rng.choice(ROOT_CAUSES))}", f"confirmed = {str(rng.random() < 0.8).lower()}"]
    t = detected
    for step in range(rng.randint(5, 12)):
        t += 60 * rng.randint(1, spec["gap"][1])
        lines += ["", "[[timeline]]", f"at = {fmt(t, off)}", f"severity = {toml_str(sev)}",
                  f"action = {toml_str(f'Step {step + 1} of the response to incident {i}: ' + rng.choice(['paged the owning team', 'opened the war room', 'drained traffic from the region', 'rolled back the change', 'raised the connection limit', 'confirmed recovery on dashboards']))}",
                  f"owner = {toml_str(rng.choice(TEAM_OWNERS + PEOPLE))}"]
    actions = []
    for a in range(rng.randint(1, 3)):
        due = day(resolved) + dt.timedelta(days=rng.randint(3, 40))
        status = rng.choice(["done", "wont_do", "done"]) if due < NOW else rng.choice(["open", "in_progress", "blocked"])
        actions.append((f"Follow-up {a + 1} of incident {i}: {rng.choice(['add an alert', 'write a runbook', 'add a config guard', 'load-test the path', 'review capacity'])}",
                        rng.choice(PEOPLE), due, status, f"P{rng.randint(0, 3)}"))
    for action, owner, due, status, prio in actions:
        lines += ["", "[[actions]]", f"action = {toml_str(action)}", f"owner = {toml_str(owner)}",
                  f"due = {due.isoformat()}", f"status = {toml_str(status)}", f"priority = {toml_str(prio)}"]
    toml = "\n".join(lines) + "\n"

    pm = None
    if with_pm:
        pm_title = f"Postmortem: {title.lower()} ({iid})"
        written = day(resolved) + dt.timedelta(days=1)
        pm = ["+++", f"incident = {toml_str(iid)}", f"title = {toml_str(pm_title)}", 'status = "final"',
              "authors = [" + ", ".join(toml_str(p) for p in rng.sample(PEOPLE, 2)) + "]",
              f"date = {written.isoformat()}", "public = true", f"severity = {toml_str(sev)}", "+++", ""]
        hugo_body.append(f"## {pm_title}\n")
        for heading, public in PM_SECTIONS:
            if heading == "Action Items":
                rows = ["| Priority | Action | Owner | Due Date | Status |", "|---|---|---|---|---|"]
                # The first row is the incident's first [[actions]] entry (one item, two places).
                table = [actions[0]] + [
                    (f"Postmortem action {a + 1} for incident {i}: {rng.choice(['shard the keys', 'add a canary stage', 'alert on quota'])}",
                     rng.choice(PEOPLE), written + dt.timedelta(days=rng.randint(5, 60)), None, f"P{rng.randint(0, 3)}")
                    for a in range(rng.randint(1, 4))]
                for action, owner, due, status, prio in table:
                    if status is None:
                        status = "done" if due < NOW else rng.choice(["open", "in_progress"])
                    rows.append(f"| {prio} | {action} | {owner} | {due.isoformat()} | {status} |")
                text = "\n".join(rows) + "\n"
            elif heading == "Timeline":
                text = "\n".join(f"- {fmt(at, off)} — the status page moved to *{s}*." for at, s in zip(times, statuses)) + "\n"
            else:
                text = w.paragraph(comps, rng.randint(3, 6))
            pm += [f"## {heading}", "", text]
            if public:
                hugo_body.append(f"### {heading}\n\n{text}")
        pm = "\n".join(pm)

    hugo = ["+++", f"title = {toml_str(title)}", f"date = {fmt(t0, off)}", f"severity = {toml_str(sev)}",
            'status = "resolved"', "components = [" + ", ".join(toml_str(c) for c in comps) + "]",
            f"id = {toml_str(iid)}", "+++", ""]
    return toml, pm, "\n".join(hugo) + "\n".join(hugo_body), year, iid, words


def maintenance(m, epoch, rng, w):
    off = rng.choice(OFFSETS)
    comps = rng.sample(COMPONENTS, rng.randint(1, 3))
    start = epoch - epoch % 3600 + 3600
    end = start + 3600 * rng.randint(1, 6)
    mid = f"MNT-{day(start).year}-{m:04d}"
    title = f"{rng.choice(['Database upgrade', 'Network maintenance', 'Storage migration', 'Certificate renewal'])} ({COMPONENT_NAMES[comps[0]]})"
    msg = w.paragraph(comps, rng.randint(3, 5))
    announced = min(start - 86400 * rng.randint(3, 10), NOW_EPOCH - 86400 * rng.randint(1, 3))
    ups = [(announced, "scheduled")]
    if day(end) < NOW:  # windows in the past ran their course
        ups += [(start, "in_progress"), (end - 900, "verifying"), (end, "completed")]
    lines = [f"id = {toml_str(mid)}", f"title = {toml_str(title)}",
             "components = [" + ", ".join(toml_str(c) for c in comps) + "]", "public = true",
             f"scheduled_start = {fmt(start, off)}", f"scheduled_end = {fmt(end, off)}", "message = " + toml_ml(msg)]
    hugo_body = [msg]
    for at, status in ups:
        text = w.sentence(comps)
        lines += ["", "[[updates]]", f"at = {fmt(at, off)}", f"status = {toml_str(status)}", f"message = {toml_str(text)}"]
        hugo_body.append(f"## {status.replace('_', ' ').capitalize()} — {fmt(at, off)}\n\n{text}\n")
    hugo = ["+++", f"title = {toml_str(title)}", f"date = {fmt(start, off)}", 'status = "maintenance"',
            "components = [" + ", ".join(toml_str(c) for c in comps) + "]", f"id = {toml_str(mid)}", "+++", ""]
    return "\n".join(lines) + "\n", "\n".join(hugo) + "\n".join(hugo_body), day(start).year, mid


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("n", nargs="?", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    n = args.n
    rng = random.Random(args.seed)
    w = Writer(rng)
    out = os.path.abspath(args.out)
    s, h = os.path.join(out, "sitrep"), os.path.join(out, "hugo")
    shutil.rmtree(out, ignore_errors=True)
    # Inputs must be inside the site root: copy, never link.
    shutil.copytree(os.path.join(REPO, "schemas"), os.path.join(s, "schemas"))
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(s, "themes"))
    shutil.copytree(os.path.join(HERE, "hugo_theme"), os.path.join(h, "themes", "bare"))
    write(os.path.join(s, "content", "site.toml"), '''title = "Bench Status"
base_url = "https://status.bench.example"
time_zone = "Europe/Berlin"
history_per_page = 20
description = "Synthetic status site of the comparative benchmark (tests/bench)."
''')
    comp = []
    for gid, gname, cs in GROUPS:
        comp.append(f'[[groups]]\nid = "{gid}"\nname = "{gname}"\n')
        for c in cs:
            comp.append(f'[[components]]\nid = "{c}"\nname = {toml_str(COMPONENT_NAMES[c])}\ngroup = "{gid}"\n')
    write(os.path.join(s, "content", "components.toml"), "\n".join(comp))
    write(os.path.join(h, "config.toml"), '''baseURL = "https://status.bench.example/"
title = "Bench Status"
languageCode = "en"
theme = "bare"
paginate = 20
# Only what the three templates make: no feeds, sitemap, robots, 404 or taxonomies.
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
# Plain <pre><code> as cmark-gfm writes it, not Chroma's highlighting: the same Markdown work.
[markup.highlight]
codeFences = false
''')
    write(os.path.join(h, "content", "incidents", "_index.md"), '+++\ntitle = "Incident history"\n+++\n')
    write(os.path.join(h, "content", "maintenance", "_index.md"), '+++\ntitle = "Maintenance"\n+++\n')

    words, pms = [], 0
    for i in range(n):
        toml, pm, page, year, iid, wc = incident(i, n, rng, w)
        words.append(wc)
        write(os.path.join(s, "content", "incidents", str(year), f"{iid}.toml"), toml)
        if pm:
            pms += 1
            write(os.path.join(s, "content", "postmortems", str(year), f"{iid}.md"), pm)
        write(os.path.join(h, "content", "incidents", f"{iid}.md"), page)
    n_mnt = max(2, n // 40)
    slots = [START + k * ((END - START) // n_mnt) + 7200 for k in range(n_mnt)]
    slots += [1796860800, 1797465600]  # 2026-12-10 and 2026-12-17: announced, not yet run
    for m, epoch in enumerate(slots):
        toml, page, year, mid = maintenance(m, epoch, rng, w)
        write(os.path.join(s, "content", "maintenance", str(year), f"{mid}.toml"), toml)
        write(os.path.join(h, "content", "maintenance", f"{mid}.md"), page)
    print(f"wrote {n} incidents ({pms} postmortems, {len(slots)} maintenance windows; "
          f"update words {min(words)}-{max(words)}, mean {sum(words) // len(words)}) to {out}/sitrep and {out}/hugo")


if __name__ == "__main__":
    main()
