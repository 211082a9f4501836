// sitrep new update: an [[updates]] block appended to the incident's file as
// text. What was there stays byte for byte (comments included); the only
// other change is a timestamp line an update closes (mitigated_at,
// resolved_at). Every result is read back and validated with zero errors.
#include <doctest/doctest.h>

#include "author/new_incident.h"
#include "author/new_postmortem.h"
#include "author/lookup.h"
#include "author/new_update.h"
#include "author/time_option.h"
#include "author/toml_edit.h"
#include "load/parse.h"
#include "test_helpers.h"
#include "validate/validate.h"

using namespace sitrep;

namespace {

TimePoint at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

const std::string k_path = "content/incidents/2026/INC-2026-11-26-001.toml";

// An incident as a person keeps it: comments, a trailing comment on a key,
// blank lines, and its internal timeline after the updates.
const std::string k_head = R"(# Opened during the holiday freeze.
id = "INC-2026-11-26-001"
title = "Login failures"
severity = "SEV2"   # raised from SEV3 at 09:18
type = "outage"
components = ["auth", "api"]
started_at = 2026-11-26T09:14:00-08:00
detected_at = 2026-11-26T09:14:00-08:00
acknowledged_at = 2026-11-26T09:20:00-08:00
)";
const std::string k_tail = R"(
# Who is on it.
[roles]
commander = "Dana Reyes"

[[updates]]
at = 2026-11-26T09:20:00-08:00
status = "investigating"
message = """
Sign-in fails for some users.
"""
next_update_by = 2026-11-26T10:20:00-08:00
components = { auth = "partial_outage" }

[[timeline]]   # the internal log, after the updates in this file
at = 2026-11-26T09:14:00-08:00
action = "Alert fired"
)";
const std::string k_incident = k_head + k_tail;

struct Site {
  Model model;
  MessageTemplates templates;

  explicit Site(const std::string& incident = k_incident) {
    Diagnostics d;
    model.site = parse_site("title = \"S\"\nbase_url = \"https://s.example\"\ntime_zone = \"America/Los_Angeles\"\n",
                            "content/site.toml", d);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", d);
    model.postmortem_template =
        parse_postmortem_schema(repo_file("schemas/postmortem.toml"), "schemas/postmortem.toml", d);
    model.components = parse_components(
        "[[components]]\nid = \"auth\"\nname = \"Authentication\"\n[[components]]\nid = \"api\"\nname = \"Public API\"\n",
        "content/components.toml", d);
    Model theme;
    theme.root = SITREP_SOURCE_DIR;
    templates = MessageTemplates::load(theme, d);
    REQUIRE_MESSAGE(d.all().empty(), rules_of(d));
    set_incident(incident);
  }

  // The incident file as load_site would read it (one incident per site).
  void set_incident(const std::string& text, const std::string& path = k_path) {
    Diagnostics d;
    auto inc = parse_incident(text, path, model.site.time_zone, d);
    REQUIRE_MESSAGE(d.all().empty(), rules_of(d));
    REQUIRE(inc);
    model.incidents = {*inc};
    model.sources[path] = text;
    model.index();
  }

  std::string errors(TimePoint now) const {
    Diagnostics d;
    validate(model, now, d);
    std::string out;
    for (const auto& x : d.all())
      if (x.level == Level::error) out += x.rule + ": " + x.message + "\n";
    return out;
  }

  // Appends, reads the result back into the model, validates it a minute later.
  std::string append(const UpdateOptions& o, TimePoint now) {
    Diagnostics d;
    const auto text = append_update(model.sources.at(k_path), model, templates, o, now, d);
    REQUIRE_MESSAGE(text, problems(d));
    set_incident(*text);
    CHECK(errors(now + std::chrono::minutes{1}) == "");
    return *text;
  }

  static std::string problems(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.all())
      out += x.path + ":" + std::to_string(x.pos.line) + ": " + x.rule + ": " + x.message +
             (x.hint.empty() ? "" : " | " + x.hint) + "\n";
    return out;
  }
};

UpdateOptions options(const char* status, const char* message = "") {
  UpdateOptions o;
  o.incident = "INC-2026-11-26-001";
  o.status = status;
  o.message = message;
  return o;
}

}  // namespace

