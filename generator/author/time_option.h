#pragma once
// Times typed on the command line (--now, --at, --started-at, ...), read the
// way incident files are: with an offset or Z they name one instant; without
// one they are wall-clock times in the site's zone. At 3 a.m. nobody types
// an offset.
#include <optional>
#include <string_view>

#include "util/time.h"

namespace sitrep {

// Accepts, besides RFC 3339 (2026-11-26T03:05:00-08:00, ...Z):
//   2026-11-26T03:05[:00] or "2026-11-26 03:05[:00]"  local time in `zone`
//   2026-11-26                                        local midnight
//   03:05[:00]   (only with `reference`) the latest such wall-clock time at
//                or before `reference` - today's, else yesterday's
// A local time the zone skipped (DST gap) or showed twice is treated as the
// incident files treat it: `problem` receives the same diagnostic text; a
// gap gives nullopt (no instant to take), the repeated hour its first
// occurrence. nullopt, no problem, when the text is none of these forms.
std::optional<TimePoint> parse_time_option(std::string_view text, TimeZone zone,
                                           std::optional<TimePoint> reference = std::nullopt,
                                           std::optional<LocalTimeProblem>* problem = nullptr);

// What an error about such an option says the forms are.
inline constexpr const char* k_time_forms =
    "use a local time in the site's zone (2026-11-26T03:05 or 03:05) or RFC 3339 (2026-11-26T03:05:00-08:00)";

}  // namespace sitrep
