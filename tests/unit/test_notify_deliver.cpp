// Delivery of `sitrep notify`: the ledger (at most once per target), retries
// with backoff, failures, dry-run — over a scripted transport.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "notify/deliver.h"

using namespace sitrep;

namespace {

// Answers each URL from a script of HTTP statuses (0 = connection error);
// records every request.
struct ScriptedTransport : Transport {
  std::map<std::string, std::deque<long>> script;
  std::vector<std::string> posted;  // url of each attempt
  std::vector<MailRequest> mails;

  SendResult post(const HttpRequest& r) override {
    posted.push_back(r.url);
    auto& q = script[r.url];
    const long status = q.empty() ? 200 : q.front();
    if (!q.empty()) q.pop_front();
    if (status == 0) return {false, true, "curl: Couldn't connect to server"};
    SendResult result = http_status_result(status);
    if (status == 429) result.retry_after = std::chrono::seconds{2};  // as Slack and Discord say it
    return result;
  }
  SendResult send_mail(const MailRequest& r) override {
    mails.push_back(r);
    return {true, false, ""};
  }
};

ResolvedTarget http_target(std::string name, TargetKind kind, std::string url,
                           std::vector<std::string> components = {}) {
  ResolvedTarget t;
  t.target.name = std::move(name);
  t.target.kind = kind;
  t.target.components = std::move(components);
  t.url = std::move(url);
  t.shown_url = "https://hooks.example/\u2026";
  return t;
}

ChangeEvent event(std::string id, std::vector<std::string> components) {
  ChangeEvent e;
  e.id = std::move(id);
  e.kind = ChangeKind::incident_opened;
  e.item_id = "INC-1";
  e.title = "API errors";
  e.at = "2026-11-26T02:50:00Z";
  e.components = std::move(components);
  return e;
}

struct Run {
  std::vector<std::chrono::milliseconds> waits;
  int saves = 0;
  DeliverOptions options;
  Run() {
    options.now = *parse_rfc3339("2026-11-26T04:00:00Z");
    options.retry_base = std::chrono::milliseconds{100};
    options.sleep = [this](std::chrono::milliseconds d) { waits.push_back(d); };
    options.save_ledger = [this](const Ledger&) { return ++saves, true; };
  }
};

const SiteInfo k_site{"Acme Status", "https://status.acme.example"};

}  // namespace

TEST_CASE("retry_delay doubles from the base") {
  CHECK(retry_delay(std::chrono::milliseconds{100}, 2) == std::chrono::milliseconds{100});
  CHECK(retry_delay(std::chrono::milliseconds{100}, 3) == std::chrono::milliseconds{200});
  CHECK(retry_delay(std::chrono::milliseconds{100}, 4) == std::chrono::milliseconds{400});
  // A longer Retry-After wins, up to a minute.
  CHECK(retry_delay(std::chrono::milliseconds{100}, 2, std::chrono::seconds{3}) == std::chrono::milliseconds{3000});
  CHECK(retry_delay(std::chrono::milliseconds{100}, 2, std::chrono::seconds{600}) == std::chrono::milliseconds{60000});
}

TEST_CASE("http_status_result: 2xx delivered, 429 and 5xx retried, other 4xx failed for good") {
  CHECK(http_status_result(204).delivered);
  CHECK(http_status_result(429).retryable);
  CHECK(http_status_result(503).retryable);
  CHECK_FALSE(http_status_result(404).retryable);
  CHECK(http_status_result(404).error == "HTTP 404");
}

