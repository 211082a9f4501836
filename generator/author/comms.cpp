#include "author/comms.h"

#include <algorithm>
#include <map>

#include "author/incident_facts.h"
#include "author/lookup.h"
#include "model/text.h"

namespace sitrep {
namespace {

const std::string k_none = "\u2014";  // an em dash: nothing to say, visibly

// "critical: Authentication (major outage), Public API (partial outage)":
// what each component shows after the latest update that named it.
std::string impact(const Model& model, const Incident& inc, const SeverityLevel* level) {
  std::map<std::string, std::string, std::less<>> shown;
  for (const auto& u : inc.updates)
    for (const auto& cs : u.components) shown[cs.component] = cs.status;
  std::string list;
  for (const auto& id : inc.components) {
    const Component* c = model.components.find(id);
    list += (list.empty() ? "" : ", ") + (c && !c->name.empty() ? c->name : id);
    if (auto it = shown.find(id); it != shown.end()) {
      std::string status = it->second;
      std::replace(status.begin(), status.end(), '_', ' ');
      list += " (" + status + ")";
    }
  }
  return (level ? level->impact + ": " : std::string{}) + list;
}

}  // namespace

std::optional<std::string> comms_text(const Model& model, std::string_view incident_id, TimePoint now,
                                      Diagnostics& diags) {
  const Incident* inc = lookup_incident(model, incident_id, diags);
  if (!inc) return std::nullopt;
  const SeverityLevel* level = model.severity.level(inc->severity);
  const IncidentUpdate* latest = inc->updates.empty() ? nullptr : &inc->updates.back();
  const std::string status = latest ? model.severity.canonical_status(latest->status) : std::string{};

  std::string next = k_none;
  if (latest && latest->next_update_by && status != "resolved" && !inc->resolved_at) {
    next = format_in_zone(*latest->next_update_by, model.site.time_zone, "%Y-%m-%d %H:%M %Z");
    if (*latest->next_update_by < now) next += " (overdue)";
  }
  std::string owner = named_role(*inc, "comms");
  if (owner.empty()) owner = named_role(*inc, "commander");

  std::string out;
  out += "Status: " + (status.empty() ? k_none : status) + "\n";
  out += "Severity: " + (level ? level->id : inc->severity) + "\n";
  out += "Impact: " + impact(model, *inc, level) + "\n";
  out += "Action: " + (latest ? first_sentence(latest->message) : k_none) + "\n";
  out += "Next update: " + next + "\n";
  out += "Owner: " + (owner.empty() ? k_none : owner) + "\n";
  return out;
}

}  // namespace sitrep
