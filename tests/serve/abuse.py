#!/usr/bin/python3
"""`sitrep serve` under abuse, driven over raw sockets on 127.0.0.1.

Usage: abuse.py SITREP_BIN SOURCE_DIR [CASE...]   (CASE: a function name below; default all)

Starts the real binary on a copy of the example site and checks, case by
case, the status codes and time bounds of docs/serve.md: Host headers (DNS
rebinding), traversal in every spelling, methods, malformed and oversized
requests, hundreds of concurrent connections, half-sent, trickling and idle
clients with many live-reload streams open at once, rapid edits, and a clean
stop. Each case prints its name and time; the whole run is bounded (alarm).
Only loopback is used.
"""
import ctypes
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

BIN, SRC, ONLY = sys.argv[1], sys.argv[2], sys.argv[3:]
SECRET = "TOP-SECRET-ABUSE-FILE"
INCIDENT = "content/incidents/2026/2026-04-14-auth-cache-ttl.toml"
INCIDENT_PAGE = "/incidents/INC-2026-04-14-001/"
HEAD_TIMEOUT = 10.0  # ServeLimits::head_timeout
MAX_STREAMS = 32  # ServeLimits::max_streams
FAST = 1.0  # the bound on GET / while the server is under abuse, seconds

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("  FAIL:", what, flush=True)


