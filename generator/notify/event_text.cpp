#include "notify/event_text.h"

namespace sitrep {
namespace {

std::string change(const std::string& before, const std::string& after) {
  return before.empty() ? after : before + " \u2192 " + after;
}

}  // namespace

std::string event_headline(const ChangeEvent& e) {
  switch (e.kind) {
    case ChangeKind::incident_opened: return "New incident: " + e.title;
    case ChangeKind::update_posted: return "Update: " + e.title;
    case ChangeKind::status_changed:
      return "Status changed: " + e.title + " (" + change(e.previous_status, e.status) + ")";
    case ChangeKind::impact_changed:
      return "Impact changed: " + e.title + " (" + change(e.previous_impact, e.impact) + ")";
    case ChangeKind::incident_resolved: return "Resolved: " + e.title;
    case ChangeKind::postmortem_published: return "Postmortem published: " + e.title;
    case ChangeKind::maintenance_scheduled: return "Maintenance scheduled: " + e.title;
    case ChangeKind::maintenance_started: return "Maintenance started: " + e.title;
    case ChangeKind::maintenance_completed: return "Maintenance completed: " + e.title;
  }
  return e.title;
}

std::string component_list(const ChangeEvent& e) {
  const auto& names = e.component_names.size() == e.components.size() ? e.component_names : e.components;
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::vector<std::pair<std::string, std::string>> event_facts(const ChangeEvent& e) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!e.status.empty()) out.emplace_back("Status", e.status);
  if (!e.impact.empty()) out.emplace_back("Impact", e.impact);
  if (const std::string c = component_list(e); !c.empty()) out.emplace_back("Components", c);
  if (!e.at.empty()) out.emplace_back("Time", e.at);
  return out;
}

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string{text};
  static constexpr std::string_view k_ellipsis = "\u2026";
  if (max_bytes < k_ellipsis.size()) return {};
  std::size_t cut = max_bytes - k_ellipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string{text.substr(0, cut)} + std::string{k_ellipsis};
}

}  // namespace sitrep
