#pragma once
// maintenance.ics: the public maintenance windows as an iCalendar file
// (RFC 5545) that calendar apps subscribe to. Every value comes from the
// content and the clock, never the wall clock, so builds are repeatable.
#include <string>
#include <string_view>

#include "render/render_context.h"

namespace sitrep {

// One VEVENT per public maintenance window; UID "<id>@<host of base_url>".
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
