#include <doctest/doctest.h>

#include "load/parse.h"
#include "render/calendar.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

// RFC 5545 3.1: a CRLF followed by one space is removed when reading.
std::string unfold(std::string s) {
  for (std::size_t at; (at = s.find("\r\n ")) != std::string::npos;) s.erase(at, 3);
  return s;
}

std::vector<std::string> physical_lines(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t pos = 0, end; (end = s.find("\r\n", pos)) != std::string::npos; pos = end + 2)
    out.push_back(s.substr(pos, end - pos));
  return out;
}

bool starts_mid_sequence(const std::string& line) {
  const std::size_t first = line.rfind(' ', 0) == 0 ? 1 : 0;
  return line.size() > first && (static_cast<unsigned char>(line[first]) & 0xC0) == 0x80;
}

bool every_lf_after_cr(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) return false;
  return true;
}

struct CalendarFixture {
  Model model;
  Diagnostics diags;

  explicit CalendarFixture(const std::vector<std::string>& windows) {
    model.site =
        parse_site("title = \"Acme, Inc.\"\nbase_url = \"https://status.acme.example\"\ntime_zone = \"Etc/UTC\"\n",
                   "content/site.toml", diags);
    model.components = parse_components(
        "[[components]]\nid = \"db\"\nname = \"Database\"\n"
        "[[components]]\nid = \"batch\"\nname = \"B\"\npublic = false\n",
        "content/components.toml", diags);
    for (const auto& text : windows)
      if (auto m = parse_maintenance(text, "m.toml", model.site.time_zone, diags)) model.maintenance.push_back(*m);
    REQUIRE_MESSAGE(diags.all().empty(), rules_of(diags));
  }

  std::string render(const char* now = "2026-04-14T12:00:00Z") {
    const PublicView view = make_public_view(model, *parse_rfc3339(now));
    TemplateSet templates;  // ICS uses no template
    RenderContext ctx{model, view, templates, diags};
    Outputs out = render_calendar(ctx);
    REQUIRE(out.size() == 1);
    CHECK(out[0].path == "maintenance.ics");
    return out[0].bytes;
  }
};

const char* const k_upgrade = R"(id = "MNT-1"
title = "Upgrade; phase 1, part A"
components = ["db"]
scheduled_start = 2026-05-01T22:00:00Z
scheduled_end = 2026-05-02T00:30:00Z
message = """
Saving may fail, briefly; retry \\ please.
Überprüfung läuft während des gesamten Wartungsfensters — Änderungen können kurz fehlschlagen.
"""
[[updates]]
at = 2026-04-10T09:00:00Z
status = "scheduled"
message = "Scheduled."
[[updates]]
at = 2026-04-12T09:00:00Z
status = "scheduled"
message = "Still on."
)";

const char* const k_quiet = R"(id = "MNT-2"
title = "Quiet"
components = ["db"]
scheduled_start = 2026-06-01T22:00:00Z
scheduled_end = 2026-06-01T23:00:00Z
message = "m"
)";

const char* const k_secret = R"(id = "MNT-SECRET"
title = "SECRET"
components = ["batch"]
public = false
scheduled_start = 2026-06-01T22:00:00Z
scheduled_end = 2026-06-01T23:00:00Z
message = "m"
)";

}  // namespace

