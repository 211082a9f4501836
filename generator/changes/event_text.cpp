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

// A state change that came with an update carries its text (diff.cpp folds
// the update into the event): "identified -> monitoring: Rolled back."
std::string with_message(std::string what, const ChangeEvent& e) {
  return e.message.empty() ? what : what + ": " + first_line(e.message);
}

std::string detail(const ChangeEvent& e) {
  switch (e.kind) {
    case ChangeKind::incident_opened: return "opened (" + e.status + ", impact " + e.impact + ")";
    case ChangeKind::update_posted: return e.status + ": " + first_line(e.message);
    case ChangeKind::status_changed: return with_message(e.previous_status + " -> " + e.status, e);
    case ChangeKind::impact_changed: return "impact " + e.previous_impact + " -> " + e.impact;
    case ChangeKind::incident_resolved: return with_message("resolved", e);
    case ChangeKind::postmortem_published: return "postmortem published";
    case ChangeKind::maintenance_scheduled: return "scheduled";
    case ChangeKind::maintenance_started: return with_message("started", e);
    case ChangeKind::maintenance_completed: return with_message("completed", e);
  }
  return {};
}

}  // namespace

std::string event_line(const ChangeEvent& e) {
  return e.at + "  " + std::string{change_kind_name(e.kind)} + "  " + e.item_id + "  " + e.title + ": " + detail(e);
}

}  // namespace sitrep
