#!/usr/bin/env python3
"""Issue 12, item 4: `sitrep serve` on the corpus, through the server's own
timing. Run by hand; nothing here is a test.

Usage: serve_bench.py SITREP CORPUS [EDITS]
  CORPUS: generate_corpus.py's OUT/sitrep (a site root).

1. `sitrep build` writes site/ (untimed): the last build on disk.
2. `sitrep serve` starts; the first request to `/` is timed from the start
   of the process (the client's clock), then the first build's own line.
3. EDITS times (default 7) one incident's title is changed in place, 1.5 s
   apart (past the load's one-second stamp window, as a person typing is);
   serve prints "<id> shown in N ms" (its pages, Preview::show_edited_incident)
   and "rebuilt in N ms" (everything). Medians and ranges of both.
The edited incident is put back as it was at the end.
"""
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import time

NOW = "2026-11-26T00:00:00Z"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    sitrep, root = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    subprocess.run([sitrep, "build", "-q", "--root", root, "--now", NOW], check=True)
    incidents = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "content/incidents"))
                       for f in fs if f.endswith(".toml"))
    target = incidents[-1]
    with open(target) as f:
        original = f.read()
    port = free_port()
    log = os.path.join(root, "serve-bench.out")
    start = time.monotonic()
    with open(log, "w") as out:
        serve = subprocess.Popen([sitrep, "serve", "--root", root, "--port", str(port), "--now", NOW],
                                 stdout=out, stderr=subprocess.STDOUT)
    text = lambda: open(log).read()

    def wait_for(pattern, count=1, timeout=600):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = re.findall(pattern, text())
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise SystemExit("serve_bench: no %r in %s" % (pattern, log))

    try:
        first = None
        while first is None and time.monotonic() - start < 60:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("GET", "/")
                r = c.getresponse()
                r.read()
                first = (time.monotonic() - start, r.status)
            except OSError:
                time.sleep(0.005)
        build_ms = int(wait_for(r"first build done in (\d+) ms")[0])
        shown, rebuilt = [], []
        for edit in range(1, edits + 1):
            time.sleep(1.5)
            with open(target, "w") as f:
                f.write(original.replace('title = "', 'title = "Edit %d ' % edit, 1))
            rebuilt_ms = wait_for(r"rebuilt in (\d+) ms", edit)
            rebuilt.append(int(rebuilt_ms[-1]))
            quick = re.findall(r"shown in ([\d.]+) ms", text())
            if len(quick) < edit:
                raise SystemExit("serve_bench: edit %d was not shown before its rebuild (%s)" % (edit, log))
            shown.append(float(quick[-1]))
    finally:
        serve.terminate()
        serve.wait()
        with open(target, "w") as f:
            f.write(original)
    n = len(incidents)
    print("| serve, %d incidents | median | range |" % n)
    print("|---|---|---|")
    print("| first response to `/` after start (status %d, last build on disk) | %.0f ms | |" % (first[1], first[0] * 1000))
    print("| first build in memory | %d ms | |" % build_ms)
    print("| one incident edited: its pages shown | %.1f ms | %.1f–%.1f |" % (statistics.median(shown), min(shown), max(shown)))
    print("| one incident edited: everything rebuilt | %d ms | %d–%d |" % (statistics.median(rebuilt), min(rebuilt), max(rebuilt)))


main()