TEST_CASE("TEXT values escape backslash, comma, semicolon and newlines") {
  CHECK(ics_escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
  CHECK(ics_escape_text("line\r\nnext") == "line\\nnext");
  CHECK(ics_escape_text("tab\there\x01") == "tab\there");
  CHECK(ics_escape_text("Zürich") == "Zürich");
  // A lone CR, NEL, LINE and PARAGRAPH SEPARATOR are line breaks: "\n",
  // never a raw break that could start a property; other C1 controls go.
  CHECK(ics_escape_text("a\rBEGIN:VEVENT") == "a\\nBEGIN:VEVENT");
  CHECK(ics_escape_text("a\u0085b\u2028c\u2029d") == "a\\nb\\nc\\nd");
  CHECK(ics_escape_text("a\u0080\u009fb\u2027") == "ab\u2027");
  CHECK(ics_escape_text("end\r") == "end\\n");
}

TEST_CASE("content lines fold at 75 octets and end in CRLF") {
  CHECK(ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
  const std::string exact = "X:" + std::string(73, 'a');
  CHECK(ics_fold(exact) == exact + "\r\n");  // 75 octets: no fold

  const std::string ascii = "DESCRIPTION:" + std::string(200, 'x');
  const std::string folded = ics_fold(ascii);
  for (const auto& line : physical_lines(folded)) CHECK(line.size() <= 75);
  CHECK(physical_lines(folded)[0].size() == 75);
  CHECK(physical_lines(folded)[1].front() == ' ');
  CHECK(unfold(folded) == ascii + "\r\n");
}

TEST_CASE("folding never splits a UTF-8 sequence") {
  std::string line = "SUMMARY:x";  // odd offset, so 2-byte characters straddle octet 75
  for (int i = 0; i < 60; ++i) line += "é€";
  const std::string folded = ics_fold(line);
  const auto lines = physical_lines(folded);
  CHECK(lines.size() > 2);
  for (const auto& l : lines) {
    CHECK(l.size() <= 75);
    CHECK_FALSE(starts_mid_sequence(l));
  }
  CHECK(unfold(folded) == line + "\r\n");
}

TEST_CASE("url_host takes the host of base_url") {
  CHECK(url_host("https://status.acme.example") == "status.acme.example");
  CHECK(url_host("https://Status.Acme.Example:8443/sub/") == "status.acme.example");
  CHECK(url_host("http://user@host.example/x?y") == "host.example");
  CHECK(url_host("") == "");
}

TEST_CASE("maintenance.ics is a published RFC 5545 calendar of public windows") {
  CalendarFixture f({k_upgrade, k_quiet, k_secret});
  const std::string ics = f.render();
  CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
  CHECK(ics.size() >= 15);
  CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
  CHECK(every_lf_after_cr(ics));
  for (const auto& line : physical_lines(ics)) {
    CHECK(line.size() <= 75);
    CHECK_FALSE(starts_mid_sequence(line));
  }
  const std::string text = unfold(ics);
  CHECK(text.find("\r\nCALSCALE:GREGORIAN\r\n") != std::string::npos);
  CHECK(text.find("\r\nX-WR-CALNAME:Acme\\, Inc. maintenance\r\n") != std::string::npos);
  CHECK(text.find("METHOD") == std::string::npos);
  CHECK(text.find("SECRET") == std::string::npos);

  const auto count = [&](const std::string& what) {
    int n = 0;
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; ++at) ++n;
    return n;
  };
  CHECK(count("BEGIN:VEVENT\r\n") == 2);
  CHECK(count("END:VEVENT\r\n") == 2);
  CHECK(count("STATUS:CONFIRMED\r\n") == 2);

  CHECK(text.find("\r\nUID:MNT-1@status.acme.example\r\n") != std::string::npos);
  CHECK(text.find("\r\nDTSTART:20260501T220000Z\r\nDTEND:20260502T003000Z\r\n") != std::string::npos);
  CHECK(text.find("\r\nDTSTAMP:20260412T090000Z\r\n") != std::string::npos);  // latest update
  CHECK(text.find("\r\nUID:MNT-2@status.acme.example\r\nDTSTAMP:20260601T220000Z\r\n") !=
        std::string::npos);  // no update: the start
  CHECK(text.find("\r\nSUMMARY:Upgrade\\; phase 1\\, part A\r\n") != std::string::npos);
  CHECK(text.find("\r\nDESCRIPTION:Saving may fail\\, briefly\\; retry \\\\ please.\\nÜberprüfung") !=
        std::string::npos);
  CHECK(text.find("\\n\\nScheduled: Still on.\r\n") != std::string::npos);
  CHECK(text.find("\r\nURL:https://status.acme.example/maintenance/MNT-1/\r\n") != std::string::npos);
}

TEST_CASE("the calendar is stable: same UIDs and bytes across renders and clocks") {
  CalendarFixture f({k_upgrade, k_quiet});
  const std::string first = f.render();
  CHECK(first == f.render());
  // A later clock with no new update changes nothing about the events.
  CHECK(first == f.render("2026-04-20T00:00:00Z"));
}

TEST_CASE("the calendar keeps windows not yet ended and those ended within k_calendar_history") {
  // MNT-2 ends 2026-06-01T23:00Z.
  CalendarFixture f({k_quiet});
  const auto has_window = [&](const char* now) {
    return f.render(now).find("UID:MNT-2@status.acme.example") != std::string::npos;
  };
  CHECK(has_window("2026-04-14T12:00:00Z"));  // upcoming
  CHECK(has_window("2026-06-01T22:30:00Z"));  // in progress
  CHECK(has_window("2026-08-30T22:59:59Z"));  // ended a second less than 90 days before
  CHECK_FALSE(has_window("2026-08-30T23:00:00Z"));  // the instant next-change names

  // Gone from the calendar, the file still is one.
  const std::string empty = f.render("2027-01-01T00:00:00Z");
  CHECK(empty.find("BEGIN:VCALENDAR") == 0);
  CHECK(empty.find("BEGIN:VEVENT") == std::string::npos);
}
