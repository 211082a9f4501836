"""Receivers for tests/e2e/notify.sh, in one process: an HTTP server with one
path per target kind, and an aiosmtpd SMTP sink.

  /webhook  checks X-Sitrep-Signature (HMAC-SHA256 of the body with the secret)
  /slack/…, /discord/…, /teams/…  check the payload's shape
  /flaky    answers 503 with Retry-After: 1 to its first request, then 200
  /gone     answers 404

Every request is logged to OUT/requests.log ("<path> <status>"); every body
accepted is saved as OUT/<kind>-<n>.json, every message as OUT/mail-<n>.eml
with OUT/mail-<n>.rcpt (the envelope recipients). A shape that does not match
is answered 400, so sitrep reports a failure.
A second SMTP sink requires AUTH (mailer / s3cret-pass; OUT/auth.log).
Usage: notify_receivers.py OUT_DIR SECRET  (writes OUT_DIR/ports: "HTTP SMTP SMTP_AUTH")
"""
import hashlib
import hmac
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

OUT, SECRET = sys.argv[1], sys.argv[2].encode()
lock = threading.Lock()
counts = {}


def save(kind, data, suffix="json"):
    with lock:
        counts[kind] = counts.get(kind, 0) + 1
        path = os.path.join(OUT, f"{kind}-{counts[kind]}.{suffix}")
    with open(path, "wb") as f:
        f.write(data)


def check_shape(kind, headers, body):
    """None when the request is what `kind` expects, else why not."""
    if kind == "webhook":
        sig = headers.get("X-Sitrep-Signature", "")
        want = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, want):
            return "bad signature"
        doc = json.loads(body)
        if headers.get("X-Sitrep-Event-Id") != doc["event"]["id"]:
            return "X-Sitrep-Event-Id differs from the body"
        if headers.get("X-Sitrep-Event") != doc["event"]["kind"] or set(doc) != {"event", "site"}:
            return "bad webhook document"
        return None
    doc = json.loads(body)
    if kind == "slack":
        ok = isinstance(doc.get("text"), str) and doc["blocks"][0]["text"]["type"] == "mrkdwn"
        return None if ok else "bad slack payload"
    if kind == "discord":
        embed = doc["embeds"][0]
        ok = doc.get("allowed_mentions") == {"parse": []} and {"title", "timestamp", "color"} <= set(embed)
        return None if ok else "bad discord payload"
    if kind == "teams":
        att = doc["attachments"][0]
        ok = (doc.get("type") == "message" and att["contentType"] == "application/vnd.microsoft.card.adaptive"
              and att["content"]["type"] == "AdaptiveCard" and att["content"]["version"] == "1.4")
        return None if ok else "bad teams payload"
    return None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, retry_after=None):
        with open(os.path.join(OUT, "requests.log"), "a") as f:
            f.write(f"{self.path} {status}\n")
        self.send_response(status)
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        kind = self.path.strip("/").split("/")[0]
        if kind == "flaky":
            with lock:
                counts["flaky-requests"] = counts.get("flaky-requests", 0) + 1
                first = counts["flaky-requests"] == 1
            if first:
                with open(os.path.join(OUT, "flaky-first.time"), "w") as f:
                    f.write(repr(time.monotonic()))
                return self.reply(503, retry_after=1)
            with open(os.path.join(OUT, "flaky-second.time"), "w") as f:
                f.write(repr(time.monotonic()))
        if kind == "gone":
            return self.reply(404)
        try:
            problem = check_shape(kind, self.headers, body)
        except (ValueError, KeyError, IndexError, TypeError) as e:
            problem = f"unreadable: {e!r}"
        if problem:
            with open(os.path.join(OUT, "bad.log"), "a") as f:
                f.write(f"{self.path}: {problem}\n")
            return self.reply(400)
        save(kind, body)
        self.reply(200)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        save("mail", envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode(), "eml")
        with lock:
            n = counts["mail"]
        with open(os.path.join(OUT, f"mail-{n}.rcpt"), "w") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        return "250 OK"


class AuthSink:
    """A second sink that requires SMTP AUTH (PLAIN or LOGIN) as mailer/s3cret-pass."""

    async def handle_DATA(self, server, session, envelope):
        save("authmail", envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode(), "eml")
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"mailer" and auth_data.password == b"s3cret-pass"
    with open(os.path.join(OUT, "auth.log"), "a") as f:
        f.write(f"{mechanism} {'ok' if ok else 'refused'}\n")
    return AuthResult(success=ok)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
smtp_port = free_port()
smtp = Controller(Sink(), hostname="127.0.0.1", port=smtp_port)
smtp.start()
# Plain-text AUTH is allowed here only because the sink is on 127.0.0.1 in a test.
auth_port = free_port()
auth_smtp = Controller(AuthSink(), hostname="127.0.0.1", port=auth_port, authenticator=authenticator,
                       auth_required=True, auth_require_tls=False)
auth_smtp.start()
with open(os.path.join(OUT, "ports.tmp"), "w") as f:
    f.write(f"{http.server_address[1]} {smtp_port} {auth_port}\n")
os.rename(os.path.join(OUT, "ports.tmp"), os.path.join(OUT, "ports"))
try:
    http.serve_forever()
finally:
    smtp.stop()
    auth_smtp.stop()
