#include "util/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <sstream>

namespace sitrep {

TimeZone find_time_zone(std::string_view name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

TimeZone utc_zone() { return find_time_zone("Etc/UTC"); }

std::vector<std::string> time_zone_names() {
  std::vector<std::string> out;
  try {
    for (const auto& z : date::get_tzdb().zones) out.push_back(z.name());
  } catch (const std::exception&) {
  }
  return out;
}

TimePoint local_to_utc(const LocalDateTime& l, TimeZone zone) {
  const auto day = date::local_days{date::year{l.year} / date::month{l.month} / date::day{l.day}};
  const auto local = day + std::chrono::hours{l.hour} + std::chrono::minutes{l.minute} + std::chrono::seconds{l.second};
  if (!zone) return TimePoint{local.time_since_epoch()};
  return std::chrono::time_point_cast<std::chrono::seconds>(zone->to_sys(local, date::choose::earliest));
}

std::string format_rfc3339_utc(TimePoint t) { return date::format("%FT%TZ", t); }

std::string format_date(Day d) { return date::format("%F", d); }

std::string format_in_zone(TimePoint t, TimeZone zone, const char* fmt) {
  if (!zone) return date::format(fmt, t);
  return date::format(fmt, date::make_zoned(zone, t));
}

Day local_day(TimePoint t, TimeZone zone) {
  if (!zone) return std::chrono::floor<date::days>(t);
  const auto local = zone->to_local(t);
  return Day{std::chrono::floor<date::days>(local).time_since_epoch()};
}

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  const std::string s{text};
  TimePoint t;
  for (const char* fmt : {"%FT%TZ", "%FT%T%Ez", "%FT%T%z"}) {
    std::istringstream in{s};
    in >> date::parse(fmt, t);
    if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return t;
  }
  std::istringstream in{s};
  date::sys_days d;
  in >> date::parse("%F", d);
  if (!in.fail() && in.peek() == std::char_traits<char>::eof()) return TimePoint{d};
  return std::nullopt;
}

}  // namespace sitrep
