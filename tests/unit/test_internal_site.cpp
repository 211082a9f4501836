// The internal site on a small fixture: page contexts (incident, period)
// and the whole tree (banner, noindex, links that stay inside the tree).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "load/parse.h"
#include "render/internal_pages.h"
#include "render/internal_site.h"
#include "render/internal_urls.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

const char* const k_components = R"([[components]]
id = "auth"
name = "Authentication"
[[components]]
id = "batch"
name = "Batch jobs"
public = false
)";

// Public SEV1 whose metrics meet a SEV1 trigger, with a postmortem whose
// action table replaces its [[actions]].
const char* const k_public = R"(id = "INC-A"
title = "Login failures"
severity = "SEV1"
type = "outage"
components = ["auth"]
started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
acknowledged_at = 2026-04-14T08:07:00-07:00
mitigated_at = 2026-04-14T08:44:00-07:00
resolved_at = 2026-04-14T09:12:00-07:00
[roles]
commander = "Dana"
scribe = "Lee"
[[updates]]
at = 2026-04-14T08:10:00-07:00
status = "investigating"
message = "Logins fail."
components = { auth = "major_outage" }
[[updates]]
at = 2026-04-14T09:12:00-07:00
status = "resolved"
message = "Fixed."
components = { auth = "operational" }
[metrics]
error_rate_pct = 12.0
error_rate_minutes = 8
[[impact]]
label = "MRR exposure"
value = 844600
unit = "USD"
[root_cause]
summary = "TTL misconfigured"
category = "config_change"
[[timeline]]
at = 2026-04-14T07:58:00-07:00
severity = "SEV2"
action = "Alert"
[[timeline]]
at = 2026-04-14T08:07:00-07:00
severity = "SEV1"
action = "Declared"
[[actions]]
action = "Old item"
owner = "Backend Lead"
due = 2026-04-17
status = "open"
)";

// Internal only, without detected_at: its response times cannot be computed.
const char* const k_internal = R"(id = "INC-B"
title = "Batch backlog"
severity = "SEV2"
type = "performance_degradation"
components = ["batch"]
public = false
started_at = 2026-04-20T10:00:00-07:00
resolved_at = 2026-04-20T12:00:00-07:00
)";

const char* const k_postmortem = R"(+++
incident = "INC-A"
title = "Login failures postmortem"
status = "final"
authors = ["Dana"]
date = 2026-04-15
public = true
+++

Preamble written before any section.

## Incident Summary
Summary for customers.

## What Went Poorly
Internal lessons.

## Action Items
| Priority | Action | Owner | Due Date | Status |
|---|---|---|---|---|
| P0 | Add config guard | Backend Lead | 2026-04-18 | done |
| P1 | Load test | Release Engineer | 2026-05-01 | open |
)";

const TimePoint k_now = *parse_rfc3339("2026-06-01T00:00:00Z");
// What render_site passes: the published static files, whose theme assets
// are shared; a site's own file (logo.png) is not.
const StaticAssets k_assets = publish_static_files(
    {{"favicon.svg", "<svg/>", true}, {"logo.png", "png", false}, {"style.css", "css", true}});