TEST_CASE("deliver: filters, retries, failures, ledger; a second run sends nothing") {
  ScriptedTransport net;
  net.script["https://a/flaky"] = {503, 200};
  net.script["https://a/gone"] = {404};
  net.script["https://a/down"] = {0, 500, 429, 502};
  const std::vector<ResolvedTarget> targets = {
      http_target("api-only", TargetKind::webhook, "https://a/api", {"api"}),
      http_target("flaky", TargetKind::slack, "https://a/flaky"),
      http_target("gone", TargetKind::discord, "https://a/gone"),
      http_target("down", TargetKind::teams, "https://a/down", {"db"}),
  };
  const std::vector<ChangeEvent> events = {event("e1", {"api"}), event("e2", {})};
  Ledger ledger;
  Run run;
  std::ostringstream log;
  const DeliverReport r = deliver(events, targets, k_site, ledger, net, run.options, log);
  CHECK(log.str() ==
        "notify: e1 -> api-only: delivered (attempt 1)\n"
        "notify: e1 -> flaky: delivered (attempt 2)\n"
        "notify: e1 -> gone: failed after 1 attempt: HTTP 404 (not retried)\n"
        "notify: e2 -> flaky: delivered (attempt 1)\n"
        "notify: e2 -> gone: delivered (attempt 1)\n");
  CHECK(r.delivered == 4);
  CHECK(r.failed == 1);
  CHECK(run.saves == 4);
  CHECK(run.waits == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds{100}});
  CHECK(ledger_to_json(ledger) == R"({
  "version": 1,
  "delivered": {
    "e1": [
      {
        "target": "api-only",
        "at": "2026-11-26T04:00:00Z"
      },
      {
        "target": "flaky",
        "at": "2026-11-26T04:00:00Z"
      }
    ],
    "e2": [
      {
        "target": "flaky",
        "at": "2026-11-26T04:00:00Z"
      },
      {
        "target": "gone",
        "at": "2026-11-26T04:00:00Z"
      }
    ]
  }
}
)");

  // The failed one is tried again next run; nothing else is sent twice.
  net.posted.clear();
  std::ostringstream again;
  Run second;
  const DeliverReport r2 = deliver(events, targets, k_site, ledger, net, second.options, again);
  CHECK(again.str() ==
        "notify: e1 -> api-only: skipped (delivered 2026-11-26T04:00:00Z)\n"
        "notify: e1 -> flaky: skipped (delivered 2026-11-26T04:00:00Z)\n"
        "notify: e1 -> gone: delivered (attempt 1)\n"
        "notify: e2 -> flaky: skipped (delivered 2026-11-26T04:00:00Z)\n"
        "notify: e2 -> gone: skipped (delivered 2026-11-26T04:00:00Z)\n");
  CHECK(r2.skipped == 4);
  CHECK(net.posted == std::vector<std::string>{"https://a/gone"});

  // -q: failures only.
  Run quiet;
  quiet.options.quiet = true;
  net.script["https://a/flaky"] = {404};
  Ledger fresh;
  std::ostringstream quiet_log;
  deliver(events, targets, k_site, fresh, net, quiet.options, quiet_log);
  CHECK(quiet_log.str() == "notify: e1 -> flaky: failed after 1 attempt: HTTP 404 (not retried)\n");
}

TEST_CASE("deliver: gives up after max attempts with backoff between them, honouring Retry-After") {
  ScriptedTransport net;
  net.script["https://a/db"] = {0, 500, 429, 502, 200};
  const std::vector<ResolvedTarget> targets = {http_target("down", TargetKind::teams, "https://a/db", {"db"})};
  Ledger ledger;
  Run run;
  std::ostringstream log;
  const DeliverReport r = deliver({event("e1", {"db"})}, targets, k_site, ledger, net, run.options, log);
  CHECK(log.str() == "notify: e1 -> down: failed after 4 attempts: HTTP 502\n");
  CHECK(r.failed == 1);
  CHECK(run.waits == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds{100},
                                                            std::chrono::milliseconds{200},
                                                            std::chrono::milliseconds{2000}});
  CHECK(ledger.delivered().empty());
  CHECK(run.saves == 0);
}

