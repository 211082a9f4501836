// sitrep new incident | maintenance | postmortem, and comms: every file made
// is read back by the real parsers and passes validate() with zero errors.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "author/comms.h"
#include "author/customer_comms.h"
#include "author/new_incident.h"
#include "author/new_maintenance.h"
#include "author/new_postmortem.h"
#include "author/write_file.h"
#include "load/parse.h"
#include "test_helpers.h"
#include "validate/validate.h"

using namespace sitrep;

namespace {

TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

const TimePoint k_now = at("2026-11-26T17:14:00Z");  // 09:14 PST
const TimePoint k_later = k_now + std::chrono::minutes{5};

// The default policy from schemas/, the theme's message templates, three
// components (one internal) and the incidents given, as load_site builds it.
struct Site {
  Model model;
  MessageTemplates templates;

  explicit Site(const std::vector<std::string>& incidents = {}) {
    Diagnostics d;
    model.site = parse_site("title = \"S\"\nbase_url = \"https://s.example\"\ntime_zone = \"America/Los_Angeles\"\n",
                            "content/site.toml", d);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", d);
    model.postmortem_template =
        parse_postmortem_schema(repo_file("schemas/postmortem.toml"), "schemas/postmortem.toml", d);
    model.components = parse_components(
        "[[components]]\nid = \"auth\"\nname = \"Authentication\"\n"
        "[[components]]\nid = \"api\"\nname = \"Public API\"\n"
        "[[components]]\nid = \"batch\"\nname = \"Batch\"\npublic = false\n",
        "content/components.toml", d);
    for (std::size_t i = 0; i < incidents.size(); ++i)
      add({"content/incidents/given-" + std::to_string(i) + ".toml", incidents[i]});
    Model theme;  // templates come from the repository's default theme
    theme.root = SITREP_SOURCE_DIR;
    templates = MessageTemplates::load(theme, d);
    REQUIRE_MESSAGE(d.all().empty(), rules_of(d));
  }

  // Parses a file into the model exactly as load_site would.
  void add(const NewFile& f) {
    Diagnostics d;
    if (f.path.find("/incidents/") != std::string::npos) {
      auto inc = parse_incident(f.text, f.path, model.site.time_zone, d);
      REQUIRE(inc);
      model.incidents.push_back(*inc);
    } else if (f.path.find("/maintenance/") != std::string::npos) {
      auto m = parse_maintenance(f.text, f.path, model.site.time_zone, d);
      REQUIRE(m);
      model.maintenance.push_back(*m);
    } else {
      auto pm = parse_postmortem(f.text, f.path, d);
      REQUIRE(pm);
      model.postmortems.push_back(*pm);
    }
    REQUIRE_MESSAGE(d.all().empty(), rules_of(d));
    model.sources[f.path] = f.text;
    model.index();
  }

  // "path: rule: message" per diagnostic of `level` that `sitrep check`
  // would print (about `path` only, when given).
  std::string check(TimePoint now, Level level = Level::error, const std::string& path = {}) const {
    Diagnostics d;
    validate(model, now, d);
    d.sort();
    std::string out;
    for (const auto& x : d.all())
      if (x.level == level && (path.empty() || x.path == path)) out += x.path + ": " + x.rule + ": " + x.message + "\n";
    return out;
  }
};

// "rule: message | hint" per diagnostic: what the CLI shows for a refusal.
std::string problems(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.all()) out += x.path + ": " + x.rule + ": " + x.message + (x.hint.empty() ? "" : " | " + x.hint) + "\n";
  return out;
}

NewIncidentOptions sev1_login() {
  NewIncidentOptions o;
  o.title = "Login failures";
  o.severity = "SEV1";
  o.components = {"auth", "api"};
  o.roles = {{"commander", "Dana Reyes"}, {"scribe", "Lee Park"}};
  return o;
}

const char* const k_sev1_login = R"toml(id = "INC-2026-11-26-001"
title = "Login failures"
severity = "SEV1"
type = "outage"
components = ["auth", "api"]
public = true
started_at = 2026-11-26T09:14:00-08:00
detected_at = 2026-11-26T09:14:00-08:00

