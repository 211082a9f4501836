#include "render/calendar.h"

#include <algorithm>
#include <cctype>

#include "model/text.h"
#include "render/html_common.h"
#include "render/urls.h"

namespace sitrep {

std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto next = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        // Half of a CRLF, whose LF becomes "\n"; a lone CR is a line break
        // of its own, and never a raw one (it would end the content line).
        if (next(1) != '\n') out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += c;
        break;
      default: {
        const auto b = static_cast<unsigned char>(c);
        // NEL (U+0085), LINE and PARAGRAPH SEPARATOR (U+2028, U+2029): line
        // breaks to Unicode and to parsers that split lines on them (Python's
        // str.splitlines), so they are written as "\n" too; the other C1
        // controls are dropped like the C0 ones (TEXT holds no controls).
        if (b == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
          if (next(1) == 0x85) out += "\\n";
          ++i;
        } else if (b == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
          out += "\\n";
          i += 2;
        } else if (b >= 0x20 && b != 0x7f) {
          out += c;
        }
      }
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  constexpr std::size_t k_max_octets = 75;
  const auto is_continuation = [&](std::size_t i) { return (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80; };
  std::string out;
  std::size_t pos = 0, room = k_max_octets;
  while (line.size() - pos > room) {
    std::size_t cut = pos + room;
    while (cut > pos && is_continuation(cut)) --cut;  // keep a UTF-8 sequence on one line
    if (cut == pos) cut = pos + room;                 // not UTF-8 at all: octets are all we can count
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    room = k_max_octets - 1;  // the leading space of a continuation line counts
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string ics_utc(TimePoint t) { return format_in_zone(t, nullptr, "%Y%m%dT%H%M%SZ"); }

std::string url_host(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.empty() && url.front() != '[') url = url.substr(0, url.find(':'));  // drop a port
  return to_lower(url);
}

namespace {

struct IcsWriter {
  std::string out;
  void value(std::string_view name, std::string_view raw) {
    out += ics_fold(std::string{name} + ":" + std::string{raw});
  }
  void text(std::string_view name, std::string_view text) { value(name, ics_escape_text(text)); }
};

// The announcement, then the latest word on it, as plain text.
std::string description(const PublicMaintenance& p) {
  std::string out = trim(p.maintenance->message);
  if (!p.updates.empty()) {
    const MaintenanceUpdate& last = *p.updates.back();
    out += "\n\n" + status_label(last.status) + ": " + trim(last.message);
  }
  return out;
}

void write_event(IcsWriter& w, const RenderContext& ctx, const PublicMaintenance& p, const std::string& host) {
  const Maintenance& m = *p.maintenance;
  // DTSTAMP must change when the event does, and must not change otherwise.
  const TimePoint stamp = p.updates.empty() ? m.scheduled_start : p.updates.back()->at;
  w.value("BEGIN", "VEVENT");
  w.value("UID", m.id + "@" + host);
  w.value("DTSTAMP", ics_utc(stamp));
  w.value("DTSTART", ics_utc(m.scheduled_start));
  w.value("DTEND", ics_utc(m.scheduled_end));
  w.text("SUMMARY", m.title);
  w.text("DESCRIPTION", description(p));
  w.value("URL", urls::absolute(ctx.site().base_url, urls::maintenance(m.id)));
  w.value("STATUS", "CONFIRMED");
  w.value("TRANSP", "TRANSPARENT");  // a window on our side does not make the reader busy
  w.value("END", "VEVENT");
}

// Whether a window belongs in the calendar at `now`: see k_calendar_history.
bool in_calendar(const PublicMaintenance& p, TimePoint now) {
  return p.active() || leaves_calendar_at(*p.maintenance) > now;
}

}  // namespace

Outputs render_calendar(const RenderContext& ctx) {
  const SiteConfig& site = ctx.site();
  std::string host = url_host(site.base_url);
  if (host.empty()) host = "sitrep.invalid";
  IcsWriter w;
  w.value("BEGIN", "VCALENDAR");
  w.value("VERSION", "2.0");
  w.value("PRODID", "-//sitrep//sitrep status page//EN");
  w.value("CALSCALE", "GREGORIAN");
  // No METHOD: this is a published calendar, not an iTIP invitation.
  w.text("X-WR-CALNAME", site.title + " maintenance");
  // Subscribed calendars poll; hourly keeps a changed window fresh.
  w.value("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
  w.value("X-PUBLISHED-TTL", "PT1H");
  for (const auto& p : ctx.view.maintenance)
    if (in_calendar(p, ctx.view.now)) write_event(w, ctx, p, host);
  w.value("END", "VCALENDAR");
  return {{std::string{urls::k_calendar}, std::move(w.out)}};
}

}  // namespace sitrep