TEST_CASE("an update is appended at the end; the file before it is an exact prefix") {
  Site s;
  const std::string text = s.append(options("identified"), at("2026-11-26T17:50:00Z"));
  CHECK(text == k_incident + R"(
[[updates]]
at = 2026-11-26T09:50:00-08:00
status = "identified"
message = """
We have identified the cause of the issue affecting Authentication and Public API (Login failures) and are working on a fix.

We will provide an update by 10:50 PST.
"""
next_update_by = 2026-11-26T10:50:00-08:00
)");
  CHECK(s.model.incidents[0].updates.size() == 2);
}

TEST_CASE("a schema alias is written as typed; its template is the public status's") {
  Site s;
  UpdateOptions o = options("Mitigating", "Rolling back the cache change.");
  o.components = {{"auth", "degraded_performance"}};
  const std::string text = s.append(o, at("2026-11-26T17:50:00Z"));
  REQUIRE(text.starts_with(k_incident));
  CHECK(text.substr(k_incident.size()) == R"(
[[updates]]
at = 2026-11-26T09:50:00-08:00
status = "mitigating"
message = """
Rolling back the cache change.
"""
next_update_by = 2026-11-26T10:50:00-08:00
components = { auth = "degraded_performance" }
)");
}

TEST_CASE("monitoring sets a missing mitigated_at after the last top-level key, before the comment and [roles]") {
  Site s;
  const std::string text = s.append(options("monitoring"), at("2026-11-26T18:00:00Z"));
  const std::string block = R"(
[[updates]]
at = 2026-11-26T10:00:00-08:00
status = "monitoring"
message = """
A fix has been applied for the issue affecting Authentication and Public API (Login failures), and service is recovering. We are continuing to monitor the system to ensure stability.

We will provide an update by 11:00 PST.

Thank you for your patience.
"""
next_update_by = 2026-11-26T11:00:00-08:00

[[timeline]]
at = 2026-11-26T10:00:00-08:00
action = "Mitigated"
)";
  CHECK(text == k_head + "mitigated_at = 2026-11-26T10:00:00-08:00\n" + k_tail + block);
  CHECK(s.model.incidents[0].mitigated_at == at("2026-11-26T18:00:00Z"));
}

TEST_CASE("resolved sets resolved_at (and a missing mitigated_at) and shows every component operational") {
  Site s;
  const std::string text = s.append(options("resolved"), at("2026-11-26T18:30:00Z"));
  CHECK(text == k_head +
                    "mitigated_at = 2026-11-26T10:30:00-08:00\n"
                    "resolved_at = 2026-11-26T10:30:00-08:00\n" +
                    k_tail + R"(
[[updates]]
at = 2026-11-26T10:30:00-08:00
status = "resolved"
message = """
The issue affecting Authentication and Public API (Login failures) has been fully resolved, and service is operating normally.

We apologize for the disruption and thank you for your patience.
"""
components = { auth = "operational", api = "operational" }

[[timeline]]
at = 2026-11-26T10:30:00-08:00
action = "Mitigated; Resolved"
)");
  CHECK(s.model.incidents[0].is_resolved());
}

TEST_CASE("a mitigated_at written by hand is kept; only resolved_at is added") {
  const std::string head = k_head + "mitigated_at = 2026-11-26T09:40:00-08:00  # rollback done\n";
  Site s(head + k_tail);
  const std::string text = s.append(options("resolved", "All clear."), at("2026-11-26T18:30:00Z"));
  CHECK(text.starts_with(head + "resolved_at = 2026-11-26T10:30:00-08:00\n" + k_tail + "\n[[updates]]\n"));
}

TEST_CASE("refusals: unknown incident and status with did-you-mean, resolved incident, clock before the last update") {
  Site s;
  Diagnostics d;
  UpdateOptions o = options("monitorin");
  o.incident = "INC-2026-11-26-01";
  CHECK_FALSE(append_update(k_incident, s.model, s.templates, o, at("2026-11-26T18:00:00Z"), d));
  CHECK(Site::problems(d) ==
        "incident:1: invalid-value: unknown incident 'INC-2026-11-26-01' | did you mean 'INC-2026-11-26-001'?\n"
        "--status:1: unknown-status: unknown update status 'monitorin' | did you mean 'monitoring'?\n");

  Diagnostics d2;
  CHECK_FALSE(append_update(k_incident, s.model, s.templates, options("identified"), at("2026-11-26T17:19:00Z"), d2));
  CHECK(Site::problems(d2) == k_path +
                                  ":1: update-order: the new update (2026-11-26 09:19 PST) would be dated before the "
                                  "latest one (2026-11-26 09:20 PST) | updates go in time order: check --at (or the clock, --now)\n");

  Diagnostics d3;
  UpdateOptions wrong = options("identified");
  wrong.components = {{"db", "operational"}, {"api", "down"}};
  CHECK_FALSE(append_update(k_incident, s.model, s.templates, wrong, at("2026-11-26T18:00:00Z"), d3));
  CHECK(Site::problems(d3) ==
        "--component:1: unknown-component: unknown component 'db'\n");

  const std::string resolved = s.append(options("resolved"), at("2026-11-26T18:30:00Z"));
  Diagnostics d4;
  CHECK_FALSE(append_update(resolved, s.model, s.templates, options("monitoring"), at("2026-11-26T19:00:00Z"), d4));
  CHECK(Site::problems(d4) == k_path +
                                  ":11: update-after-resolution: INC-2026-11-26-001 is already resolved (at "
                                  "2026-11-26 10:30 PST); to reopen it run `sitrep reopen INC-2026-11-26-001`\n");
}