[roles]
commander = "Dana Reyes"
scribe = "Lee Park"

[[updates]]
at = 2026-11-26T09:14:00-08:00
status = "investigating"
message = """
We are currently investigating an issue affecting Authentication and Public API: Login failures. Our engineering team is actively working on a resolution.

We will provide an update by 09:44 PST.

We apologize for the disruption.
"""
next_update_by = 2026-11-26T09:44:00-08:00
components = { auth = "major_outage", api = "major_outage" }

[[timeline]]
at = 2026-11-26T09:14:00-08:00
severity = "SEV1"
action = "Incident declared (SEV1)"
owner = "Dana Reyes"
)toml";

}  // namespace

TEST_CASE("new incident: the whole file, in the site's zone, from seed 002's Investigating template") {
  Site s;
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, sev1_login(), k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(d.all().empty());
  CHECK(file->path == "content/incidents/2026/INC-2026-11-26-001.toml");
  CHECK(file->text == k_sev1_login);
  s.add(*file);
  CHECK(s.check(k_later) == "");
  CHECK(s.check(k_later, Level::warning) == "");
}

TEST_CASE("new incident: an alias names the level, which decides roles, impact and cadence") {
  Site s;
  NewIncidentOptions o;
  o.title = "Slow API \"v2\" responses";
  o.severity = "p2";
  o.components = {"api"};
  o.type = "performance_degradation";
  o.roles = {{"commander", "Dana"}};
  o.message = "Requests to the API are slow.\nWe're on it.";
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  Diagnostics pd;
  const auto inc = parse_incident(file->text, file->path, s.model.site.time_zone, pd);
  REQUIRE(inc);
  CHECK(inc->severity == "SEV2");
  CHECK(inc->title == "Slow API \"v2\" responses");
  CHECK(inc->type == "performance_degradation");
  REQUIRE(inc->updates.size() == 1);
  CHECK(inc->updates[0].message == "Requests to the API are slow.\nWe're on it.\n");
  CHECK(inc->updates[0].next_update_by == k_now + std::chrono::hours{1});  // SEV2: every 60m
  REQUIRE(inc->updates[0].components.size() == 1);
  CHECK(inc->updates[0].components[0].status == "partial_outage");
  s.add(*file);
  CHECK(s.check(k_later) == "");
}

TEST_CASE("new incident: ids count up per day in the site's zone, over incidents already there") {
  Site s({R"(id = "INC-2026-11-26-007"
title = "t"
severity = "SEV3"
type = "outage"
components = ["api"]
started_at = 2026-11-26T08:00:00-08:00
)"});
  NewIncidentOptions o;
  o.title = "Dashboard glitch";
  o.severity = "SEV3";
  o.components = {"api"};
  Diagnostics d;
  // 05:00 UTC on the 27th is still the evening of the 26th in Los Angeles.
  const auto file = new_incident(s.model, s.templates, o, at("2026-11-27T05:00:00Z"), d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(file->path == "content/incidents/2026/INC-2026-11-26-008.toml");
  CHECK(file->text.find("started_at = 2026-11-26T21:00:00-08:00\n") != std::string::npos);
  CHECK(file->text.find("components = { api = \"degraded_performance\" }") != std::string::npos);
  CHECK(file->text.find("next_update_by") == std::string::npos);  // SEV3 has no cadence
  s.add(*file);
  CHECK(s.check(at("2026-11-27T05:01:00Z")) == "");
}

TEST_CASE("new incident: an internal-only level is written public = false and shows no component status") {
  Site s;
  NewIncidentOptions o;
  o.title = "Typo in the footer";
  o.severity = "SEV4";
  o.components = {"batch"};  // internal components are fine for an internal incident
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(file->text.find("public = false\n") != std::string::npos);
  CHECK(file->text.find("components = {") == std::string::npos);
  s.add(*file);
  CHECK(s.check(k_later) == "");
  CHECK(s.check(k_later, Level::warning) == "");
}

TEST_CASE("new incident: every problem with the options is reported at once, with did-you-mean") {
  Site s;
  NewIncidentOptions o;
  o.severity = "SEV 1";
  o.components = {"auht", "api"};
  o.type = "outgae";
  Diagnostics d;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d));
  CHECK(problems(d) == "--title: missing-key: an incident needs a title\n"
                       "--severity: unknown-severity: unknown severity 'SEV 1' | did you mean 'SEV1'?\n"
                       "--components: unknown-component: unknown component 'auht' | did you mean 'auth'?\n"
                       "--type: unknown-type: unknown incident type 'outgae' | did you mean 'outage'?\n");
}

