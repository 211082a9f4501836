// render_site with one tree selected (sitrep build --only): the tree it
// renders is byte-identical to that tree of a full render, and the other is
// not rendered at all.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>

#include "load/load_site.h"
#include "render/parallel_pages.h"
#include "render/site_build.h"
#include "test_helpers.h"
#include "util/time.h"

using namespace sitrep;

namespace {

void check_same(const Outputs& got, const Outputs& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(want[i].path);
    CHECK(got[i].path == want[i].path);
    CHECK(got[i].bytes == want[i].bytes);
  }
}

}  // namespace

TEST_CASE("render_site: --only public and --only internal render exactly their tree of a full render") {
  Diagnostics load_diags;
  const Model model = load_site({SITREP_SOURCE_DIR, 2}, load_diags);
  REQUIRE_MESSAGE(!load_diags.has_errors(), rules_of(load_diags));
  const TimePoint now = *parse_rfc3339("2026-11-26T00:00:00Z");

  Diagnostics d_full, d_public, d_internal;
  const SiteOutputs full = render_site(model, now, d_full);
  const SiteOutputs pub = render_site(model, now, d_public, nullptr, nullptr, nullptr, {true, false});
  const SiteOutputs internal = render_site(model, now, d_internal, nullptr, nullptr, nullptr, {false, true});
  REQUIRE_MESSAGE(!d_full.has_errors(), rules_of(d_full));
  REQUIRE(!full.public_files.empty());
  REQUIRE(!full.internal_files.empty());

  check_same(pub.public_files, full.public_files);
  CHECK(pub.internal_files.empty());
  check_same(internal.internal_files, full.internal_files);  // style.css and favicon.svg included
  CHECK(internal.public_files.empty());
  CHECK(pub.next_change == full.next_change);
  CHECK(internal.next_change == full.next_change);
}

TEST_CASE("render_site with sinks (sitrep build): the same files, in batches, public tree complete first") {
  Diagnostics load_diags;
  const Model model = load_site({SITREP_SOURCE_DIR, 2}, load_diags);
  REQUIRE_MESSAGE(!load_diags.has_errors(), rules_of(load_diags));
  const TimePoint now = *parse_rfc3339("2026-11-26T00:00:00Z");
  Diagnostics d_whole, d_sunk;
  const SiteOutputs whole = render_site(model, now, d_whole);

  Outputs pub, internal;
  std::size_t public_batches = 0, internal_batches = 0, streamed = 0;
  bool public_done = false, internal_before_done = false;
  SiteSinks sinks;
  sinks.public_tree = [&](Outputs&& files, const PublicView&) {
    ++public_batches;
    pub.insert(pub.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
  };
  sinks.public_tree_done = [&] { public_done = true; };
  sinks.internal_tree = [&](Outputs&& files) {
    ++internal_batches;
    internal_before_done = internal_before_done || !public_done;
    for (auto& f : files)
      if (f.stream) {  // what a build writes into the file as it is made
        ++streamed;
        CHECK(f.bytes.empty());
        f.stream([&](std::string_view text) { f.bytes += text; });
      }
    internal.insert(internal.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
  };
  const SiteOutputs sunk = render_site(model, now, d_sunk, nullptr, nullptr, nullptr, {}, &sinks);
  CHECK(sunk.public_files.empty());
  CHECK(sunk.internal_files.empty());
  CHECK(public_batches > 1);
  CHECK(internal_batches > 1);
  CHECK_FALSE(internal_before_done);
  CHECK(streamed == 3);  // incidents.csv, actions.csv, metrics.json
  const auto by_path = [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; };
  std::sort(pub.begin(), pub.end(), by_path);
  std::sort(internal.begin(), internal.end(), by_path);
  check_same(pub, whole.public_files);
  check_same(internal, whole.internal_files);
  CHECK(d_sunk.all().size() == d_whole.all().size());
}

TEST_CASE("render_pages_in_parallel with a sink: every page once, in chunks, diagnostics in page order") {
  const std::size_t n = 2 * k_pages_per_chunk + 7;
  std::vector<std::size_t> chunk_sizes;
  Outputs got;
  const OutputSink sink = [&](Outputs&& files) {
    chunk_sizes.push_back(files.size());
    got.insert(got.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
  };
  RulePolicy rules;
  Diagnostics diags(rules);
  const Outputs returned = render_pages_in_parallel(
      n, rules, diags,
      [](std::size_t i, Diagnostics& d) {
        if (i % 100 == 0) d.report("page", {}, "template-error", std::to_string(i));
        return OutputFile{std::to_string(i), "x"};
      },
      &sink);
  CHECK(returned.empty());
  CHECK(chunk_sizes == std::vector<std::size_t>{k_pages_per_chunk, k_pages_per_chunk, 7});
  REQUIRE(got.size() == n);
  for (std::size_t i = 0; i < n; ++i) CHECK(got[i].path == std::to_string(i));
  REQUIRE(diags.all().size() == (n + 99) / 100);
  for (std::size_t k = 0; k < diags.all().size(); ++k) CHECK(diags.all()[k].message == std::to_string(k * 100));
}