TEST_CASE("deliver: a ledger that cannot be saved stops delivery") {
  ScriptedTransport net;
  const std::vector<ResolvedTarget> targets = {http_target("a", TargetKind::slack, "https://a/1"),
                                               http_target("b", TargetKind::slack, "https://a/2")};
  Ledger ledger;
  Run run;
  run.options.save_ledger = [](const Ledger&) { return false; };
  std::ostringstream log;
  const DeliverReport r = deliver({event("e1", {})}, targets, k_site, ledger, net, run.options, log);
  CHECK(r.ledger_failed);
  CHECK(net.posted.size() == 1);
}

TEST_CASE("deliver --dry-run: payloads printed, nothing sent, no ledger; secrets and recipients left out") {
  ScriptedTransport net;
  ResolvedTarget hook = http_target("hook", TargetKind::webhook, "https://hooks.example/T0/B0/token123");
  hook.secret = "s3cret-value";
  ResolvedTarget mail;
  mail.target.name = "subscribers";
  mail.target.kind = TargetKind::email;
  mail.target.smtp_url = "smtp://mail.example:2525";
  mail.target.from = "status@acme.example";
  mail.shown_url = "smtp://mail.example/\u2026";
  mail.recipients = {"alice@example.com", "bob@example.com"};
  mail.username = "mailer";
  mail.password = "pw-value";
  Ledger ledger;
  Run run;
  run.options.dry_run = true;
  run.options.save_ledger = nullptr;
  std::ostringstream log;
  const DeliverReport r = deliver({event("e1", {})}, {hook, mail}, k_site, ledger, net, run.options, log);
  CHECK(r.previewed == 2);
  const std::string out = log.str();
  CHECK(net.posted.empty());
  CHECK(net.mails.empty());
  CHECK(ledger.delivered().empty());
  CHECK(out.find("=== e1 -> hook (webhook)\nPOST https://hooks.example/\u2026\nContent-Type: application/json\n") == 0);
  CHECK(out.find("X-Sitrep-Signature: sha256=") != std::string::npos);
  CHECK(out.find("=== e1 -> subscribers (email)\nSMTP smtp://mail.example/\u2026 (STARTTLS) (login), 2 recipients\n") !=
        std::string::npos);
  CHECK(out.find("To: undisclosed-recipients:;\n") != std::string::npos);
  for (const char* secret : {"s3cret-value", "token123", "alice@", "bob@", "pw-value", "mailer"})
    CHECK_MESSAGE(out.find(secret) == std::string::npos, secret);
}

TEST_CASE("ledger: JSON round trip and atomic save") {
  Ledger ledger;
  ledger.record("e1", "a", "2026-11-26T04:00:00Z");
  ledger.record("e1", "a", "2026-11-27T04:00:00Z");  // at most once: the first stays
  const auto dir = std::filesystem::temp_directory_path() / "sitrep-ledger-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "ledger.json").string();
  std::string error;
  Ledger missing;
  CHECK(load_ledger(path, missing, error));  // a missing file is an empty ledger
  CHECK(missing.delivered().empty());
  REQUIRE(save_ledger(path, ledger, error));
  Ledger back;
  REQUIRE(load_ledger(path, back, error));
  REQUIRE(back.find("e1", "a"));
  CHECK(back.find("e1", "a")->at == "2026-11-26T04:00:00Z");
  CHECK(back.find("e1", "b") == nullptr);
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) ==
        1);  // no temp left
  std::ofstream(path) << "{\"delivered\": []}";
  Ledger bad;
  CHECK_FALSE(load_ledger(path, bad, error));
  CHECK(error == path + ": expected an object with a \"delivered\" object");

  // While one run holds the ledger's lock, no other can take it.
  const auto try_lock = [&] {
    const int fd = ::open((path + ".lock").c_str(), O_RDWR);
    const bool got = fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (fd >= 0) ::close(fd);
    return got;
  };
  {
    LedgerLock lock;
    bool waited = false;
    REQUIRE(lock.acquire(
        path, [&] { waited = true; }, error));
    CHECK_FALSE(waited);
    CHECK_FALSE(try_lock());
  }
  CHECK(try_lock());
  std::filesystem::remove_all(dir);
}
