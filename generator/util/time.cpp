#include "util/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <clocale>
#include <cstdio>
#include <ctime>
#include <fstream>
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

std::string time_zone_database_version() {
  // Read once: the database date loaded stays the one this process uses,
  // and every load (each of serve's rebuilds) asks.
  static const std::string version = [] {
    // date reads the system's zoneinfo (USE_OS_TZDB), whose version it looks
    // for in a +VERSION file Debian does not ship ("unknown"); Debian's
    // tzdata.zi names it on its first line instead: "# version 2025b".
    std::string from_date;
    try {
      from_date = date::get_tzdb().version;
    } catch (const std::exception&) {
    }
    if (!from_date.empty() && from_date != "unknown") return from_date;
    std::ifstream zi("/usr/share/zoneinfo/tzdata.zi");
    std::string first;
    std::getline(zi, first);
    constexpr std::string_view k_prefix = "# version ";
    return first.rfind(k_prefix, 0) == 0 ? first.substr(k_prefix.size()) : from_date;
  }();
  return version;
}

std::vector<std::string> time_zone_names() {
  std::vector<std::string> out;
  try {
    for (const auto& z : date::get_tzdb().zones) out.push_back(z.name());
  } catch (const std::exception&) {
  }
  return out;
}

std::string zone_name_of(TimeZone zone) { return zone ? std::string{zone->name()} : std::string{"UTC"}; }

TimePoint local_to_utc(const LocalDateTime& l, TimeZone zone) {
  const auto day = date::local_days{date::year{l.year} / date::month{l.month} / date::day{l.day}};
  const auto local = day + std::chrono::hours{l.hour} + std::chrono::minutes{l.minute} + std::chrono::seconds{l.second};
  if (!zone) return TimePoint{local.time_since_epoch()};
  return std::chrono::time_point_cast<std::chrono::seconds>(zone->to_sys(local, date::choose::earliest));
}

std::string format_utc_offset(std::chrono::seconds offset) {
  const auto total = offset.count();
  const auto magnitude = total < 0 ? -total : total;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", total < 0 ? '-' : '+', static_cast<long long>(magnitude / 3600),
                static_cast<long long>(magnitude % 3600 / 60));
  return buf;
}

LocalTimeResolution resolve_local_time(const LocalDateTime& l, TimeZone zone) {
  LocalTimeResolution r;
  r.first = r.second = local_to_utc(l, zone);
  if (!zone) return r;
  const auto day = date::local_days{date::year{l.year} / date::month{l.month} / date::day{l.day}};
  const date::local_seconds local =
      day + std::chrono::hours{l.hour} + std::chrono::minutes{l.minute} + std::chrono::seconds{l.second};
  const date::local_info info = zone->get_info(local);
  if (info.result == date::local_info::unique) return r;
  r.kind = info.result == date::local_info::nonexistent ? LocalTimeResolution::Kind::nonexistent
                                                        : LocalTimeResolution::Kind::ambiguous;
  // Read with each side's offset: in an overlap these are the two instants
  // the clock showed this time; in a gap, the two an offset written out gives.
  r.first = TimePoint{local.time_since_epoch()} - info.first.offset;
  r.second = TimePoint{local.time_since_epoch()} - info.second.offset;
  r.first_offset = format_utc_offset(info.first.offset);
  r.second_offset = format_utc_offset(info.second.offset);
  r.first_abbrev = info.first.abbrev;
  r.second_abbrev = info.second.abbrev;
  return r;
}

std::optional<LocalTimeProblem> local_time_problem(const LocalDateTime& local, TimeZone zone) {
  const LocalTimeResolution r = resolve_local_time(local, zone);
  if (r.kind == LocalTimeResolution::Kind::unique) return std::nullopt;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02u:%02u:%02u", local.year, local.month, local.day, local.hour,
                local.minute, local.second);
  const std::string zone_name = zone_name_of(zone);
  const auto reading = [&](const std::string& offset, TimePoint t) {
    return std::string{text} + offset + " (" + format_rfc3339_utc(t) + ")";
  };
  if (r.kind == LocalTimeResolution::Kind::nonexistent)
    return LocalTimeProblem{"local-time-gap",
                            std::string{text} + " does not exist in " + zone_name + ": the clocks jumped from " +
                                r.first_abbrev + " (" + r.first_offset + ") to " + r.second_abbrev + " (" +
                                r.second_offset + ") over it",
                            "write the UTC offset you mean: " + reading(r.first_offset, r.first) + " or " +
                                reading(r.second_offset, r.second)};
  return LocalTimeProblem{"local-time-ambiguous",
                          std::string{text} + " happens twice in " + zone_name + " (the clocks went back from " +
                              r.first_abbrev + " to " + r.second_abbrev + "); took the first, " +
                              reading(r.first_offset, r.first),
                          "write the offset to say which: " + reading(r.first_offset, r.first) + " or " +
                              reading(r.second_offset, r.second)};
}

