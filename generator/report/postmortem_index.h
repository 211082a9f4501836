#pragma once
// Postmortems by the incident they name. Built once per report so that
// per-incident lookups stay logarithmic at 10 000 incidents.
#include <map>
#include <string>
#include <vector>

#include "model/model.h"

namespace sitrep {

// Incident id -> its postmortems in path order. The first is the one of
// record (the validator reports any further one as a duplicate).
using PostmortemsByIncident = std::map<std::string, std::vector<const Postmortem*>, std::less<>>;

PostmortemsByIncident postmortems_by_incident(const Model& model);

// The postmortem of record for `incident_id`, or nullptr.
const Postmortem* postmortem_of(const PostmortemsByIncident& index, std::string_view incident_id);

}  // namespace sitrep
