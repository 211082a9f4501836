#include <doctest/doctest.h>

#include "load/parse.h"
#include "model/postmortem_actions.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {
const char* k_postmortem = R"(+++
incident = "INC-1"
title = "Auth outage"
status = "final"
authors = ["Dana"]
date = 2026-04-16
public = true
+++

# Postmortem: Auth outage

## Incident Summary
Login failed.

## What Worked
Rollback.

## Action Items
| Priority | Action | Owner | Due Date | Status |
|---|---|---|---|---|
| P0 | Config guard | Backend Lead | 2026-04-18 | Open |
| P1 | Load test | `QA` | April 19 | In progress |

## Lessons Learned
)";
}

TEST_CASE("front matter, sections and their lines") {
  Diagnostics d;
  auto pm = parse_postmortem(k_postmortem, "p.md", d);
  REQUIRE(pm);
  CHECK(d.all().empty());
  CHECK(pm->incident == "INC-1");
  CHECK(pm->is_public);
  CHECK(pm->body_line == 9);
  REQUIRE(pm->sections.size() == 4);
  CHECK(pm->sections[0].heading == "Incident Summary");
  CHECK(pm->sections[0].line == 12);
  CHECK(pm->sections[0].markdown == "Login failed.\n\n");
  CHECK_FALSE(pm->sections[0].empty);
  CHECK(pm->sections[2].line == 18);
  CHECK(pm->sections[3].empty);
}

TEST_CASE("a leading UTF-8 byte order mark is skipped, as toml++ skips one in .toml files") {
  Diagnostics d;
  auto pm = parse_postmortem(std::string{"\xEF\xBB\xBF"} + k_postmortem, "p.md", d);
  REQUIRE(pm);
  CHECK(d.all().empty());
  CHECK(pm->incident == "INC-1");
  CHECK(pm->sections[0].line == 12);
}

TEST_CASE("the action table is read through cmark-gfm and mapped by the template") {
  Diagnostics d;
  auto pm = parse_postmortem(k_postmortem, "p.md", d);
  PostmortemTemplate tpl;
  tpl.sections.push_back({"action_items", "Action Items", {}, {}, false, {}});
  tpl.action_table.column_aliases.push_back({"Due", {"Due Date"}});
  const auto view = find_action_table(*pm, tpl);
  CHECK(view.missing_columns.empty());
  const auto items = postmortem_actions(*pm, tpl);
  REQUIRE(items.size() == 2);
  CHECK(items[0].action == "Config guard");
  CHECK(items[0].owner == "Backend Lead");
  CHECK(format_date(*items[0].due) == "2026-04-18");
  CHECK(items[0].status == "open");
  CHECK(items[0].priority == "P0");
  CHECK(items[0].pos.line == 21);
  CHECK(items[1].owner == "QA");  // inline code is text too
  CHECK_FALSE(items[1].due);
  CHECK(items[1].due_text == "April 19");
  CHECK(items[1].status == "in_progress");
}

TEST_CASE("front matter errors: missing, unterminated, and TOML errors on file lines") {
  Diagnostics a;
  CHECK_FALSE(parse_postmortem("## Summary\n", "p.md", a));
  CHECK(a.all()[0].rule == "front-matter");
  Diagnostics b;
  CHECK_FALSE(parse_postmortem("+++\ntitle = \"x\"\n", "p.md", b));
  CHECK(b.all()[0].message == "front matter opened with '+++' is never closed");
  Diagnostics c;
  CHECK_FALSE(parse_postmortem("+++\ntitle = \"x\"\nstatus = \n+++\n", "p.md", c));
  CHECK(c.all()[0].rule == "toml-syntax");
  CHECK(c.all()[0].pos.line == 3);
  Diagnostics e;
  auto pm = parse_postmortem("+++\nincident = \"I\"\ntitel = \"x\"\n+++\n", "p.md", e);
  REQUIRE(pm);
  CHECK(rules_of(e) == "missing-key@2:1 missing-key@2:1 missing-key@2:1 missing-key@2:1 unknown-key@3:1 ");
}

TEST_CASE("ISO dates only") {
  CHECK(parse_iso_date("2026-04-17"));
  CHECK_FALSE(parse_iso_date("2026-02-30"));
  CHECK_FALSE(parse_iso_date("17/04/2026"));
  CHECK_FALSE(parse_iso_date("TBD"));
}
