// Incremental rebuilds (serve) against full builds: after any edit and at
// any clock, the trees an incremental rebuild leaves must be byte-identical
// to what a fresh build of the same files at the same clock makes, while
// parsing and rendering only what changed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "load/load_cache_file.h"
#include "render/static_assets.h"
#include "serve/preview.h"
#include "test_helpers.h"
#include "util/time.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// The example site, copied so the test can edit it.
struct SiteCopy {
  fs::path root;
  SiteCopy() {
    root = fs::temp_directory_path() / ("sitrep-incremental-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    for (const char* dir : {"content", "schemas", "themes"})
      fs::copy(fs::path(SITREP_SOURCE_DIR) / dir, root / dir, fs::copy_options::recursive);
  }
  ~SiteCopy() { fs::remove_all(root); }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  void replace(const std::string& rel, const std::string& from, const std::string& to) const {
    std::string text = read(rel);
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, rel << " has no '" << from << "'");
    write(rel, text.replace(at, from.size(), to));
  }
};

TimePoint at(const char* text) { return *parse_rfc3339(text); }

// The first path where two trees differ, or "" when they are equal.
std::string first_difference(const MemoryTree& a, const MemoryTree& b) {
  for (const auto& [path, bytes] : a) {
    auto it = b.find(path);
    if (it == b.end()) return path + " (only in the incremental tree)";
    if (it->second != bytes) return path + " (bytes differ)";
  }
  for (const auto& [path, bytes] : b)
    if (!a.count(path)) return path + " (only in the full build)";
  return "";
}

// Rebuilds `incremental` at `now` and compares it with a fresh build.
void check_same_as_full(Preview& incremental, const SiteCopy& site, TimePoint now) {
  const std::string errors = incremental.rebuild_at(now);
  REQUIRE_MESSAGE(errors.empty(), errors);
  Preview full(site.root.string(), std::nullopt);
  REQUIRE(full.rebuild_at(now).empty());
  for (bool internal : {false, true}) {
    INFO("internal tree: " << internal << ", now " << format_rfc3339_utc(now));
    CHECK(first_difference(incremental.files(internal), full.files(internal)) == "");
  }
}

}  // namespace