TEST_CASE("new incident: a role named with no person is refused - no empty placeholders") {
  Site s;
  NewIncidentOptions o = sev1_login();
  o.roles = {{"commander", "Dana"}, {"scribe", "Lee"}, {"comms", " "}};
  Diagnostics d;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d));
  CHECK(problems(d) == "--role: invalid-value: a role needs a name and a person: ROLE=NAME\n");
}

TEST_CASE("new incident: a required role not named yet is a warning saying how to name it; the file passes check") {
  Site s;
  NewIncidentOptions o = sev1_login();
  o.roles = {{"commander", "Dana"}};
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(problems(d) ==
        "--scribe: role-pending: SEV1 requires a named 'scribe'; declared without one | name them when you can: "
        "sitrep new update INC-2026-11-26-001 --scribe NAME (or scribe = \"NAME\" under [roles] in the file)\n");
  CHECK(d.all()[0].level == Level::warning);
  s.add(*file);
  CHECK(s.check(k_later) == "");
  CHECK(s.check(k_later, Level::warning) ==
        "content/incidents/2026/INC-2026-11-26-001.toml: role-pending: SEV1 requires a named 'scribe' in [roles] by "
        "resolution\n");
}

TEST_CASE("new incident: roles_required_by = \"declaration\" makes a missing role an error at once") {
  Site s;
  s.model.severity.levels[0].roles_required_by = "declaration";
  NewIncidentOptions o = sev1_login();
  o.roles = {{"commander", "Dana"}};
  Diagnostics d;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d));
  CHECK(problems(d) == "--scribe: missing-role: SEV1 requires a named 'scribe' at declaration | name them: --scribe "
                       "NAME (or --role scribe=NAME)\n");
}

TEST_CASE("new incident: roles_within counts from detection; declared later than that, the role is due") {
  Site s;
  s.model.severity.levels[0].roles_within = std::chrono::minutes{15};
  NewIncidentOptions o = sev1_login();
  o.roles = {{"commander", "Dana"}};
  o.detected_at = k_now - std::chrono::minutes{10};
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  s.add(*file);
  CHECK(s.check(k_now, Level::warning).find("role-pending: SEV1 requires a named 'scribe' in [roles] within 15m of "
                                            "detection") != std::string::npos);
  CHECK(s.check(k_now + std::chrono::minutes{5}) ==
        "content/incidents/2026/INC-2026-11-26-001.toml: missing-role: SEV1 requires a named 'scribe' in [roles]\n");
  o.detected_at = k_now - std::chrono::minutes{20};
  Diagnostics d2;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d2));
  CHECK(problems(d2).starts_with("--scribe: missing-role: SEV1 requires a named 'scribe' at declaration"));
}

