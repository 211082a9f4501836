#pragma once
// `sitrep new postmortem`: a draft postmortem for an incident, laid out by
// the template of the incident's severity and pre-filled with what the
// incident file already knows.
#include <optional>
#include <string_view>

#include "author/new_file.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

// Front matter: incident, its title, the template's first status ("draft"),
// authors (the incident's commander, else "TBD"), today in the site's zone,
// public = false, the severity. Body: the sections the level requires, in
// template order (every section when it requires none), as "## Title"; the
// Timeline section holds a table of the incident's [[timeline]] (or of its
// updates when it has none), the action-item section an empty table with
// the template's required columns. Path: content/postmortems/<YYYY>/<id>.md.
std::optional<NewFile> new_postmortem(const Model& model, std::string_view incident_id, TimePoint now,
                                      Diagnostics& diags);

}  // namespace sitrep
