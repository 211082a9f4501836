#include "author/time_option.h"

#include <cstdio>

namespace sitrep {
namespace {

// "YYYY-MM-DD", then optionally T or a space and "HH:MM" or "HH:MM:SS".
std::optional<LocalDateTime> read_local(std::string_view text) {
  const std::string s{text};
  LocalDateTime l;
  int n = 0;
  if (std::sscanf(s.c_str(), "%4d-%2u-%2u%n", &l.year, &l.month, &l.day, &n) != 3 || n != 10) return std::nullopt;
  if (s.size() == 10) return l;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int m = 0;
  const std::string clock = s.substr(11);
  if (std::sscanf(clock.c_str(), "%2u:%2u%n", &l.hour, &l.minute, &m) != 2 || m != 5) return std::nullopt;
  if (clock.size() > 5) {
    int k = 0;
    if (std::sscanf(clock.c_str() + 5, ":%2u%n", &l.second, &k) != 1 || k != 3 || clock.size() != 8)
      return std::nullopt;
  }
  if (l.month < 1 || l.month > 12 || l.day < 1 || l.day > 31 || l.hour > 23 || l.minute > 59 || l.second > 59)
    return std::nullopt;
  return l;
}

// The instant of a local time, unless the zone skipped it.
std::optional<TimePoint> local_instant(const LocalDateTime& local, TimeZone zone,
                                       std::optional<LocalTimeProblem>* problem) {
  auto found = local_time_problem(local, zone);
  const bool gap = found && found->rule == "local-time-gap";
  if (problem) *problem = std::move(found);
  if (gap) return std::nullopt;
  return local_to_utc(local, zone);
}

}  // namespace

std::optional<TimePoint> parse_time_option(std::string_view text, TimeZone zone, std::optional<TimePoint> reference,
                                           std::optional<LocalTimeProblem>* problem) {
  if (text.empty()) return std::nullopt;
  if (const auto local = read_local(text)) return local_instant(*local, zone, problem);
  if (auto t = parse_rfc3339(text)) return t;
  if (!reference || (text.size() != 5 && text.size() != 8)) return std::nullopt;
  // A bare clock time: on the reference's local day, else the day before.
  const std::string day = format_in_zone(*reference, zone, "%F");
  const auto today = read_local(day + "T" + std::string{text});
  if (!today) return std::nullopt;
  const TimePoint t = local_to_utc(*today, zone);
  if (t <= *reference) return local_instant(*today, zone, problem);
  const auto yesterday = read_local(format_date(local_day(*reference, zone) - std::chrono::days{1}) + "T" +
                                    std::string{text});
  return local_instant(*yesterday, zone, problem);
}

}  // namespace sitrep
