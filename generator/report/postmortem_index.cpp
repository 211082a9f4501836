#include "report/postmortem_index.h"

namespace sitrep {

PostmortemsByIncident postmortems_by_incident(const Model& model) {
  PostmortemsByIncident out;
  for (const auto& pm : model.postmortems)
    if (!pm.incident.empty()) out[pm.incident].push_back(&pm);
  return out;
}

const Postmortem* postmortem_of(const PostmortemsByIncident& index, std::string_view incident_id) {
  auto it = index.find(incident_id);
  return it == index.end() || it->second.empty() ? nullptr : it->second.front();
}

}  // namespace sitrep
