#pragma once
// What a person typed on the command line, resolved against the model. A
// miss is reported with "did you mean" under the option that named it
// ("--severity"), with no file position: it is a usage error, not content.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

// A level by id or alias (case-insensitive).
const SeverityLevel* lookup_level(const Model& model, std::string_view name, Diagnostics& diags);
// Every id must name a component; at least one is needed.
bool lookup_components(const Model& model, const std::vector<std::string>& ids, Diagnostics& diags);
// An incident by id, by "latest" (the one that started last), or by the
// path of its file (as typed, relative to the working directory).
const Incident* lookup_incident(const Model& model, std::string_view id, Diagnostics& diags);
// The word as the schema spells it ("investigating", or an alias such as
// "mitigating"), and the public status it stands for; empty on a miss.
struct StatusWord {
  std::string word;
  std::string canonical;
};
StatusWord lookup_update_status(const Model& model, std::string_view word, Diagnostics& diags);
// component=status pairs: components of `allowed`, statuses Statuspage knows.
bool check_component_statuses(const std::vector<std::pair<std::string, std::string>>& statuses,
                              const std::vector<std::string>& allowed, Diagnostics& diags);

// A problem with the command line (reported under "--option" or the
// "incident" argument) rather than with a file: the CLI prints it without a
// source line and exits 2.
bool is_usage_problem(const Diagnostic& d);

// "Authentication, Public API and Webhooks": names for customers.
std::string component_names(const Model& model, const std::vector<std::string>& ids);

}  // namespace sitrep
