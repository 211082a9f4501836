// Payload families of `sitrep notify`: exact bodies and headers.
#include <doctest/doctest.h>

#include "notify/discord_payload.h"
#include "notify/email_message.h"
#include "notify/event_text.h"
#include "notify/signature.h"
#include "notify/slack_payload.h"
#include "notify/teams_payload.h"
#include "notify/webhook_payload.h"

using namespace sitrep;

namespace {

const SiteInfo k_site{"Acme Status", "https://status.acme.example"};

ChangeEvent status_event() {
  ChangeEvent e;
  e.id = "status_changed:INC-2026-11-26-001:2026-11-26T03:12:00Z";
  e.kind = ChangeKind::status_changed;
  e.item_id = "INC-2026-11-26-001";
  e.title = "API errors <5xx> & timeouts";
  e.status = "identified";
  e.previous_status = "investigating";
  e.impact = "major";
  e.message = "We found the cause.";
  e.url = "https://status.acme.example/incidents/INC-2026-11-26-001";
  e.at = "2026-11-26T03:12:00Z";
  e.components = {"api"};
  e.component_names = {"API"};
  return e;
}

const char* const k_event_json =
    R"j({"id":"status_changed:INC-2026-11-26-001:2026-11-26T03:12:00Z","kind":"status_changed",)j"
    R"j("item_id":"INC-2026-11-26-001","item_type":"incident","title":"API errors <5xx> & timeouts",)j"
    R"j("status":"identified","previous_status":"investigating","impact":"major","message":"We found the cause.",)j"
    R"j("url":"https://status.acme.example/incidents/INC-2026-11-26-001","at":"2026-11-26T03:12:00Z",)j"
    R"j("components":["api"],"component_names":["API"]})j";

}  // namespace

TEST_CASE("hmac_sha256_hex matches RFC 4231 test case 2") {
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(webhook_signature("Jefe", "what do ya want for nothing?") ==
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("event headlines") {
  ChangeEvent e = status_event();
  CHECK(event_headline(e) == "Status changed: API errors <5xx> & timeouts (investigating \u2192 identified)");
  e.kind = ChangeKind::incident_resolved;
  CHECK(event_headline(e) == "Resolved: API errors <5xx> & timeouts");
  e.kind = ChangeKind::maintenance_started;
  CHECK(event_headline(e) == "Maintenance started: API errors <5xx> & timeouts");
}

TEST_CASE("truncate_text cuts on a UTF-8 boundary and marks the cut") {
  CHECK(truncate_text("short", 10) == "short");
  CHECK(truncate_text("abcdefghij", 6) == "abc\u2026");
  CHECK(truncate_text("ab\u00e9cd", 5) == "ab\u2026");  // does not split the é
}

TEST_CASE("generic webhook: the event, the site, and a signature over the exact body") {
  const HttpPayload p = webhook_payload(status_event(), k_site, "s3cret");
  const std::string body = std::string{R"j({"event":)j"} + k_event_json +
                           R"j(,"site":{"name":"Acme Status","url":"https://status.acme.example"}})j";
  CHECK(p.body == body);
  REQUIRE(p.headers.size() == 4);
  CHECK(p.headers[0] == Header{"Content-Type", "application/json"});
  CHECK(p.headers[1] == Header{"X-Sitrep-Event", "status_changed"});
  CHECK(p.headers[2] == Header{"X-Sitrep-Event-Id", "status_changed:INC-2026-11-26-001:2026-11-26T03:12:00Z"});
  CHECK(p.headers[3] == Header{"X-Sitrep-Signature", "sha256=" + hmac_sha256_hex("s3cret", body)});
  // Without a secret there is nothing to sign with.
  CHECK(webhook_payload(status_event(), k_site, "").headers.size() == 3);
}

TEST_CASE("slack: mrkdwn blocks with &, < and > escaped") {
  CHECK(slack_escape("a & <b> *c*") == "a &amp; &lt;b&gt; *c*");
  const HttpPayload p = slack_payload(status_event(), k_site);
  CHECK(
      p.body ==
      R"j({"text":"[Acme Status] Status changed: API errors &lt;5xx&gt; &amp; timeouts (investigating → identified)",)j"
      R"j("blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*<https://status.acme.example/incidents/)j"
      R"j(INC-2026-11-26-001|Status changed: API errors &lt;5xx&gt; &amp; timeouts (investigating → identified)>*\n)j"
      R"j(We found the cause."}},{"type":"context","elements":[{"type":"mrkdwn","text":"Status: identified | )j"
      R"j(Impact: major | Components: API | Time: 2026-11-26T03:12:00Z"}]}]})j");
  CHECK(p.headers == std::vector<Header>{{"Content-Type", "application/json"}});
}

