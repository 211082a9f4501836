#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "changes/diff.h"
#include "changes/event_text.h"
#include "changes/next_change.h"
#include "changes/previous_site.h"
#include "load/parse.h"
#include "render/public_view.h"
#include "test_helpers.h"

using namespace sitrep;
using Json = nlohmann::json;

namespace {

// One incident object as api/v2 publishes it (only the fields the diff
// reads, plus a component). `updates` are {status, created_at, body},
// oldest first; the API lists them newest first.
Json incident(const std::string& id, const std::string& status, const std::string& impact,
              const std::vector<std::array<std::string, 3>>& updates, const std::string& resolved_at = "",
              const Json& postmortem = nullptr) {
  Json list = Json::array();
  for (const auto& [s, at, body] : updates)
    list.insert(list.begin(), Json{{"id", id + "-u" + std::to_string(list.size() + 1)},
                                   {"status", s},
                                   {"body", body},
                                   {"created_at", at}});
  return Json{{"id", id},
              {"name", "Title of " + id},
              {"status", status},
              {"impact", impact},
              {"created_at", updates.empty() ? "2026-01-01T00:00:00Z" : updates.front()[1]},
              {"updated_at", updates.empty() ? "2026-01-01T00:00:00Z" : updates.back()[1]},
              {"resolved_at", resolved_at.empty() ? Json(nullptr) : Json(resolved_at)},
              {"shortlink", "https://status.example/incidents/" + id + "/"},
              {"components", Json::array({{{"id", "api"}, {"name", "API"}}})},
              {"incident_updates", list},
              {"postmortem_published_at", postmortem}};
}

Json window(const std::string& id, const std::string& status, const std::vector<std::array<std::string, 3>>& updates,
            const std::string& resolved_at = "") {
  Json j = incident(id, status, "maintenance", updates, resolved_at);
  j.erase("postmortem_published_at");
  j["created_at"] = updates.empty() ? "2026-12-01T00:00:00Z" : updates.front()[1];
  j["shortlink"] = "https://status.example/maintenance/" + id + "/";
  j["scheduled_for"] = "2026-12-06T06:00:00Z";
  j["scheduled_until"] = "2026-12-06T15:00:00Z";
  j["description"] = "Network work.";
  return j;
}

ApiSnapshot snapshot(const std::vector<Json>& incidents, const std::vector<Json>& windows = {}) {
  ApiSnapshot s;
  s.exists = true;
  s.incidents = Json{{"incidents", incidents}};
  s.scheduled_maintenances = Json{{"scheduled_maintenances", windows}};
  return s;
}

std::vector<std::string> lines(const std::vector<ChangeEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(event_line(e));
  return out;
}

std::vector<std::string> ids(const std::vector<ChangeEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.id);
  return out;
}

const std::array<std::string, 3> k_investigating{"investigating", "2026-11-26T10:00:00Z", "Looking into errors."};
const std::array<std::string, 3> k_identified{"identified", "2026-11-26T10:30:00Z", "Found a bad deploy."};
const std::array<std::string, 3> k_monitoring{"monitoring", "2026-11-26T11:00:00Z", "Rolled back.\nWatching."};
const std::array<std::string, 3> k_resolved{"resolved", "2026-11-26T12:00:00Z", "All good."};
const std::array<std::string, 3> k_older{"resolved", "2026-01-05T10:00:00Z", "Old."};

}  // namespace

TEST_CASE("changes: identical sites give no events") {
  const ApiSnapshot s = snapshot({incident("INC-1", "identified", "minor", {k_investigating, k_identified})},
                                 {window("MNT-1", "scheduled", {{"scheduled", "2026-11-20T00:00:00Z", "Planned."}})});
  CHECK(diff_sites(s, s).empty());
}

