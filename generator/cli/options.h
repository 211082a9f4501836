#pragma once
#include <optional>
#include <string>

#include "load/load_cache_file.h"
#include "util/time.h"

namespace sitrep {

// Options every command shares. Defaults live here and nowhere else.
struct CommonOptions {
  std::string root = ".";
  std::string out;  // empty = <root>/site
  std::string now_text;
  std::string format = "text";  // text|json|github|sarif|gitlab (check)
  bool quiet = false;
  bool verbose = false;
  unsigned threads = 0;
  CacheLocation cache;  // check and build: the load cache (load/load_cache_file.h)
};

// `sitrep build`: which trees, and where (write/tree_guard.h says where not).
struct BuildOptions {
  std::string only;          // "public" | "internal"; empty = both
  std::string public_dir;    // empty = <out>/public
  std::string internal_dir;  // empty = <out>/internal
};

// --now, else SOURCE_DATE_EPOCH, else the real clock. nullopt when the
// given text cannot be read.
std::optional<TimePoint> resolve_now(const std::string& now_text, const char* source_date_epoch);
// The clock of a run must fall in the years 1970-2199 (docs/commands.md).
bool clock_in_range(TimePoint now);
// The zone of <root>/content/site.toml (UTC when it cannot be read): what a
// local --now is read in.
TimeZone site_time_zone(const std::string& root);

}  // namespace sitrep
