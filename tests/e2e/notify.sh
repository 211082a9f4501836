#!/usr/bin/env bash
# `sitrep notify` end to end, all on 127.0.0.1: one python process receives
# webhooks (HMAC checked), Slack, Discord and Teams payloads (shapes checked),
# a flaky endpoint (503 once) and e-mail (aiosmtpd). Each target gets exactly
# its events (component filters), a second run sends nothing, --dry-run
# shows no secret, a targets file inside content/ is refused.
# Usage: notify.sh <sitrep-binary> <repo-root>
set -uo pipefail
sitrep=$(realpath "$1")
repo=$(realpath "$2")
tmp=$(mktemp -d)
receiver_pid=
cleanup() {
  if [ -n "$receiver_pid" ]; then kill "$receiver_pid" 2>/dev/null; wait "$receiver_pid" 2>/dev/null; fi
  [ -n "${KEEP_TMP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"  # ok, fail, tree_sums

# aiosmtpd comes from Debian (python3-aiosmtpd): the system python may not be first on PATH.
python=
for p in python3 /usr/bin/python3; do
  if "$p" -c "import aiosmtpd" 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || { echo "SKIP: no python3 with aiosmtpd (apt-get install python3-aiosmtpd)"; exit 77; }

site="$tmp/site"
mkdir -p "$site/content" "$tmp/recv" "$tmp/ci"
cp "$repo/content/site.toml" "$site/content/"
secret="whsec-e2e-7f3a9c"
"$python" "$repo/tests/e2e/notify_receivers.py" "$tmp/recv" "$secret" 2>"$tmp/receiver.err" &
receiver_pid=$!
for _ in $(seq 100); do [ -f "$tmp/recv/ports" ] && break; sleep 0.1; done
[ -f "$tmp/recv/ports" ] || { echo "FAIL receivers did not start"; cat "$tmp/receiver.err"; exit 1; }
read -r http_port smtp_port auth_port <"$tmp/recv/ports"
base="http://127.0.0.1:$http_port"

# Shaped exactly like `sitrep changes --format json` (events_to_json).
cat >"$tmp/events.json" <<JSON
{
  "events": [
    {
      "id": "incident_opened:INC-2026-11-26-001",
      "kind": "incident_opened",
      "item_id": "INC-2026-11-26-001",
      "item_type": "incident",
      "title": "API errors",
      "status": "investigating",
      "impact": "major",
      "message": "We are investigating errors on the public API. @everyone <b>",
      "url": "https://status.acme-cloud.example/incidents/INC-2026-11-26-001",
      "at": "2026-11-26T02:50:00Z",
      "components": ["api"],
      "component_names": ["Public API"]
    },
    {
      "id": "maintenance_scheduled:MNT-2026-12-05-001",
      "kind": "maintenance_scheduled",
      "item_id": "MNT-2026-12-05-001",
      "item_type": "maintenance",
      "title": "Datenbank-Wartung (größer)",
      "status": "scheduled",
      "message": "Planned upgrade of the primary database.",
      "url": "https://status.acme-cloud.example/maintenance/MNT-2026-12-05-001",
      "at": "2026-11-27T10:00:00Z",
      "components": ["db"],
      "component_names": ["Database"]
    }
  ]
}
JSON

cat >"$tmp/ci/targets.toml" <<TOML
[[target]]
name = "hook"
kind = "webhook"
url = "$base/webhook"
secret_env = "E2E_WEBHOOK_SECRET"

[[target]]
name = "slack-api"
kind = "slack"
url_env = "E2E_SLACK_URL"
components = ["api"]

[[target]]
name = "discord-db"
kind = "discord"
url_env = "E2E_DISCORD_URL"
components = ["db"]

[[target]]
name = "teams"
kind = "teams"
url_env = "E2E_TEAMS_URL"

[[target]]
name = "flaky"
kind = "webhook"
url = "$base/flaky"
components = ["api"]

[[target]]
name = "subscribers"
kind = "email"
smtp_url = "smtp://127.0.0.1:$smtp_port"
starttls = false
from = "Acme Cloud Status <status@acme-cloud.example>"
to_env = "E2E_SUBSCRIBERS"
TOML

export E2E_WEBHOOK_SECRET="$secret"
export E2E_SLACK_URL="$base/slack/T000/B000/slackTOKENxyz"
export E2E_DISCORD_URL="$base/discord/1234/discordTOKENxyz"
export E2E_TEAMS_URL="$base/teams/workflows/teamsTOKENxyz"
export E2E_SUBSCRIBERS="alice@example.com, bob@example.com"
export SITREP_NOTIFY_RETRY_BASE_MS=20
ledger="$tmp/ci/ledger.json"
notify() { timeout 60 "$sitrep" notify --root "$site" "$@"; }
count() { ls "$tmp/recv" | grep -c "^$1-[0-9]*\.$2\$"; }

# 1. First run: every target gets exactly its events.
notify --events "$tmp/events.json" --targets "$tmp/ci/targets.toml" --ledger "$ledger" >"$tmp/run1.txt" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then ok "first run exits 0"; else fail "first run exit $rc"; cat "$tmp/run1.txt"; fi
[ -f "$tmp/recv/bad.log" ] && { fail "a receiver rejected a payload"; cat "$tmp/recv/bad.log"; }
want_counts="webhook:2 slack:1 discord:1 teams:2 flaky:1"
for pair in $want_counts; do
  kind=${pair%%:*} want=${pair##*:}
  got=$(count "$kind" json)
  if [ "$got" -eq "$want" ]; then ok "$kind received $want"; else fail "$kind received $got, wanted $want"; fi
done
grep -q "incidents/INC-2026-11-26-001" "$tmp/recv/slack-1.json" && ok "slack (api filter) got the api event" ||
  fail "slack got the wrong event"
grep -q "MNT-2026-12-05-001" "$tmp/recv/discord-1.json" && ok "discord (db filter) got the db event" ||
  fail "discord got the wrong event"
flaky_requests=$(grep -c "^/flaky " "$tmp/recv/requests.log")
if [ "$flaky_requests" -eq 2 ]; then ok "/flaky: 2 requests, 1 delivery"; else fail "/flaky: $flaky_requests requests"; fi
# The 503 said Retry-After: 1, longer than the 20 ms backoff.
"$python" -c "import sys; a, b = (float(open(f).read()) for f in sys.argv[1:]); sys.exit(0 if b - a >= 0.9 else 1)" \
  "$tmp/recv/flaky-first.time" "$tmp/recv/flaky-second.time" && ok "/flaky: Retry-After honoured" ||
  fail "/flaky: retried before its Retry-After"
grep -q "notify: incident_opened:INC-2026-11-26-001 -> flaky: delivered (attempt 2)" "$tmp/run1.txt" &&
  ok "log: flaky delivered on attempt 2" || { fail "no attempt-2 line"; cat "$tmp/run1.txt"; }
grep -q "^notify: 9 delivered, 0 skipped, 0 failed$" "$tmp/run1.txt" && ok "log: 9 delivered" ||
  { fail "summary"; cat "$tmp/run1.txt"; }

# E-mail: one message per event, both recipients in the envelope only.
if [ "$(count mail eml)" -eq 2 ]; then ok "2 e-mails"; else fail "$(count mail eml) e-mails, wanted 2"; fi
"$python" - "$tmp/recv" <<'PY' && ok "e-mails: headers, encoding, envelope" || fail "e-mail content"
import email, email.policy, glob, sys
out = sys.argv[1]
subjects = set()
for path in sorted(glob.glob(out + "/mail-*.eml")):
    raw = open(path, "rb").read()
    assert b"\r\n" in raw and b"alice" not in raw and b"bob" not in raw, path
    m = email.message_from_bytes(raw, policy=email.policy.default)
    assert m["To"] == "undisclosed-recipients:;", m["To"]
    assert m["From"] == "Acme Cloud Status <status@acme-cloud.example>"
    assert m["Message-ID"].endswith("@status.acme-cloud.example>")
    assert m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8"
    subjects.add(str(m["Subject"]))
    rcpt = open(path[:-4] + ".rcpt").read().split()
    assert rcpt == ["alice@example.com", "bob@example.com"], rcpt
assert subjects == {"[Acme Cloud Status] New incident: API errors",
                    "[Acme Cloud Status] Maintenance scheduled: Datenbank-Wartung (größer)"}, subjects
PY
"$python" - "$ledger" <<'PY' && ok "ledger lists the 9 deliveries" || { fail "ledger"; cat "$ledger"; }
import json, sys
doc = json.load(open(sys.argv[1]))["delivered"]
got = {(e, d["target"]) for e, ds in doc.items() for d in ds}
inc, mnt = "incident_opened:INC-2026-11-26-001", "maintenance_scheduled:MNT-2026-12-05-001"
want = {(inc, t) for t in ("hook", "slack-api", "teams", "flaky", "subscribers")}
want |= {(mnt, t) for t in ("hook", "discord-db", "teams", "subscribers")}
assert got == want, got ^ want
PY

# 2. Second run (e.g. the CI job retried): nothing is sent again.
requests_before=$(wc -l <"$tmp/recv/requests.log")
notify --events - --targets "$tmp/ci/targets.toml" --ledger "$ledger" <"$tmp/events.json" >"$tmp/run2.txt" 2>&1
rc=$?
requests_after=$(wc -l <"$tmp/recv/requests.log")
if [ "$rc" -eq 0 ] && [ "$requests_before" -eq "$requests_after" ] && [ "$(count mail eml)" -eq 2 ] &&
  grep -q "^notify: 0 delivered, 9 skipped, 0 failed$" "$tmp/run2.txt"
then ok "second run (events from stdin): 9 skipped, nothing sent"
else fail "second run sent again (exit $rc)"; cat "$tmp/run2.txt"; fi

# 3. --dry-run: payloads printed, nothing sent, no ledger, no secret.
cat "$tmp/ci/targets.toml" >"$tmp/ci/dry.toml"
cat >>"$tmp/ci/dry.toml" <<TOML

[[target]]
name = "subscribers-login"
kind = "email"
smtp_url = "smtp://127.0.0.1:$smtp_port"
from = "Acme Cloud Status <status@acme-cloud.example>"
to = ["carol@example.com"]
username_env = "E2E_SMTP_USER"
password_env = "E2E_SMTP_PASSWORD"
TOML
export E2E_SMTP_USER="mailer-login-name" E2E_SMTP_PASSWORD="smtp-pass-93x"
requests_before=$(wc -l <"$tmp/recv/requests.log")
notify --events "$tmp/events.json" --targets "$tmp/ci/dry.toml" --ledger "$tmp/ci/dry-ledger.json" --dry-run \
  >"$tmp/dry.txt" 2>&1
rc=$?
requests_after=$(wc -l <"$tmp/recv/requests.log")
if [ "$rc" -eq 0 ] && [ "$requests_before" -eq "$requests_after" ] && [ "$(count mail eml)" -eq 2 ] &&
  [ ! -e "$tmp/ci/dry-ledger.json" ]
then ok "dry run: exit 0, nothing sent, no ledger written"
else fail "dry run (exit $rc)"; cat "$tmp/dry.txt"; fi
[ "$(grep -c '^=== ' "$tmp/dry.txt")" -eq 11 ] && grep -q "^notify: dry run: 11 to send, 0 skipped; nothing was sent$" "$tmp/dry.txt" && ok "dry run: 11 payloads" ||
  fail "dry run printed $(grep -c '^=== ' "$tmp/dry.txt") payloads, wanted 11"
grep -q "^X-Sitrep-Signature: sha256=[0-9a-f]\{64\}$" "$tmp/dry.txt" && grep -q "^POST http://127.0.0.1/…$" "$tmp/dry.txt" &&
  grep -q "^SMTP smtp://127.0.0.1/… (STARTTLS) (login), 1 recipient$" "$tmp/dry.txt" &&
  grep -q "^SMTP smtp://127.0.0.1/…, 2 recipients$" "$tmp/dry.txt" &&
  ok "dry run: signature, redacted URLs, recipient counts" || { fail "dry run content"; cat "$tmp/dry.txt"; }
leaks=0
for s in "$secret" slackTOKENxyz discordTOKENxyz teamsTOKENxyz alice@ bob@ carol@ smtp-pass-93x mailer-login-name \
  "$E2E_SUBSCRIBERS"; do
  for f in "$tmp/dry.txt" "$tmp/run1.txt" "$tmp/run2.txt"; do
    if grep -qF -- "$s" "$f"; then fail "'$s' appears in $(basename "$f")"; leaks=1; fi
  done
done
[ "$leaks" -eq 0 ] && ok "no secret, URL token or recipient address in dry-run output or logs"

# 4. A 404 is not retried and fails the run (exit 1); it is retried next run.
cat >"$tmp/ci/gone.toml" <<TOML
[[target]]
name = "gone"
kind = "webhook"
url = "$base/gone"
TOML
notify --events "$tmp/events.json" --targets "$tmp/ci/gone.toml" --ledger "$tmp/ci/gone-ledger.json" >"$tmp/gone.txt" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && [ "$(grep -c '^/gone ' "$tmp/recv/requests.log")" -eq 2 ] &&
  grep -q "gone: failed after 1 attempt: HTTP 404 (not retried)" "$tmp/gone.txt"
then ok "404: one attempt per event, exit 1"
else fail "404 handling (exit $rc)"; cat "$tmp/gone.txt"; fi

# 5. Refusals, all exit 2 with nothing sent: a targets file in content/ (or
# site/), a missing secret (named, its value never printed).
cp "$tmp/ci/targets.toml" "$site/content/notify.toml"
requests_before=$(wc -l <"$tmp/recv/requests.log")
notify --events "$tmp/events.json" --targets "$site/content/notify.toml" --ledger "$tmp/ci/x.json" >"$tmp/in.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "refusing the targets file .*inside content/" "$tmp/in.txt"; then
  ok "targets file inside content/ refused"
else fail "targets file inside content/ (exit $rc)"; cat "$tmp/in.txt"; fi
mkdir -p "$site/site"
cp "$tmp/ci/targets.toml" "$site/site/notify.toml"
(cd "$site" && SITREP_NOTIFY_TARGETS=site/notify.toml timeout 60 "$sitrep" notify --events "$tmp/events.json" \
  --ledger "$tmp/ci/x.json") >"$tmp/in2.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "inside site/" "$tmp/in2.txt"; then ok "targets file inside site/ (from SITREP_NOTIFY_TARGETS) refused"
else fail "targets file inside site/ (exit $rc)"; cat "$tmp/in2.txt"; fi
E2E_SLACK_URL= notify --events "$tmp/events.json" --targets "$tmp/ci/targets.toml" --ledger "$tmp/ci/x.json" \
  >"$tmp/noenv.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "environment variable 'E2E_SLACK_URL' (url_env of target 'slack-api') is not set" "$tmp/noenv.txt"
then ok "missing secret: exit 2, the variable named"
else fail "missing secret (exit $rc)"; cat "$tmp/noenv.txt"; fi
cat >"$tmp/ci/typo.toml" <<'TOML'
[[target]]
name = "typo"
kind = "email"
smtp_url = "smtp://127.0.0.1:25"
from = "status@acme-cloud.example"
to = ["erin@example.com", 3]
TOML
notify --events "$tmp/events.json" --targets "$tmp/ci/typo.toml" --ledger "$tmp/ci/x.json" >"$tmp/typo.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "typo.toml:6:27: error: 'to' must hold only strings, not an integer \[wrong-type\]" "$tmp/typo.txt" &&
  ! grep -q "erin@" "$tmp/typo.txt"
then ok "a mistake on a 'to' line: file:line:col, the address not echoed"
else fail "diagnostic on a 'to' line (exit $rc)"; cat "$tmp/typo.txt"; fi
printf '{"events": [{"id": "a\\r\\nX-Injected: 1", "kind": "incident_opened", "item_id": "I"}]}' >"$tmp/bad-id.json"
notify --events "$tmp/bad-id.json" --targets "$tmp/ci/targets.toml" --ledger "$tmp/ci/x.json" >"$tmp/badid.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'event 1: "id" must be non-empty and hold no control characters' "$tmp/badid.txt"
then ok "an event id with CR/LF (header injection) refused"
else fail "event id with CR/LF (exit $rc)"; cat "$tmp/badid.txt"; fi
requests_after=$(wc -l <"$tmp/recv/requests.log")
[ "$requests_before" -eq "$requests_after" ] && [ ! -e "$tmp/ci/x.json" ] && ok "refusals sent nothing" ||
  fail "a refused run sent something"

# 6. The STARTTLS default never falls back to plain text: the sink offers no
# STARTTLS, so the message is refused before anything is sent.
cat >"$tmp/ci/tls.toml" <<TOML
[[target]]
name = "tls-required"
kind = "email"
smtp_url = "smtp://127.0.0.1:$smtp_port"
from = "status@acme-cloud.example"
to = ["dana@example.com"]
TOML
notify --events "$tmp/events.json" --targets "$tmp/ci/tls.toml" --ledger "$tmp/ci/tls-ledger.json" >"$tmp/tls.txt" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && [ "$(count mail eml)" -eq 2 ] && grep -q "tls-required: failed after 1 attempt" "$tmp/tls.txt"
then ok "starttls (default) against a server without it: failed, nothing sent in plain text"
else fail "starttls (exit $rc)"; cat "$tmp/tls.txt"; fi

# 7. A symlink in content/ to a file elsewhere is refused too.
ln -s "$tmp/ci/targets.toml" "$site/content/linked.toml"
notify --events "$tmp/events.json" --targets "$site/content/linked.toml" --ledger "$tmp/ci/x.json" >"$tmp/ln.txt" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "inside content/" "$tmp/ln.txt"; then ok "symlink in content/ refused"
else fail "symlink in content/ (exit $rc)"; cat "$tmp/ln.txt"; fi

# 8. Two runs at once with one ledger take turns: each event is sent once.
cat >"$tmp/ci/once.toml" <<TOML
[[target]]
name = "hook-once"
kind = "webhook"
url = "$base/webhook"
secret_env = "E2E_WEBHOOK_SECRET"
TOML
before=$(count webhook json)
notify --events "$tmp/events.json" --targets "$tmp/ci/once.toml" --ledger "$tmp/ci/once.json" >"$tmp/once1.txt" 2>&1 &
p1=$!
notify --events "$tmp/events.json" --targets "$tmp/ci/once.toml" --ledger "$tmp/ci/once.json" >"$tmp/once2.txt" 2>&1 &
p2=$!
wait "$p1"; rc1=$?
wait "$p2"; rc2=$?
sent=$(( $(count webhook json) - before ))
delivered=$(cat "$tmp/once1.txt" "$tmp/once2.txt" | grep -c ": delivered (")
if [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] && [ "$sent" -eq 2 ] && [ "$delivered" -eq 2 ]
then ok "two concurrent runs: 2 events sent once each"
else fail "concurrent runs sent $sent (exit $rc1/$rc2)"; cat "$tmp/once1.txt" "$tmp/once2.txt"; fi

# 9. From a real rebuild: the example site is published with an open
# incident; one new update is posted; `notify --previous` (events computed
# like `sitrep changes`) sends exactly one message per target; a second
# identical run sends none.
real="$tmp/real"
mkdir -p "$real"
cp -r "$repo/content" "$repo/schemas" "$real/"
cp -r "$repo/themes" "$real/"
inside() { (cd "$real" && timeout 60 "$sitrep" "$@"); }
inside new incident --title "Webhook deliveries delayed" --severity SEV2 --component webhooks=degraded_performance \
  --started-at 2026-11-26T17:00:00Z --detected-at 2026-11-26T17:04:00Z --commander Dana --scribe Lee --comms Sam \
  --now 2026-11-26T17:05:00Z -q >/dev/null 2>&1 || fail "real: new incident"
inside build --only public --public-dir "$tmp/published" --now 2026-11-26T17:30:00Z -q || fail "real: publish"
inside new update INC-2026-11-26-001 --status identified --message "A queue worker was stuck; restarting it." \
  --at 2026-11-26T17:40:00Z --now 2026-11-26T17:41:00Z -q >/dev/null 2>&1 || fail "real: new update"
cat >"$tmp/ci/real.toml" <<TOML
[[target]]
name = "real-hook"
kind = "webhook"
url = "$base/webhook"
secret_env = "E2E_WEBHOOK_SECRET"

[[target]]
name = "real-slack"
kind = "slack"
url_env = "E2E_SLACK_URL"

[[target]]
name = "real-mail"
kind = "email"
smtp_url = "smtp://127.0.0.1:$smtp_port"
starttls = false
from = "Acme Cloud Status <status@acme-cloud.example>"
to = ["frank@example.com"]
TOML
hooks_before=$(count webhook json) slack_before=$(count slack json) mail_before=$(count mail eml)
real_notify() {
  (cd "$real" && timeout 60 "$sitrep" notify --previous "$tmp/published" --targets "$tmp/ci/real.toml" \
    --ledger "$tmp/ci/real-ledger.json" --now 2026-11-26T17:45:00Z)
}
real_notify >"$tmp/real1.txt" 2>&1 || { fail "real: notify --previous"; cat "$tmp/real1.txt"; }
new_hooks=$(( $(count webhook json) - hooks_before )) new_slack=$(( $(count slack json) - slack_before ))
new_mail=$(( $(count mail eml) - mail_before ))
if [ "$new_hooks" = 1 ] && [ "$new_slack" = 1 ] && [ "$new_mail" = 1 ] &&
  grep -q "^notify: 3 delivered, 0 skipped, 0 failed$" "$tmp/real1.txt"; then
  ok "one new update: exactly one message per target (webhook, Slack, e-mail)"
else fail "one new update sent webhook $new_hooks, slack $new_slack, mail $new_mail"; cat "$tmp/real1.txt"; fi
grep -q '"id": *"status_changed:INC-2026-11-26-001:2026-11-26T17:40:00Z"' "$tmp/recv/webhook-$(count webhook json).json" &&
  ok "the webhook got the update as one status_changed event" || fail "webhook body"
real_notify >"$tmp/real2.txt" 2>&1 || { fail "real: second notify"; cat "$tmp/real2.txt"; }
if [ "$(count webhook json)" = $((hooks_before + 1)) ] && [ "$(count slack json)" = $((slack_before + 1)) ] &&
  [ "$(count mail eml)" = $((mail_before + 1)) ] && grep -q "^notify: 0 delivered, 3 skipped, 0 failed$" "$tmp/real2.txt"; then
  ok "a second identical run sends nothing"
else fail "the second run sent again"; cat "$tmp/real2.txt"; fi

# 10. SMTP AUTH: the user name and password from the environment log in.
# (A refused login is not tested here: aiosmtpd 1.4 leaves the connection
# hanging after a failed AUTH, so the client only sees a timeout.)
cat >"$tmp/ci/auth.toml" <<TOML
[[target]]
name = "auth-mail"
kind = "email"
smtp_url = "smtp://127.0.0.1:$auth_port"
starttls = false
from = "status@acme-cloud.example"
to = ["grace@example.com"]
username_env = "E2E_AUTH_USER"
password_env = "E2E_AUTH_PASSWORD"
TOML
E2E_AUTH_USER=mailer E2E_AUTH_PASSWORD=s3cret-pass notify --events "$tmp/events.json" --targets "$tmp/ci/auth.toml" \
  --ledger "$tmp/ci/auth-ledger.json" >"$tmp/auth2.txt" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ "$(count authmail eml)" -eq 2 ] && [ "$(grep -c ' ok$' "$tmp/recv/auth.log")" -ge 1 ] &&
  ! grep -q "s3cret-pass\|mailer" "$tmp/auth2.txt"; then ok "SMTP AUTH: logged in, 2 messages, no credential printed"
else fail "SMTP AUTH (exit $rc)"; cat "$tmp/auth2.txt" "$tmp/recv/auth.log"; fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
