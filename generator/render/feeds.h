#pragma once
// Atom 1.0 and RSS 2.0 feeds of incident and maintenance updates, site-wide
// (history.atom, history.rss) and per public component. One entry per
// update, and one per published postmortem ("Postmortem: <incident title>",
// dated PublicIncident::postmortem_published_at), newest first; the XML
// comes only from the theme's `atom` and `rss` templates, which escape every
// value.
//
// Conventions: an entry's id (Atom <id>, RSS <guid isPermaLink="false">) and
// link are the absolute page URL + "#update-N", N the update's 1-based place
// in its file (a postmortem's: the page URL + "#postmortem-h", its section);
// a feed's <updated> is its newest entry's time.
#include <cstddef>
#include <string>

#include "render/render_context.h"

namespace sitrep {

// Entries per feed, so a feed does not grow with history.
inline constexpr std::size_t k_feed_entry_cap = 50;

Outputs render_feeds(const RenderContext& ctx);

// "Tue, 14 Apr 2026 14:58:00 +0000": RFC 822 as RSS 2.0 uses it (four-digit
// year), in English whatever the process locale.
std::string format_rfc822_utc(TimePoint t);

}  // namespace sitrep