TEST_CASE("set_top_level_key: replace in place, insert after a multi-line value, no final newline") {
  CHECK(*set_top_level_key("a = 1\nresolved_at = 2026-01-01  # typo\n[t]\nx = 1\n", "resolved_at", "2026-01-02") ==
        "a = 1\nresolved_at = 2026-01-02  # typo\n[t]\nx = 1\n");
  // The closing line of a multi-line string may look like a comment.
  CHECK(*set_top_level_key("s = \"\"\"\n# not a comment\"\"\"\n\n# about t\n[t]\n", "k", "1") ==
        "s = \"\"\"\n# not a comment\"\"\"\nk = 1\n\n# about t\n[t]\n");
  CHECK(*set_top_level_key("a = \"\u00e9\u00e9\" # x", "a", "\"b\"") == "a = \"b\" # x");
  CHECK(*set_top_level_key("a = 1", "b", "2") == "a = 1\nb = 2\n");
  CHECK(*set_top_level_key("[t]\nx = 1\n", "b", "2") == "b = 2\n[t]\nx = 1\n");
  CHECK_FALSE(set_top_level_key("[t]\nx = 1\n", "t", "2"));
  CHECK_FALSE(set_top_level_key("a = = 1", "b", "2"));
  CHECK(append_block("a = 1", "[[u]]\n") == "a = 1\n\n[[u]]\n");
}

TEST_CASE("a whole incident from the command line's point of view: new, three updates, postmortem") {
  Site s;
  s.model.incidents.clear();
  s.model.index();
  NewIncidentOptions n;
  n.title = "Login failures";
  n.severity = "SEV1";
  n.components = {"auth"};
  n.roles = {{"commander", "Dana"}, {"scribe", "Lee"}};
  Diagnostics d;
  const auto created = new_incident(s.model, s.templates, n, at("2026-11-26T17:14:00Z"), d);
  REQUIRE_MESSAGE(created, Site::problems(d));
  CHECK(created->path == k_path);
  s.set_incident(created->text);
  CHECK(s.errors(at("2026-11-26T17:15:00Z")) == "");
  s.append(options("mitigating"), at("2026-11-26T17:40:00Z"));
  s.append(options("monitoring"), at("2026-11-26T18:05:00Z"));
  const std::string done = s.append(options("resolved"), at("2026-11-26T18:30:00Z"));
  CHECK(done.starts_with(created->text.substr(0, created->text.find("\n[roles]"))));

  Diagnostics pd;
  const auto pm = new_postmortem(s.model, "INC-2026-11-26-001", at("2026-11-27T18:00:00Z"), pd);
  REQUIRE_MESSAGE(pm, Site::problems(pd));
  auto parsed = parse_postmortem(pm->text, pm->path, pd);
  REQUIRE(parsed);
  s.model.postmortems = {*parsed};
  CHECK(s.errors(at("2026-11-27T18:01:00Z")) == "");
  CHECK(pm->text.find("| 2026-11-26 09:14 PST | SEV1 | Incident declared (SEV1) | Dana |\n") != std::string::npos);
  CHECK(pm->text.find("| 2026-11-26 10:05 PST |  | Mitigated |  |\n") != std::string::npos);
}

// ---------------------------------------------------------------------------
// The lifecycle verbs: ack, mitigate, resolve, reopen; components joining,
// roles named, --at, `latest` and paths.

namespace {

UpdateOptions step(Step st, const char* at_text = nullptr, const char* by = "") {
  UpdateOptions o;
  o.incident = "INC-2026-11-26-001";
  o.step = st;
  o.by = by;
  if (at_text) o.at = at(at_text);
  return o;
}

}  // namespace

