#pragma once
// One event for one target, ready to send: the payload family chosen by the
// target's kind. Also what --dry-run prints, with secrets left out.
#include <iosfwd>

#include "changes/events.h"
#include "notify/resolved_target.h"
#include "notify/transport.h"
#include "util/time.h"

namespace sitrep {

struct Outgoing {
  bool is_mail = false;
  HttpRequest http;
  MailRequest mail;
};

// `now` only dates an e-mail whose event has no readable `at`.
Outgoing build_outgoing(const ResolvedTarget& target, const ChangeEvent& event, const SiteInfo& site, TimePoint now);

// For --dry-run: target, kind, redacted URL, headers (the signature is shown:
// it is not the secret) and body. E-mail recipients are shown as a count.
void print_outgoing(std::ostream& out, const ChangeEvent& event, const ResolvedTarget& target,
                    const Outgoing& outgoing);

}  // namespace sitrep
