#include <doctest/doctest.h>

#include "util/did_you_mean.h"
#include "util/duration.h"
#include "util/hash.h"
#include "util/slug.h"
#include "util/source_file.h"
#include "util/time.h"
#include "util/xml_chars.h"

using namespace sitrep;
using namespace std::chrono_literals;

TEST_CASE("durations parse with units and reject everything else") {
  CHECK(parse_duration("15m") == 15min);
  CHECK(parse_duration("1h30m") == 90min);
  CHECK(parse_duration("48h") == 48h);
  CHECK(parse_duration("7d") == std::chrono::hours{168});
  CHECK(parse_duration("1w") == std::chrono::hours{168});
  CHECK(parse_duration("30s") == 30s);
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("15"));
  CHECK_FALSE(parse_duration("m"));
  CHECK_FALSE(parse_duration("1.5h"));
  CHECK_FALSE(parse_duration("0m"));
  CHECK_FALSE(parse_duration("5 minutes"));
  CHECK_FALSE(parse_duration("99999999999999h"));
}

TEST_CASE("a duration too long to hold is told apart from one that is not a duration") {
  CHECK_FALSE(parse_duration("9999999999999999h"));
  CHECK_FALSE(parse_duration("1000000000w"));
  CHECK_FALSE(parse_duration("0m"));
  CHECK(is_duration_syntax("9999999999999999h"));
  CHECK(is_duration_syntax("1h30m"));
  CHECK(is_duration_syntax("0m"));
  CHECK_FALSE(is_duration_syntax("1 hour"));
  CHECK_FALSE(is_duration_syntax("15"));
  CHECK_FALSE(is_duration_syntax("h"));
  CHECK_FALSE(is_duration_syntax(""));
}

TEST_CASE("durations format for people") {
  CHECK(format_duration(0s) == "0m");
  CHECK(format_duration(9min) == "9m");
  CHECK(format_duration(72min) == "1h 12m");
  CHECK(format_duration(std::chrono::seconds{110100}) == "1d 6h 35m");
  CHECK(format_duration(-5min) == "-5m");
}

TEST_CASE("did you mean finds near misses only") {
  const std::vector<std::string> keys{"severity", "started_at", "components"};
  CHECK(did_you_mean("severty", keys) == "did you mean 'severity'?");
  CHECK(did_you_mean("Severity", keys) == "did you mean 'severity'?");
  CHECK(did_you_mean("component", keys) == "did you mean 'components'?");
  CHECK(did_you_mean("xyz", keys).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("auht", "auth") == 1);  // a swap is one edit
  CHECK(did_you_mean("auht", {"auth", "api"}) == "did you mean 'auth'?");
}

TEST_CASE("source text checks: UTF-8, NUL bytes, line length, size") {
  Diagnostics d;
  CHECK(check_source_text("title = \"caf\xc3\xa9\"\n", "a.toml", d));
  CHECK(d.all().empty());

  CHECK_FALSE(check_source_text("a\nb = \"\xe9\"", "a.toml", d));
  REQUIRE(d.all().size() == 1);
  CHECK(d.all()[0].rule == "invalid-utf8");
  CHECK(d.all()[0].pos.line == 2);
  CHECK(d.all()[0].pos.col == 6);

  Diagnostics overlong;
  CHECK_FALSE(check_source_text("\xc0\xaf", "a.toml", overlong));  // overlong '/'
  Diagnostics surrogate;
  CHECK_FALSE(check_source_text("\xed\xa0\x80", "a.toml", surrogate));

  Diagnostics nul;
  CHECK_FALSE(check_source_text(std::string_view("ab\0c", 4), "a.toml", nul));
  CHECK(nul.all()[0].rule == "binary-file");

  Diagnostics longline;
  CHECK_FALSE(check_source_text(std::string(k_max_line_bytes + 2, 'x'), "a.toml", longline));
  CHECK(longline.all()[0].rule == "file-too-large");
}

TEST_CASE("line_of returns one line without its newline") {
  CHECK(line_of("a\nbb\r\nccc", 2) == "bb");
  CHECK(line_of("a\nbb\nccc", 3) == "ccc");
  CHECK(line_of("a", 5).empty());
  CHECK(line_of("a", 0).empty());
}

TEST_CASE("time zones: local wall-clock times, DST, abbreviations") {
  TimeZone la = find_time_zone("America/Los_Angeles");
  REQUIRE(la);
  CHECK_FALSE(find_time_zone("Mars/Olympus"));
  // 2026-04-14 07:58 PDT = 14:58 UTC (seed 000's detection)
  const TimePoint t = local_to_utc({2026, 4, 14, 7, 58, 0}, la);
  CHECK(format_rfc3339_utc(t) == "2026-04-14T14:58:00Z");
  CHECK(format_in_zone(t, la, "%H:%M %Z") == "07:58 PDT");
  // January is PST.
  CHECK(format_rfc3339_utc(local_to_utc({2026, 1, 10, 12, 0, 0}, la)) == "2026-01-10T20:00:00Z");
  // 02:30 on the spring-forward day does not exist: the earlier instant is taken.
  CHECK(format_rfc3339_utc(local_to_utc({2026, 3, 8, 2, 30, 0}, la)) == "2026-03-08T10:00:00Z");
  // Local day of an instant late in the evening PT is still that day.
  CHECK(format_date(local_day(*parse_rfc3339("2026-04-15T06:30:00Z"), la)) == "2026-04-14");
}

