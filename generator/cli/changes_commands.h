#pragma once
// `sitrep changes` (what changed since the previously published site) and
// `sitrep next-change` (when the clock next changes the public site).
// docs/changes.md.
#include <iosfwd>
#include <string>

#include <vector>

#include "changes/events.h"
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

// The events between the site published at `previous` (a folder or an
// http(s) address) and this build of `c.root` at `now`; false (reasons on
// `err`, prefixed "sitrep <command>:") when either cannot be read. Shared by
// `changes` and `notify --previous`.
bool compute_changes(const CommonOptions& c, const std::string& previous, TimePoint now,
                     std::vector<ChangeEvent>& events, std::ostream& err, const char* command);

// 0: events printed (maybe none); 1: content errors or an unusable previous site.
int run_changes(const CommonOptions& c, const ChangesOptions& o, TimePoint now, std::ostream& out, std::ostream& err);
// 0: printed (also "no scheduled change"); 1: content errors.
int run_next_change(const CommonOptions& c, const ChangesOptions& o, TimePoint now, std::ostream& out,
                    std::ostream& err);

}  // namespace sitrep
