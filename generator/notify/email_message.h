#pragma once
// E-mail: one RFC 5322 text message per event and target, sent once to all
// recipients of the target with `To: undisclosed-recipients:;` — the
// addresses travel only in the SMTP envelope (RCPT TO), so no recipient sees
// another's address.
#include <string>

#include "changes/events.h"
#include "notify/payload.h"
#include "util/time.h"

namespace sitrep {

// The bare address of a From value: "Status <status@acme.example>" ->
// "status@acme.example"; a bare address comes back as is.
std::string mail_address(const std::string& from);

// "<hex@host>": the same for the same event and target, so a resent message
// is recognisably the same one. `host` comes from the site's base URL.
std::string email_message_id(const ChangeEvent& event, const std::string& target_name, const SiteInfo& site);

// The whole message, CRLF line ends. `Date` is the event's `at`; `fallback`
// when `at` cannot be read.
std::string email_message(const ChangeEvent& event, const SiteInfo& site, const std::string& target_name,
                          const std::string& from, TimePoint fallback);

}  // namespace sitrep
