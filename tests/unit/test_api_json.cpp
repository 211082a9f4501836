#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "load/parse.h"
#include "render/api_json.h"
#include "test_helpers.h"

using namespace sitrep;
using nlohmann::json;

namespace {

// Every internal field below carries "SECRET"; no API file may contain it.
const char* const k_components = R"([[groups]]
id = "core"
name = "Core"
[[components]]
id = "auth"
name = "Authentication"
group = "core"
[[components]]
id = "api"
name = "API"
description = "The REST API"
group = "core"
[[components]]
id = "batch"
name = "SECRET-COMPONENT"
group = "core"
public = false
[[components]]
id = "db"
name = "Database"
)";

const char* const k_resolved = R"(id = "INC-A"
title = "Login failures"
severity = "SEV2"
type = "outage"
components = ["auth", "batch"]
started_at = 2026-04-10T10:00:00Z
resolved_at = 2026-04-10T11:00:00Z
affected_system = "SECRET-SYSTEM"
[roles]
commander = "SECRET-ROLE"
[[updates]]
at = 2026-04-10T10:05:00Z
status = "investigating"
message = "Logins fail."
components = { auth = "major_outage", batch = "major_outage" }
[[updates]]
at = 2026-04-10T10:30:00Z
status = "mitigating"
message = "A fix is rolling out."
components = { auth = "degraded_performance" }
[[updates]]
at = 2026-04-10T10:40:00Z
status = "monitoring"
message = "Watching."
[[updates]]
at = 2026-04-10T11:00:00Z
status = "resolved"
message = "Resolved."
components = { auth = "operational" }
[metrics]
error_rate_pct = 6.2
[[impact]]
label = "SECRET-IMPACT"
value = 1
[root_cause]
summary = "SECRET-ROOT"
category = "config_change"
[[timeline]]
at = 2026-04-10T10:06:00Z
action = "SECRET-TIMELINE"
[[actions]]
action = "SECRET-ACTION"
owner = "SECRET-OWNER"
due = 2026-04-17
status = "open"
)";

const char* const k_active = R"(id = "INC-B"
title = "Slow API"
severity = "SEV3"
type = "performance_degradation"
components = ["api"]
started_at = 2026-04-14T09:00:00Z
[[updates]]
at = 2026-04-14T09:10:00Z
status = "identified"
message = "Slow responses."
components = { api = "partial_outage" }
)";

const char* const k_internal = R"(id = "INC-C"
title = "SECRET-INCIDENT"
severity = "SEV2"
type = "outage"
components = ["batch"]
public = false
started_at = 2026-04-13T09:00:00Z
)";

const char* const k_sev4 = R"(id = "INC-D"
title = "SECRET-SEV4"
severity = "SEV4"
type = "outage"
components = ["auth"]
started_at = 2026-04-13T10:00:00Z
)";

std::string maintenance(const std::string& id, const std::string& start, const std::string& end,
                        const std::string& extra = {}) {
  return "id = \"" + id + "\"\ntitle = \"Window " + id +
         "\"\ncomponents = [\"db\", \"batch\"]\nscheduled_start = " + start + "\nscheduled_end = " + end +
         "\nmessage = \"Upgrade.\"\n" + extra;
}

struct ApiFixture {
  Model model;
  Diagnostics diags;

  ApiFixture(const std::vector<std::string>& incidents, const std::vector<std::string>& windows) {
    model.site = parse_site("title = \"Acme\"\nbase_url = \"https://status.acme.example\"\ntime_zone = \"Etc/UTC\"\n",
                            "content/site.toml", diags);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "schemas/severity.toml", diags);
    model.components = parse_components(k_components, "content/components.toml", diags);
    for (const auto& text : incidents)
      if (auto inc = parse_incident(text, "i.toml", model.site.time_zone, diags)) model.incidents.push_back(*inc);
    for (const auto& text : windows)
      if (auto m = parse_maintenance(text, "m.toml", model.site.time_zone, diags)) model.maintenance.push_back(*m);
    model.index();
    REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  }

  std::map<std::string, std::string> render(const char* now = "2026-04-14T12:00:00Z") {
    const PublicView view = make_public_view(model, *parse_rfc3339(now));
    const TemplateSet templates;  // the API uses no template
    RenderContext ctx{model, view, templates, diags};
    std::map<std::string, std::string> files;
    for (auto& f : render_api(ctx)) files[f.path] = std::move(f.bytes);
    return files;
  }
};

