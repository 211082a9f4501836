#include "notify/email_message.h"

#include "notify/event_text.h"
#include "notify/mail_encoding.h"
#include "notify/signature.h"

namespace sitrep {
namespace {

std::string host_of(const std::string& url) {
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  const std::size_t end = url.find_first_of(":/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  return host.empty() ? "sitrep.invalid" : host;
}

std::string body_text(const ChangeEvent& event, const SiteInfo& site) {
  std::string out = event_headline(event) + "\n";
  if (!event.message.empty()) out += "\n" + event.message + "\n";
  out += "\n";
  for (const auto& [label, value] : event_facts(event)) out += label + ": " + value + "\n";
  if (!event.url.empty()) out += "\nDetails: " + event.url + "\n";
  out += "\n-- \n" + site.name + (site.url.empty() ? "" : " - " + site.url) + "\n";
  out += "You receive this message because you subscribed to status updates.\n";
  return out;
}

}  // namespace

std::string mail_address(const std::string& from) {
  const std::size_t open = from.rfind('<');
  const std::size_t close = from.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return from;
  return from.substr(open + 1, close - open - 1);
}

std::string email_message_id(const ChangeEvent& event, const std::string& target_name, const SiteInfo& site) {
  // A keyed digest only to get a fixed-length, header-safe token; not a secret.
  const std::string digest = hmac_sha256_hex("sitrep-message-id", event.id + "\n" + target_name);
  return "<" + digest.substr(0, 32) + "@" + host_of(site.url) + ">";
}

std::string email_message(const ChangeEvent& event, const SiteInfo& site, const std::string& target_name,
                          const std::string& from, TimePoint fallback) {
  const TimePoint date = parse_rfc3339(event.at).value_or(fallback);
  const std::string subject = "[" + site.name + "] " + event_headline(event);
  std::string out;
  out += "Date: " + rfc5322_date(date) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: undisclosed-recipients:;\r\n";
  out += "Subject: " + encode_header_value(truncate_text(subject, 900)) + "\r\n";
  out += "Message-ID: " + email_message_id(event, target_name, site) + "\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += quoted_printable(body_text(event, site));
  return out;
}

}  // namespace sitrep
