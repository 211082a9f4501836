#!/usr/bin/env bash
# deploy/nginx.conf with Debian's real nginx: the example site is built, a
# non-root nginx serves site/public through deploy/nginx.conf (root and
# listen substituted), and every file of the tree is requested over HTTP.
# Each answer must carry the headers the site's `_headers` prescribes for its
# path (read as Netlify reads it: `*` splats, every matching block applies,
# a header set twice is joined with ", ") and no other Cache-Control or CORS
# header, so nginx.conf and _headers cannot drift apart; plus fixed
# expectations of their own (media types, nosniff, CORS on api/, a year's
# cache for hashed assets only). A missing page answers 404 with 404.html.
#
# Usage: nginx.sh SITREP_BINARY REPO_ROOT. Exit 77 (skipped) without nginx.
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
nginx=${NGINX:-/usr/sbin/nginx}
if [ ! -x "$nginx" ]; then echo "SKIP: no nginx at $nginx (apt-get install nginx-light)"; exit 77; fi
tmp=$(mktemp -d)
# Run as root, nginx's workers read the files as an unprivileged user, as on a server.
chmod 755 "$tmp"
nginx_pid=
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$repo" && "$sitrep" build --root . --now 2026-11-26T00:00:00Z --out "$tmp/site" -q) || { echo "FAIL example site build"; exit 1; }
[ -f "$tmp/site/public/_headers" ] || { echo "FAIL no _headers in site/public"; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The two lines a deployer changes, and nothing else.
grep -q '^    root /srv/status/public;$' "$repo/deploy/nginx.conf" && grep -q '^    listen 80;$' "$repo/deploy/nginx.conf" \
  || { echo "FAIL deploy/nginx.conf: no 'root /srv/status/public;' or 'listen 80;' line to substitute"; exit 1; }
sed -e "s|^    root /srv/status/public;\$|    root $tmp/site/public;|" -e "s|^    listen 80;\$|    listen 127.0.0.1:$port;|" \
  "$repo/deploy/nginx.conf" >"$tmp/server.conf"
mkdir -p "$tmp/temp"
cat >"$tmp/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events { worker_connections 64; }
http {
    access_log $tmp/access.log;
    client_body_temp_path $tmp/temp/client_body;
    proxy_temp_path $tmp/temp/proxy;
    fastcgi_temp_path $tmp/temp/fastcgi;
    uwsgi_temp_path $tmp/temp/uwsgi;
    scgi_temp_path $tmp/temp/scgi;
    include $tmp/server.conf;
}
CONF
"$nginx" -t -q -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf" || { echo "FAIL nginx -t"; cat "$tmp/error.log"; exit 1; }
"$nginx" -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
for _ in $(seq 100); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; then break; fi
  sleep 0.05
done

python3 - "$tmp/site/public" "$port" <<'PY'
import http.client, os, re, sys, urllib.parse

public, port = sys.argv[1], int(sys.argv[2])
problems = []
CHECKED = ["Content-Type", "Cache-Control", "Access-Control-Allow-Origin", "X-Content-Type-Options"]
FRESH = "public, max-age=60, must-revalidate"
IMMUTABLE = "public, max-age=31536000, immutable"

def pattern_regex(pattern):
    """A _headers path as Netlify matches it: a whole `*` segment matches the
    rest of the path (or nothing), a `*` inside a segment any characters,
    `:name` one segment; a trailing slash is optional; case is ignored."""
    parts = [p for p in pattern.split("/") if p]
    if not parts:
        return re.compile(r"^/$", re.I)
    rx = ""
    for p in parts:
        if p == "*":
            rx += r"(?:|/|/.*)"
        elif p.startswith(":"):
            rx += r"/[^/]+"
        else:
            rx += "/" + ".*".join(re.escape(s) for s in p.split("*"))
    return re.compile("^" + rx + "/?$", re.I)

def parse_headers(text):
    blocks = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            blocks.append((line.strip(), pattern_regex(line.strip()), []))
        else:
            name, _, value = line.strip().partition(":")
            blocks[-1][2].append((name.strip(), value.strip()))
    return blocks

blocks = parse_headers(open(os.path.join(public, "_headers"), encoding="utf-8").read())

def prescribed(url_path):
    out = {}
    for _, rx, headers in blocks:
        if rx.match(url_path):
            for name, value in headers:
                key = name.lower()
                out[key] = out[key] + ", " + value if key in out else value
    return out

conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
def get(path):
    conn.request("GET", urllib.parse.quote(path))
    r = conn.getresponse()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()

files = sorted(os.path.relpath(os.path.join(d, f), public) for d, _, fs in os.walk(public) for f in fs)
index = open(os.path.join(public, "index.html"), encoding="utf-8").read()
hashed = set(re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', index))
if len(hashed) < 2 or any(not re.search(r"\.[0-9a-f]{8}\.[a-z0-9]+$", h) for h in hashed):
    problems.append(f"index.html does not link the hashed assets: {sorted(hashed)}")
hashed = {"/" + h for h in hashed}

def own_expectations(url, rel, got):
    """What each kind of file must get, whatever _headers says."""
    want = {}
    ext = os.path.splitext(rel)[1]
    types = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
             ".atom": "application/atom+xml; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
             ".ics": "text/calendar; charset=utf-8", ".json": "application/json; charset=utf-8",
             ".svg": "image/svg+xml", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
    if ext in types: want["content-type"] = types[ext]
    want["x-content-type-options"] = "nosniff"
    if url in hashed: want["cache-control"] = IMMUTABLE
    elif ext in (".html", ".atom", ".rss", ".ics") or rel.startswith("api/") or os.path.basename(rel) == "badge.svg":
        want["cache-control"] = FRESH
    if rel.startswith("api/") or ext in (".atom", ".rss", ".ics") or os.path.basename(rel) == "badge.svg":
        want["access-control-allow-origin"] = "*"
    for k, v in want.items():
        if got.get(k) != v: problems.append(f"{url}: {k} is {got.get(k)!r}, want {v!r}")

requests = 0
for rel in files:
    url = "/" + rel
    if rel == "_headers":
        status, _, _ = get(url)
        if status != 404: problems.append(f"/_headers answers {status}, not 404")
        continue
    body = open(os.path.join(public, rel), "rb").read()
    urls = [url]
    if rel == "index.html" or rel.endswith("/index.html"): urls.append(url[: -len("index.html")])
    for u in urls:
        status, got, got_body = get(u)
        requests += 1
        if status != 200 or got_body != body:
            problems.append(f"{u}: status {status}, {'same' if got_body == body else 'other'} body"); continue
        want = prescribed(u)
        for name in CHECKED:
            key = name.lower()
            if key in want and got.get(key) != want[key]:
                problems.append(f"{u}: nginx sends {name}: {got.get(key)!r}, _headers says {want[key]!r}")
            elif key not in want and key != "content-type" and key in got:
                problems.append(f"{u}: nginx sends {name}: {got[key]!r}, _headers says nothing")
        own_expectations(u, rel, got)

# A missing page: 404 with 404.html's body, wherever it is asked for.
notfound = open(os.path.join(public, "404.html"), "rb").read()
for u in ["/no-such-page", "/incidents/INC-0000-00-00-000/", "/api/v2/nothing.json"]:
    status, got, body = get(u)
    if status != 404 or body != notfound: problems.append(f"{u}: status {status}, want 404 with 404.html's body")
    if got.get("x-content-type-options") != "nosniff": problems.append(f"{u}: no nosniff on the 404")
# A folder without its slash is redirected to it (relative links need the slash).
folder = next(os.path.dirname(r) for r in files if r.startswith("incidents/") and r.endswith("/index.html"))
conn.request("GET", "/" + folder)
r = conn.getresponse(); r.read()
if r.status != 301 or r.getheader("Location") != "/" + folder + "/":
    problems.append(f"/{folder}: {r.status} to {r.getheader('Location')}, want 301 to /{folder}/")

for p in problems[:40]: print("  " + p)
print(f"{requests} requests for {len(files)} files, {len(blocks)} _headers blocks, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
PY
rc=$?
if [ $rc = 0 ]; then echo "ok   nginx serves every file with the headers _headers prescribes"; else echo "FAIL nginx headers"; tail -20 "$tmp/error.log"; fi
exit $rc