ApiFixture standard() {
  return ApiFixture(
      {k_resolved, k_active, k_internal, k_sev4},
      {maintenance("MNT-UP", "2026-05-01T22:00:00Z", "2026-05-02T00:00:00Z"),
       maintenance("MNT-NOW", "2026-04-14T11:00:00Z", "2026-04-14T13:00:00Z",
                   "[[updates]]\nat = 2026-04-14T11:00:00Z\nstatus = \"in_progress\"\nmessage = \"Started.\"\n"),
       maintenance("MNT-OLD", "2026-04-01T11:00:00Z", "2026-04-01T13:00:00Z"),
       "public = false\n" + maintenance("MNT-S", "2026-04-14T11:00:00Z", "2026-04-14T13:00:00Z")});
}

enum class Kind { string, string_or_null, number, boolean, array, object };

bool is(const json& v, Kind k) {
  switch (k) {
    case Kind::string:
      return v.is_string();
    case Kind::string_or_null:
      return v.is_string() || v.is_null();
    case Kind::number:
      return v.is_number_integer();
    case Kind::boolean:
      return v.is_boolean();
    case Kind::array:
      return v.is_array();
    case Kind::object:
      return v.is_object();
  }
  return false;
}

void check_fields(const json& obj, std::initializer_list<std::pair<const char*, Kind>> fields) {
  REQUIRE(obj.is_object());
  for (const auto& field : fields) {  // not a structured binding: INFO captures it (clang 14)
    const char* name = field.first;
    const Kind kind = field.second;
    INFO("field " << name << " of " << obj.dump().substr(0, 120));
    REQUIRE(obj.contains(name));
    CHECK(is(obj[name], kind));
  }
}

const auto k_s = Kind::string;
const auto k_sn = Kind::string_or_null;

void check_page(const json& page) {
  check_fields(page, {{"id", k_s}, {"name", k_s}, {"url", k_s}, {"time_zone", k_s}, {"updated_at", k_s}});
}

void check_component(const json& c) {
  check_fields(c, {{"id", k_s},
                   {"name", k_s},
                   {"status", k_s},
                   {"created_at", k_s},
                   {"updated_at", k_s},
                   {"position", Kind::number},
                   {"description", k_sn},
                   {"showcase", Kind::boolean},
                   {"start_date", k_sn},
                   {"group_id", k_sn},
                   {"page_id", k_s},
                   {"group", Kind::boolean},
                   {"only_show_if_degraded", Kind::boolean}});
  if (c["group"]) check_fields(c, {{"components", Kind::array}});
}

void check_incident(const json& i, bool maintenance) {
  check_fields(i, {{"id", k_s},
                   {"name", k_s},
                   {"status", k_s},
                   {"impact", k_s},
                   {"created_at", k_s},
                   {"updated_at", k_s},
                   {"monitoring_at", k_sn},
                   {"resolved_at", k_sn},
                   {"started_at", k_s},
                   {"shortlink", k_s},
                   {"page_id", k_s},
                   {"components", Kind::array},
                   {"incident_updates", Kind::array}});
  if (maintenance) {
    check_fields(i, {{"scheduled_for", k_s}, {"scheduled_until", k_s}});
    CHECK(i["impact"] == "maintenance");
  }
  for (const auto& c : i["components"]) check_component(c);
  std::string previous = "9999";
  for (const auto& u : i["incident_updates"]) {
    check_fields(u, {{"id", k_s},
                     {"status", k_s},
                     {"body", k_s},
                     {"incident_id", k_s},
                     {"created_at", k_s},
                     {"updated_at", k_s},
                     {"display_at", k_s},
                     {"affected_components", Kind::array}});
    CHECK(u["incident_id"] == i["id"]);
    CHECK(u["created_at"].get<std::string>() <= previous);  // newest first
    previous = u["created_at"];
    for (const auto& a : u["affected_components"])
      check_fields(a, {{"code", k_s}, {"name", k_s}, {"old_status", k_s}, {"new_status", k_s}});
  }
}

std::vector<std::string> ids(const json& list) {
  std::vector<std::string> out;
  for (const auto& x : list) out.push_back(x["id"]);
  return out;
}

}  // namespace

