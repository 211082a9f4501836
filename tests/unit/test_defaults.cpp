// Defaults live in one place (member initialisers); this checks them all.
#include <doctest/doctest.h>

#include "cli/notify_command.h"
#include "cli/options.h"
#include "load/load_site.h"
#include "model/model.h"
#include "notify/deliver.h"
#include "serve/limits.h"

using namespace sitrep;

TEST_CASE("site defaults") {
  SiteConfig s;
  CHECK(s.language == "en");
  CHECK(s.theme == "default");
  CHECK(s.history_days == 14);
  CHECK(s.time_zone_name == "Etc/UTC");
  CHECK(s.severity_schema == "schemas/severity.toml");
  CHECK(s.postmortem_schema == "schemas/postmortem.toml");
}

TEST_CASE("content defaults") {
  CHECK(Component{}.is_public);
  CHECK(Incident{}.is_public);
  CHECK(Maintenance{}.is_public);
  CHECK_FALSE(Postmortem{}.is_public);  // a postmortem is internal unless it says so
  CHECK_FALSE(RootCause{}.confirmed);
  SeverityLevel l;
  CHECK(l.is_public);
  CHECK(l.impact == "none");
  CHECK_FALSE(l.postmortem_required);
  CHECK(SeverityPolicy{}.unmeasurable_clock == UnmeasurableClock::exclude);
}

TEST_CASE("template and option defaults") {
  PostmortemTemplate t;
  CHECK(t.final_status == "final");
  CHECK(t.action_table.required_columns == std::vector<std::string>{"Action", "Owner", "Due", "Status"});
  CommonOptions o;
  CHECK(o.root == ".");
  CHECK(o.format == "text");
  CHECK(o.threads == 0);
  LoadOptions lo;
  CHECK(lo.root == ".");
}

TEST_CASE("the clock: --now beats SOURCE_DATE_EPOCH beats the real clock") {
  CHECK(format_rfc3339_utc(*resolve_now("2026-05-01T00:00:00Z", "0")) == "2026-05-01T00:00:00Z");
  CHECK(format_rfc3339_utc(*resolve_now("", "1777593600")) == "2026-05-01T00:00:00Z");
  CHECK_FALSE(resolve_now("", "soon"));
  CHECK_FALSE(resolve_now("", "99999999999999999999"));  // overflows: refused, not clamped
  CHECK(clock_in_range(*resolve_now("", "0")));
  CHECK_FALSE(clock_in_range(*resolve_now("9999-12-31T23:59:59Z", nullptr)));
  CHECK_FALSE(clock_in_range(*resolve_now("", "253402300799")));
  CHECK_FALSE(resolve_now("tomorrow", nullptr));
  CHECK(resolve_now("", nullptr));
}

TEST_CASE("notify defaults") {
  NotifyOptions o;
  CHECK(o.ledger == ".sitrep-notify-ledger.json");
  CHECK(o.targets.empty());  // then $SITREP_NOTIFY_TARGETS
  CHECK_FALSE(o.dry_run);
  DeliverOptions d;
  CHECK(d.max_attempts == 4);
  CHECK(d.retry_base == std::chrono::milliseconds{1000});
  NotifyTarget t;
  CHECK(t.starttls);
  CHECK(t.components.empty());  // every event
}

TEST_CASE("preview server limits (docs/serve.md)") {
  using namespace std::chrono_literals;
  ServeLimits l;
  CHECK(l.max_head_bytes == 32 * 1024);
  CHECK(l.head_timeout == 10s);
  CHECK(l.max_waiting == 512);
  CHECK(l.workers == 8);
  CHECK(l.max_streams == 32);
  CHECK(l.stream_retry == 10s);
  CHECK(l.stream_lifetime == 45s);
  CHECK(l.stream_lifetime < l.response_timeout);  // a stream ends before its answer's deadline
  CHECK(l.write_timeout == 5s);
  CHECK(l.response_timeout == 60s);
  CHECK(l.linger_timeout == 2s);
  CHECK(l.max_requests_per_connection == 100);
  CHECK(l.listen_backlog == 512);
  CHECK(l.worker_stack_bytes == 16u << 20);
}
