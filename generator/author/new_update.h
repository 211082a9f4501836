#pragma once
// `sitrep new update`: one more public status update on an active incident,
// appended to its file as text - everything already in the file (comments,
// layout, key order) stays byte for byte.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "author/message_templates.h"
#include "author/new_file.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

struct UpdateOptions {
  std::string incident;  // id
  std::string status;    // a public status or a schema alias ("mitigating")
  std::string message;   // empty: the status's message template
  // Component -> status for this update. Left out, the components keep
  // what the last update said - except at "resolved", where every
  // component of the incident is shown operational again.
  std::vector<std::pair<std::string, std::string>> components;
};

// `file_text` is the incident's file. Appends an [[updates]] block dated
// `now` at its end. A "monitoring" update sets mitigated_at when it is
// missing (seed 002's "Mitigated" template is the Monitoring status); a
// "resolved" one sets resolved_at (and a missing mitigated_at), each as a new
// line after the last top-level key. Errors: unknown incident or status, an
// incident already resolved, `now` before its latest update.
std::optional<std::string> append_update(std::string_view file_text, const Model& model,
                                         const MessageTemplates& templates, const UpdateOptions& options,
                                         TimePoint now, Diagnostics& diags);

// The same for the CLI: the incident's file as the model read it
// (model.sources), and the edited text under the same path. Write it with
// replace_file(file, model.sources.at(file.path), ...).
std::optional<NewFile> new_update(const Model& model, const MessageTemplates& templates,
                                  const UpdateOptions& options, TimePoint now, Diagnostics& diags);

}  // namespace sitrep
