#pragma once
// Discord webhook: one embed, and allowed_mentions {parse: []} so nothing in
// an update can ping @everyone, a role or a user.
#include "changes/events.h"
#include "notify/payload.h"

namespace sitrep {

// The embed's colour: green when resolved/completed, blue for maintenance,
// red for major/critical impact, orange for minor, grey otherwise.
int discord_color(const ChangeEvent& event);
HttpPayload discord_payload(const ChangeEvent& event, const SiteInfo& site);

}  // namespace sitrep
