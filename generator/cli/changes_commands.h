#pragma once
// `sitrep changes` (what changed since the previously published site) and
// `sitrep next-change` (when the clock next changes the public site).
// docs/changes.md.
#include <iosfwd>
#include <string>

#include "cli/options.h"

namespace CLI {
class App;
}

namespace sitrep {

// Defaults here.
struct ChangesOptions {
  std::string previous;  // changes: folder (site root or its api/v2) or http(s):// base URL
  std::string format = "text";  // text|json
};

void add_changes_options(CLI::App& cmd, ChangesOptions& o);
void add_next_change_options(CLI::App& cmd, ChangesOptions& o);

// 0: events printed (maybe none); 1: content errors or an unusable previous site.
int run_changes(const CommonOptions& c, const ChangesOptions& o, TimePoint now, std::ostream& out, std::ostream& err);
// 0: printed (also "no scheduled change"); 1: content errors.
int run_next_change(const CommonOptions& c, const ChangesOptions& o, TimePoint now, std::ostream& out,
                    std::ostream& err);

}  // namespace sitrep
