// The leak scan's memo (render/leak_scan.h): a build whose internal and
// public texts are those of the last build takes the last build's
// distinctive texts instead of searching every public field again, and a
// build whose texts differ does not. Update messages enter the memo's
// digest by their stored hash (model/shared_text.h), so a site loaded from
// the load cache (messages as views into it) has the digest of the same
// site parsed.
#include <doctest/doctest.h>

#include <memory>

#include "load/load_cache_file.h"
#include "load/load_site.h"
#include "render/leak_scan.h"
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
  Diagnostics load_diags;
  const Model model = load_site({SITREP_SOURCE_DIR, 2}, load_diags);
  REQUIRE_MESSAGE(!load_diags.has_errors(), rules_of(load_diags));
  const PublicView view = make_public_view(model, k_now);
  const std::string leak = internal_text(model);
  REQUIRE(!leak.empty());

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