namespace {

// date::format builds an ostringstream, and with it a locale, for every
// call: a tenth of a 10 000-incident build's CPU, pages print thousands of
// times. Here date still does the arithmetic (zone, offset, abbreviation,
// calendar fields) and the C library's strftime_l prints them in the "C"
// locale, as date::format does with the classic one. One extension: %Ez
// ("+hh:mm", which strftime lacks) is written out before strftime sees the
// format. tests/unit/test_time_format.cpp holds the two to the same bytes.
std::string strftime_c(std::string_view fmt, date::local_seconds local, std::chrono::seconds offset,
                       const std::string& abbrev) {
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t{});
  std::string pattern;
  pattern.reserve(fmt.size() + 8);
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    if (fmt.compare(i, 3, "%Ez") == 0) {
      pattern += format_utc_offset(offset);
      i += 2;
    } else {
      pattern += fmt[i];
      if (fmt[i] == '%' && i + 1 < fmt.size()) pattern += fmt[++i];  // "%%" stays one escape
    }
  }
  const date::local_days day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  std::tm tm{};
  tm.tm_year = static_cast<int>(ymd.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  tm.tm_hour = static_cast<int>(hms.hours().count());
  tm.tm_min = static_cast<int>(hms.minutes().count());
  tm.tm_sec = static_cast<int>(hms.seconds().count());
  tm.tm_wday = static_cast<int>(date::weekday{day}.c_encoding());
  tm.tm_yday = static_cast<int>((day - date::local_days{ymd.year() / date::January / 1}).count());
  tm.tm_gmtoff = static_cast<long>(offset.count());
  tm.tm_zone = abbrev.c_str();
  char buffer[256];
  const std::size_t n = strftime_l(buffer, sizeof buffer, pattern.c_str(), &tm, c_locale);
  if (n == 0 && !pattern.empty()) return {};  // longer than any format sitrep prints; the caller's bug
  return std::string(buffer, n);
}

const std::string k_utc_abbrev = "UTC";

}  // namespace

std::string format_rfc3339_utc(TimePoint t) { return format_in_zone(t, nullptr, "%FT%TZ"); }

std::string format_date(Day d) { return format_in_zone(TimePoint{d}, nullptr, "%F"); }

std::string format_in_zone(TimePoint t, TimeZone zone, const char* fmt) {
  if (!zone) return strftime_c(fmt, date::local_seconds{t.time_since_epoch()}, std::chrono::seconds{0}, k_utc_abbrev);
  const date::sys_info info = zone->get_info(t);
  return strftime_c(fmt, date::local_seconds{t.time_since_epoch() + info.offset}, info.offset, info.abbrev);
}

Day local_day(TimePoint t, TimeZone zone) {
  if (!zone) return std::chrono::floor<date::days>(t);
  const auto local = zone->to_local(t);
  return Day{std::chrono::floor<date::days>(local).time_since_epoch()};
}

namespace {

// Whether `text` has the shape parse_rfc3339 accepts, fields in range:
// date::parse reads a failed %T's seconds as NaN and converts it to an
// integer (undefined behaviour that UBSan reports), so only text that will
// parse is handed to it.
bool has_rfc3339_shape(std::string_view t) {
  const auto digits = [&](std::size_t at, std::size_t n, int max) {
    if (at + n > t.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      v = v * 10 + (t[i] - '0');
    }
    return v <= max;
  };
  const auto is = [&](std::size_t at, char c) { return at < t.size() && t[at] == c; };
  if (!digits(0, 4, 9999) || !is(4, '-') || !digits(5, 2, 12) || !is(7, '-') || !digits(8, 2, 31)) return false;
  if (t.size() == 10) return true;  // a date alone
  if (!is(10, 'T') || !digits(11, 2, 23) || !is(13, ':') || !digits(14, 2, 59) || !is(16, ':') || !digits(17, 2, 60))
    return false;
  std::size_t at = 19;
  if (is(at, '.')) {
    std::size_t end = at + 1;
    while (end < t.size() && t[end] >= '0' && t[end] <= '9') ++end;
    if (end == at + 1) return false;
    at = end;
  }
  if (is(at, 'Z')) return at + 1 == t.size();
  if (!is(at, '+') && !is(at, '-')) return false;
  if (!digits(at + 1, 2, 23)) return false;
  if (is(at + 3, ':')) return digits(at + 4, 2, 59) && at + 6 == t.size();
  return digits(at + 3, 2, 59) && at + 5 == t.size();
}

}  // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  if (!has_rfc3339_shape(text)) return std::nullopt;
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
