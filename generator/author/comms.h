#pragma once
// `sitrep comms`: the incident's current state in seed 003's update format,
// ready to paste into the incident thread or a stakeholder email:
//   Status: investigating | mitigating | monitoring | resolved
//   Severity: SEV1 | SEV2 | SEV3 | SEV4
//   Impact: who/what is affected
//   Action: what we are doing now
//   Next update: time
//   Owner: name
#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

// Status: the public status of the latest update. Severity: the level id.
// Impact: the level's impact and what each component shows now. Action: the
// first sentence of the latest message. Next update: next_update_by in the
// site's zone (marked overdue when before `now`), "—" when none or resolved.
// Owner: the comms role, else the commander, else "—". Six lines, each
// ending in a newline.
std::optional<std::string> comms_text(const Model& model, std::string_view incident_id, TimePoint now,
                                      Diagnostics& diags);

}  // namespace sitrep
