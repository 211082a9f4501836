// render_site with one tree selected (sitrep build --only): the tree it
// renders is byte-identical to that tree of a full render, and the other is
// not rendered at all.
#include <doctest/doctest.h>

#include "load/load_site.h"
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
