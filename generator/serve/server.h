#pragma once
#include <iosfwd>
#include <optional>
#include <string>

#include "load/load_cache_file.h"
#include "util/time.h"

namespace sitrep {

struct ServeOptions {
  std::string root = ".";
  std::string bind = "127.0.0.1";
  int port = 0;  // 0: 1313 or the next free port
  std::optional<TimePoint> fixed_now;
  bool quiet = false;
  bool verbose = false;  // print each rebuild's phase timings
  CacheLocation cache;   // the load cache the first build starts from
};

// Builds into memory, serves the public site at / and the internal site at
// /_internal/, rebuilds on change and reloads open pages. Returns the exit
// code (2 when the port cannot be had).
int serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sitrep