TEST_CASE("ack: acknowledged_at at --at and a timeline entry in time order; no public update") {
  Site s(k_head.substr(0, k_head.find("acknowledged_at")) + k_tail);
  const std::string text = s.append(step(Step::acknowledge, "2026-11-26T17:16:00Z", "Dana"), at("2026-11-26T17:30:00Z"));
  const std::string head = k_head.substr(0, k_head.find("acknowledged_at"));
  // 09:16 is after the 09:14 entry: it goes at the end.
  CHECK(text == head + "acknowledged_at = 2026-11-26T09:16:00-08:00\n" + k_tail + R"(
[[timeline]]
at = 2026-11-26T09:16:00-08:00
action = "Acknowledged"
owner = "Dana"
)");
  Diagnostics d;
  CHECK_FALSE(append_update(text, s.model, s.templates, step(Step::acknowledge), at("2026-11-26T17:40:00Z"), d));
  CHECK(Site::problems(d) == k_path +
                                 ":9: invalid-value: INC-2026-11-26-001 was already acknowledged at 2026-11-26 09:16 "
                                 "PST | to correct the time, edit acknowledged_at in " + k_path + "\n");
}

TEST_CASE("a step dated before the latest timeline entry is inserted before it") {
  Site s(k_head.substr(0, k_head.find("acknowledged_at")) + k_tail +
         "\n[[timeline]]\nat = 2026-11-26T09:30:00-08:00\naction = \"War room opened\"\n");
  const std::string text = s.append(step(Step::acknowledge, "2026-11-26T17:20:00Z"), at("2026-11-26T17:40:00Z"));
  CHECK(text.ends_with("action = \"Alert fired\"\n\n[[timeline]]\nat = 2026-11-26T09:20:00-08:00\n"
                       "action = \"Acknowledged\"\n\n[[timeline]]\nat = 2026-11-26T09:30:00-08:00\n"
                       "action = \"War room opened\"\n"));
}

TEST_CASE("mitigate, resolve, reopen, resolve: the timestamps, the updates and the timeline") {
  Site s;
  const std::string mitigated = s.append(step(Step::mitigate, nullptr, "Dana"), at("2026-11-26T17:40:00Z"));
  CHECK(mitigated.find("mitigated_at = 2026-11-26T09:40:00-08:00\n") != std::string::npos);
  CHECK(mitigated.find("status = \"monitoring\"") != std::string::npos);
  CHECK(mitigated.ends_with("[[timeline]]\nat = 2026-11-26T09:40:00-08:00\naction = \"Mitigated\"\nowner = \"Dana\"\n"));

  const std::string resolved = s.append(step(Step::resolve), at("2026-11-26T18:10:00Z"));
  CHECK(resolved.find("mitigated_at = 2026-11-26T09:40:00-08:00\nresolved_at = 2026-11-26T10:10:00-08:00\n") !=
        std::string::npos);
  CHECK(resolved.ends_with("[[timeline]]\nat = 2026-11-26T10:10:00-08:00\naction = \"Resolved\"\n"));

  Diagnostics d;
  CHECK_FALSE(append_update(resolved, s.model, s.templates, step(Step::resolve), at("2026-11-26T18:20:00Z"), d));
  CHECK(Site::problems(d) == k_path +
                                 ":11: update-after-resolution: INC-2026-11-26-001 is already resolved (at "
                                 "2026-11-26 10:10 PST); to reopen it run `sitrep reopen INC-2026-11-26-001`\n");

  UpdateOptions again = step(Step::reopen, nullptr, "Dana");
  again.message = "Errors are back.";
  const std::string reopened = s.append(again, at("2026-11-26T18:30:00Z"));
  CHECK(reopened.find("resolved_at") == std::string::npos);
  CHECK(reopened.find("mitigated_at = 2026-11-26T09:40:00-08:00\n") != std::string::npos);  // the first mitigation
  CHECK(reopened.ends_with("status = \"investigating\"\nmessage = \"\"\"\nErrors are back.\n\"\"\"\n"
                           "next_update_by = 2026-11-26T11:30:00-08:00\n\n[[timeline]]\n"
                           "at = 2026-11-26T10:30:00-08:00\naction = \"Reopened (had been resolved at 10:10 PST)\"\n"
                           "owner = \"Dana\"\n"));
  CHECK_FALSE(s.model.incidents[0].is_resolved());

  Diagnostics d2;
  CHECK_FALSE(append_update(reopened, s.model, s.templates, step(Step::reopen), at("2026-11-26T18:40:00Z"), d2));
  CHECK(Site::problems(d2) == "incident:1: invalid-value: INC-2026-11-26-001 is not resolved, so there is nothing to "
                              "reopen | to post an update run `sitrep new update INC-2026-11-26-001 --status "
                              "investigating`\n");

  const std::string done = s.append(step(Step::resolve), at("2026-11-26T18:50:00Z"));
  CHECK(done.find("resolved_at = 2026-11-26T10:50:00-08:00\n") != std::string::npos);
  CHECK(s.model.incidents[0].timeline.size() == 5);  // alert, mitigated, resolved, reopened, resolved
}

