#pragma once
// maintenance.ics: the public maintenance windows as an iCalendar file
// (RFC 5545) that calendar apps subscribe to. Every value comes from the
// content and the clock, never the wall clock, so builds are repeatable.
#include <chrono>
#include <string>
#include <string_view>

#include "render/render_context.h"

namespace sitrep {

// How far back the calendar reaches. A subscribed calendar is for what is
// coming and what just happened; a window that ended more than 90 days
// before the build clock (--now, so builds stay repeatable) is left out,
// and the file does not grow with the years of history. Upcoming windows
// are all kept: they are as many as teams schedule, not a history.
// Everything stays on the maintenance pages and in the JSON API.
inline constexpr std::chrono::days k_calendar_history{90};

// The instant a window that is no longer active leaves maintenance.ics: the
// calendar's rule and what `next-change` announces, in one place.
inline TimePoint leaves_calendar_at(const Maintenance& m) { return m.scheduled_end + k_calendar_history; }

// One VEVENT per public maintenance window not yet ended (scheduled,
// in progress or verifying) or whose scheduled end is less than
// k_calendar_history before now (it leaves at that instant, a change
// `next-change` reports); UID "<id>@<host of base_url>".
Outputs render_calendar(const RenderContext& ctx);

// The RFC 5545 pieces, small so tests can pin them down.
// TEXT value escaping (3.3.11): \ ; , and newlines; CR and other controls dropped.
std::string ics_escape_text(std::string_view text);
// One content line folded at 75 octets (3.1) without splitting a UTF-8
// sequence, each physical line ended by CRLF.
std::string ics_fold(std::string_view line);
// "20260414T145800Z"
std::string ics_utc(TimePoint t);
// "status.acme.example" for "https://status.acme.example:8443/x".
std::string url_host(std::string_view url);

}  // namespace sitrep
