#!/usr/bin/env python3
"""`sitrep serve` on a large site answers before its first build is done
(issue 12, item 4), and then serves exactly what `sitrep build` writes.

1. A generated site of 3 000 incidents, built once (site/ on disk), then one
   incident retitled, so the preview's build differs from the one on disk.
2. `sitrep serve` starts; as soon as it prints its address:
   - `/` answers at once (the time is printed) with the page from disk under
     the "last build" notice;
   - the API (not a page) and a page that is not on disk answer 503 with
     Retry-After: only pages carry a notice saying what they are.
3. After "first build done": `/` has no notice and shows the new title;
   every page, feed and API file of both trees is byte-identical to a
   `sitrep build` of the same content at the same clock (the preview adds
   only its reload script to pages).
4. One incident edited: its own pages are shown first ("INC-00007 shown in
   N ms"), then the rest is rebuilt; both timings are printed (the bench
   reads them; no figure is asserted here), the page shows the edit, and
   its pages, the front page and the history are then byte-identical to a
   `sitrep build` of the edited content.
5. A root with no site/ on disk: `/` is the 503 "building" page, which
   reloads itself when the build is done.
Usage: startup.py SITREP REPO
"""
import ctypes
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

BIN = os.path.realpath(sys.argv[1])
# Every sitrep run here keeps its load cache in the test's own folder, not
# in the user's ~/.cache (set below, once the folder exists).
REPO = os.path.realpath(sys.argv[2])
NOW = "2026-11-26T00:00:00Z"
INCIDENTS = 3000
failures = []