TEST_CASE("RFC 3339 clock values") {
  CHECK(format_rfc3339_utc(*parse_rfc3339("2026-05-01T00:00:00Z")) == "2026-05-01T00:00:00Z");
  CHECK(format_rfc3339_utc(*parse_rfc3339("2026-05-01T02:00:00+02:00")) == "2026-05-01T00:00:00Z");
  CHECK(format_rfc3339_utc(*parse_rfc3339("2026-05-01")) == "2026-05-01T00:00:00Z");
  CHECK_FALSE(parse_rfc3339("yesterday"));
  CHECK_FALSE(parse_rfc3339("2026-05-01T00:00:00Zjunk"));
}

#include "util/markdown.h"

TEST_CASE("markdown for machines drops formatting and raw HTML") {
  CHECK(sitrep::markdown_to_text("We are **investigating**.\n\n<script>alert(1)</script>\n\nMore <b>soon</b>.") ==
        "We are investigating.\n\nMore soon.");
}

TEST_CASE("markdown for the public site drops raw HTML and scopes table headers") {
  const std::string html = sitrep::markdown_to_html("<img src=x onerror=alert(1)>\n\n| A |\n|---|\n| b |\n", false);
  CHECK(html.find("onerror") == std::string::npos);
  CHECK(html.find("<th scope=\"col\">A</th>") != std::string::npos);
}

TEST_CASE("local times in a daylight-saving gap or overlap are told apart (two zones)") {
  using Kind = LocalTimeResolution::Kind;
  TimeZone la = find_time_zone("America/Los_Angeles");
  TimeZone lh = find_time_zone("Australia/Lord_Howe");  // shifts by 30 minutes
  REQUIRE(la);
  REQUIRE(lh);
  const auto utc = [](TimePoint t) { return format_rfc3339_utc(t); };

  const auto plain = resolve_local_time({2026, 4, 14, 7, 58, 0}, la);
  CHECK(plain.kind == Kind::unique);
  CHECK(utc(plain.first) == "2026-04-14T14:58:00Z");
  CHECK(utc(plain.second) == "2026-04-14T14:58:00Z");

  // Spring forward, LA: 02:00 PST -> 03:00 PDT; 02:30 read with either offset.
  const auto la_gap = resolve_local_time({2026, 3, 8, 2, 30, 0}, la);
  CHECK(la_gap.kind == Kind::nonexistent);
  CHECK(utc(la_gap.first) == "2026-03-08T10:30:00Z");  // -08:00
  CHECK(utc(la_gap.second) == "2026-03-08T09:30:00Z");  // -07:00
  CHECK(la_gap.first_offset == "-08:00");
  CHECK(la_gap.second_offset == "-07:00");

  // Fall back, LA: 01:30 happens at 08:30Z (PDT) and again at 09:30Z (PST).
  const auto la_twice = resolve_local_time({2026, 11, 1, 1, 30, 0}, la);
  CHECK(la_twice.kind == Kind::ambiguous);
  CHECK(utc(la_twice.first) == "2026-11-01T08:30:00Z");
  CHECK(utc(la_twice.second) == "2026-11-01T09:30:00Z");
  CHECK(la_twice.first_abbrev == "PDT");
  CHECK(la_twice.second_abbrev == "PST");

  // Lord Howe, first Sunday of October: 02:00 +10:30 -> 02:30 +11:00.
  const auto lh_gap = resolve_local_time({2026, 10, 4, 2, 15, 0}, lh);
  CHECK(lh_gap.kind == Kind::nonexistent);
  CHECK(utc(lh_gap.first) == "2026-10-03T15:45:00Z");
  CHECK(utc(lh_gap.second) == "2026-10-03T15:15:00Z");
  CHECK(lh_gap.first_offset == "+10:30");
  CHECK(lh_gap.second_offset == "+11:00");
  // 02:30 is the first minute after the gap: it exists once.
  CHECK(resolve_local_time({2026, 10, 4, 2, 30, 0}, lh).kind == Kind::unique);

  // Lord Howe, first Sunday of April: 02:00 +11:00 -> 01:30 +10:30.
  const auto lh_twice = resolve_local_time({2026, 4, 5, 1, 45, 0}, lh);
  CHECK(lh_twice.kind == Kind::ambiguous);
  CHECK(utc(lh_twice.first) == "2026-04-04T14:45:00Z");
  CHECK(utc(lh_twice.second) == "2026-04-04T15:15:00Z");
  CHECK(resolve_local_time({2026, 4, 5, 1, 29, 0}, lh).kind == Kind::unique);
  CHECK(resolve_local_time({2026, 4, 5, 2, 0, 0}, lh).kind == Kind::unique);

  CHECK(resolve_local_time({2026, 3, 8, 2, 30, 0}, nullptr).kind == Kind::unique);
  CHECK(format_utc_offset(std::chrono::seconds{-(5 * 3600 + 45 * 60)}) == "-05:45");
}

