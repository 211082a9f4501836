#pragma once
// `sitrep new incident`: a new incident file that passes `sitrep check` as
// written, with its first public update ("investigating") already in it.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "author/message_templates.h"
#include "author/new_file.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

struct NewIncidentOptions {
  std::string title;
  std::string severity;                 // a level id or alias
  std::vector<std::string> components;  // component ids
  std::string type;                     // empty: the policy's first incident type
  // Role -> person. The level's roles_required must all be named: an empty
  // role would fail `missing-role`, so there are no placeholders.
  std::vector<std::pair<std::string, std::string>> roles;
  std::string message;  // empty: the "investigating" message template
  bool internal = false;  // public = false even when the level is published
};

// id INC-<day in the site's zone>-NNN; started_at = detected_at = now, written
// in the site's zone; public as the level says; the update shows the
// components at the status the level's impact maps to. Errors (unknown
// severity, type or component, a required role not named, ...) go to
// `diags` and give nullopt. Path: content/incidents/<YYYY>/<id>.toml.
std::optional<NewFile> new_incident(const Model& model, const MessageTemplates& templates,
                                    const NewIncidentOptions& options, TimePoint now, Diagnostics& diags);

// What a component shows in a new incident of this public impact
// (Statuspage's pairing: critical -> major_outage, major -> partial_outage,
// minor -> degraded_performance); empty for "none": nothing to show.
std::string component_status_for_impact(std::string_view impact);

}  // namespace sitrep
