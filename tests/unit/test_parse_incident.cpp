#include <doctest/doctest.h>

#include "load/parse.h"
#include "test_helpers.h"

using namespace sitrep;

TEST_CASE("an incident parses with offset and local times") {
  const char* text = R"(id = "INC-1"
title = "Login failures"
severity = "SEV1"
type = "outage"
components = ["auth"]
started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00
acknowledged_at = 2026-04-14T15:07:00Z

[roles]
commander = "Dana"

[[updates]]
at = 2026-04-14T08:10:00-07:00
status = "investigating"
message = "Looking."
next_update_by = 2026-04-14T08:40:00-07:00
components = { auth = "major_outage" }

[metrics]
error_rate_pct = 6.2
ticket_surge_ratio = 3

[[impact]]
label = "MRR exposure"
value = 844600
unit = "USD"

[root_cause]
summary = "TTL"
category = "config_change"

[[actions]]
action = "RCA"
owner = "Backend Lead"
due = 2026-04-17
status = "open"
)";
  Diagnostics d;
  auto inc = parse_incident(text, "i.toml", find_time_zone("America/Los_Angeles"), d);
  REQUIRE(inc);
  CHECK(d.all().empty());
  CHECK(inc->id == "INC-1");
  CHECK(format_rfc3339_utc(*inc->started_at) == "2026-04-14T14:58:00Z");
  CHECK(format_rfc3339_utc(*inc->detected_at) == "2026-04-14T14:58:00Z");  // local, read in PT
  CHECK(format_rfc3339_utc(*inc->acknowledged_at) == "2026-04-14T15:07:00Z");
  CHECK_FALSE(inc->resolved_at);
  REQUIRE(inc->updates.size() == 1);
  CHECK(inc->updates[0].components[0].component == "auth");
  CHECK(inc->updates[0].components[0].status == "major_outage");
  CHECK(inc->updates[0].pos.line == 13);
  CHECK(inc->metrics[1].second == 3.0);
  CHECK(inc->impact[0].value == 844600);
  CHECK_FALSE(inc->root_cause->confirmed);  // default: pending validation
  CHECK(inc->actions[0].due_text == "2026-04-17");
  CHECK(inc->actions[0].source == "INC-1");
  CHECK(inc->is_public);
  CHECK(inc->key_pos.find("severity")->line == 3);
  CHECK(inc->key_pos.find("severity")->col == 12);
}

TEST_CASE("unknown keys, missing keys and wrong types are all reported") {
  Diagnostics d;
  auto inc = parse_incident("id = 5\nseverty = \"SEV1\"\ntitle = \"t\"\n", "i.toml", nullptr, d);
  REQUIRE(inc);
  std::vector<std::string> messages;
  for (const auto& x : d.all()) messages.push_back(x.message + (x.hint.empty() ? "" : " / " + x.hint));
  CHECK(messages == std::vector<std::string>{
                        "'id' must be a string, not an integer",
                        "missing required key 'severity'",
                        "missing required key 'type'",
                        "missing required key 'components'",
                        "missing required key 'started_at'",
                        "unknown key 'severty' / did you mean 'severity'?",
                    });
}

TEST_CASE("a date where a date-time belongs is a type error") {
  Diagnostics d;
  parse_incident("id = \"a\"\ntitle = \"t\"\nseverity = \"SEV1\"\ntype = \"outage\"\ncomponents = [\"a\"]\nstarted_at = 2026-04-14\n",
                 "i.toml", nullptr, d);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].message == "'started_at' must be a date-time such as 2026-04-14T07:58:00-07:00, not a date");
  CHECK(d.all()[0].pos.line == 6);
}

TEST_CASE("malformed TOML gives one toml-syntax diagnostic with a position") {
  Diagnostics d;
  CHECK_FALSE(parse_incident("id = \"a\"\ntitle = \n", "i.toml", nullptr, d));
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].rule == "toml-syntax");
  CHECK(d.all()[0].pos.line == 2);
}

TEST_CASE("maintenance statuses are checked while parsing") {
  Diagnostics d;
  auto m = parse_maintenance(R"(id = "MNT-1"
title = "DB"
components = ["db"]
scheduled_start = 2026-05-10T22:00:00Z
scheduled_end = 2026-05-11T00:00:00Z
message = "m"
[[updates]]
at = 2026-05-01T00:00:00Z
status = "schedueld"
message = "x"
)",
                             "m.toml", nullptr, d);
  REQUIRE(m);
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].rule == "unknown-status");
  CHECK(d.all()[0].hint == "did you mean 'scheduled'?");
  CHECK(d.all()[0].pos.line == 9);
}

