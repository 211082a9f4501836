// The leak scan's memo (render/leak_scan.h): a build whose internal and
// public texts are those of the last build takes the last build's
// distinctive texts instead of searching every public field again, and a
// build whose texts differ does not. Update messages enter the memo's
// digest by their stored hash (model/shared_text.h), so a site loaded from
// the load cache (messages as views into it) has the digest of the same
// site parsed. The candidates and the search itself are kept in a file
// (render/leak_search_file.h) and taken back only for the same texts.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "load/load_cache_file.h"
#include "load/load_site.h"
#include "render/leak_scan.h"
#include "render/leak_search_file.h"
#include "render/public_view.h"
#include "test_helpers.h"
#include "util/time.h"

using namespace sitrep;

namespace {

const TimePoint k_now = *parse_rfc3339("2026-11-26T00:00:00Z");

// An internal text of the example site the scan looks for: a timeline
// action (internal) of at least k_min_leak_text bytes.
std::string internal_text(const Model& model) {
  for (const auto& inc : model.incidents)
    for (const auto& t : inc.timeline)
      if (t.action.size() >= k_min_leak_text && t.action.find('\n') == std::string::npos) return t.action;
  return {};
}

// The example site, its public view and one of its internal texts.
struct ExampleSite {
  Model model;
  std::unique_ptr<PublicView> view;  // of model: the site is not moved once made
  std::string leak;
};
std::unique_ptr<ExampleSite> example_site() {
  auto site = std::make_unique<ExampleSite>();
  Diagnostics load_diags;
  site->model = load_site({SITREP_SOURCE_DIR, 2}, load_diags);
  REQUIRE_MESSAGE(!load_diags.has_errors(), rules_of(load_diags));
  site->view = std::make_unique<PublicView>(make_public_view(site->model, k_now));
  site->leak = internal_text(site->model);
  REQUIRE(!site->leak.empty());
  return site;
}

// What a scan of one public file holding `text` reports.
std::string scanned(const PublicView& view, const std::string& text, const LeakScanMemo* memo,
                    LeakScanMemo* memo_out = nullptr) {
  LeakScanner scanner(view, memo);
  scanner.scan({OutputFile{"leaky.html", "<p>" + text + "</p>"}});
  Diagnostics diags(view.model->rules);
  scanner.report("site/public", diags);
  if (memo_out) *memo_out = scanner.memo();
  return rules_of(diags);
}

}  // namespace

TEST_CASE("the leak scan takes the last build's distinctive texts when its texts are the same, and only then") {
  const auto site = example_site();
  const Model& model = site->model;
  const PublicView& view = *site->view;
  const std::string& leak = site->leak;

  LeakScanMemo memo;
  CHECK(scanned(view, leak, nullptr, &memo).find("internal-text") != std::string::npos);
  REQUIRE(!memo.distinctive.empty());

  // A memo with the same texts but nothing distinctive: trusted as it is,
  // so nothing is found (no memo would be checked this way in a build; it
  // shows the memo was taken rather than the search run again).
  LeakScanMemo nothing = memo;
  nothing.distinctive.assign(memo.distinctive.size(), false);
  nothing.patterns = 0;
  nothing.clean.clear();
  CHECK(scanned(view, leak, &nothing) == "");

  // One public update message changed (same length): the texts differ, the
  // memo is not taken, the text is found again.
  Model edited = model;
  bool changed = false;
  for (auto& p : view.incidents)
    if (!p.updates.empty() && !changed) {
      const std::size_t i = static_cast<std::size_t>(p.incident - model.incidents.data());
      const std::size_t u = static_cast<std::size_t>(p.updates.front() - model.incidents[i].updates.data());
      std::string text(edited.incidents[i].updates[u].message.view());
      REQUIRE(!text.empty());
      text[0] = text[0] == 'x' ? 'y' : 'x';
      edited.incidents[i].updates[u].message = text;
      changed = true;
    }
  REQUIRE(changed);
  const PublicView edited_view = make_public_view(edited, k_now);
  LeakScanMemo edited_memo;
  CHECK(scanned(edited_view, leak, &nothing, &edited_memo).find("internal-text") != std::string::npos);
  CHECK(edited_memo.inputs != memo.inputs);
}

