// render/incident_alone: an incident's pages rendered from a model that
// holds only it (and its postmortems) are the bytes a full build renders,
// for every incident of every site the tests have, at several clocks. This
// is what lets `sitrep serve` show an edited incident before its rebuild.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "load/load_site.h"
#include "render/incident_alone.h"
#include "render/site_build.h"
#include "test_helpers.h"
#include "util/time.h"
#include "validate/validate.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// A site root: the repository's schemas and themes with the fixture's
// content/ folder, over tests/fixtures/base's for a hostile case (as
// tests/e2e/hostile.sh builds them).
struct FixtureSite {
  fs::path root;
  FixtureSite(const fs::path& fixture, bool over_base) {
    root = fs::temp_directory_path() /
           ("sitrep-incident-alone-" + std::to_string(::getpid()) + "-" + fixture.filename().string());
    fs::remove_all(root);
    fs::create_directories(root);
    for (const char* dir : {"schemas", "themes"})
      fs::copy(fs::path(SITREP_SOURCE_DIR) / dir, root / dir, fs::copy_options::recursive);
    const auto options = fs::copy_options::recursive | fs::copy_options::overwrite_existing;
    if (over_base) fs::copy(fs::path(SITREP_SOURCE_DIR) / "tests/fixtures/base/content", root / "content", options);
    fs::copy(fixture / "content", root / "content", options);
  }
  ~FixtureSite() { fs::remove_all(root); }
};

std::map<std::string, const std::string*> by_path(const Outputs& files) {
  std::map<std::string, const std::string*> out;
  for (const auto& f : files) out[f.path] = &f.bytes;
  return out;
}

// Every incident of the site at `root`, alone, against the full render.
// Returns how many incidents were compared (0: the site has errors).
std::size_t compare_every_incident(const std::string& root, TimePoint now) {
  Diagnostics diags;
  const Model model = load_site({root, 2}, diags);
  validate(model, now, diags);
  if (diags.has_errors()) return 0;
  const SiteOutputs full = render_site(model, now, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), rules_of(diags));
  const auto public_pages = by_path(full.public_files);
  const auto internal_pages = by_path(full.internal_files);
  for (const Incident& inc : model.incidents) {
    CAPTURE(root);
    CAPTURE(inc.id);
    CAPTURE(format_rfc3339_utc(now));
    const Model one = model_of_one_incident(model, inc);
    Diagnostics one_diags;
    validate_items(one, now, one_diags);
    CHECK_MESSAGE(!one_diags.has_errors(), rules_of(one_diags));  // the full model had none
    const IncidentPages pages = render_one_incident(one, now, one_diags);
    REQUIRE(!one_diags.has_errors());
    // Its public page exactly when the full build has one.
    const std::string public_path = "incidents/" + inc.id + "/index.html";
    CHECK(pages.public_files.size() == public_pages.count(public_path));
    for (const auto& f : pages.public_files) {
      CAPTURE(f.path);
      REQUIRE(public_pages.count(f.path) == 1);
      CHECK(f.bytes == *public_pages.at(f.path));
    }
    REQUIRE(pages.internal_files.size() == 1);
    for (const auto& f : pages.internal_files) {
      CAPTURE(f.path);
      REQUIRE(internal_pages.count(f.path) == 1);
      CHECK(f.bytes == *internal_pages.at(f.path));
    }
  }
  return model.incidents.size();
}

}  // namespace

TEST_CASE("one incident's pages, rendered alone, are the full build's bytes") {
  // The hostile fixtures' clock, the valid ones', the example's, a
  // postmortem deadline later, and years on (every open follow-up overdue).
  // A clock before an item's timestamps is an error (time-in-future): no
  // page of it is built.
  const TimePoint clocks[] = {*parse_rfc3339("2026-05-01T00:00:00Z"), *parse_rfc3339("2026-11-01T00:00:00Z"),
                              *parse_rfc3339("2026-11-26T00:00:00Z"),
                              *parse_rfc3339("2026-12-20T00:00:00Z"), *parse_rfc3339("2028-01-01T00:00:00Z")};
  std::size_t compared = 0;
  for (const TimePoint now : clocks) compared += compare_every_incident(SITREP_SOURCE_DIR, now);
  CHECK(compared >= 48);  // 16 incidents at the three clocks after them

  // The fixture sites: messy timestamps, follow-ups in two places,
  // non-ASCII owners, other zones; the hostile ones that build.
  std::size_t fixture_sites = 0;
  for (const char* group : {"valid", "hostile"})
    for (const auto& entry : fs::directory_iterator(fs::path(SITREP_SOURCE_DIR) / "tests/fixtures" / group)) {
      if (!fs::is_directory(entry.path() / "content")) continue;
      const FixtureSite site(entry.path(), std::string{group} == "hostile");
      std::size_t here = 0;
      for (const TimePoint now : clocks) here += compare_every_incident(site.root.string(), now);
      if (std::string{group} == "valid") CHECK_MESSAGE(here > 0, entry.path());
      fixture_sites += here > 0 ? 1 : 0;
    }
  CHECK(fixture_sites >= 12);  // the 4 valid ones and the 8 hostile ones without errors
}

TEST_CASE("a postmortem naming no incident, in a file named after an incident: its pages alone still match") {
  // Such a postmortem's page is named after its file, so it takes the name
  // of the incident's own postmortem page, which gets a suffix.
  const FixtureSite site(fs::path(SITREP_SOURCE_DIR), false);
  std::ifstream in(site.root / "content/postmortems/2026/2026-11-17-ticket-search.md");
  std::stringstream text;
  text << in.rdbuf();
  std::string stray = text.str();
  stray.replace(stray.find("incident = \"INC-2026-11-17-001\""), 31, "incident = \"\"");  // no error, a warning
  // Earlier in path order than the incident's own postmortem, so it takes the bare name.
  fs::create_directories(site.root / "content/postmortems/2025");
  std::ofstream(site.root / "content/postmortems/2025/INC-2026-11-17-001.md") << stray;
  Diagnostics diags;
  const Model model = load_site({site.root.string(), 2}, diags);
  REQUIRE(std::count_if(model.postmortems.begin(), model.postmortems.end(),
                        [](const Postmortem& pm) { return pm.incident.empty(); }) == 1);
  CHECK(compare_every_incident(site.root.string(), *parse_rfc3339("2026-11-26T00:00:00Z")) == model.incidents.size());
  // The clash the test is about: the incident's own postmortem page has the suffix.
  Diagnostics d;
  validate(model, *parse_rfc3339("2026-11-26T00:00:00Z"), d);
  const SiteOutputs full = render_site(model, *parse_rfc3339("2026-11-26T00:00:00Z"), d);
  const auto internal = by_path(full.internal_files);
  REQUIRE(internal.count("incidents/INC-2026-11-17-001.html") == 1);
  CHECK(internal.at("incidents/INC-2026-11-17-001.html")->find("postmortems/INC-2026-11-17-001-2.html") !=
        std::string::npos);
}
