#pragma once
// `sitrep new maintenance`: a scheduled maintenance window that passes
// `sitrep check` as written, announced by a first "scheduled" update.
#include <optional>
#include <string>
#include <vector>

#include "author/new_file.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

struct NewMaintenanceOptions {
  std::string title;
  std::vector<std::string> components;  // component ids
  TimePoint start{}, end{};
  std::string message;    // for customers; empty: a sentence naming the window
  bool internal = false;  // public = false
};

// id MNT-<start day in the site's zone>-NNN, times in the site's zone.
// Path: content/maintenance/<YYYY>/<id>.toml.
std::optional<NewFile> new_maintenance(const Model& model, const NewMaintenanceOptions& options, TimePoint now,
                                       Diagnostics& diags);

}  // namespace sitrep