TEST_CASE("incremental rebuilds give the bytes of a full build, at every clock and after every edit") {
  SiteCopy site;
  Preview preview(site.root.string(), std::nullopt);
  REQUIRE(preview.rebuild_at(at("2026-11-26T00:00:00Z")).empty());
  const auto first = preview.last_rebuild();
  CHECK(first.parsed > 20);
  CHECK(first.rendered == first.files);

  // With nothing changed, what is still rendered: the pages that show the
  // whole site or the clock (front page, feeds, API, statistics, ...).
  check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
  const auto unchanged = preview.last_rebuild();
  CHECK(unchanged.parsed == 0);
  CHECK(unchanged.files == first.files);
  // 38 incident and postmortem pages (public and internal) and the archive
  // pages listing them are reused.
  CHECK(unchanged.rendered + 38 < first.files);

  SUBCASE("the clock moves: an open incident, postmortem deadlines, maintenance windows, open follow-ups") {
    site.write("content/incidents/2026/2026-11-25-open.toml", R"(id = "INC-2026-11-25-001"
title = "Slow ticket exports"
severity = "SEV3"
type = "outage"
components = ["ticket-portal"]
public = true
summary = "Exports take minutes."
started_at = 2026-11-25T12:00:00-08:00
detected_at = 2026-11-25T12:05:00-08:00

[[updates]]
at = 2026-11-25T12:10:00-08:00
status = "investigating"
message = "Exports are slow; we are looking into it."
components = { ticket-portal = "degraded_performance" }
)");
    for (const char* now : {"2026-11-26T00:00:00Z", "2026-11-26T00:00:01Z", "2026-11-26T09:30:00Z", "2026-12-20T12:00:00Z",
                            "2027-06-01T00:00:00Z", "2026-11-27T00:00:00Z", "2028-01-01T00:00:00Z"})
      check_same_as_full(preview, site, at(now));
  }
  SUBCASE("an edited incident is parsed again and its pages rendered again, nothing else of its kind") {
    site.replace("content/incidents/2026/2026-11-17-ticket-search.toml", "Ticket search unavailable",
                 "Ticket search was unavailable");
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    const auto edit = preview.last_rebuild();
    CHECK(edit.parsed == 1);
    // Its public and internal pages, its postmortem's internal page, its
    // history page, month page, year list, SLA month page, its month's and
    // quarter's statistics pages, and the follow-up pages listing its
    // actions (its owner's page and the by-incident page).
    CHECK(edit.rendered <= unchanged.rendered + 11);
    CHECK(preview.files(false).at("incidents/INC-2026-11-17-001/index.html").find("Ticket search was unavailable") !=
          std::string::npos);
  }
  SUBCASE("an edited incident is shown before its rebuild, with the rebuild's bytes") {
    const std::string rel = "content/incidents/2026/2026-11-17-ticket-search.toml";
    const std::string page = "incidents/INC-2026-11-17-001/index.html";
    const std::string internal_page = "incidents/INC-2026-11-17-001.html";
    site.replace(rel, "Ticket search unavailable", "Ticket search was unavailable");
    const auto version = preview.version();
    // As the watcher reports sed -i: its temporary file, then the file.
    REQUIRE(preview.show_edited_incident(
        {(site.root / "content/incidents/2026/sedAb12Cd").string(), (site.root / rel).string()},
        at("2026-11-26T00:00:00Z")));
    CHECK(preview.version() == version + 1);
    CHECK(preview.last_quick().incident_id == "INC-2026-11-17-001");
    CHECK(preview.last_quick().pages == 2);
    const std::string shown = preview.files(false).at(page);
    CHECK(shown.find("Ticket search was unavailable") != std::string::npos);
    REQUIRE(preview.files(true).count(internal_page) == 1);
    const std::string shown_internal = preview.files(true).at(internal_page);
    // The history page still lists the old title until the rebuild.
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.files(false).at(page) == shown);
    CHECK(preview.files(true).at(internal_page) == shown_internal);
  }
  SUBCASE("a rebuild that fails after an incident was shown keeps its pages; a revert renders them again") {
    const TimePoint now = at("2026-11-26T00:00:00Z");
    const std::string rel = "content/incidents/2026/2026-11-17-ticket-search.toml";
    const std::string other = "content/incidents/2026/2026-11-10-api-slowness.toml";
    const std::string good = site.read(rel), other_good = site.read(other);
    const std::string page = "incidents/INC-2026-11-17-001/index.html";
    const std::string internal_page = "incidents/INC-2026-11-17-001.html";
    const std::string before = preview.files(false).at(page);
    site.replace(rel, "Ticket search unavailable", "Ticket search was unavailable");
    REQUIRE(preview.show_edited_incident({(site.root / rel).string()}, now));
    CHECK(preview.files(false).at(page) != before);
    site.replace(other, "severity = \"", "severity = \"X");  // an error in another file, saved just after
    const std::string shown = preview.files(false).at(page), internal_shown = preview.files(true).at(internal_page);
    CHECK_FALSE(preview.rebuild_at(now).empty());
    // Under the overlay: the incident's last good version, the one shown.
    CHECK(preview.files(false).at(page) == shown);
    CHECK(preview.files(true).at(internal_page) == internal_shown);
    // Both files back as they were: the pages of the last good build again,
    // rendered (their fingerprints match that build's, but not their bytes).
    site.write(rel, good);
    site.write(other, other_good);
    check_same_as_full(preview, site, now);
    CHECK(preview.files(false).at(page) == before);
  }
  SUBCASE("a postmortem naming no incident, filed under an incident's id, renames that incident's postmortem page") {
    std::string stray = site.read("content/postmortems/2026/2026-11-17-ticket-search.md");
    stray.replace(stray.find("incident = \"INC-2026-11-17-001\""), 31, "incident = \"\"");  // a warning, no error
    site.write("content/postmortems/2025/INC-2026-11-17-001.md", stray);  // before the incident's own, by path
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.files(true).at("incidents/INC-2026-11-17-001.html").find("postmortems/INC-2026-11-17-001-2.html") !=
          std::string::npos);
  }
  SUBCASE("what the fast path leaves to the rebuild") {
    const std::string rel = "content/incidents/2026/2026-11-17-ticket-search.toml";
    const std::string good = site.read(rel);
    const TimePoint now = at("2026-11-26T00:00:00Z");
    const auto refused = [&](const std::vector<std::string>& changed) {
      const auto version = preview.version();
      const bool shown = preview.show_edited_incident(changed, now);
      CHECK(preview.version() == version + (shown ? 1 : 0));  // live reload only for what is shown
      return !shown;
    };
    const std::string file = (site.root / rel).string();
    site.replace(rel, "severity = \"SEV3\"", "severity = \"SEV9\"");  // an error of its own checks
    CHECK(refused({file}));
    site.write(rel, good);
    site.replace(rel, "Ticket search unavailable\"", "Ticket search unavailable\"\ncolour = \"red\"");  // a parse error
    CHECK(refused({file}));
    site.write(rel, good);
    site.replace(rel, "INC-2026-11-17-001", "INC-2026-11-17-002");  // a new id: a new page
    CHECK(refused({file}));
    site.write(rel, good);
    site.replace(rel, "public = true", "public = false");  // its public page goes
    CHECK(refused({file}));
    site.write(rel, good);
    site.replace(rel, "Ticket search unavailable", "Ticket search down");
    // Two incidents, a new one, a removed one, a template, site.toml.
    CHECK(refused({file, (site.root / "content/incidents/2026/2026-11-10-api-slowness.toml").string()}));
    site.write("content/incidents/2026/new.toml", good);
    CHECK(refused({file, (site.root / "content/incidents/2026/new.toml").string()}));
    fs::remove(site.root / "content/incidents/2026/new.toml");
    CHECK(refused({file, (site.root / "content/incidents/2026/gone.toml").string()}));
    CHECK(refused({file, (site.root / "themes/default/templates/footer.mustache").string()}));
    CHECK(refused({(site.root / "content/site.toml").string()}));
    CHECK(refused({(site.root / "content/incidents/2026/sedAb12Cd").string()}));  // nothing that is content
    // After a failed build only the rebuild runs, until a build is good.
    site.replace(rel, "severity = \"SEV3\"", "severity = \"SEV9\"");
    CHECK_FALSE(preview.rebuild_at(now).empty());
    site.write(rel, good);
    CHECK(refused({file}));
    check_same_as_full(preview, site, now);
    CHECK_FALSE(refused({file}));
  }
  SUBCASE("a new incident, then its deletion") {
    std::string text = site.read("content/incidents/2026/2026-11-17-ticket-search.toml");
    text.replace(text.find("INC-2026-11-17-001"), 18, "INC-2026-11-17-009");
    site.write("content/incidents/2026/2026-11-17-ticket-search-copy.toml", text);
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.files(false).count("incidents/INC-2026-11-17-009/index.html") == 1);
    fs::remove(site.root / "content/incidents/2026/2026-11-17-ticket-search-copy.toml");
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.files(false).count("incidents/INC-2026-11-17-009/index.html") == 0);
  }
  SUBCASE("an edited postmortem changes its incident's pages") {
    site.replace("content/postmortems/2026/2026-11-17-ticket-search.md", "## ", "## Revised\n\nA new paragraph.\n\n## ");
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    check_same_as_full(preview, site, at("2026-12-20T00:00:00Z"));
  }
  SUBCASE("templates and site.toml reach every page") {
    site.replace("themes/default/templates/footer.mustache", "Times are shown in", "All times are in");
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.last_rebuild().rendered == preview.last_rebuild().files);
    site.replace("content/site.toml", "Acme Cloud Status", "Acme Cloud Service Status");
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.last_rebuild().rendered == preview.last_rebuild().files);
  }
  SUBCASE("an asset's new bytes are a new name on every page") {
    const std::string css = "body { color: rebeccapurple; }\n";
    site.write("content/static/style.css", css);
    check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
    CHECK(preview.last_rebuild().rendered == preview.last_rebuild().files);
    const std::string name = hashed_name("style.css", css);
    CHECK(preview.files(false).at(name) == css);
    CHECK(preview.files(false).at("incidents/INC-2026-11-17-001/index.html").find("href=\"../../" + name + "\"") !=
          std::string::npos);
    CHECK(preview.files(true).count(name) == 1);
  }
  SUBCASE("a broken file keeps the last good site; the fix builds as a full build would") {
    const std::string rel = "content/incidents/2026/2026-11-17-ticket-search.toml";
    const std::string good = site.read(rel);
    const MemoryTree before = preview.files(false);
    site.replace(rel, "severity = \"SEV3\"", "severity = \"SEV9\"");
    CHECK_FALSE(preview.rebuild_at(at("2026-11-26T00:00:00Z")).empty());
    CHECK(first_difference(preview.files(false), before) == "");
    site.write(rel, good);
    site.replace(rel, "Ticket search unavailable", "Ticket search down");
    check_same_as_full(preview, site, at("2026-11-27T00:00:00Z"));
  }
}

