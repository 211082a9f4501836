#pragma once
// Slack incoming webhook: `text` (notification fallback) and `blocks` in
// mrkdwn, user text escaped as Slack asks (&, <, > only).
#include <string>
#include <string_view>

#include "changes/events.h"
#include "notify/payload.h"

namespace sitrep {

std::string slack_escape(std::string_view text);
HttpPayload slack_payload(const ChangeEvent& event, const SiteInfo& site);

}  // namespace sitrep
