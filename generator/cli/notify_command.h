#pragma once
// `sitrep notify`: read change events and the targets file, resolve the
// targets' secrets from the environment, deliver through libcurl.
// Steps: targets -> events (read from --events, or computed against
// --previous like `sitrep changes`) -> deliver().
#include <iosfwd>
#include <string>

#include "cli/options.h"

namespace CLI {
class App;
}

namespace sitrep {

// What `sitrep notify` reads from the command line. Defaults here.
struct NotifyOptions {
  std::string events;    // a file of `changes --format json`, or "-" for stdin
  std::string previous;  // or: compute them against this published site (as `changes --previous`)
  std::string targets;  // empty: $SITREP_NOTIFY_TARGETS
  std::string ledger = ".sitrep-notify-ledger.json";
  bool dry_run = false;
};

// Adds the command's own options to `cmd` (the shared ones come from app.cpp).
void add_notify_options(CLI::App& cmd, NotifyOptions& o);

int run_notify(const CommonOptions& c, const NotifyOptions& o, TimePoint now, std::ostream& out, std::ostream& err);

}  // namespace sitrep
