// publish_trees: all trees are written before any is swapped in.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "write/publish.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {
std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("publish_trees swaps every tree in, or none when one cannot be written") {
  const fs::path dir = fs::temp_directory_path() / ("sitrep-publish-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Diagnostics diags;
  const Outputs first_public{{"index.html", "v1"}, {"a/b/c.json", "{}"}}, first_internal{{"index.html", "i1"}};
  REQUIRE(publish_trees({{dir / "public", &first_public}, {dir / "internal", &first_internal}}, diags));
  CHECK(read_all(dir / "public/a/b/c.json") == "{}");

  const Outputs second_public{{"index.html", "v2"}}, bad_internal{{"../escape.html", "x"}};
  CHECK_FALSE(publish_trees({{dir / "public", &second_public}, {dir / "internal", &bad_internal}}, diags));
  CHECK(diags.has_errors());
  CHECK(read_all(dir / "public/index.html") == "v1");  // not swapped: the other tree failed
  CHECK(read_all(dir / "internal/index.html") == "i1");
  CHECK_FALSE(fs::exists(dir / "escape.html"));

  Diagnostics clean;
  const Outputs third_internal{{"index.html", "i3"}};
  REQUIRE(publish_trees({{dir / "public", &second_public}, {dir / "internal", &third_internal}}, clean, 2));
  CHECK(read_all(dir / "public/index.html") == "v2");
  CHECK_FALSE(fs::exists(dir / "public/a/b/c.json"));  // the old tree is gone, not merged
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  CHECK(entries == 2);  // no staging folder left behind
  fs::remove_all(dir);
}
