#pragma once
// Time points are UTC seconds; zones come from the IANA database (Howard
// Hinnant's date/tz over the system tzdata). date/tz.h stays out of headers.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace sitrep {

using TimePoint = std::chrono::sys_seconds;
using Day = std::chrono::sys_days;
using TimeZone = const date::time_zone*;

// nullptr when the name is not in the IANA database.
TimeZone find_time_zone(std::string_view name);
TimeZone utc_zone();
std::vector<std::string> time_zone_names();
// The IANA database's version ("2025b"); date's "unknown" when no file
// names it. A new one can move a past local time (a zone's old rules
// corrected).
std::string time_zone_database_version();
// The IANA name ("Australia/Lord_Howe"); "UTC" for nullptr.
std::string zone_name_of(TimeZone zone);

struct LocalDateTime {
  int year = 1970;
  unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
};
// A wall-clock time in `zone`. In a DST gap or overlap the earlier instant
// is taken, as a person reading a clock would. Content files go through
// resolve_local_time instead, so that a gap or an overlap is reported.
TimePoint local_to_utc(const LocalDateTime& local, TimeZone zone);

// What a wall-clock time means in a zone around a daylight-saving change.
struct LocalTimeResolution {
  enum class Kind { unique, nonexistent, ambiguous };
  Kind kind = Kind::unique;
  // The wall time read with the offset in force before the change (first)
  // and after it (second); both the one instant when unique. ambiguous: the
  // first and the second time the clock showed it. nonexistent: what writing
  // out either offset would mean (the clock never showed it).
  TimePoint first{}, second{};
  // The UTC offsets ("+10:30") and abbreviations of the two readings.
  std::string first_offset, second_offset, first_abbrev, second_abbrev;
};
LocalTimeResolution resolve_local_time(const LocalDateTime& local, TimeZone zone);

// What to tell a person who wrote `local` without an offset, when the zone's
// clocks skipped it (rule "local-time-gap") or showed it twice
// ("local-time-ambiguous"); nullopt when it names one instant. The files and
// the command line's time options say the same words.
struct LocalTimeProblem {
  std::string rule, message, hint;
};
std::optional<LocalTimeProblem> local_time_problem(const LocalDateTime& local, TimeZone zone);

// "+10:30", "-07:00", "+00:00"
std::string format_utc_offset(std::chrono::seconds offset);

// "2026-04-14T14:58:00Z"
std::string format_rfc3339_utc(TimePoint t);
// "2026-04-14"
std::string format_date(Day d);
// Formats with strftime-like `fmt` in `zone`; %Z gives the abbreviation.
std::string format_in_zone(TimePoint t, TimeZone zone, const char* fmt);
// The calendar day of `t` in `zone`.
Day local_day(TimePoint t, TimeZone zone);

// Accepts "2026-04-14T14:58:00Z", "...+02:00", "2026-04-14" (midnight UTC).
std::optional<TimePoint> parse_rfc3339(std::string_view text);

}  // namespace sitrep
