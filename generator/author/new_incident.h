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
  // Component -> what it shows in the first update (ID=STATUS); a component
  // named only here is affected too. Others show the status the level's
  // impact maps to.
  std::vector<std::pair<std::string, std::string>> component_statuses;
  std::string type;                     // empty: the policy's first incident type
  // Role -> person. A required role not named is a warning (role-pending)
  // that says how to name it later - an error (missing-role) only when the
  // level's roles_required_by / roles_within say it is due already. Empty
  // names are refused: there are no placeholders.
  std::vector<std::pair<std::string, std::string>> roles;
  // When impact began and when it was noticed; default: both `now`, or
  // started_at = detected_at when only that is given. Not after `now`.
  std::optional<TimePoint> started_at, detected_at;
  std::string by;  // who declared it: the timeline entry's owner (default: the commander)
  std::string message;  // empty: the "investigating" message template
  bool internal = false;  // public = false even when the level is published
};

// id INC-<day started, in the site's zone>-NNN; times written in the site's
// zone; public as the level says; the first update (at `now`) shows the
// components as given or at the status the level's impact maps to; one
// [[timeline]] entry records the declaration. Errors (unknown severity, type
// or component, times out of order, a role due and not named, ...) go to
// `diags` and give nullopt; warnings (a role not named yet) go there too.
// Path: content/incidents/<YYYY>/<id>.toml.
std::optional<NewFile> new_incident(const Model& model, const MessageTemplates& templates,
                                    const NewIncidentOptions& options, TimePoint now, Diagnostics& diags);

// What a component shows in a new incident of this public impact
// (Statuspage's pairing: critical -> major_outage, major -> partial_outage,
// minor -> degraded_performance); empty for "none": nothing to show.
std::string component_status_for_impact(std::string_view impact);

}  // namespace sitrep
