#pragma once
// `sitrep new update` and the lifecycle verbs (`sitrep ack`, `mitigate`,
// `resolve`, `reopen`): one step of an incident, written into its file as
// text - everything already in the file (comments, layout, key order) stays
// byte for byte; only the lines the step adds or sets change.
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

// What a step does besides an optional public update.
enum class Step {
  update,       // a public update; "monitoring" also mitigates, "resolved" also resolves
  acknowledge,  // acknowledged_at; a public update only when a status is given
  mitigate,     // mitigated_at and a public update (default status "monitoring")
  resolve,      // resolved_at (and a missing mitigated_at) and a "resolved" update
  reopen,       // a resolved incident again active: resolved_at removed, an update (default "investigating")
};

struct UpdateOptions {
  std::string incident;  // id, "latest", or the file's path
  Step step = Step::update;
  std::string status;    // a public status or a schema alias ("mitigating"); empty: the step's default
  std::string message;   // empty: the status's message template
  // Component -> status for this update. A component the incident does not
  // name yet joins it (added to `components`). Left out, the components
  // keep what the last update said - except at "resolved", where every
  // component of the incident is shown operational again.
  std::vector<std::pair<std::string, std::string>> components;
  std::optional<TimePoint> at;  // when the step happened; default: now
  std::string by;               // owner of the timeline entry
  std::vector<std::pair<std::string, std::string>> roles;  // role -> person, set in [roles]
};

// `file_text` is the incident's file. Appends the [[updates]] block dated
// `at` at its end, sets the timestamps the step closes (each only when
// missing, so a time typed by hand wins), and records lifecycle steps,
// components joining and roles named as one [[timeline]] entry (in time
// order). Errors say what to do instead: an unknown incident or status, a
// step the incident is past ("already resolved; to reopen it run ..."), a
// time before the latest update or after now.
std::optional<std::string> append_update(std::string_view file_text, const Model& model,
                                         const MessageTemplates& templates, const UpdateOptions& options,
                                         TimePoint now, Diagnostics& diags);

// The same for the CLI: the incident's file as the model read it
// (model.sources), and the edited text under the same path. Write it with
// replace_file(file, model.sources.at(file.path), ...).
std::optional<NewFile> new_update(const Model& model, const MessageTemplates& templates,
                                  const UpdateOptions& options, TimePoint now, Diagnostics& diags);

// The command a person types for a step ("sitrep resolve"), for messages.
std::string step_command(Step step);

}  // namespace sitrep
