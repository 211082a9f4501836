#include "notify/outgoing.h"

#include <ostream>

#include "notify/discord_payload.h"
#include "notify/email_message.h"
#include "notify/slack_payload.h"
#include "notify/teams_payload.h"
#include "notify/webhook_payload.h"

namespace sitrep {

Outgoing build_outgoing(const ResolvedTarget& t, const ChangeEvent& event, const SiteInfo& site, TimePoint now) {
  Outgoing out;
  HttpPayload payload;
  switch (t.target.kind) {
    case TargetKind::webhook: payload = webhook_payload(event, site, t.secret); break;
    case TargetKind::slack: payload = slack_payload(event, site); break;
    case TargetKind::discord: payload = discord_payload(event, site); break;
    case TargetKind::teams: payload = teams_payload(event, site); break;
    case TargetKind::email:
      out.is_mail = true;
      out.mail.smtp_url = t.target.smtp_url;
      out.mail.starttls = t.target.starttls;
      out.mail.username = t.username;
      out.mail.password = t.password;
      out.mail.from = mail_address(t.target.from);
      out.mail.recipients = t.recipients;
      out.mail.message = email_message(event, site, t.target.name, t.target.from, now);
      return out;
  }
  out.http.url = t.url;
  out.http.headers = std::move(payload.headers);
  out.http.body = std::move(payload.body);
  return out;
}

void print_outgoing(std::ostream& out, const ChangeEvent& event, const ResolvedTarget& t, const Outgoing& o) {
  out << "=== " << event.id << " -> " << t.target.name << " (" << target_kind_name(t.target.kind) << ")\n";
  if (o.is_mail) {
    const bool starttls = o.mail.starttls && o.mail.smtp_url.rfind("smtp://", 0) == 0;
    const std::size_t n = o.mail.recipients.size();
    out << "SMTP " << t.shown_url << (starttls ? " (STARTTLS)" : "") << (o.mail.username.empty() ? "" : " (login)")
        << ", " << n << " recipient" << (n == 1 ? "" : "s") << "\n";
    // The message as sent, with LF line ends for the terminal.
    for (const char c : o.mail.message)
      if (c != '\r') out << c;
    out << "\n";
    return;
  }
  out << "POST " << t.shown_url << "\n";
  for (const auto& [name, value] : o.http.headers) out << name << ": " << value << "\n";
  out << "\n" << o.http.body << "\n\n";
}

}  // namespace sitrep
