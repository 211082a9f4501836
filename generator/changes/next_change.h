#pragma once
// `sitrep next-change`: when the public site next changes by the clock
// alone, from PublicView::next_change — the same instant `build` prints —
// as RFC 3339 UTC and as a cron line for CI schedules.
#include <string>

#include <nlohmann/json.hpp>

#include "render/public_view.h"

namespace sitrep {

// "M H D Mon *" in UTC for the first whole minute at or after `t` (cron
// counts minutes, so a change at 06:00:30 is run for at 06:01). Cron has no
// year: a schedule written from it fires again a year later.
std::string cron_line_utc(TimePoint t);

// {"next_change": "...Z" | null, "cron": "M H D Mon *" | null,
//  "changes": [{"kind", "item_type", "item_id", "title"}]}
nlohmann::ordered_json next_change_json(const PublicView& view);

// "next change: <RFC 3339>\ncron (UTC): <cron>\n" and one line per change
// ("  <kind>  <item id>  <title>"), or "no scheduled change\n".
std::string next_change_text(const PublicView& view);

}  // namespace sitrep
