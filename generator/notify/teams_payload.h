#pragma once
// Microsoft Teams through a Workflows (Power Automate) incoming webhook: a
// message with one Adaptive Card 1.4 attachment.
#include "changes/events.h"
#include "notify/payload.h"

namespace sitrep {

HttpPayload teams_payload(const ChangeEvent& event, const SiteInfo& site);

}  // namespace sitrep