def check(cond, what):
    print(("  ok   " if cond else "  FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


class Serve:
    def __init__(self, root):
        self.port = free_port()
        self.log_path = os.path.join(root, "..", os.path.basename(root) + "-serve.log")
        self.log = open(self.log_path, "w+")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([BIN, "serve", "--root", root, "--port", str(self.port), "--now", NOW],
                                     stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)

    def text(self):
        with open(self.log_path) as f:
            return f.read()

    def wait_for(self, pattern, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if re.search(pattern, self.text()):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def strip_reload(body):
    return re.sub(rb'<script src="/_sitrep/reload\.js\?v=\d+"></script>\n', b"", body)


tmp = tempfile.mkdtemp(prefix="sitrep-startup-")
os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
try:
    root = os.path.join(tmp, "site-root")
    subprocess.run([sys.executable, os.path.join(REPO, "tests/bench/generate_site.py"), root, str(INCIDENTS),
                    str(INCIDENTS // 10)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "build", "-q", "--root", root, "--now", NOW], check=True)
    target = os.path.join(root, "content/incidents/INC-00007.toml")
    with open(target) as f:
        toml = f.read()
    toml, n = re.subn(r'(?m)^title = .*$', 'title = "Retitled after the last build"', toml, count=1)
    assert n == 1
    with open(target, "w") as f:
        f.write(toml)

    # 2. Before the first build is done.
    serve = Serve(root)
    check(serve.wait_for(r"http://127\.0\.0\.1:%d/" % serve.port, 30), "serve prints its address")
    t0 = time.monotonic()
    status, headers, body = get(serve.port, "/")
    first_ms = (time.monotonic() - serve.started) * 1000
    answered_early = "first build done" not in serve.text()
    print("  first response %.0f ms after start (%d, %d bytes); the first build was %s" %
          (first_ms, status, len(body), "still running" if answered_early else "already done"), flush=True)
    check(answered_early, "the first request was answered before the first build was done")
    check(status == 200 and b'id="sitrep-building"' in body and b"Retitled after the last build" not in body,
          "/ is the last build's page from disk, under the notice")
    status, headers, _ = get(serve.port, "/api/v2/summary.json")
    check(status == 503 and headers.get("retry-after") == "1", "the API waits for the build: 503, Retry-After: 1 (got %d)" % status)
    status, headers, body = get(serve.port, "/no-such-page/")
    check(status == 503 and b"Building the preview" in body and b"/_sitrep/reload.js?v=0" in body,
          "a page not on disk is the building page, which reloads when the build is done")

    # 3. After it: the preview's pages are the build's, byte for byte.
    check(serve.wait_for(r"first build done in \d+ ms", 600), "the first build finishes: " +
          (re.search(r"first build done in [^\n]*", serve.text()) or [""])[0])
    status, _, body = get(serve.port, "/")
    check(status == 200 and b'id="sitrep-building"' not in body, "/ is the preview's own page now")
    fresh = os.path.join(tmp, "fresh")
    subprocess.run([BIN, "build", "-q", "--root", root, "--now", NOW, "--out", fresh], check=True)
    compared, different = 0, []
    for tree, prefix in (("public", "/"), ("internal", "/_internal/")):
        base = os.path.join(fresh, tree)
        for dirpath, _, files in os.walk(base):
            for name in files:
                if name.startswith(".sitrep"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), base)
                url = prefix + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)
                status, _, body = get(serve.port, url)
                with open(os.path.join(dirpath, name), "rb") as f:
                    want = f.read()
                compared += 1
                if status != 200 or strip_reload(body) != want:
                    different.append(url)
    check(compared > INCIDENTS and not different,
          "%d files served byte-identical to `sitrep build` (different: %s)" % (compared, different[:5]))

    # 4. One edit: the server's own timing.
    toml = toml.replace('title = "Retitled after the last build"', 'title = "Edited while serving"')
    with open(target, "w") as f:
        f.write(toml)
    # Its own pages first (Preview::show_edited_incident), then the rest.
    check(serve.wait_for(r"INC-00007 shown in [\d.]+ ms", 60), "the edited incident's pages are shown first: " +
          (re.search(r"INC-00007 shown in [^\n]*", serve.text()) or [""])[0])
    status, _, shown = get(serve.port, "/incidents/INC-00007/")  # most often before the rebuild is done
    check(status == 200 and b"Edited while serving" in shown, "the edited incident's page shows the edit")
    check(serve.wait_for(r"rebuilt in \d+ ms", 60), "then the rest is rebuilt")
    print("  " + (re.findall(r"rebuilt in [^\n]*", serve.text()) or ["(no rebuild line)"])[-1], flush=True)
    edited = os.path.join(tmp, "edited")
    subprocess.run([BIN, "build", "-q", "--root", root, "--now", NOW, "--out", edited], check=True)
    different = []
    for url, file in (("/incidents/INC-00007/", "public/incidents/INC-00007/index.html"),
                      ("/_internal/incidents/INC-00007.html", "internal/incidents/INC-00007.html"),
                      ("/", "public/index.html"), ("/history/", "public/history/index.html")):
        status, _, body = get(serve.port, url)
        with open(os.path.join(edited, file), "rb") as f:
            if status != 200 or strip_reload(body) != f.read():
                different.append(url)
    with open(os.path.join(edited, "public/incidents/INC-00007/index.html"), "rb") as f:
        check(strip_reload(shown) == f.read(), "the page shown first is the build's page")
    check(not different, "after the edit, byte-identical to `sitrep build` (different: %s)" % different)
    serve.stop()

    # 5. No build on disk: the building page.
    bare = os.path.join(tmp, "bare-root")
    os.makedirs(bare)
    for d in ("content", "schemas", "themes"):
        shutil.copytree(os.path.join(root, d), os.path.join(bare, d))
    serve = Serve(bare)
    check(serve.wait_for(r"http://127\.0\.0\.1:%d/" % serve.port, 30), "serve prints its address (no site/ on disk)")
    status, headers, body = get(serve.port, "/")
    if "first build done" in serve.text():
        check(False, "the build finished before the first request: the site is too small to test the building page")
    else:
        check(status == 503 and headers.get("retry-after") == "1" and b"Building the preview" in body,
              "/ is the 503 building page, with Retry-After")
    check(serve.wait_for(r"first build done", 600) and get(serve.port, "/")[0] == 200, "then the site")
    serve.stop()
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