TEST_CASE("new incident: real start and detection times, and what each component shows") {
  Site s;
  NewIncidentOptions o = sev1_login();
  o.components = {"auth"};
  o.component_statuses = {{"api", "partial_outage"}, {"auth", "degraded_performance"}};
  o.started_at = at("2026-11-26T16:48:00Z");
  o.detected_at = at("2026-11-26T16:52:00Z");
  o.by = "Sam";
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  const std::string& t = file->text;
  CHECK(t.find("components = [\"auth\", \"api\"]\n") != std::string::npos);
  CHECK(t.find("started_at = 2026-11-26T08:48:00-08:00\ndetected_at = 2026-11-26T08:52:00-08:00\n") !=
        std::string::npos);
  CHECK(t.find("at = 2026-11-26T09:14:00-08:00\nstatus = \"investigating\"") != std::string::npos);
  CHECK(t.find("components = { auth = \"degraded_performance\", api = \"partial_outage\" }\n") != std::string::npos);
  CHECK(t.ends_with("action = \"Incident declared (SEV1)\"\nowner = \"Sam\"\n"));
  s.add(*file);
  CHECK(s.check(k_later) == "");

  o.started_at = at("2026-11-26T17:00:00Z");  // after detection
  o.detected_at = at("2026-11-26T17:20:00Z");  // after now
  Diagnostics d2;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d2));
  CHECK(problems(d2) == "--detected-at: future-timestamp: detection (2026-11-26 09:20 PST) is after now "
                        "(2026-11-26 09:14 PST) | check the time and --now\n");
  o.detected_at = at("2026-11-26T16:55:00Z");
  Diagnostics d3;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d3));
  CHECK(problems(d3) == "--started-at: time-order: the start (2026-11-26 09:00 PST) is after detection "
                        "(2026-11-26 08:55 PST) | give --detected-at too, or an earlier --started-at\n");
}

TEST_CASE("new incident: a public incident may not name an internal component unless marked internal") {
  Site s;
  NewIncidentOptions o;
  o.title = "Exports late";
  o.severity = "SEV3";
  o.components = {"batch"};
  Diagnostics d;
  CHECK_FALSE(new_incident(s.model, s.templates, o, k_now, d));
  CHECK(problems(d) == "--components: internal-component: a public incident cannot name internal-only component "
                       "'batch' | pass --internal to keep the incident off the public site\n");
  o.internal = true;
  Diagnostics d2;
  const auto file = new_incident(s.model, s.templates, o, k_now, d2);
  REQUIRE_MESSAGE(file, problems(d2));
  s.add(*file);
  CHECK(s.check(k_later) == "");
}

TEST_CASE("new incident: without a template for the status, a message must be given") {
  Site s;
  s.templates = MessageTemplates{};
  Diagnostics d;
  CHECK_FALSE(new_incident(s.model, s.templates, sev1_login(), k_now, d));
  CHECK(problems(d) == "themes/default/templates/update_investigating.mustache: missing-template: no message "
                       "template for status 'investigating' in content/templates or themes/default/templates | "
                       "write the message yourself (--message) or add the template\n");
  NewIncidentOptions o = sev1_login();
  o.message = "Logins fail.";
  Diagnostics d2;
  CHECK(new_incident(s.model, s.templates, o, k_now, d2));
}

