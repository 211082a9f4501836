#include "report/incident_metrics.h"

#include <algorithm>

#include "model/text.h"
#include "util/duration.h"
#include "util/time.h"

namespace sitrep {
namespace {

std::optional<Seconds> between(const std::optional<TimePoint>& from, const std::optional<TimePoint>& to) {
  if (!from || !to) return std::nullopt;
  return std::chrono::duration_cast<Seconds>(*to - *from);
}

// The policy names no role vocabulary, so the seed's three response roles
// are recognised by the words incident files actually use for them.
enum class RoleKind { commander, comms, responder, other };

RoleKind role_kind(std::string_view key) {
  const std::string k = normalize_word(key);
  if (k == "commander" || k == "incident_commander") return RoleKind::commander;
  if (k == "comms" || k == "communications" || k == "communication_coordinator") return RoleKind::comms;
  if (k == "responder" || k == "on_call" || k == "oncall") return RoleKind::responder;
  return RoleKind::other;
}

void fill_roles(IncidentMetrics& m, const Incident& inc) {
  for (const auto& [key, name] : inc.roles) {
    std::string* slot = nullptr;
    switch (role_kind(key)) {
      case RoleKind::commander: slot = &m.incident_commander; break;
      case RoleKind::comms: slot = &m.communication_coordinator; break;
      case RoleKind::responder: slot = &m.responder; break;
      case RoleKind::other: break;
    }
    if (slot && slot->empty()) *slot = name;
    else m.additional_responders.push_back(name);
  }
}

}  // namespace

std::string_view sla_field_prefix(std::string_view clock_name) {
  if (clock_name == "acknowledge") return "acknowledgment";
  if (clock_name == "mitigate") return "mitigation";
  if (clock_name == "resolve") return "resolution";
  return {};
}

IncidentMetrics incident_metrics(const Model& model, const Incident& inc, const PostmortemsByIncident& postmortems,
                                 std::size_t action_items, TimePoint now) {
  IncidentMetrics m;
  m.incident_id = inc.id;
  m.title = inc.title;
  m.path = inc.path;
  const int level = model.severity.find_level(inc.severity);
  m.severity = level < 0 ? inc.severity : model.severity.levels[static_cast<std::size_t>(level)].id;
  m.severity_rank = level + 1;
  m.incident_type = inc.type;
  m.affected_system = inc.affected_system;
  // Most incidents name components rather than a system; those say the same.
  if (m.affected_system.empty())
    for (const auto& c : inc.components) m.affected_system += (m.affected_system.empty() ? "" : ", ") + c;
  m.is_public = inc.is_public;
  m.started_at = inc.started_at;
  m.detected_at = inc.detected_at;
  m.acknowledged_at = inc.acknowledged_at;
  m.mitigated_at = inc.mitigated_at;
  m.resolved_at = inc.resolved_at;
  const auto detected = inc.effective_detected_at();
  if (!inc.detected_at && inc.started_at) m.detection_note = "detected_at missing: measured from started_at";
  m.time_to_acknowledge = between(detected, inc.acknowledged_at);
  m.time_to_mitigate = between(inc.acknowledged_at, inc.mitigated_at);
  m.time_to_resolve = between(inc.mitigated_at, inc.resolved_at);
  m.total_duration = between(detected, inc.resolved_at);
  fill_roles(m, inc);
  m.resolution_method = inc.resolution_method;
  if (inc.root_cause) m.root_cause_category = inc.root_cause->category;

  // The tracker's items (report/follow_up_items.h): one per follow-up, in
  // [[actions]] or in the postmortem's table or both.
  m.action_items_count = action_items;
  const auto it = postmortems.find(inc.id);
  if (it != postmortems.end())
    m.post_mortem_completed = it->second.front()->status == model.postmortem_template.final_status;
  m.sla = sla_compliance(inc, model.severity, now);
  return m;
}

std::vector<IncidentMetrics> all_incident_metrics(const Model& model, TimePoint now) {
  return all_incident_metrics(model, now, site_follow_ups(model, local_day(now, model.site.time_zone)));
}

std::vector<IncidentMetrics> all_incident_metrics(const Model& model, TimePoint now, const SiteFollowUps& follow_ups) {
  const PostmortemsByIncident postmortems = postmortems_by_incident(model);
  std::vector<IncidentMetrics> out;
  out.reserve(model.incidents.size());
  for (std::size_t i = 0; i < model.incidents.size(); ++i)
    out.push_back(incident_metrics(model, model.incidents[i], postmortems, follow_ups.of_incident.at(i), now));
  return out;
}

}  // namespace sitrep
