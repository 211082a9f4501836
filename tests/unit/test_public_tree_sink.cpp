// PublicTreeSink (cli/public_tree_sink.h): `sitrep build`'s public batches
// are scanned for internal text and written, including the ones rendered
// while the scan's texts were still being gathered on their own thread.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <future>

#include "cli/public_tree_sink.h"
#include "load/load_site.h"
#include "render/public_view.h"
#include "test_helpers.h"
#include "util/time.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// An internal text of the example site the scan looks for: a timeline
// action (internal) of at least k_min_leak_text bytes.
std::string internal_text(const Model& model) {
  for (const auto& inc : model.incidents)
    for (const auto& t : inc.timeline)
      if (t.action.size() >= k_min_leak_text && t.action.find('\n') == std::string::npos) return t.action;
  return {};
}

}  // namespace

TEST_CASE("PublicTreeSink: batches taken before the scan's texts are gathered are held, then scanned and written") {
  Diagnostics load_diags;
  const Model model = load_site({SITREP_SOURCE_DIR, 2}, load_diags);
  REQUIRE_MESSAGE(!load_diags.has_errors(), rules_of(load_diags));
  const auto view = std::make_shared<const PublicView>(make_public_view(model, *parse_rfc3339("2026-11-26T00:00:00Z")));
  const std::string leak = internal_text(model);
  REQUIRE(!leak.empty());

  const fs::path root = fs::temp_directory_path() / ("sitrep-public-sink-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  const fs::path public_dir = root / "public";
  Diagnostics diags(model.rules);
  {
    Publisher publisher({public_dir}, diags);
    REQUIRE(publisher.open());
    std::promise<void> gate;
    PublicTreeSink sink({publisher, 0, public_dir, nullptr, false, 2,
                         [&] { return !publisher.failed() && !diags.has_errors(); }, gate.get_future().share()},
                        diags);
    sink.view_ready(view);
    sink.take({OutputFile{"leaky.html", "<p>" + leak + "</p>"}}, *view);
    sink.take({OutputFile{"fine.html", "<p>All systems operational.</p>"}}, *view);
    CHECK(sink.files() == 0);  // held: the texts are not gathered yet
    gate.set_value();
    std::size_t taken = 2;
    SUBCASE("the last batches are flushed when the tree is done") {}
    SUBCASE("or with the next batch") {
      sink.take({OutputFile{"later.html", "<p>Later.</p>"}}, *view);
      ++taken;
    }
    sink.done();
    CHECK(sink.files() == taken);
  }
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].rule == "internal-text");
  CHECK(diags.all()[0].message.find("public/leaky.html") != std::string::npos);
  CHECK(!fs::exists(public_dir));  // never finished: nothing published
  fs::remove_all(root);
}
