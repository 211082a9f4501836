#include "model/model.h"

namespace sitrep {

const Component* Components::find(std::string_view id) const {
  for (const auto& c : components)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<std::string> Components::ids() const {
  std::vector<std::string> out;
  for (const auto& c : components) out.push_back(c.id);
  return out;
}

std::optional<TimePoint> Incident::time(std::string_view field) const {
  if (field == "started_at") return started_at;
  if (field == "detected_at") return detected_at;
  if (field == "acknowledged_at") return acknowledged_at;
  if (field == "mitigated_at") return mitigated_at;
  if (field == "resolved_at") return resolved_at;
  return std::nullopt;
}

void Model::index() {
  incident_by_id.clear();
  for (std::size_t i = 0; i < incidents.size(); ++i) incident_by_id.emplace(incidents[i].id, i);
}

Model configuration_of(const Model& model) {
  Model m;
  m.root = model.root;
  m.site = model.site;
  m.rules = model.rules;
  m.severity = model.severity;
  m.postmortem_template = model.postmortem_template;
  m.components = model.components;
  m.config_hash = model.config_hash;
  return m;
}

void Model::let_go_of_texts() const {
  if (mapped_texts) mapped_texts->let_go();
}

const Incident* Model::find_incident(std::string_view id) const {
  auto it = incident_by_id.find(id);
  return it == incident_by_id.end() ? nullptr : &incidents[it->second];
}

}  // namespace sitrep