TEST_CASE("new maintenance: a valid window with a scheduled update") {
  Site s;
  NewMaintenanceOptions o;
  o.title = "Database upgrade";
  o.components = {"api"};
  o.start = at("2026-12-06T06:00:00Z");  // Sat 22:00 PST
  o.end = at("2026-12-06T08:00:00Z");
  Diagnostics d;
  const auto file = new_maintenance(s.model, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(file->path == "content/maintenance/2026/MNT-2026-12-05-001.toml");
  CHECK(file->text == R"(id = "MNT-2026-12-05-001"
title = "Database upgrade"
components = ["api"]
public = true
scheduled_start = 2026-12-05T22:00:00-08:00
scheduled_end = 2026-12-06T00:00:00-08:00
message = """
Scheduled for Sat 2026-12-05 22:00 PST to Sun 2026-12-06 00:00 PST.
"""

[[updates]]
at = 2026-11-26T09:14:00-08:00
status = "scheduled"
message = "Scheduled for Sat 2026-12-05 22:00 PST to Sun 2026-12-06 00:00 PST."
)");
  s.add(*file);
  CHECK(s.check(k_later) == "");
}

TEST_CASE("new maintenance: the window must end after it starts; components must exist") {
  Site s;
  NewMaintenanceOptions o;
  o.title = "x";
  o.components = {"dbb"};
  o.start = o.end = k_now;
  Diagnostics d;
  CHECK_FALSE(new_maintenance(s.model, o, k_now, d));
  CHECK(problems(d) == "--end: time-order: the window must end after it starts\n"
                       "--components: unknown-component: unknown component 'dbb'\n");
}

namespace {

const char* const k_resolved_sev1 = R"(id = "INC-2026-11-20-001"
title = "Login failures"
severity = "SEV1"
type = "outage"
components = ["auth"]
started_at = 2026-11-20T07:58:00-08:00
detected_at = 2026-11-20T07:58:00-08:00
acknowledged_at = 2026-11-20T08:07:00-08:00
mitigated_at = 2026-11-20T08:44:00-08:00
resolved_at = 2026-11-20T09:12:00-08:00
[roles]
commander = "Dana Reyes"
scribe = "Lee Park"
comms = "Sam Ortiz"
[[updates]]
at = 2026-11-20T08:10:00-08:00
status = "investigating"
message = """
Sign-in is failing for some users. We are looking into it.
"""
[[updates]]
at = 2026-11-20T08:40:00-08:00
status = "mitigating"
message = "A bad cache setting | rolled back."
[[updates]]
at = 2026-11-20T09:05:00-08:00
status = "monitoring"
message = "Recovering."
[[updates]]
at = 2026-11-20T09:12:00-08:00
status = "resolved"
message = "Resolved."
)";

const char* const k_timeline = R"([[timeline]]
at = 2026-11-20T07:58:00-08:00
severity = "P1"
action = "Alert: login error rate above 10%"
owner = "Monitoring"
[[timeline]]
at = 2026-11-20T08:07:00-08:00
severity = "SEV1"
action = "War room opened"
owner = "Dana Reyes"
)";

}  // namespace