struct Fixture {
  Model model;
  PublicView view;
  TemplateSet templates;
  Diagnostics diags;
  Fixture() {
    Diagnostics d;
    model.root = SITREP_SOURCE_DIR;
    model.site = parse_site("title = \"S\"\nbase_url = \"https://s.example\"\ntime_zone = \"America/Los_Angeles\"\n",
                            "content/site.toml", d);
    model.components = parse_components(k_components, "content/components.toml", d);
    model.severity = parse_severity_schema(repo_file("schemas/severity.toml"), "severity.toml", d);
    model.postmortem_template = parse_postmortem_schema(repo_file("schemas/postmortem.toml"), "postmortem.toml", d);
    model.incidents.push_back(*parse_incident(k_public, "content/incidents/a.toml", model.site.time_zone, d));
    model.incidents.push_back(*parse_incident(k_internal, "content/incidents/b.toml", model.site.time_zone, d));
    model.postmortems.push_back(*parse_postmortem(k_postmortem, "content/postmortems/a.md", d));
    model.index();
    REQUIRE_MESSAGE(d.all().empty(), rules_of(d));
    view = make_public_view(model, k_now);
    templates = TemplateSet::load(SITREP_SOURCE_DIR, "themes/default", diags);
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

InternalContext context(Diagnostics& diags) {
  const Fixture& f = fixture();
  return make_internal_context(f.model, f.view, f.templates, diags);
}

const OutputFile* find(const Outputs& files, std::string_view path) {
  for (const auto& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("incident context: triggers, severity chart, [[actions]] and postmortem table, public link") {
  Diagnostics diags;
  const InternalContext ctx = context(diags);
  const Json page = internal_incident_json(ctx, 0);
  CHECK(page["incident"]["public_url"] == "https://s.example/incidents/INC-A/");
  CHECK(page["signals"]["trigger_summary"] ==
        "The recorded metrics meet a SEV1 trigger (Error rate > 10% for > 5 minutes); declared SEV1.");
  CHECK(page["severity_chart"]["bands"].size() == 2);
  CHECK(page["severity_chart"]["summary"].get<std::string>().find("SEV2 from 07:58; SEV1 from 08:07") !=
        std::string::npos);
  // Both lists, soonest due first: no row has the text of "Old item".
  const Json& actions = page["follow_ups"]["items"];
  REQUIRE(actions.size() == 3);
  CHECK(actions[0]["action"] == "Old item");
  CHECK(actions[0]["overdue_text"] == "Overdue by 44 days");
  CHECK(actions[0]["source_path"] == "content/incidents/a.toml");
  CHECK(actions[1]["action"] == "Add config guard");
  CHECK(actions[2]["overdue_text"] == "Overdue by 30 days");  // due May 1, today May 31 in Los Angeles
  CHECK(page["follow_ups"]["note"] ==
        "From the incident file's [[actions]] and the postmortem's action table; no item is in both.");
  CHECK(page["clocks"].size() == 3);
  CHECK(page["clocks"][0]["verdict"]["code"] == "met");
  CHECK(page["impact"][0]["value"] == "844600");
  CHECK(page["postmortem"]["pm_url"] == "../postmortems/INC-A.html");
  CHECK(page["postmortem"]["pm_published"] == true);
  CHECK(page["roles"]["required"][1]["filled"]["label"] == "assigned");
}

TEST_CASE("internal incident: no public link, says why, n/a where timestamps are missing") {
  Diagnostics diags;
  const InternalContext ctx = context(diags);
  const Json page = internal_incident_json(ctx, 1);
  CHECK_FALSE(page["incident"].contains("public_url"));
  CHECK(page["incident"]["publication"] == "Not published: the incident file says public = false.");
  CHECK(page["incident"]["durations"][0]["value"] == "n/a");
  CHECK(page["incident"]["components"][0]["internal_component"] == true);
  CHECK(page["severity_chart"].is_null());
  CHECK(page["signals"]["trigger_summary"] == "No metrics are recorded, so no declaration trigger can be checked.");
}

TEST_CASE("period context: counts and n/a, never 0, for what cannot be computed") {
  Diagnostics diags;
  const InternalContext ctx = context(diags);
  const auto& monthly = ctx.statistics.monthly;
  std::size_t april = 0;
  while (april < monthly.size() && monthly[april].period != "2026-04") ++april;
  REQUIRE(april < monthly.size());
  const Json page = internal_period_json(ctx, PeriodKind::month, april);
  CHECK(page["total"] == "2");
  // Only INC-A was acknowledged; the other one says why it is left out.
  CHECK(page["times"][0]["ledger"] == "1 of 2 (1 missing detected_at)");
  CHECK(page["times"][0]["figure_few"] == "fewer than 5 measured: not a trend");
  CHECK(page["few"] == "fewer than 5 measured: not a trend");
  CHECK(page["to_date"] == false);
  CHECK(page["times"][0]["mean"] == "9 min");
  CHECK(page["change"] == "n/a");  // the first month has nothing to compare with
  CHECK(page["next"]["label"] == "2026-05");
  CHECK(page["charts"][0]["table"]["rows"][0]["cells"][0] == "1");  // one SEV1
  const Json may = internal_period_json(ctx, PeriodKind::month, april + 1);
  CHECK(may["times"][0]["mean"] == "n/a");
  CHECK(may["sla_rate"] == "n/a");
  CHECK(may["change"] == "-100%");
}

TEST_CASE("the internal tree: every page marked, noindex, links relative and inside the tree") {
  const Fixture& f = fixture();
  Diagnostics diags;
  const Outputs files = render_internal_site(f.model, f.view, f.templates, k_assets, diags);
  REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  std::set<std::string> paths;
  for (const auto& file : files) paths.insert(file.path);
  CHECK(std::is_sorted(files.begin(), files.end(),
                       [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; }));
  for (const char* expected :
       {"index.html", "incidents/INC-A.html", "incidents/INC-B.html", "postmortems/INC-A.html", "sla.html",
        "statistics-monthly.html", "statistics/2026-04.html", "statistics/2026-Q2.html", "followups.html",
        "postmortem-compliance.html", "incidents.csv", "actions.csv", "metrics.json", "internal.css"})
    CHECK_MESSAGE(paths.count(expected), expected);
  CHECK(paths.count(hashed_name("style.css", "css")));
  CHECK(paths.count(hashed_name("favicon.svg", "<svg/>")));
  CHECK_FALSE(paths.count("style.css"));
  CHECK_FALSE(paths.count("logo.png"));

  const std::regex href{R"re((?:href|src)="([^"]*)")re"};
  std::size_t pages = 0;
  for (const auto& file : files) {
    if (file.path.size() < 5 || file.path.substr(file.path.size() - 5) != ".html") continue;
    ++pages;
    INFO(file.path);
    CHECK(file.bytes.find(R"(<meta name="robots" content="noindex, nofollow">)") != std::string::npos);
    CHECK(file.bytes.find("Internal — do not publish") != std::string::npos);
    const std::string dir =
        file.path.find('/') == std::string::npos ? "" : file.path.substr(0, file.path.rfind('/') + 1);
    for (std::sregex_iterator it(file.bytes.begin(), file.bytes.end(), href), end; it != end; ++it) {
      std::string target = (*it)[1];
      if (target.rfind("https://s.example/", 0) == 0 || target.rfind('#', 0) == 0) continue;
      INFO(target);
      REQUIRE(target.find("://") == std::string::npos);
      REQUIRE(target[0] != '/');
      target = target.substr(0, target.find('#'));
      std::string resolved = dir + target;
      while (resolved.find("/../") != std::string::npos || resolved.rfind("../", 0) == 0) {
        const auto up = resolved.find("../");
        REQUIRE(up > 0);  // never above the tree
        const auto parent = resolved.rfind('/', up - 2);
        resolved = resolved.substr(0, parent == std::string::npos ? 0 : parent + 1) + resolved.substr(up + 3);
      }
      CHECK(paths.count(resolved));
    }
  }
  CHECK(pages > 10);
  CHECK(find(files, "index.html")->bytes.find("Internal reports") != std::string::npos);  // not the public one

  const std::string& pm = find(files, "postmortems/INC-A.html")->bytes;
  CHECK(pm.find("Public: customers read this on the status page") != std::string::npos);
  CHECK(pm.find("Internal: never published") != std::string::npos);
  CHECK(pm.find("Text before the first section") != std::string::npos);
  // The internal incident appears in the internal tree only, with its data.
  CHECK(find(files, "incidents/INC-B.html")->bytes.find("Batch backlog") != std::string::npos);
  const Outputs again = render_internal_site(f.model, f.view, f.templates, k_assets, diags);
  CHECK(again.size() == files.size());
  for (std::size_t i = 0; i < files.size() && i < again.size(); ++i) CHECK(again[i].bytes == files[i].bytes);
}

TEST_CASE("owner pages: one per owner, however alike the names, linked from the tracker") {
  const Fixture& f = fixture();
  Model model = f.model;
  const char* owners[] = {"Zoë Ångström", "Zoé Ångström", "李雷", "王芳", "J. Smith", "J Smith", "j smith", ""};
  for (const char* owner : owners) {
    ActionItem a;
    a.action = std::string{"Task of "} + owner;
    a.owner = owner;
    a.status = "open";
    model.incidents[1].actions.push_back(a);
  }
  model.index();
  const PublicView view = make_public_view(model, k_now);
  Diagnostics diags;
  const Outputs files = render_internal_site(model, view, f.templates, k_assets, diags);
  const std::string& tracker = find(files, "followups.html")->bytes;
  for (const char* owner : owners) {
    const std::string page = internal_urls::owner(owner);
    INFO(owner, " -> ", page);
    CHECK(tracker.find("href=\"" + page + "\"") != std::string::npos);
    const OutputFile* file = find(files, page);
    REQUIRE(file);
    CHECK(file->bytes.find(std::string{"Task of "} + owner + "<") != std::string::npos);
  }
  std::size_t owner_pages = 0;
  for (const auto& file : files) owner_pages += file.path.rfind("followups/", 0) == 0 ? 1 : 0;
  CHECK(owner_pages == std::size(owners) + 2);  // and Backend Lead, Release Engineer
}