TEST_CASE("changes: a new incident is opened with its first update; later updates are posted") {
  const ApiSnapshot before = snapshot({});
  const ApiSnapshot after = snapshot({incident("INC-1", "identified", "major", {k_investigating, k_identified})});
  const auto events = diff_sites(before, after);
  CHECK(lines(events) == std::vector<std::string>{
                             "2026-11-26T10:00:00Z  incident_opened  INC-1  Title of INC-1: opened (investigating, "
                             "impact major)",
                             "2026-11-26T10:30:00Z  status_changed  INC-1  Title of INC-1: investigating -> identified: "
                             "Found a bad deploy.",
                         });
  // The update that changed the status is one event (one message), not two.
  CHECK(ids(events) == std::vector<std::string>{"incident_opened:INC-1", "status_changed:INC-1:2026-11-26T10:30:00Z"});
  CHECK(events[1].message == "Found a bad deploy.");
  CHECK(events[0].message == "Looking into errors.");
  CHECK(events[0].url == "https://status.example/incidents/INC-1/");
  CHECK(events[0].components == std::vector<std::string>{"api"});
  CHECK(events[0].component_names == std::vector<std::string>{"API"});
}

TEST_CASE("changes: a new update with the same status is only posted") {
  const auto more = std::array<std::string, 3>{"investigating", "2026-11-26T10:15:00Z", "Still looking."};
  const auto events = diff_sites(snapshot({incident("INC-1", "investigating", "minor", {k_investigating})}),
                                 snapshot({incident("INC-1", "investigating", "minor", {k_investigating, more})}));
  CHECK(lines(events) == std::vector<std::string>{
                             "2026-11-26T10:15:00Z  update_posted  INC-1  Title of INC-1: investigating: Still looking."});
  CHECK(events[0].id == "update_posted:INC-1:2026-11-26T10:15:00Z");
}