TEST_CASE("the preview's first build takes unchanged files from the load cache, then rebuilds as always") {
  SiteCopy site;
  const fs::path cache = site.root / "load-cache.bin";
  {  // as `sitrep check` leaves it
    Diagnostics d;
    LoadCache records;
    const Model model = load_site({site.root.string(), 2}, d, &records);
    REQUIRE(write_load_cache(cache, records, model));
  }
  site.replace("content/incidents/2026/2026-11-17-ticket-search.toml", "Ticket search unavailable",
               "Ticket search was unavailable");  // edited since
  Preview preview(site.root.string(), std::nullopt, cache);
  check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
  CHECK(preview.last_rebuild().parsed == 1);
  site.replace("content/incidents/2026/2026-11-10-api-slowness.toml", "title = \"", "title = \"Edited: ");
  check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
  CHECK(preview.last_rebuild().parsed == 1);
  check_same_as_full(preview, site, at("2026-11-26T00:00:00Z"));
  CHECK(preview.last_rebuild().parsed == 0);
  // A damaged file is no cache: every file is parsed.
  std::ofstream(cache, std::ios::binary | std::ios::trunc) << "sitrep-load-cache-1\ngarbage";
  Preview damaged(site.root.string(), std::nullopt, cache);
  check_same_as_full(damaged, site, at("2026-11-26T00:00:00Z"));
  CHECK(damaged.last_rebuild().parsed > 20);
}