TEST_CASE("every API file has the Statuspage fields with their types") {
  auto f = standard();
  const auto files = f.render();
  CHECK(files.size() == 8);
  for (const auto& file : files) {
    const std::string& path = file.first;  // INFO captures it: no structured binding (clang 14)
    const auto& bytes = file.second;
    INFO(path);
    CHECK(path.rfind("api/v2/", 0) == 0);
    CHECK(bytes.back() == '\n');
    const json doc = json::parse(bytes);
    check_page(doc["page"]);
    if (doc.contains("status")) check_fields(doc["status"], {{"indicator", k_s}, {"description", k_s}});
    if (doc.contains("components"))
      for (const auto& c : doc["components"]) check_component(c);
    if (doc.contains("incidents"))
      for (const auto& i : doc["incidents"]) check_incident(i, false);
    if (doc.contains("scheduled_maintenances"))
      for (const auto& m : doc["scheduled_maintenances"]) check_incident(m, true);
  }
  CHECK(f.diags.all().empty());
}

TEST_CASE("the API files agree with each other and with the view") {
  auto f = standard();
  const auto files = f.render();
  const json summary = json::parse(files.at("api/v2/summary.json"));
  const json status = json::parse(files.at("api/v2/status.json"));
  const json components = json::parse(files.at("api/v2/components.json"));
  const json incidents = json::parse(files.at("api/v2/incidents.json"));
  const json unresolved = json::parse(files.at("api/v2/incidents/unresolved.json"));
  const json all_mnt = json::parse(files.at("api/v2/scheduled-maintenances.json"));
  const json upcoming = json::parse(files.at("api/v2/scheduled-maintenances/upcoming.json"));
  const json active = json::parse(files.at("api/v2/scheduled-maintenances/active.json"));

  for (const json* doc : {&status, &components, &incidents, &unresolved, &all_mnt, &upcoming, &active})
    CHECK((*doc)["page"] == summary["page"]);
  CHECK(summary["page"]["url"] == "https://status.acme.example");
  CHECK(summary["page"]["id"] == page_id("https://status.acme.example"));
  CHECK(summary["page"]["updated_at"] == "2026-04-14T11:00:00Z");  // the maintenance that started
  CHECK(summary["status"] == status["status"]);
  CHECK(status["status"]["indicator"] == "major");  // the API is partially out
  CHECK(summary["components"] == components["components"]);
  CHECK(summary["incidents"] == unresolved["incidents"]);
  CHECK(ids(incidents["incidents"]) == std::vector<std::string>{"INC-B", "INC-A"});
  CHECK(ids(unresolved["incidents"]) == std::vector<std::string>{"INC-B"});
  CHECK(unresolved["incidents"][0] == incidents["incidents"][0]);
  CHECK(ids(upcoming["scheduled_maintenances"]) == std::vector<std::string>{"MNT-UP"});
  CHECK(ids(active["scheduled_maintenances"]) == std::vector<std::string>{"MNT-NOW"});
  CHECK(ids(summary["scheduled_maintenances"]) == std::vector<std::string>{"MNT-NOW", "MNT-UP"});
  CHECK(ids(all_mnt["scheduled_maintenances"]) == std::vector<std::string>{"MNT-UP", "MNT-NOW", "MNT-OLD"});

  // Groups are components with their children's ids; positions follow the page.
  CHECK(ids(components["components"]) == std::vector<std::string>{"core", "auth", "api", "db"});
  const json& core = components["components"][0];
  CHECK(core["group"] == true);
  CHECK(core["components"] == json::array({"auth", "api"}));
  CHECK(core["status"] == "partial_outage");
  CHECK(components["components"][1]["group_id"] == "core");
  CHECK(components["components"][3]["group_id"].is_null());
  CHECK(components["components"][3]["status"] == "under_maintenance");
  for (std::size_t i = 0; i < components["components"].size(); ++i)
    CHECK(components["components"][i]["position"] == i + 1);
}

