#!/usr/bin/env python3
"""Writes a large synthetic site (default 10 000 incidents, 1 000 postmortems)
for the benchmarks. Deterministic: the same arguments give the same files.
Usage: generate_site.py OUT_DIR [incidents] [postmortems]"""
import os
import random
import shutil
import sys

out = sys.argv[1]
n_incidents = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
n_postmortems = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
rng = random.Random(42)

shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "content", "incidents"))
os.makedirs(os.path.join(out, "content", "postmortems"))
os.makedirs(os.path.join(out, "content", "maintenance"))
# Schemas and themes are copied in: sitrep reads only files inside the site
# root (its defaults are schemas/ and themes/ beside content/).
shutil.copytree(os.path.join(repo, "schemas"), os.path.join(out, "schemas"))
shutil.copytree(os.path.join(repo, "themes"), os.path.join(out, "themes"))
with open(os.path.join(out, "content", "site.toml"), "w") as f:
    f.write('''title = "Bench Status"
base_url = "https://status.bench.example"
time_zone = "America/New_York"
''')
components = [f"svc-{i}" for i in range(20)]
with open(os.path.join(out, "content", "components.toml"), "w") as f:
    f.write('[[groups]]\nid = "all"\nname = "All services"\n')
    for c in components:
        f.write(f'\n[[components]]\nid = "{c}"\nname = "Service {c}"\ngroup = "all"\n')

SECTIONS = ["Incident Summary", "Impact Assessment", "Timeline", "Root Cause Analysis", "What Went Well",
            "What Went Poorly", "Action Items", "Prevention & Detection Improvements", "Lessons Learned"]
# Ten years of history ending 2026-11-01: one incident every ~8.7 hours.
start_epoch = 1477958400  # 2016-11-01T00:00:00Z
step = (1793491200 - start_epoch) // n_incidents


def ts(epoch):
    import datetime
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


for i in range(n_incidents):
    t0 = start_epoch + i * step
    sev = "SEV3" if i % 10 else ("SEV2" if i % 20 else "SEV1")
    with_pm = i < n_postmortems * 10 and i % 10 == 0
    if with_pm:
        sev = "SEV1" if i % 20 == 0 else "SEV2"
    comp = rng.sample(components, 2)
    iid = f"INC-{i:05d}"
    ack, mit, res = t0 + 300, t0 + 1800, t0 + 3600
    body = f'''id = "{iid}"
title = "Synthetic incident {i}"
severity = "{sev}"
type = "outage"
components = ["{comp[0]}", "{comp[1]}"]
started_at = {ts(t0)}
detected_at = {ts(t0 + 60)}
acknowledged_at = {ts(ack)}
mitigated_at = {ts(mit)}
resolved_at = {ts(res)}
[roles]
commander = "Commander {i % 7}"
scribe = "Scribe {i % 5}"
'''
    for k, (at, status) in enumerate([(t0 + 300, "investigating"), (t0 + 1800, "monitoring"), (res, "resolved")]):
        body += f'''
[[updates]]
at = {ts(at)}
status = "{status}"
message = "Update {k} for **incident {i}**: we are on it."
components = {{ {comp[0]} = "{"operational" if status == "resolved" else "partial_outage"}" }}
'''
    with open(os.path.join(out, "content", "incidents", f"{iid}.toml"), "w") as f:
        f.write(body)
    if with_pm:
        pm = f'+++\nincident = "{iid}"\ntitle = "Postmortem {i}"\nstatus = "final"\nauthors = ["Author"]\n'
        pm += f'date = {ts(res + 86400)[:10]}\npublic = true\n+++\n'
        for s in SECTIONS:
            pm += f"\n## {s}\n"
            if s == "Action Items":
                pm += "| Action | Owner | Due | Status |\n|---|---|---|---|\n| Fix it | Owner | 2026-01-01 | done |\n"
            else:
                pm += f"Text of {s.lower()} for incident {i}.\n"
        with open(os.path.join(out, "content", "postmortems", f"{iid}.md"), "w") as f:
            f.write(pm)
print(f"wrote {n_incidents} incidents, {min(n_postmortems, n_incidents // 10)} postmortems to {out}")
