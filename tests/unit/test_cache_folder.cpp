// load/cache_folder.h: where the caches go, how their files are named, and
// how they are replaced.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/cache_folder.h"
#include "load/load_cache_file.h"
#include "write/page_reuse.h"
#include "test_helpers.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// A PID that is certainly not running: a child's, after it has exited.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

TEST_CASE("cache_file_for: one file per kind and site root, in the folder asked for") {
  const CacheLocation where{"/tmp/sitrep-cache-names", false};
  const auto load = load_cache_file(".", where);
  const auto pages = page_reuse_file(".", where);
  REQUIRE(load);
  REQUIRE(pages);
  CHECK(load->parent_path() == fs::path("/tmp/sitrep-cache-names"));
  CHECK(load->filename().string().starts_with("load-"));
  CHECK(load->extension() == ".bin");
  CHECK(pages->filename().string().starts_with("pages-"));
  CHECK(pages->extension() == ".txt");
  CHECK(pages->filename().string().size() == std::string("pages-0123456789abcdef.txt").size());
  // The load cache is per spelling of the root; the page record per folder.
  CHECK(*load_cache_file(".", where) != *load_cache_file(fs::current_path().string(), where));
  CHECK(*page_reuse_file(".", where) == *page_reuse_file(fs::current_path().string(), where));
  CHECK(*page_reuse_file(".", where) != *page_reuse_file("/", where));
  CHECK_FALSE(cache_file_for(".", CacheLocation{"/tmp/x", true}, "load", ".bin"));  // --no-cache
}

TEST_CASE("replace_file: the new bytes or the old, and the temporaries of dead runs removed") {
  const fs::path dir = fs::temp_directory_path() / ("sitrep-replace-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path file = dir / "pages-1.txt";
  REQUIRE(replace_file(file, [](std::ostream& out) { out << "first"; }));  // the folder is made
  CHECK(read_all(file) == "first");

  const fs::path dead = dir / ("pages-1.txt.new-" + std::to_string(dead_pid()));
  const fs::path live = dir / ("pages-1.txt.new-" + std::to_string(::getppid()));  // a running process's
  const fs::path other = dir / ("pages-2.txt.new-" + std::to_string(dead_pid()));  // another file's
  for (const auto& p : {dead, live, other}) std::ofstream(p) << "left";
  REQUIRE(replace_file(file, [](std::ostream& out) { out << "second"; }));
  CHECK(read_all(file) == "second");
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
  CHECK_FALSE(fs::exists(dir / ("pages-1.txt.new-" + std::to_string(::getpid()))));

  // A folder that cannot be made: false, and nothing written.
  std::ofstream(dir / "blocker") << "a file, not a folder";
  CHECK_FALSE(replace_file(dir / "blocker" / "x.txt", [](std::ostream& out) { out << "never"; }));
  fs::remove_all(dir);
}
