#pragma once
// Generic webhook: the event as `changes --format json` writes it, plus the
// site, signed with the target's secret (docs/notify.md, "Webhook").
#include <string_view>

#include "changes/events.h"
#include "notify/payload.h"

namespace sitrep {

// Without a secret (no secret_env) the X-Sitrep-Signature header is left out.
HttpPayload webhook_payload(const ChangeEvent& event, const SiteInfo& site, std::string_view secret);

}  // namespace sitrep