TEST_CASE("new postmortem: front matter, the level's sections in template order, the timeline as a table") {
  Site s({std::string{k_resolved_sev1} + k_timeline});
  Diagnostics d;
  const auto file = new_postmortem(s.model, "INC-2026-11-20-001", k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(file->path == "content/postmortems/2026/INC-2026-11-20-001.md");
  CHECK(file->text == R"(+++
incident = "INC-2026-11-20-001"
title = "Login failures"
status = "draft"
authors = ["Dana Reyes"]
date = 2026-11-26
public = false
severity = "SEV1"
+++

## Incident Summary

## Impact Assessment

## Timeline

| Time | Severity | Action | Owner |
|---|---|---|---|
| 2026-11-20 07:58 PST | SEV1 | Alert: login error rate above 10% | Monitoring |
| 2026-11-20 08:07 PST | SEV1 | War room opened | Dana Reyes |

## Root Cause Analysis

## What Went Well

## What Went Poorly

## Action Items

| Action | Owner | Due | Status |
|---|---|---|---|

## Prevention & Detection Improvements

## Lessons Learned
)");
  s.add(*file);
  CHECK(s.check(k_later) == "");
}

TEST_CASE("new postmortem: without a timeline the updates make one; no commander means TBD") {
  std::string inc = k_resolved_sev1;
  inc.replace(inc.find("commander = \"Dana Reyes\"\n"), 25, "");
  Site s({inc});
  Diagnostics d;
  const auto file = new_postmortem(s.model, "INC-2026-11-20-001", k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  CHECK(file->text.find("authors = [\"TBD\"]\n") != std::string::npos);
  CHECK(file->text.find("| Time | Severity | Action | Owner |\n|---|---|---|---|\n"
                        "| 2026-11-20 08:10 PST | SEV1 | Status page: investigating. Sign-in is failing for some "
                        "users. | Sam Ortiz |\n"
                        "| 2026-11-20 08:40 PST | SEV1 | Status page: mitigating. A bad cache setting \\| rolled "
                        "back. | Sam Ortiz |\n") != std::string::npos);
  s.add(*file);
  CHECK(s.check(k_later, Level::error, file->path) == "");  // the incident itself now lacks its commander
}

TEST_CASE("new postmortem: unknown incident (did you mean) and a second postmortem are refused") {
  Site s({k_resolved_sev1});
  Diagnostics d;
  CHECK_FALSE(new_postmortem(s.model, "INC-2026-11-20-01", k_now, d));
  CHECK(problems(d) == "incident: invalid-value: unknown incident 'INC-2026-11-20-01' | did you mean "
                       "'INC-2026-11-20-001'?\n");
  Diagnostics d2;
  const auto file = new_postmortem(s.model, "INC-2026-11-20-001", k_now, d2);
  REQUIRE(file);
  s.add(*file);
  Diagnostics d3;
  CHECK_FALSE(new_postmortem(s.model, "INC-2026-11-20-001", k_now, d3));
  CHECK(problems(d3) == "content/postmortems/2026/INC-2026-11-20-001.md: postmortem-duplicate: incident "
                        "INC-2026-11-20-001 already has a postmortem\n");
}

TEST_CASE("comms: seed 003's six lines for an active incident") {
  Site s;
  Diagnostics d;
  NewIncidentOptions o = sev1_login();
  o.roles.emplace_back("comms", "Sam Ortiz");
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE(file);
  s.add(*file);
  CHECK(comms_text(s.model, "INC-2026-11-26-001", k_later, d) ==
        "Status: investigating\n"
        "Severity: SEV1\n"
        "Impact: critical: Authentication (major outage), Public API (major outage)\n"
        "Action: We are currently investigating an issue affecting Authentication and Public API: Login failures.\n"
        "Next update: 2026-11-26 09:44 PST\n"
        "Owner: Sam Ortiz\n");
  CHECK(comms_text(s.model, "INC-2026-11-26-001", k_now + std::chrono::hours{1}, d)->find(
            "Next update: 2026-11-26 09:44 PST (overdue)\n") != std::string::npos);
}

TEST_CASE("comms: a resolved incident promises no next update; the owner falls back to the commander") {
  std::string inc = k_resolved_sev1;
  inc.replace(inc.find("comms = \"Sam Ortiz\"\n"), 19, "");
  Site s({inc});
  Diagnostics d;
  CHECK(comms_text(s.model, "INC-2026-11-20-001", k_now, d) ==
        "Status: resolved\n"
        "Severity: SEV1\n"
        "Impact: critical: Authentication\n"
        "Action: Resolved.\n"
        "Next update: \u2014\n"
        "Owner: Dana Reyes\n");
}

TEST_CASE("create_file never overwrites; replace_file only replaces what it read") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("sitrep-author-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const NewFile file{(dir / "content/incidents/2026/x.toml").string(), "a = 1\n"};
  Diagnostics d;
  CHECK(create_file(file, d));
  CHECK(d.all().empty());
  CHECK_FALSE(create_file({file.path, "a = 2\n"}, d));
  CHECK(problems(d) == file.path + ": write-failed: file already exists; sitrep new never overwrites a file | move it "
                                   "away or edit it by hand\n");
  const auto read = [&] {
    std::ifstream in(file.path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  CHECK(read() == "a = 1\n");

  Diagnostics d2;
  CHECK_FALSE(replace_file({file.path, "a = 3\n"}, "a = 0\n", d2));  // not what is on disk
  CHECK(d2.error_count() == 1);
  CHECK(replace_file({file.path, "a = 3\n"}, "a = 1\n", d2));
  CHECK(read() == "a = 3\n");
  // No temporary file is left beside it.
  CHECK(std::distance(fs::directory_iterator(fs::path(file.path).parent_path()), fs::directory_iterator{}) == 1);
  fs::remove_all(dir);
}

// ---------------------------------------------------------------------------
// comms for customers: email, short, slack, json - from the public view only.

namespace {

// A declared SEV1 (commander Dana Reyes, scribe Lee Park) with a message of
// its own, in a site whose templates are the repository's default theme.
Site customer_site(const std::string& title = "Login failures") {
  Site s;
  s.model.root = SITREP_SOURCE_DIR;
  s.model.site.title = "Acme";
  NewIncidentOptions o = sev1_login();
  o.title = title;
  o.message = "Sign-in fails for some users.";
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  s.add(*file);
  return s;
}

std::string customer(const Site& s, const char* format, TimePoint now = k_later) {
  Diagnostics d;
  const auto notice = customer_notice(s.model, "latest", now, d);
  REQUIRE_MESSAGE(notice, problems(d));
  const auto text = customer_text(s.model, *notice, format, d);
  REQUIRE_MESSAGE(text, problems(d));
  return *text;
}

}  // namespace

TEST_CASE("comms --format email: a subject line and a plain-text body from the public page") {
  const Site s = customer_site();
  CHECK(customer(s, "email") == R"(Subject: [Investigating] Login failures - Acme

We are investigating an issue affecting Authentication and Public API.

Sign-in fails for some users.

Affected components:
- Authentication: Major outage
- Public API: Major outage

Started: 2026-11-26 09:14 PST
Last update: 2026-11-26 09:14 PST
Next update by: 09:44 PST

Follow this incident: https://s.example/incidents/INC-2026-11-26-001/
)");
}

TEST_CASE("comms --format short: one post, at most 280 characters with the link, even for a long title") {
  const Site s = customer_site();
  CHECK(customer(s, "short") == "Investigating: Login failures. Sign-in fails for some users. "
                                "https://s.example/incidents/INC-2026-11-26-001/\n");
  std::string title;
  for (int i = 0; i < 40; ++i) title += "Very long title ";
  const Site l = customer_site(title + "\u00e9nd");
  const std::string post = customer(l, "short");
  CHECK(code_points(post.substr(0, post.size() - 1)) <= k_short_limit);
  CHECK(post.ends_with("\u2026 https://s.example/incidents/INC-2026-11-26-001/\n"));
  CHECK(post.starts_with("Investigating: Very long title"));
}

TEST_CASE("comms --format slack and json; nothing internal in any customer format") {
  const Site s = customer_site();
  const std::string slack = customer(s, "slack");
  CHECK(slack.starts_with(":red_circle: *Investigating: Login failures*\n\nSign-in fails for some users.\n\n"));
  CHECK(slack.find("• Authentication: _Major outage_\n") != std::string::npos);
  CHECK(slack.ends_with("Next update by 09:44 PST. <https://s.example/incidents/INC-2026-11-26-001/|Status page>\n"));
  const auto json = nlohmann::json::parse(customer(s, "json"));
  CHECK(json["status"] == "investigating");
  CHECK(json["url"] == "https://s.example/incidents/INC-2026-11-26-001/");
  CHECK(json["components"][1]["name"] == "Public API");
  CHECK(json["next_update_by"] == "2026-11-26T17:44:00Z");
  CHECK_FALSE(json.contains("severity"));
  for (const char* format : {"email", "short", "slack", "json"}) {
    const std::string text = customer(s, format);
    for (const char* internal : {"SEV1", "Critical", "critical", "Dana", "Lee Park", "commander", "scribe",
                                 "declared"})
      CHECK_MESSAGE(text.find(internal) == std::string::npos, format << " shows " << internal);
  }
}

TEST_CASE("comms for customers: resolved reads as resolved; a non-public incident is refused") {
  Site s;
  s.model.root = SITREP_SOURCE_DIR;
  NewIncidentOptions o = sev1_login();
  o.internal = true;
  Diagnostics d;
  const auto file = new_incident(s.model, s.templates, o, k_now, d);
  REQUIRE_MESSAGE(file, problems(d));
  s.add(*file);
  Diagnostics d2;
  CHECK_FALSE(customer_notice(s.model, "INC-2026-11-26-001", k_later, d2));
  CHECK(problems(d2) == "incident: internal-leak: INC-2026-11-26-001 is not on the public site (public = false, an "
                        "internal-only severity, or not started at --now), so there is nothing to tell customers | "
                        "for the internal thread run `sitrep comms INC-2026-11-26-001` (the chat format)\n");
}
