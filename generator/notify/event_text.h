#pragma once
// The words every channel shares for an event: one headline, the same facts.
#include <string>
#include <vector>

#include "changes/events.h"

namespace sitrep {

// "Incident resolved: API errors", "Status changed: API errors (investigating -> identified)".
std::string event_headline(const ChangeEvent& event);

// Label/value pairs shown under the message: Status, Impact, Components, Time.
// Empty values are left out.
std::vector<std::pair<std::string, std::string>> event_facts(const ChangeEvent& event);

// "API, Database" (names when the event has them, else ids).
std::string component_list(const ChangeEvent& event);

// At most `max_bytes` bytes, cut on a UTF-8 boundary, ending in "…" when cut:
// every channel bounds its fields (Slack 3000, Discord 256/4096, ...).
std::string truncate_text(std::string_view text, std::size_t max_bytes);

}  // namespace sitrep