TEST_CASE("an incident carries its updates newest first with component transitions") {
  auto f = standard();
  const json incidents = json::parse(f.render().at("api/v2/incidents.json"));
  const json& a = incidents["incidents"][1];
  CHECK(a["id"] == "INC-A");
  CHECK(a["status"] == "resolved");
  CHECK(a["impact"] == "major");
  CHECK(a["started_at"] == "2026-04-10T10:00:00Z");
  CHECK(a["monitoring_at"] == "2026-04-10T10:40:00Z");
  CHECK(a["resolved_at"] == "2026-04-10T11:00:00Z");
  CHECK(a["shortlink"] == "https://status.acme.example/incidents/INC-A/");
  CHECK(ids(a["components"]) == std::vector<std::string>{"auth"});  // the internal one is gone
  const json& updates = a["incident_updates"];
  REQUIRE(updates.size() == 4);
  CHECK(ids(updates) == std::vector<std::string>{"INC-A-u4", "INC-A-u3", "INC-A-u2", "INC-A-u1"});
  CHECK(updates[2]["status"] == "identified");  // "mitigating" is an alias
  CHECK(updates[3]["body"] == "Logins fail.");
  CHECK(updates[3]["affected_components"] ==
        json::parse(
            R"([{"code":"auth","name":"Authentication","old_status":"operational","new_status":"major_outage"}])"));
  CHECK(updates[0]["affected_components"][0]["old_status"] == "degraded_performance");
  CHECK(updates[0]["affected_components"][0]["new_status"] == "operational");

  const json& b = incidents["incidents"][0];
  CHECK(b["status"] == "identified");
  CHECK(b["resolved_at"].is_null());
  CHECK(b["monitoring_at"].is_null());
}

TEST_CASE("maintenance windows carry their schedule and state") {
  auto f = standard();
  const json all = json::parse(f.render().at("api/v2/scheduled-maintenances.json"));
  const json& now = all["scheduled_maintenances"][1];
  CHECK(now["id"] == "MNT-NOW");
  CHECK(now["status"] == "in_progress");
  CHECK(now["scheduled_for"] == "2026-04-14T11:00:00Z");
  CHECK(now["scheduled_until"] == "2026-04-14T13:00:00Z");
  CHECK(now["resolved_at"].is_null());
  CHECK(now["incident_updates"][0]["affected_components"][0]["new_status"] == "under_maintenance");
  const json& old = all["scheduled_maintenances"][2];
  CHECK(old["status"] == "completed");
  CHECK(old["resolved_at"] == "2026-04-01T13:00:00Z");
}

TEST_CASE("nothing internal reaches the API") {
  auto f = standard();
  for (const auto& file : f.render()) {
    const std::string& path = file.first;  // INFO captures it: no structured binding (clang 14)
    const auto& bytes = file.second;
    INFO(path);
    CHECK(bytes.find("SECRET") == std::string::npos);
    CHECK(bytes.find("INC-C") == std::string::npos);
    CHECK(bytes.find("INC-D") == std::string::npos);
    CHECK(bytes.find("MNT-S\"") == std::string::npos);
    CHECK(bytes.find("\"batch\"") == std::string::npos);
  }
}

TEST_CASE("incidents.json keeps the 50 most recent; unresolved keeps every active one") {
  std::vector<std::string> texts;
  for (int i = 0; i < 60; ++i) {
    char day[64];
    std::snprintf(day, sizeof day, "2026-02-%02dT%02d:00:00Z", 1 + i / 3, 8 * (i % 3));
    std::string text = "id = \"INC-" + std::to_string(100 + i) +
                       "\"\ntitle = \"t\"\nseverity = \"SEV3\"\n"
                       "type = \"outage\"\ncomponents = [\"api\"]\nstarted_at = " +
                       day + "\n";
    if (i > 0) text += "resolved_at = " + std::string{day} + "\n";  // the oldest never resolved
    texts.push_back(text);
  }
  ApiFixture f(texts, {});
  const auto files = f.render();
  const json incidents = json::parse(files.at("api/v2/incidents.json"));
  const json unresolved = json::parse(files.at("api/v2/incidents/unresolved.json"));
  REQUIRE(incidents["incidents"].size() == k_api_list_cap);
  CHECK(incidents["incidents"][0]["id"] == "INC-159");
  CHECK(incidents["incidents"][49]["id"] == "INC-110");
  for (std::size_t i = 1; i < incidents["incidents"].size(); ++i)
    CHECK(incidents["incidents"][i - 1]["started_at"] > incidents["incidents"][i]["started_at"]);
  CHECK(ids(unresolved["incidents"]) == std::vector<std::string>{"INC-100"});
  CHECK(json::parse(files.at("api/v2/summary.json"))["incidents"] == unresolved["incidents"]);
}

TEST_CASE("the API is deterministic and the page id is stable") {
  auto f = standard();
  CHECK(f.render() == f.render());
  CHECK(page_id("https://status.acme.example") == page_id("https://status.acme.example"));
  CHECK(page_id("https://status.acme.example").size() == 16);
  CHECK(page_id("https://a.example") != page_id("https://b.example"));
  CHECK(page_id("") == "cbf29ce484222325");  // FNV-1a 64 offset basis
}
