#pragma once
// What logs and --dry-run may show of a URL: scheme and host only. Webhook
// URLs of Slack, Discord and Teams are bearer secrets in their path.
#include <string>
#include <string_view>

namespace sitrep {

// "https://hooks.slack.com/services/T0/B0/XXXX" -> "https://hooks.slack.com/…";
// user information and port are dropped, a URL without "://" becomes "…".
std::string redact_url(std::string_view url);

}  // namespace sitrep