TEST_CASE("a component joins mid-incident; roles are named in [roles]; both are in the timeline") {
  Site s(k_incident);
  s.model.components = [] {
    Diagnostics d;
    return parse_components("[[components]]\nid = \"auth\"\nname = \"Authentication\"\n[[components]]\nid = "
                            "\"api\"\nname = \"Public API\"\n[[components]]\nid = \"pay\"\nname = \"Payments\"\n"
                            "[[components]]\nid = \"batch\"\nname = \"Batch\"\npublic = false\n",
                            "content/components.toml", d);
  }();
  UpdateOptions o = options("identified", "Payments are failing too.");
  o.components = {{"pay", "partial_outage"}};
  o.roles = {{"scribe", "Lee Park"}, {"commander", "Sam Ortiz"}};
  o.by = "Dana";
  const std::string text = s.append(o, at("2026-11-26T17:50:00Z"));
  CHECK(text.find("components = [\"auth\", \"api\", \"pay\"]\n") != std::string::npos);
  CHECK(text.find("# Who is on it.\n[roles]\ncommander = \"Sam Ortiz\"\nscribe = \"Lee Park\"\n\n[[updates]]") !=
        std::string::npos);
  CHECK(text.ends_with("components = { pay = \"partial_outage\" }\n\n[[timeline]]\nat = 2026-11-26T09:50:00-08:00\n"
                       "action = \"Payments added to the incident (partial outage); scribe: Lee Park; commander: Sam "
                       "Ortiz\"\nowner = \"Dana\"\n"));
  CHECK(s.model.incidents[0].components == std::vector<std::string>{"auth", "api", "pay"});

  Diagnostics d;
  UpdateOptions internal = options("identified");
  internal.components = {{"batch", "major_outage"}};
  CHECK_FALSE(append_update(text, s.model, s.templates, internal, at("2026-11-26T18:00:00Z"), d));
  CHECK(Site::problems(d) == "--component:1: internal-component: public incident INC-2026-11-26-001 cannot show "
                             "internal-only component 'batch' | report it in the internal timeline instead (edit "
                             "[[timeline]] in " + k_path + ")\n");
}

TEST_CASE("--at: an update at a real time before now; never after now, never before the latest update") {
  Site s;
  UpdateOptions o = options("identified");
  o.at = at("2026-11-26T17:30:00Z");
  const std::string text = s.append(o, at("2026-11-26T17:50:00Z"));
  CHECK(text.find("at = 2026-11-26T09:30:00-08:00\nstatus = \"identified\"") != std::string::npos);
  Diagnostics d;
  o.at = at("2026-11-26T18:00:00Z");
  CHECK_FALSE(append_update(text, s.model, s.templates, o, at("2026-11-26T17:50:00Z"), d));
  CHECK(Site::problems(d) == "--at:1: future-timestamp: the step (2026-11-26 10:00 PST) would be after now "
                             "(2026-11-26 09:50 PST) | check --at, or pass --now\n");
}

TEST_CASE("`latest` and a path name an incident") {
  Site s;
  Diagnostics d;
  CHECK(lookup_incident(s.model, "latest", d) == &s.model.incidents[0]);
  CHECK(lookup_incident(s.model, k_path, d) == &s.model.incidents[0]);
  CHECK(lookup_incident(s.model, "./" + k_path, d) == &s.model.incidents[0]);
  CHECK(d.all().empty());
  CHECK_FALSE(lookup_incident(s.model, "content/incidents/nope.toml", d));
  s.model.incidents.clear();
  s.model.index();
  CHECK_FALSE(lookup_incident(s.model, "latest", d));
  CHECK(Site::problems(d) ==
        "incident:1: invalid-value: no incident is read from 'content/incidents/nope.toml' | give an incident id, "
        "`latest`, or the path of a file under content/incidents/ (run sitrep check if the file does not parse)\n"
        "incident:1: invalid-value: there is no incident yet, so no 'latest' | declare one: sitrep new incident "
        "--title ... --severity ... --components ...\n");
}