TEST_CASE("the leak scan's digest is the same for a site parsed and the same site from the load cache") {
  Diagnostics cold_diags;
  LoadCache cache;
  const Model cold = load_site({SITREP_SOURCE_DIR, 2}, cold_diags, &cache);
  const auto bytes = std::make_shared<const std::string>(load_cache_bytes(cache, cold));
  LoadCache decoded = load_cache_from_bytes(*bytes, 2, {}, bytes);
  REQUIRE(decoded.texts_by_hash);
  LoadOptions options{SITREP_SOURCE_DIR, 2};
  options.keep_cached_texts = false;
  Diagnostics warm_diags;
  const Model warm = load_site(options, warm_diags, &decoded);
  REQUIRE(decoded.parsed == 0);
  // The warm model's messages are the cache's bytes, not copies.
  bool viewed = false;
  for (const auto& inc : warm.incidents)
    for (const auto& u : inc.updates)
      if (!u.message.empty())
        viewed = viewed || (u.message.view().data() >= bytes->data() &&
                            u.message.view().data() < bytes->data() + bytes->size());
  REQUIRE(viewed);

  const PublicView cold_view = make_public_view(cold, k_now), warm_view = make_public_view(warm, k_now);
  const std::string leak = internal_text(cold);
  LeakScanMemo cold_memo, warm_memo;
  scanned(cold_view, leak, nullptr, &cold_memo);
  scanned(warm_view, leak, nullptr, &warm_memo);
  CHECK(cold_memo.inputs == warm_memo.inputs);
  CHECK(cold_memo.distinctive == warm_memo.distinctive);
}

namespace {

// What a scanner reports for one public file holding `text`: every
// diagnostic whole (file, position, message).
std::string reported(LeakScanner& scanner, const Model& model, const std::string& text) {
  scanner.scan({OutputFile{"leaky.html", "<p>" + text + "</p>"}});
  Diagnostics diags(model.rules);
  scanner.report("site/public", diags);
  std::string out;
  for (const auto& d : diags.all())
    out += d.path + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.rule + ": " +
           d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("the leak scan keeps its candidates and search in a file, and takes them back only for the same texts") {
  const auto site = example_site();
  const Model& model = site->model;
  const PublicView& view = *site->view;
  const std::string& leak = site->leak;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("sitrep-leak-search-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / "leak-test.bin";

  // No file yet: gathered and built, and written.
  LeakScanner first(view, nullptr, &file);
  CHECK_FALSE(first.took_saved_search());
  REQUIRE(std::filesystem::exists(file));
  const std::string first_report = reported(first, model, leak);
  CHECK(first_report.find("internal-text: timeline.action is internal") != std::string::npos);

  // The same texts: taken from the file, and the same found, at the same
  // place under the same name, with the same memo.
  LeakScanner second(view, nullptr, &file);
  CHECK(second.took_saved_search());
  CHECK(reported(second, model, leak) == first_report);
  CHECK(second.patterns_digest() == first.patterns_digest());
  CHECK(second.memo().distinctive == first.memo().distinctive);
  CHECK(second.memo().inputs == first.memo().inputs);

  SUBCASE("other texts: not taken, and the file is made again for them") {
    Model edited = model;
    bool changed = false;
    for (auto& inc : edited.incidents)
      for (auto& t : inc.timeline)
        if (!changed && t.action == leak) {
          t.action += " (edited)";
          changed = true;
        }
    REQUIRE(changed);
    const PublicView edited_view = make_public_view(edited, k_now);
    LeakScanner edited_scan(edited_view, nullptr, &file);
    CHECK_FALSE(edited_scan.took_saved_search());
    CHECK(reported(edited_scan, edited, leak + " (edited)").find("timeline.action is internal") != std::string::npos);
    LeakScanner again(edited_view, nullptr, &file);
    CHECK(again.took_saved_search());
    LeakScanner original(view, nullptr, &file);  // the file is the edited texts' now
    CHECK_FALSE(original.took_saved_search());
  }
  SUBCASE("a damaged file: not taken, the same found") {
    std::string bytes;
    {
      std::ifstream in(file, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    // A byte of the leaked text past its opening: only the file's hash
    // tells (the search's index checks the openings).
    const std::size_t at = bytes.find(leak);
    REQUIRE(at != std::string::npos);
    bytes[at + k_min_leak_text] ^= 0x20;
    {  // a new file renamed over the old, as a cache is written: `second` still maps the old one
      std::ofstream out(dir / "damaged", std::ios::binary);
      out << bytes;
    }
    std::filesystem::rename(dir / "damaged", file);
    CHECK_FALSE(read_leak_search(file, first.memo().inputs));
    LeakScanner damaged(view, nullptr, &file);
    CHECK_FALSE(damaged.took_saved_search());
    CHECK(reported(damaged, model, leak) == first_report);
  }
  SUBCASE("a file cut short: not taken") {
    std::filesystem::copy_file(file, dir / "cut");
    std::filesystem::resize_file(dir / "cut", std::filesystem::file_size(file) - 9);
    std::filesystem::rename(dir / "cut", file);
    LeakScanner cut(view, nullptr, &file);
    CHECK_FALSE(cut.took_saved_search());
    CHECK(reported(cut, model, leak) == first_report);
  }
  std::filesystem::remove_all(dir);
}
