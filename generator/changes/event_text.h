#pragma once
// The text form of a change event, as `sitrep changes` prints it: one line,
// "<at>  <kind>  <item id>  <title>: <detail>".
#include <string>

#include "changes/events.h"

namespace sitrep {

// Detail by kind: "opened (investigating, impact major)", "<status>: <first
// line of the update, at most 100 characters>", "identified -> monitoring",
// "impact minor -> major", "resolved", "postmortem published", "scheduled",
// "started", "completed".
std::string event_line(const ChangeEvent& event);

}  // namespace sitrep