TEST_CASE("discord: one embed, no mentions parsed") {
  const HttpPayload p = discord_payload(status_event(), k_site);
  CHECK(p.body ==
        R"j({"allowed_mentions":{"parse":[]},"embeds":[{"title":"Status changed: API errors <5xx> & timeouts )j"
        R"j((investigating → identified)","description":"We found the cause.","url":"https://status.acme.example/)j"
        R"j(incidents/INC-2026-11-26-001","timestamp":"2026-11-26T03:12:00Z","color":15158332,"fields":[)j"
        R"j({"name":"Status","value":"identified","inline":true},{"name":"Impact","value":"major","inline":true},)j"
        R"j({"name":"Components","value":"API","inline":true}],"footer":{"text":"Acme Status"}}]})j");
  ChangeEvent resolved = status_event();
  resolved.kind = ChangeKind::incident_resolved;
  CHECK(discord_color(resolved) == 0x2ecc71);
  ChangeEvent maintenance = status_event();
  maintenance.is_maintenance = true;
  maintenance.impact.clear();
  CHECK(discord_color(maintenance) == 0x3498db);
}

TEST_CASE("teams: a message with one Adaptive Card 1.4") {
  const HttpPayload p = teams_payload(status_event(), k_site);
  CHECK(p.body ==
        R"j({"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{)j"
        R"j("$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",)j"
        R"j("body":[{"type":"TextBlock","text":"Acme Status","isSubtle":true,"wrap":true},{"type":"TextBlock",)j"
        R"j("text":"Status changed: API errors <5xx> & timeouts (investigating → identified)","weight":"Bolder",)j"
        R"j("size":"Medium","wrap":true},{"type":"TextBlock","text":"We found the cause.","wrap":true},)j"
        R"j({"type":"FactSet","facts":[{"title":"Status","value":"identified"},{"title":"Impact","value":"major"},)j"
        R"j({"title":"Components","value":"API"},{"title":"Time","value":"2026-11-26T03:12:00Z"}]}],)j"
        R"j("actions":[{"type":"Action.OpenUrl","title":"View on the status page","url":)j"
        R"j("https://status.acme.example/incidents/INC-2026-11-26-001"}]}}]})j");
}

TEST_CASE("email: RFC 5322 text, recipients only in the envelope, non-ASCII subject encoded") {
  ChangeEvent e;
  e.id = "incident_opened:INC-2026-11-26-001";
  e.kind = ChangeKind::incident_opened;
  e.item_id = "INC-2026-11-26-001";
  e.title = "\u00dcberlastung der API";
  e.status = "investigating";
  e.impact = "minor";
  e.message = "Anmeldungen schlagen fehl. Wir untersuchen das.";
  e.url = "https://status.acme.example/incidents/INC-2026-11-26-001";
  e.at = "2026-11-26T02:50:00Z";
  e.components = {"api"};
  e.component_names = {"API"};
  const std::string m = email_message(e, k_site, "ops-mail", "Acme Status <status@acme.example>", TimePoint{});
  CHECK(m ==
        "Date: Thu, 26 Nov 2026 02:50:00 +0000\r\n"
        "From: Acme Status <status@acme.example>\r\n"
        "To: undisclosed-recipients:;\r\n"
        "Subject: =?UTF-8?B?W0FjbWUgU3RhdHVzXSBOZXcgaW5jaWRlbnQ6IMOcYmVybGFzdHVuZyBkZXIg?=\r\n =?UTF-8?B?QVBJ?=\r\n"
        "Message-ID: <0df459bd3821505fbe73ef260a44f218@status.acme.example>\r\n"
        "Auto-Submitted: auto-generated\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n"
        "New incident: =C3=9Cberlastung der API\r\n"
        "\r\n"
        "Anmeldungen schlagen fehl. Wir untersuchen das.\r\n"
        "\r\n"
        "Status: investigating\r\n"
        "Impact: minor\r\n"
        "Components: API\r\n"
        "Time: 2026-11-26T02:50:00Z\r\n"
        "\r\n"
        "Details: https://status.acme.example/incidents/INC-2026-11-26-001\r\n"
        "\r\n"
        "--=20\r\n"
        "Acme Status - https://status.acme.example\r\n"
        "You receive this message because you subscribed to status updates.\r\n");
  CHECK(mail_address("Acme Status <status@acme.example>") == "status@acme.example");
  CHECK(mail_address("status@acme.example") == "status@acme.example");
}