TEST_CASE("ascii slugs: Latin letters to their base letter, everything else a dash") {
  CHECK(ascii_slug("Zoë Ångström") == "zoe-angstrom");
  CHECK(ascii_slug("  J. Smith  ") == "j-smith");
  CHECK(ascii_slug("Łukasz Żółć") == "lukasz-zolc");
  CHECK(ascii_slug("李雷") == "");
  CHECK(ascii_slug("Team 李雷 B") == "team-b");
  CHECK(ascii_slug("a\xff\xfe" "b") == "a-b");  // stray bytes are separators
  CHECK(ascii_slug("alpha beta gamma", 12) == "alpha-beta");
  CHECK(ascii_slug("abcdefghijklmnop", 8) == "abcdefgh");
}

TEST_CASE("stable_hash is 64-bit FNV-1a") {
  CHECK(stable_hash("") == 0xcbf29ce484222325ULL);
  CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(stable_hash("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("characters XML 1.0 forbids become U+FFFD; TAB, LF, CR and other text stay") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(replace_forbidden_xml_chars("plain\ttext\r\n caf\xC3\xA9") == "plain\ttext\r\n caf\xC3\xA9");
  CHECK(replace_forbidden_xml_chars(std::string("a\0b", 3)) == "a" + r + "b");
  CHECK(replace_forbidden_xml_chars("\x01\x0b\x1b[31m\x7f") == r + r + r + "[31m" + r);
  CHECK(replace_forbidden_xml_chars("\xC2\x85|\xC2\xA0") == r + "|\xC2\xA0");        // NEL (C1) goes, NBSP stays
  CHECK(replace_forbidden_xml_chars("\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD") == r + r + r);  // U+FFFE, U+FFFF
}

TEST_CASE("parse_rfc3339: the accepted shapes, and out-of-range fields refused before date::parse sees them") {
  CHECK(parse_rfc3339("2026-11-26T11:05:00Z"));
  CHECK(parse_rfc3339("2026-11-26T03:05:00-08:00") == parse_rfc3339("2026-11-26T11:05:00Z"));
  CHECK(parse_rfc3339("2026-11-26T03:05:00-0800") == parse_rfc3339("2026-11-26T11:05:00Z"));
  CHECK(parse_rfc3339("2026-11-26") == parse_rfc3339("2026-11-26T00:00:00Z"));
  for (const char* bad : {"2026-11-26T25:00", "2026-11-26T25:00:00Z", "2026-11-26T11:60:00Z", "2026-11-26T11:05:00z",
                          "2026-11-26T11:05:00", "2026-11-26T11:05:00Z ", "2026-13-01", "2026-11-26T11:05:00.Z",
                          "2026-11-26T11:05:00+24:00", "26-11-26", "", "2026-11-26T",
                          "2026-11-26T11:05:00.250Z" /* whole seconds only, as before */})
    CHECK_MESSAGE(!parse_rfc3339(bad), bad);
}

#include "model/text.h"

TEST_CASE("item ids: URL slugs that are portable folder names") {
  CHECK(is_valid_slug("INC-2026-04-14-001"));
  CHECK(is_valid_slug("mnt_db.v2"));
  CHECK(is_valid_slug("console"));  // only the exact device names are reserved
  CHECK(is_valid_slug("com10"));
  CHECK(*slug_problem("../x") == "'/' (U+002F) at character 3 is not an ASCII letter, digit, '-', '_' or '.'");
  CHECK(*slug_problem("INC-\xd0\xb0") == "'\xd0\xb0' (U+0430) at character 5 is not an ASCII letter, digit, '-', '_' or '.'");
  CHECK(*slug_problem(std::string_view{"a\0b", 3}) == "U+0000 at character 2 is not an ASCII letter, digit, '-', '_' or '.'");
  CHECK(*slug_problem("\xf0\x9f\x9a\x80") == "'\xf0\x9f\x9a\x80' (U+1F680) at character 1 is not an ASCII letter, digit, '-', '_' or '.'");
  CHECK(*slug_problem(".x") == "it starts with '.'");
  CHECK(*slug_problem("x.") == "it ends with '.', which Windows drops from a folder's name");
  CHECK(*slug_problem(std::string(129, 'a')) == "it is 129 characters long; the limit is 128");
  CHECK(*slug_problem("") == "it is empty");
  for (const char* name : {"CON", "prn", "Aux", "nul", "COM1", "com0", "lpt9", "NUL.html", "aux.2026.x"}) {
    INFO(name);
    CHECK(is_reserved_file_name(name));
    CHECK_FALSE(is_valid_slug(name));
  }
  for (const char* name : {"CONS", "nul-1", "com", "lpt10", "xaux"}) {
    INFO(name);
    CHECK_FALSE(is_reserved_file_name(name));
  }
}
