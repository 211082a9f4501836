#include "changes/event_text.h"

namespace sitrep {
namespace {

constexpr std::size_t k_max_detail = 100;

// The first line of `message`, cut at a UTF-8 boundary to at most
// k_max_detail bytes (with "..." when cut).
std::string first_line(const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  if (line.size() <= k_max_detail) return line;
  std::size_t cut = k_max_detail;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "...";
}

std::string detail(const ChangeEvent& e) {
  switch (e.kind) {
    case ChangeKind::incident_opened: return "opened (" + e.status + ", impact " + e.impact + ")";
    case ChangeKind::update_posted: return e.status + ": " + first_line(e.message);
    case ChangeKind::status_changed: return e.previous_status + " -> " + e.status;
    case ChangeKind::impact_changed: return "impact " + e.previous_impact + " -> " + e.impact;
    case ChangeKind::incident_resolved: return "resolved";
    case ChangeKind::postmortem_published: return "postmortem published";
    case ChangeKind::maintenance_scheduled: return "scheduled";
    case ChangeKind::maintenance_started: return "started";
    case ChangeKind::maintenance_completed: return "completed";
  }
  return {};
}

}  // namespace

std::string event_line(const ChangeEvent& e) {
  return e.at + "  " + std::string{change_kind_name(e.kind)} + "  " + e.item_id + "  " + e.title + ": " + detail(e);
}

}  // namespace sitrep
