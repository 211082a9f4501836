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

namespace {

// A file of `bytes` bytes last used `days_ago` days before `now`.
void cache_file_at(const fs::path& file, std::size_t bytes, fs::file_time_type now, int days_ago) {
  std::ofstream(file, std::ios::binary) << std::string(bytes, 'x');
  fs::last_write_time(file, now - std::chrono::hours(24 * days_ago));
}

}  // namespace

TEST_CASE("prune_cache_folder: unused for the age limit, then least recently used over the size limit") {
  const fs::path dir = fs::temp_directory_path() / ("sitrep-prune-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto now = fs::file_time_type::clock::now();
  cache_file_at(dir / "load-aaaa.bin", 10, now, 40);           // unused for 40 days
  cache_file_at(dir / "load-bbbb.bin.tmp.77", 10, now, 45);    // an older binary's temporary
  cache_file_at(dir / "pieces-abab.bin", 10, now, 35);          // export pieces (write/export_pieces.h)
  cache_file_at(dir / "leak-acac.bin", 10, now, 31);            // leak scan search (render/leak_search_file.h)
  cache_file_at(dir / "pages-cccc.txt", 100, now, 5);          // the least recently used of the rest
  cache_file_at(dir / "load-dddd.bin", 100, now, 1);
  cache_file_at(dir / "pages-eeee.txt", 100, now, 50);         // the file just written: kept
  const fs::path live_temporary = dir / ("load-ffff.bin.new-" + std::to_string(::getppid()));
  cache_file_at(live_temporary, 100, now, 60);                 // another run's, still writing
  cache_file_at(dir / "notes.txt", 100, now, 400);             // not sitrep's
  const CacheLimits limits{std::chrono::hours(24 * 30), 250};

  // Too old: aaaa, bbbb, abab and acac. Then eeee + cccc + dddd = 300 bytes
  // > 250: cccc, the least recently used that may go, and 200 bytes fit.
  CHECK(prune_cache_folder(dir, dir / "pages-eeee.txt", now, limits) == 5);
  CHECK_FALSE(fs::exists(dir / "pieces-abab.bin"));
  CHECK_FALSE(fs::exists(dir / "leak-acac.bin"));
  CHECK_FALSE(fs::exists(dir / "load-aaaa.bin"));
  CHECK_FALSE(fs::exists(dir / "load-bbbb.bin.tmp.77"));
  CHECK_FALSE(fs::exists(dir / "pages-cccc.txt"));
  CHECK(fs::exists(dir / "load-dddd.bin"));
  CHECK(fs::exists(dir / "pages-eeee.txt"));
  CHECK(fs::exists(live_temporary));
  CHECK(fs::exists(dir / "notes.txt"));
  // Within both limits: nothing more goes.
  CHECK(prune_cache_folder(dir, dir / "pages-eeee.txt", now, limits) == 0);

  // A file used again (read and not rewritten) is young again.
  fs::last_write_time(dir / "load-dddd.bin", now - std::chrono::hours(24 * 31));
  mark_cache_used(dir / "load-dddd.bin");
  CHECK(prune_cache_folder(dir, dir / "pages-eeee.txt", fs::file_time_type::clock::now(), limits) == 0);
  CHECK(fs::exists(dir / "load-dddd.bin"));

  // replace_file prunes with the default limits (30 days, 2 GiB).
  cache_file_at(dir / "load-9999.bin", 10, now, 31);
  cache_file_at(dir / "load-8888.bin", 10, now, 29);
  REQUIRE(replace_file(dir / "pages-eeee.txt", [](std::ostream& out) { out << "new"; }));
  CHECK_FALSE(fs::exists(dir / "load-9999.bin"));
  CHECK(fs::exists(dir / "load-8888.bin"));
  fs::remove_all(dir);
}
