#pragma once
// The follow-up tracker: every action item, from incidents' [[actions]] and
// from postmortems' action tables, with whether it is open and overdue in
// the site's calendar. Closed means one of the template's closed statuses;
// an item with no status (or one the template does not know) stays open, so
// a typo never hides work.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"

namespace sitrep {

enum class ActionOrigin { incident, postmortem };

struct FollowUp {
  std::string action, owner, priority;
  std::string status;  // canonical when the template knows it, else as written
  std::optional<Day> due;
  std::string due_text;     // as written; set even when it is not a date
  std::string incident_id;  // the incident, or the incident its postmortem names
  std::string source_path;  // incident file or postmortem file
  std::uint32_t line = 0;   // where in source_path
  ActionOrigin origin = ActionOrigin::incident;
  bool is_open = true;
  bool is_overdue = false;  // open and due before today
  int days_overdue = 0;     // today - due, when overdue
};

struct FollowUpGroup {
  std::string key;                 // owner or incident id ("" = none given)
  std::vector<std::size_t> items;  // into FollowUpReport::items: by due date (none last), then source order
  std::size_t open = 0, overdue = 0;
};

struct FollowUpReport {
  Day today{};  // in the site's zone
  // Incidents in path order with their [[actions]], then postmortems in
  // path order with their table rows.
  std::vector<FollowUp> items;
  std::vector<FollowUpGroup> by_owner;     // by owner name
  std::vector<FollowUpGroup> by_incident;  // by incident id
  std::vector<std::pair<std::string, std::size_t>> by_status;  // template order, then unknown by name
  std::size_t open = 0, overdue = 0, closed = 0;
};

FollowUpReport follow_ups(const Model& model, TimePoint now);

}  // namespace sitrep