def die_with_parent():
    """In the child: killed when this script dies, even by SIGKILL (a ctest timeout)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def stop_run(signum, _frame):
    raise SystemExit("abuse.py: stopped by signal %d" % signum)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="sitrep-abuse-")
        for d in ("content", "schemas", "themes"):
            shutil.copytree(os.path.join(SRC, d), os.path.join(self.root, d))
        with open(os.path.join(self.root, "secret.txt"), "w") as f:
            f.write(SECRET)
        with open(os.path.join(self.root, "content", "secret.txt"), "w") as f:
            f.write(SECRET)
        self.port = free_port()
        self.log = open(os.path.join(self.root, "serve.log"), "w+")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--root", self.root, "--port", str(self.port), "--now", "2026-11-26T00:00:00Z"],
            stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        for _ in range(200):
            try:
                if self.get("/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("sitrep serve did not start")

    def host(self):
        return "127.0.0.1:%d" % self.port

    def get(self, path, method="GET", headers=None, body=None, timeout=5):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            c.close()

    def connect(self, timeout=5):
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def raw(self, data, timeout=5):
        """Sends bytes as they are; returns (status, headers, body) of the answer."""
        with self.connect(timeout) as s:
            try:
                s.sendall(data)
            except OSError:
                pass  # the server may answer before taking everything
            return read_response(Reader(s))

    def version(self):
        return int(re.search(rb"reload\.js\?v=(\d+)", self.get("/")[2]).group(1))

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


class Reader:
    """Reads answers off one connection, keeping what arrives past the current one."""

    def __init__(self, s):
        self.s, self.buf = s, b""

    def _more(self):
        chunk = self.s.recv(65536)
        self.buf += chunk
        return bool(chunk)

    def head(self):
        while b"\r\n\r\n" not in self.buf and self._more():
            pass
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        m = re.match(r"HTTP/1\.[01] (\d{3})", lines[0]) if lines else None
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        return (int(m.group(1)) if m else None), headers

    def body(self, n):
        while len(self.buf) < n and self._more():
            pass
        body, self.buf = self.buf[:n], self.buf[n:]
        return body


def read_response(reader, head_only=False):
    """(status, headers, body) of the next answer; (None, {}, b"") when the connection failed."""
    try:
        status, headers = reader.head()
        n = int(headers.get("content-length", "0"))
        return status, headers, b"" if head_only else reader.body(n)
    except (ConnectionResetError, socket.timeout):
        return None, {}, b""


def timed(name, fn, *args):
    if ONLY and fn.__name__ not in ONLY:
        return
    start = time.monotonic()
    print("case:", name, flush=True)
    try:
        fn(*args)
    except Exception as e:  # noqa: BLE001 - a timeout or reset is this case failing
        check(False, "%s: %r" % (name, e))
    print("  %.1f s" % (time.monotonic() - start), flush=True)


def host_header(srv):
    for host in ("127.0.0.1:%d" % srv.port, "localhost:%d" % srv.port, "localhost", "[::1]:%d" % srv.port,
                 "app.localhost:%d" % srv.port, "127.0.0.1"):
        status, _, _ = srv.get("/", headers={"Host": host})
        check(status == 200, "Host %s -> %s, want 200" % (host, status))
    for host in ("evil.example", "evil.example:%d" % srv.port, "localhost.evil.example:%d" % srv.port,
                 "127.0.0.1.nip.io:%d" % srv.port, "[::1", "localhost:x"):
        for path in ("/", "/_internal/", "/api/v2/summary.json", "/_sitrep/events"):
            status, headers, body = srv.get(path, headers={"Host": host})
            check(status == 403, "Host %s %s -> %s, want 403" % (host, path, status))
            check(headers.get("content-type", "").startswith("text/plain") and len(body) < 300,
                  "Host %s: a short plain refusal" % host)
            check(b"<html" not in body.lower() and b"INC-" not in body, "Host %s: no page in the refusal" % host)
    status, _, _ = srv.raw(b"GET / HTTP/1.0\r\n\r\n")
    check(status == 400, "no Host -> %s, want 400" % status)
    status, _, _ = srv.raw(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n")
    check(status == 400, "two Host headers -> %s, want 400" % status)


def traversal(srv):
    refused = ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt",
               "/%2e%2e%2fsecret.txt", "/incidents/../../secret.txt", "/..\\secret.txt", "/..%5csecret.txt",
               "/%5c..%5c..%5csecret.txt", "/%c0%ae%c0%ae/secret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
               "/%u002e%u002e/secret.txt", "/index.html%00.txt", "/%00", "/_internal/../../secret.txt",
               "/_internal/%2e%2e/%2e%2e/secret.txt", "//etc/passwd", "/./index.html", "/a%0d%0aSet-Cookie:x",
               "http://127.0.0.1/../secret.txt", "*"]
    for path in refused:
        status, _, body = srv.raw(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path, srv.host())).encode())
        check(status == 400, "%s -> %s, want 400" % (path, status))
        check(SECRET.encode() not in body and b"base_url" not in body, "%s: nothing read from disk" % path)
    # Decoded once, never twice: "%252e%252e" is the name "%2e%2e", which no page has.
    for path in ("/%252e%252e/secret.txt", "/%252e%252e/%252e%252e/etc/passwd", "/secret.txt",
                 "/content/secret.txt", "/content/site.toml", "/schemas/severity.toml", "/themes/"):
        status, _, body = srv.raw(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path, srv.host())).encode())
        check(status == 404, "%s -> %s, want 404" % (path, status))
        check(SECRET.encode() not in body and b"base_url" not in body, "%s: nothing read from disk" % path)


def methods(srv):
    for method in ("POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "get", "BREW"):
        target = "127.0.0.1:80" if method == "CONNECT" else "/"
        status, headers, _ = srv.raw(("%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: 3\r\n\r\nx=1"
                                      % (method, target, srv.host())).encode())
        check(status == 405, "%s -> %s, want 405" % (method, status))
        allow = [m.strip() for m in headers.get("allow", "").split(",")]
        check("GET" in allow and "HEAD" in allow, "%s: Allow names GET and HEAD (%r)" % (method, allow))
    # A large body that is never read: the answer still arrives whole.
    status, _, _ = srv.raw(b"POST / HTTP/1.1\r\nHost: %s\r\nContent-Length: 1000000\r\n\r\n" % srv.host().encode()
                           + b"x" * 1000000)
    check(status == 405, "POST with 1 MB -> %s, want 405" % status)
    status, headers, body = srv.get("/", method="HEAD")
    check(status == 200 and body == b"" and int(headers["content-length"]) > 1000, "HEAD / -> 200, no body")
    status, headers, _ = srv.get("/", method="OPTIONS")
    check(status == 204 and "GET" in headers.get("allow", ""), "OPTIONS / -> %s, want 204 with Allow" % status)


def malformed(srv):
    host = srv.host().encode()
    cases = [
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(64) + b"\r\n\r\n", (400,)),  # TLS hello
        (b"GET\r\n\r\n", (400,)),
        (b"GET / HTTP/9.9\r\nHost: " + host + b"\r\n\r\n", (400,)),
        (b"GET / HTTP/1.1 extra\r\nHost: " + host + b"\r\n\r\n", (400,)),
        (b"\r\n\r\n", (400,)),
        (b"GET /\x00 HTTP/1.1\r\nHost: " + host + b"\r\n\r\n", (400,)),
        (b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nno colon here\r\n\r\n", (200,)),  # skipped, as httplib does
        (b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nRange: bytes=5-1\r\n\r\n", (416,)),
        # Just under httplib's 8 KiB request line: its route regex recurses once per character.
        (b"GET /" + b"a" * 8150 + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n", (404,)),
        (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n", (414,)),
        (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n", (414,)),
        (b"GET /?" + b"%" * 8000 + b" HTTP/1.1\r\nHost: " + host + b"\r\n\r\n", (200,)),
        (b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nX-Big: " + b"a" * 10_000 + b"\r\n\r\n", (400, 431)),
        (b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n", (400, 431)),
        (b"GET / HTTP/1.1\r\nHost: " + host + b"\r\n" + b"X-Many: 1\r\n" * 10_000 + b"\r\n", (400, 431)),
        (b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", (200,)),
    ]
    for request, want in cases:
        start = time.monotonic()
        status, _, _ = srv.raw(request)
        check(status in want, "%r... -> %s, want %s" % (request[:40], status, want))
        check(time.monotonic() - start < 3, "%r... answered within 3 s" % request[:40])
    # Thousands of overlapping ranges would repeat the page thousands of times: it comes whole, once.
    size = len(srv.get("/")[2])
    ranges = ",".join(["0-"] * 2700)  # 8 KiB, near httplib's header line limit (its Range regex recurses too)
    status, headers, body = srv.raw(b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nRange: bytes=" + ranges.encode()
                                    + b"\r\n\r\n")
    check(status == 200 and len(body) == size, "2700 ranges -> %s, %d bytes; want 200 and %d" % (status, len(body), size))
    status, headers, body = srv.raw(b"GET /badge.svg HTTP/1.1\r\nHost: " + host + b"\r\nRange: bytes=0-9\r\n\r\n")
    check(status == 206 and body == srv.get("/badge.svg")[2][:10] and headers.get("content-range", "").startswith(
        "bytes 0-9/"), "one range -> %s %r, want 206 and the first 10 bytes" % (status, body))
    # Pipelined requests are answered in order on one connection.
    with srv.connect() as s:
        s.sendall(b"GET /badge.svg HTTP/1.1\r\nHost: " + host + b"\r\n\r\nHEAD / HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
        reader = Reader(s)
        first = read_response(reader)
        second = read_response(reader, head_only=True)
        check(first[0] == 200 and first[1].get("content-type") == "image/svg+xml" and second[0] == 200,
              "two pipelined requests -> %s, %s" % (first[0], second[0]))
    check(srv.alive(), "the server is still running")
    check(srv.get("/")[0] == 200, "GET / still answers")


def concurrent(srv):
    n = 300
    results = [None] * n
    barrier = threading.Barrier(n)

    def one(i):
        try:
            s = srv.connect(timeout=20)
            barrier.wait(timeout=20)
            s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                       % (("/", "/api/v2/summary.json", "/history/", "/_internal/")[i % 4], srv.host())).encode())
            results[i] = read_response(Reader(s))[0]
            s.close()
        except Exception as e:  # noqa: BLE001 - reported below
            results[i] = repr(e)

    start = time.monotonic()
    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    bad = [r for r in results if r != 200]
    check(not bad, "%d concurrent connections: %d not 200 (%s)" % (n, len(bad), bad[:3]))
    check(elapsed < 15, "%d concurrent connections answered in %.1f s (< 15)" % (n, elapsed))


def closed(s):
    try:
        return s.recv(1024, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def sse_open(srv, since):
    """Opens a live-reload stream; returns the socket, status, headers and (for a stream
    that is not held open) its whole body."""
    s = srv.connect(timeout=5)
    s.sendall(("GET /_sitrep/events?since=%d HTTP/1.1\r\nHost: %s\r\n\r\n" % (since, srv.host())).encode())
    reader = Reader(s)
    status, headers = reader.head()
    chunked = headers.get("transfer-encoding") == "chunked"
    rest = reader.buf if chunked else reader.body(int(headers.get("content-length", "0")))
    return s, status, headers, rest


def under_siege(srv):
    host = srv.host().encode()
    since = srv.version()
    opened = time.monotonic()
    half = []  # request heads that never end
    for i in range(100):
        s = srv.connect()
        s.sendall(b"GET / HTTP/1.1\r\nHost: " + host + b"\r\n" if i % 2 else b"GET /hist")
        half.append(s)
    idle = [srv.connect() for _ in range(20)]  # connect, say nothing
    trickle = [srv.connect() for _ in range(40)]
    stop = threading.Event()
    trickle_closed = {}

    def trickler():
        text = b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nX-Slow: " + b"a" * 100
        for k in range(len(text)):
            if stop.wait(1.0 if k else 0):
                return
            for i, s in enumerate(trickle):
                if i in trickle_closed:
                    continue
                try:
                    s.send(text[k:k + 1])
                except OSError:
                    trickle_closed[i] = time.monotonic()

    tt = threading.Thread(target=trickler, daemon=True)
    tt.start()
    streams, retried, got = [], 0, {}
    for _ in range(120):
        s, status, headers, rest = sse_open(srv, since)
        check(status == 200 and headers.get("content-type", "").startswith("text/event-stream"),
              "event stream -> %s" % status)
        if headers.get("transfer-encoding") == "chunked":
            streams.append(s)
            got[s] = rest
        else:
            retried += 1
            check(b"retry:" in rest, "a stream over the cap gets a retry hint")
            s.close()
    check(len(streams) == MAX_STREAMS and retried == 120 - MAX_STREAMS,
          "120 event streams: %d held, %d told to retry; want %d and %d"
          % (len(streams), retried, MAX_STREAMS, 120 - MAX_STREAMS))

    # With all of that held open, pages still come at once.
    worst = 0.0
    for i in range(20):
        start = time.monotonic()
        status, _, body = srv.get(("/", "/_internal/", "/api/v2/summary.json", "/history.atom")[i % 4])
        took = time.monotonic() - start
        worst = max(worst, took)
        check(status == 200 and body, "GET under siege -> %s" % status)
        time.sleep(0.1)
    print("  slowest page under siege: %.3f s" % worst)
    check(worst < FAST, "slowest page under siege %.3f s, want < %.1f s" % (worst, FAST))

    # Live reload still works on the streams that were admitted.
    path = os.path.join(srv.root, INCIDENT)
    with open(path) as f:
        original = f.read()
    with open(path, "w") as f:
        f.write(original.replace('title = "', 'title = "Reloaded under siege: ', 1))
    reloaded = 0
    deadline = time.monotonic() + 10
    pending = list(streams)
    while pending and time.monotonic() < deadline:
        ready, _, _ = select.select(pending, [], [], 0.5)
        for s in ready:
            try:
                chunk = s.recv(4096)
            except OSError:
                chunk = b""
            got[s] += chunk
            if b"data: reload" in got[s] or not chunk:
                pending.remove(s)
                reloaded += b"data: reload" in got[s]
    check(reloaded == len(streams), "%d of %d open streams told to reload" % (reloaded, len(streams)))
    with open(path, "w") as f:
        f.write(original)

    # Half-sent, idle and trickling connections are closed at the head timeout.
    close_times = {}
    watch = {s: ("half", i) for i, s in enumerate(half)}
    watch.update({s: ("idle", i) for i, s in enumerate(idle)})
    deadline = opened + HEAD_TIMEOUT + 4
    while watch and time.monotonic() < deadline:
        ready, _, _ = select.select(list(watch), [], [], 0.2)
        for s in ready:
            if closed(s):
                close_times[watch.pop(s)] = time.monotonic() - opened
    while len(trickle_closed) < len(trickle) and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    tt.join()
    check(not watch, "%d half-sent or idle connections still open after %.0f s" % (len(watch), HEAD_TIMEOUT + 4))
    check(len(trickle_closed) == len(trickle), "%d of %d trickling connections closed"
          % (len(trickle_closed), len(trickle)))
    times = list(close_times.values()) + [t - opened for t in trickle_closed.values()]
    if times:
        print("  held connections closed after %.1f-%.1f s" % (min(times), max(times)))
        check(min(times) > HEAD_TIMEOUT - 1.5, "no connection closed before the head timeout (%.1f s)" % min(times))
    for s in half + idle + trickle + streams:
        s.close()
    check(srv.get("/")[0] == 200, "GET / after the siege")


def rapid_edits(srv):
    path = os.path.join(srv.root, INCIDENT)
    with open(path) as f:
        original = f.read()
    stop = threading.Event()

    def editor():
        k = 0
        while not stop.is_set():
            k += 1
            step = k % 4
            if step == 0:
                with open(path, "w") as f:
                    f.write(original.replace('title = "', 'title = "Edit %d: ' % k, 1))
            elif step == 1:
                os.remove(path)
            elif step == 2:
                with open(path, "w") as f:
                    f.write(original[: len(original) // 2])  # half written: a build error
            else:
                with open(path, "w") as f:
                    f.write(original)
            time.sleep(0.02)

    t = threading.Thread(target=editor, daemon=True)
    t.start()
    end = time.monotonic() + 4
    n = 0
    while time.monotonic() < end:
        status, headers, body = srv.get("/")
        check(status == 200 and body.rstrip().endswith(b"</html>"), "GET / during edits -> %s" % status)
        status, _, body = srv.get("/api/v2/summary.json")
        try:
            json.loads(body)
            ok = status == 200
        except ValueError:
            ok = False
        check(ok, "summary.json during edits -> %s, well-formed" % status)
        status, _, body = srv.get(INCIDENT_PAGE)
        check(status in (200, 404) and body.rstrip().endswith(b"</html>"),
              "incident page during edits -> %s (200, or 404 while the file is gone)" % status)
        n += 1
    stop.set()
    t.join()
    with open(path, "w") as f:
        f.write(original)
    settled = False
    for _ in range(100):
        status, _, body = srv.get(INCIDENT_PAGE)
        if status == 200 and b"sitrep-errors" not in body and b"Edit " not in body:
            settled = True
            break
        time.sleep(0.1)
    print("  %d rounds of requests during the edits" % n)
    check(settled, "the restored file is served, without the error overlay")
    check(srv.alive(), "the server is still running")


def clean_stop(srv):
    since = srv.version()
    streams = [sse_open(srv, since)[0] for _ in range(5)]
    half = srv.connect()
    half.sendall(b"GET / HTTP/1.1\r\n")
    start = time.monotonic()
    srv.proc.send_signal(signal.SIGINT)
    try:
        code = srv.proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        code = None
    took = time.monotonic() - start
    check(code == 0, "Ctrl-C with open streams: exit %s, want 0" % code)
    check(took < 3, "stopped in %.1f s (< 3)" % took)
    for s in streams + [half]:
        s.close()


def main():
    signal.signal(signal.SIGALRM, stop_run)  # a hung case fails the run instead of holding CI
    signal.signal(signal.SIGTERM, stop_run)
    signal.alarm(150)
    srv = Server()
    try:
        timed("Host header (DNS rebinding)", host_header, srv)
        timed("traversal in every spelling", traversal, srv)
        timed("methods", methods, srv)
        timed("malformed and oversized requests", malformed, srv)
        timed("300 concurrent connections", concurrent, srv)
        timed("half-sent, idle and trickling clients, 120 event streams", under_siege, srv)
        timed("rapid edits, deletes and re-creations", rapid_edits, srv)
        timed("Ctrl-C with streams open", clean_stop, srv)
    finally:
        if failures:
            srv.log.seek(0)
            print("--- serve.log (last lines)")
            print("".join(srv.log.readlines()[-20:]))
        srv.stop()
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
