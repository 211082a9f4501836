// format_in_zone prints through strftime_l (date::format's per-call
// ostringstream was a tenth of a large build); it must print exactly what
// date::format prints, for every format sitrep uses, in zones with odd
// offsets and daylight saving, at times spread over sitrep's whole range.
#include <doctest/doctest.h>

#include <date/date.h>
#include <date/tz.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "util/time.h"

using namespace sitrep;

namespace {
std::string reference(TimePoint t, TimeZone zone, const char* fmt) {
  if (!zone) return date::format(fmt, t);
  return date::format(fmt, date::make_zoned(zone, t));
}
}  // namespace

TEST_CASE("time_format: format_in_zone prints what date::format prints") {
  // Every format passed to format_in_zone in generator/ (grep it), plus escapes.
  const std::vector<const char*> formats = {
      "%B %Y", "%F", "%FT%T%Ez", "%FT%TZ", "%H:%M %Z", "%Y%m%dT%H%M%SZ", "%Y-%m", "%Y-%m-%d %H:%M %Z",
      "%a, %d %b %Y %H:%M:%S +0000", "%b %d, %Y %H:%M %Z", "%b %d, %Y", "100%% at %H:%M", "%A %j %e"};
  std::vector<TimeZone> zones = {nullptr};
  for (const char* name : {"Etc/UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe",
                           "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Sao_Paulo"}) {
    zones.push_back(find_time_zone(name));
    REQUIRE(zones.back() != nullptr);
  }
  std::mt19937_64 random(12);
  // 1970-01-01 .. 2199-12-31, and the edges themselves.
  std::uniform_int_distribution<std::int64_t> seconds(0, 7'289'567'999);
  std::vector<TimePoint> times = {TimePoint{}, TimePoint{std::chrono::seconds{7'289'567'999}},
                                  TimePoint{std::chrono::seconds{-1}}};
  for (int i = 0; i < 3000; ++i) times.push_back(TimePoint{std::chrono::seconds{seconds(random)}});
  // Around a daylight-saving change in Berlin (2026-03-29 01:00 UTC).
  for (int s = -7200; s <= 7200; s += 900) times.push_back(TimePoint{std::chrono::seconds{1'774'746'000 + s}});
  for (const TimePoint t : times)
    for (const TimeZone zone : zones)
      for (const char* fmt : formats) {
        const std::string got = format_in_zone(t, zone, fmt), want = reference(t, zone, fmt);
        if (got != want) FAIL_CHECK(fmt << " at " << t.time_since_epoch().count() << ": '" << got << "' != '" << want << "'");
      }
  CHECK(format_rfc3339_utc(TimePoint{std::chrono::seconds{1'776'178'680}}) == "2026-04-14T14:58:00Z");
  CHECK(format_date(Day{date::days{20'557}}) == "2026-04-14");
}

TEST_CASE("the time zone database names its version (load_site mixes it into config_hash)") {
  // Debian's tzdata writes it on the first line of tzdata.zi: "# version 2025b".
  std::ifstream zi("/usr/share/zoneinfo/tzdata.zi");
  std::string first;
  std::getline(zi, first);
  REQUIRE(first.rfind("# version ", 0) == 0);
  CHECK(time_zone_database_version() == first.substr(10));
}