TEST_CASE("text edits: a key in a table, a removed key line, an item appended to an array") {
  CHECK(*set_table_key("a = 1\n\n[roles]\nx = \"1\"  # c\n\n[[u]]\n", "roles", "y", "\"2\"") ==
        "a = 1\n\n[roles]\nx = \"1\"  # c\ny = \"2\"\n\n[[u]]\n");
  CHECK(*set_table_key("a = 1\n[roles]\nx = \"1\"  # c\n", "roles", "x", "\"2\"") == "a = 1\n[roles]\nx = \"2\"  # c\n");
  CHECK(*set_table_key("a = 1\n\n[[u]]\n", "roles", "x", "\"2\"") == "a = 1\n\n[roles]\nx = \"2\"\n\n[[u]]\n");
  CHECK_FALSE(set_table_key("roles = { x = \"1\" }\n", "roles", "y", "\"2\""));
  CHECK(*remove_top_level_key("a = 1\nb = 2  # why\nc = 3\n", "b") == "a = 1\nc = 3\n");
  CHECK_FALSE(remove_top_level_key("a = 1\n", "b"));
  CHECK(*append_to_array("c = [\"a\", \"b\"]  # x\n", "c", "\"d\"") == "c = [\"a\", \"b\", \"d\"]  # x\n");
  CHECK(*append_to_array("c = []\n", "c", "\"d\"") == "c = [\"d\"]\n");
  CHECK(*append_to_array("c = [\n  \"a\",\n]\n", "c", "\"d\"") == "c = [\n  \"a\", \"d\"\n]\n");
}

TEST_CASE("times typed on the command line: offsets, local times in the site's zone, bare clock times") {
  const TimeZone la = find_time_zone("America/Los_Angeles");
  const TimePoint ref = at("2026-11-26T11:30:00Z");  // 03:30 PST
  CHECK(parse_time_option("2026-11-26T03:05:00-08:00", la) == at("2026-11-26T11:05:00Z"));
  CHECK(parse_time_option("2026-11-26T11:05:00Z", la) == at("2026-11-26T11:05:00Z"));
  CHECK(parse_time_option("2026-11-26T03:05", la) == at("2026-11-26T11:05:00Z"));
  CHECK(parse_time_option("2026-11-26 03:05:30", la) == at("2026-11-26T11:05:30Z"));
  CHECK(parse_time_option("2026-07-01T03:05", la) == at("2026-07-01T10:05:00Z"));  // PDT
  CHECK(parse_time_option("03:05", la, ref) == at("2026-11-26T11:05:00Z"));
  CHECK(parse_time_option("23:50", la, ref) == at("2026-11-26T07:50:00Z"));  // yesterday 23:50 PST
  CHECK_FALSE(parse_time_option("03:05", la));
  CHECK_FALSE(parse_time_option("3am", la, ref));
  CHECK_FALSE(parse_time_option("2026-11-26T25:00", la));
}

TEST_CASE("a time typed in a DST gap is refused with both offsets; one in the repeated hour takes the first") {
  const TimeZone la = find_time_zone("America/Los_Angeles");
  std::optional<LocalTimeProblem> problem;
  CHECK_FALSE(parse_time_option("2027-03-14T02:30", la, std::nullopt, &problem));
  REQUIRE(problem);
  CHECK(problem->rule == "local-time-gap");
  CHECK(problem->hint ==
        "write the UTC offset you mean: 2027-03-14T02:30:00-08:00 (2027-03-14T10:30:00Z) or "
        "2027-03-14T02:30:00-07:00 (2027-03-14T09:30:00Z)");
  // A bare clock time on the spring-forward night: 02:30 of that day never was.
  problem.reset();
  CHECK_FALSE(parse_time_option("02:30", la, at("2027-03-14T11:00:00Z"), &problem));
  REQUIRE(problem);
  CHECK(problem->rule == "local-time-gap");
  problem.reset();
  CHECK(parse_time_option("2026-11-01T01:30", la, std::nullopt, &problem) == at("2026-11-01T08:30:00Z"));
  REQUIRE(problem);
  CHECK(problem->rule == "local-time-ambiguous");
  problem.reset();
  CHECK(parse_time_option("2026-11-01T03:30", la, std::nullopt, &problem) == at("2026-11-01T11:30:00Z"));
  CHECK_FALSE(problem);
}