TEST_CASE("site.toml: defaults, time zone and rules") {
  Diagnostics d;
  SiteConfig site = parse_site(R"(title = "S"
base_url = "https://status.example.com/"
time_zone = "Europe/Amsterdm"
[rules]
"sla-breach" = "error"
"sla-breech" = "error"
)",
                               "content/site.toml", d);
  CHECK(site.base_url == "https://status.example.com");
  CHECK(site.time_zone_name == "Etc/UTC");  // unknown zone falls back, with an error
  CHECK(site.history_days == 14);
  REQUIRE(site.rules.size() == 1);
  CHECK(rules_of(d) == "invalid-value@3:13 unknown-key@6:16 ");
  CHECK(d.all()[0].hint == "did you mean 'Europe/Amsterdam'?");
  CHECK(d.all()[1].hint == "did you mean 'sla-breach'?");
}

TEST_CASE("base_url is a plain http(s) URL: RFC 3986 characters, a host, no query or fragment") {
  const auto problem = [](const std::string& url) {
    Diagnostics d;
    parse_site("title = \"S\"\ntime_zone = \"Etc/UTC\"\nbase_url = \"" + url + "\"\n", "content/site.toml", d);
    return d.all().empty() ? std::string{} : d.all()[0].message;
  };
  CHECK(problem("https://status.example.com/a-b_c.d~e/%20x/") == "");
  CHECK(problem("http://[::1]:8080/status") == "");
  CHECK(problem("https://status.example.com\\r\\nBEGIN:VEVENT") ==
        "base_url holds U+000D at character 27, which a URL cannot hold as it is");
  CHECK(problem("https://s.example/\\\" onmouseover=\\\"x") ==
        "base_url holds '\"' at character 19, which a URL cannot hold as it is");
  CHECK(problem("https://s.example/a b") == "base_url holds ' ' at character 20, which a URL cannot hold as it is");
  CHECK(problem("https://статус.example") == "base_url holds a non-ASCII character at character 9, which a URL cannot hold as it is");
  CHECK(problem("https://s.example/?page=1") == "base_url must not have a query or fragment");
  CHECK(problem("https://") == "base_url has no host");
  CHECK(problem("https:///path") == "base_url has no host");
  CHECK(problem("ftp://s.example") == "base_url must be an absolute http(s) URL");
}

TEST_CASE("a local time in a DST gap is an error, one in the repeated hour a warning naming the instant") {
  const char* text = R"(id = "INC-DST"
title = "Clock change"
severity = "SEV2"
type = "outage"
components = ["auth"]
started_at = 2026-03-08T02:30:00
detected_at = 2026-11-01T01:30:00
acknowledged_at = 2026-11-01T01:30:00-08:00
)";
  Diagnostics d;
  auto inc = parse_incident(text, "i.toml", find_time_zone("America/Los_Angeles"), d);
  REQUIRE(inc);
  REQUIRE(d.all().size() == 2);
  const Diagnostic& gap = d.all()[0];
  CHECK(gap.rule == "local-time-gap");
  CHECK(gap.level == Level::error);
  CHECK(gap.pos.line == 6);
  CHECK(gap.pos.col == 14);
  CHECK(gap.message ==
        "2026-03-08T02:30:00 does not exist in America/Los_Angeles: the clocks jumped from PST (-08:00) to PDT "
        "(-07:00) over it");
  CHECK(gap.hint ==
        "write the UTC offset you mean: 2026-03-08T02:30:00-08:00 (2026-03-08T10:30:00Z) or "
        "2026-03-08T02:30:00-07:00 (2026-03-08T09:30:00Z)");
  const Diagnostic& twice = d.all()[1];
  CHECK(twice.rule == "local-time-ambiguous");
  CHECK(twice.level == Level::warning);
  CHECK(twice.pos.line == 7);
  CHECK(twice.message ==
        "2026-11-01T01:30:00 happens twice in America/Los_Angeles (the clocks went back from PDT to PST); took the "
        "first, 2026-11-01T01:30:00-07:00 (2026-11-01T08:30:00Z)");
  CHECK(format_rfc3339_utc(*inc->detected_at) == "2026-11-01T08:30:00Z");
  // Written with its offset, the second occurrence is taken without a word.
  CHECK(format_rfc3339_utc(*inc->acknowledged_at) == "2026-11-01T09:30:00Z");
}

TEST_CASE("Lord Howe's 30-minute shift: gap and repeated half hour") {
  const char* text = R"(id = "INC-LH"
title = "Clock change"
severity = "SEV2"
type = "outage"
components = ["auth"]
started_at = 2026-04-05T01:45:00
detected_at = 2026-10-04T02:15:00
)";
  Diagnostics d;
  auto inc = parse_incident(text, "i.toml", find_time_zone("Australia/Lord_Howe"), d);
  REQUIRE(inc);
  CHECK(rules_of(d) == "local-time-ambiguous@6:14 local-time-gap@7:15 ");
  CHECK(format_rfc3339_utc(*inc->started_at) == "2026-04-04T14:45:00Z");  // the first 01:45, at +11:00
  REQUIRE(d.all().size() == 2);
  CHECK(d.all()[1].hint ==
        "write the UTC offset you mean: 2026-10-04T02:15:00+10:30 (2026-10-03T15:45:00Z) or "
        "2026-10-04T02:15:00+11:00 (2026-10-03T15:15:00Z)");
}