TEST_CASE("changes: status change, impact change, resolution") {
  const Json before = incident("INC-1", "identified", "minor", {k_investigating, k_identified});
  SUBCASE("status") {
    const auto events =
        diff_sites(snapshot({before}), snapshot({incident("INC-1", "monitoring", "minor",
                                                          {k_investigating, k_identified, k_monitoring})}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-11-26T11:00:00Z  status_changed  INC-1  Title of INC-1: identified -> monitoring: "
                               "Rolled back."});
    REQUIRE(events.size() == 1);
    CHECK(events[0].previous_status == "identified");
    CHECK(events[0].status == "monitoring");
    CHECK(events[0].message.rfind("Rolled back.", 0) == 0);
  }
  SUBCASE("impact") {
    const auto events = diff_sites(
        snapshot({before}), snapshot({incident("INC-1", "identified", "critical", {k_investigating, k_identified})}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-11-26T10:30:00Z  impact_changed  INC-1  Title of INC-1: impact minor -> critical"});
    CHECK(events[0].id == "impact_changed:INC-1:critical:2026-11-26T10:30:00Z");
    CHECK(events[0].previous_impact == "minor");
  }
  SUBCASE("resolved") {
    const auto events = diff_sites(
        snapshot({before}), snapshot({incident("INC-1", "resolved", "minor", {k_investigating, k_identified, k_resolved},
                                               "2026-11-26T12:00:00Z")}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-11-26T12:00:00Z  incident_resolved  INC-1  Title of INC-1: resolved: All good."});
    REQUIRE(events.size() == 1);
    CHECK(events[0].id == "incident_resolved:INC-1:2026-11-26T12:00:00Z");
  }
}

TEST_CASE("changes: a postmortem is published once, and never against a site without the field") {
  const Json resolved =
      incident("INC-1", "resolved", "major", {k_investigating, k_resolved}, "2026-11-26T12:00:00Z");
  Json published = resolved;
  published["postmortem_published_at"] = "2026-11-28T08:00:00Z";
  const auto events = diff_sites(snapshot({resolved}), snapshot({published}));
  CHECK(lines(events) == std::vector<std::string>{
                             "2026-11-28T08:00:00Z  postmortem_published  INC-1  Title of INC-1: postmortem published"});
  CHECK(events[0].id == "postmortem_published:INC-1");
  CHECK(diff_sites(snapshot({published}), snapshot({published})).empty());
  Json old_site = resolved;
  old_site.erase("postmortem_published_at");
  CHECK(diff_sites(snapshot({old_site}), snapshot({published})).empty());
}

TEST_CASE("changes: maintenance scheduled, started, completed") {
  const std::array<std::string, 3> announced{"scheduled", "2026-11-20T00:00:00Z", "Planned for Saturday."};
  const std::array<std::string, 3> started{"in_progress", "2026-12-06T06:00:00Z", "Started."};
  const Json scheduled = window("MNT-1", "scheduled", {announced});
  SUBCASE("scheduled") {
    const auto events = diff_sites(snapshot({}), snapshot({}, {scheduled}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-11-20T00:00:00Z  maintenance_scheduled  MNT-1  Title of MNT-1: scheduled"});
    CHECK(events[0].message == "Planned for Saturday.");
    CHECK(events[0].is_maintenance);
    CHECK(events[0].impact.empty());
  }
  SUBCASE("started by the clock, without an update") {
    const auto events = diff_sites(snapshot({}, {scheduled}), snapshot({}, {window("MNT-1", "in_progress", {announced})}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-12-06T06:00:00Z  maintenance_started  MNT-1  Title of MNT-1: started"});
    CHECK(events[0].id == "maintenance_started:MNT-1");
  }
  SUBCASE("started with an update") {
    const auto events =
        diff_sites(snapshot({}, {scheduled}), snapshot({}, {window("MNT-1", "in_progress", {announced, started})}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-12-06T06:00:00Z  maintenance_started  MNT-1  Title of MNT-1: started: Started."});
  }
  SUBCASE("completed, straight from scheduled") {
    const auto events = diff_sites(snapshot({}, {scheduled}), snapshot({}, {window("MNT-1", "completed", {announced})}));
    CHECK(lines(events) == std::vector<std::string>{
                               "2026-12-06T06:00:00Z  maintenance_started  MNT-1  Title of MNT-1: started",
                               "2026-12-06T15:00:00Z  maintenance_completed  MNT-1  Title of MNT-1: completed"});
  }
}

TEST_CASE("changes: capped lists — what fell off or came back is not news; items removed give nothing") {
  const Json recent = incident("INC-9", "resolved", "minor", {k_investigating, k_resolved}, "2026-11-26T12:00:00Z");
  const Json old = incident("INC-0", "resolved", "minor", {k_older}, "2026-01-05T10:00:00Z");
  // INC-0 is older than everything the previous site listed: back from past the cap.
  CHECK(diff_sites(snapshot({recent}), snapshot({recent, old})).empty());
  // Gone from the site: no event.
  CHECK(diff_sites(snapshot({recent, old}), snapshot({recent})).empty());
  // An old incident that is still open is news whatever its age.
  const Json reopened = incident("INC-0", "investigating", "minor", {{"investigating", "2026-01-05T10:00:00Z", "Back."}});
  CHECK(ids(diff_sites(snapshot({recent}), snapshot({recent, reopened}))) ==
        std::vector<std::string>{"incident_opened:INC-0"});
  // An unresolved incident past the cap is in summary.json: known, not new.
  ApiSnapshot before = snapshot({recent});
  before.summary = Json{{"incidents", {reopened}}};
  CHECK(diff_sites(before, snapshot({recent, reopened})).empty());
}

TEST_CASE("changes: a first publish announces only what is open or coming") {
  ApiSnapshot none;  // no api/v2 yet
  const Json open = incident("INC-2", "investigating", "minor", {k_investigating});
  const Json done = incident("INC-1", "resolved", "minor", {k_older}, "2026-01-05T10:00:00Z");
  const Json coming = window("MNT-2", "scheduled", {});
  Json finished = window("MNT-1", "completed", {});
  finished["scheduled_for"] = "2026-09-12T06:00:00Z";
  CHECK(ids(diff_sites(none, snapshot({open, done}, {coming, finished}))) ==
        std::vector<std::string>{"incident_opened:INC-2", "maintenance_scheduled:MNT-2"});
}

TEST_CASE("changes: ids and order are the same on every run") {
  const ApiSnapshot before = snapshot({incident("INC-1", "investigating", "minor", {k_investigating})});
  const ApiSnapshot after =
      snapshot({incident("INC-1", "resolved", "major", {k_investigating, k_identified, k_resolved}, "2026-11-26T12:00:00Z",
                         "2026-11-27T08:00:00Z"),
                incident("INC-2", "investigating", "minor", {{"investigating", "2026-11-26T11:30:00Z", "Slow."}})},
               {window("MNT-1", "scheduled", {})});
  const auto first = diff_sites(before, after);
  const auto second = diff_sites(before, after);
  CHECK(events_to_json(first) == events_to_json(second));
  CHECK(ids(first) == std::vector<std::string>{
                          "update_posted:INC-1:2026-11-26T10:30:00Z", "incident_opened:INC-2",
                          "impact_changed:INC-1:major:2026-11-26T12:00:00Z",
                          "incident_resolved:INC-1:2026-11-26T12:00:00Z", "postmortem_published:INC-1",
                          "maintenance_scheduled:MNT-1"});
}

TEST_CASE("changes: the events' JSON reads back") {
  const auto events = diff_sites(snapshot({}), snapshot({incident("INC-1", "identified", "major", {k_investigating})}));
  std::vector<ChangeEvent> back;
  std::string error;
  REQUIRE(events_from_json(Json::parse(events_to_json(events).dump()), back, error));
  CHECK(events_to_json(back) == events_to_json(events));
}

TEST_CASE("changes: a previous document must be JSON with its list") {
  Json doc;
  PreviousSiteProblem problem;
  CHECK_FALSE(parse_api_document("{\"incidents\": [", "prev/api/v2/incidents.json", "incidents", doc, problem));
  CHECK(problem.message == "prev/api/v2/incidents.json: not valid JSON (byte 16)");
  CHECK_FALSE(parse_api_document("{\"page\": {}}", "prev/api/v2/incidents.json", "incidents", doc, problem));
  CHECK(problem.message == "prev/api/v2/incidents.json: not a Statuspage api/v2 document (no \"incidents\" list)");
  CHECK(parse_api_document("{\"incidents\": []}", "x", "incidents", doc, problem));
}

TEST_CASE("next-change: the cron line is the first whole minute at or after the change, in UTC") {
  CHECK(cron_line_utc(*parse_rfc3339("2026-12-06T06:00:00Z")) == "0 6 6 12 *");
  CHECK(cron_line_utc(*parse_rfc3339("2026-12-06T06:00:30Z")) == "1 6 6 12 *");
  CHECK(cron_line_utc(*parse_rfc3339("2026-12-31T23:59:10Z")) == "0 0 1 1 *");
}

namespace {

// A one-incident site in Los Angeles time for the view's clock changes.
struct ClockSite {
  Model model;
  Diagnostics diags;
  explicit ClockSite(const std::string& incident, const std::string& postmortem = "") {
    model.site = parse_site("title = \"Acme\"\nbase_url = \"https://status.acme.example\"\n"
                            "time_zone = \"America/Los_Angeles\"\n",
                            "content/site.toml", diags);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", diags);
    model.postmortem_template =
        parse_postmortem_schema(repo_file("schemas/postmortem.toml"), "schemas/postmortem.toml", diags);
    model.components = parse_components("[[components]]\nid = \"api\"\nname = \"API\"\n", "c.toml", diags);
    if (auto inc = parse_incident(incident, "i.toml", model.site.time_zone, diags)) model.incidents.push_back(*inc);
    if (!postmortem.empty())
      if (auto pm = parse_postmortem(postmortem, "p.md", diags)) model.postmortems.push_back(*pm);
    model.index();
    REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  }
};

const char* const k_open_incident = R"(id = "INC-1"
title = "API errors"
severity = "SEV2"
type = "outage"
components = ["api"]
started_at = 2026-11-26T10:00:00Z
[[updates]]
at = 2026-11-26T10:05:00Z
status = "investigating"
message = "Looking."
next_update_by = 2026-11-26T10:35:00Z
[[updates]]
at = 2026-11-26T10:20:00Z
status = "identified"
message = "Found it."
)";

}  // namespace

TEST_CASE("next-change: an update dated later, then the promise of the update before it") {
  ClockSite site(k_open_incident);
  // At 10:10 the 10:20 update is not shown yet; the promise (10:35) is later.
  PublicView view = make_public_view(site.model, *parse_rfc3339("2026-11-26T10:10:00Z"));
  CHECK(next_change_text(view) == "next change: 2026-11-26T10:20:00Z\ncron (UTC): 20 10 26 11 *\n"
                                  "  update_appears  INC-1  API errors\n");
  // At 10:20 the latest update makes no promise: nothing is due.
  view = make_public_view(site.model, *parse_rfc3339("2026-11-26T10:20:00Z"));
  CHECK(next_change_text(view) == "no scheduled change\n");
  CHECK(next_change_json(view).dump() == R"({"next_change":null,"cron":null,"changes":[]})");
}

TEST_CASE("next-change: a next-update-by promise of the latest update") {
  std::string text = k_open_incident;
  text = text.substr(0, text.find("[[updates]]\nat = 2026-11-26T10:20:00Z"));
  ClockSite site(text);
  const PublicView view = make_public_view(site.model, *parse_rfc3339("2026-11-26T10:10:00Z"));
  CHECK(next_change_json(view).dump() ==
        R"({"next_change":"2026-11-26T10:35:00Z","cron":"35 10 26 11 *","changes":[{"kind":"next_update_due",)"
        R"("item_type":"incident","item_id":"INC-1","title":"API errors"}]})");
}

TEST_CASE("next-change: a window's end, then the instant maintenance.ics drops it, 90 days later") {
  ClockSite site(k_open_incident);
  Diagnostics diags;
  auto window = parse_maintenance("id = \"MNT-1\"\ntitle = \"Upgrade\"\ncomponents = [\"api\"]\n"
                                  "scheduled_start = 2026-06-01T22:00:00Z\nscheduled_end = 2026-06-01T23:00:00Z\n"
                                  "message = \"m\"\n",
                                  "m.toml", site.model.site.time_zone, diags);
  REQUIRE(window);
  REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  site.model.incidents.clear();
  site.model.maintenance.push_back(*window);
  site.model.index();
  PublicView view = make_public_view(site.model, *parse_rfc3339("2026-06-01T22:30:00Z"));
  CHECK(next_change_text(view) == "next change: 2026-06-01T23:00:00Z\ncron (UTC): 0 23 1 6 *\n"
                                  "  maintenance_ends  MNT-1  Upgrade\n");
  // 90 days after its end, to the second (k_calendar_history).
  view = make_public_view(site.model, *parse_rfc3339("2026-07-01T00:00:00Z"));
  CHECK(next_change_text(view) == "next change: 2026-08-30T23:00:00Z\ncron (UTC): 0 23 30 8 *\n"
                                  "  maintenance_leaves_calendar  MNT-1  Upgrade\n");
  view = make_public_view(site.model, *parse_rfc3339("2026-08-30T23:00:00Z"));
  CHECK(next_change_text(view) == "no scheduled change\n");
}

TEST_CASE("postmortem_published_at: midnight of its date in the site's zone, never before the resolution") {
  std::string text = std::string{k_open_incident} + "\n";
  text.insert(text.find("[[updates]]"), "resolved_at = 2026-11-26T11:00:00Z\n");
  const std::string pm = "+++\nincident = \"INC-1\"\ntitle = \"T\"\nstatus = \"final\"\nauthors = [\"A\"]\n"
                         "date = DATE\npublic = true\nseverity = \"SEV2\"\n+++\n\n## Incident Summary\n\nText.\n";
  const auto published = [&](const std::string& date) {
    std::string p = pm;
    p.replace(p.find("DATE"), 4, date);
    ClockSite site(text, p);
    const PublicView view = make_public_view(site.model, *parse_rfc3339("2026-12-01T00:00:00Z"));
    REQUIRE(view.incidents.size() == 1);
    return view.incidents[0].postmortem_published_at;
  };
  CHECK(format_rfc3339_utc(*published("2026-11-28")) == "2026-11-28T08:00:00Z");  // PST: UTC-8
  CHECK(format_rfc3339_utc(*published("2026-11-26")) == "2026-11-26T11:00:00Z");  // the day it resolved
}
