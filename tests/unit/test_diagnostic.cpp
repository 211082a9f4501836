#include <doctest/doctest.h>

#include <sstream>

#include "cli/report.h"
#include "util/diagnostic.h"

using namespace sitrep;

TEST_CASE("diagnostics print compiler-style with the source line and a caret") {
  Diagnostics d;
  d.report("content/incidents/a.toml", {3, 12}, "unknown-severity", "unknown severity 'SEV9'",
           "did you mean 'SEV1'?");
  SourceMap sources{{"content/incidents/a.toml", "id = \"x\"\ntitle = \"t\"\nseverity = \"SEV9\"\n"}};
  CHECK(format_diagnostic(d.all()[0], sources) ==
        "content/incidents/a.toml:3:12: error: unknown severity 'SEV9' [unknown-severity]\n"
        " 3 | severity = \"SEV9\"\n"
        "   |            ^\n"
        "  hint: did you mean 'SEV1'?\n");
}

TEST_CASE("the caret counts code points, not bytes") {
  Diagnostics d;
  d.report("a.toml", {1, 9}, "invalid-value", "bad");
  SourceMap sources{{"a.toml", "t = \"caf\xc3\xa9\" x\n"}};
  CHECK(format_diagnostic(d.all()[0], sources) == "a.toml:1:9: error: bad [invalid-value]\n 1 | t = \"caf\xc3\xa9\" x\n   |         ^\n");
}

TEST_CASE("a diagnostic is one line: a line break quoted from content is escaped") {
  Diagnostics d;
  d.report("content/incidents/a\nb.toml", {1, 6}, "invalid-value",
           "incident id 'x\ncontent/incidents/base.toml:1:1: error: forged [toml-syntax]' is not a URL slug",
           "hint\nmore");
  CHECK(format_diagnostic(d.all()[0], {}) ==
        "content/incidents/a\\x0ab.toml:1:6: error: incident id 'x\\x0acontent/incidents/base.toml:1:1: error: "
        "forged [toml-syntax]' is not a URL slug [invalid-value]\n  hint: hint\\x0amore\n");
}

TEST_CASE("file-level problems still name line 1, column 1") {
  Diagnostics d;
  d.report("content/site.toml", {}, "file-unreadable", "required file is missing");
  CHECK(format_diagnostic(d.all()[0], {}) ==
        "content/site.toml:1:1: error: required file is missing [file-unreadable]\n");
}

TEST_CASE("rule levels come from the policy; off drops the diagnostic") {
  RulePolicy policy;
  CHECK(policy.level_of("sla-breach") == Level::warning);
  CHECK(policy.level_of("unknown-key") == Level::error);
  policy.set("sla-breach", Level::error);
  policy.set("unknown-section", Level::off);
  Diagnostics d(policy);
  d.report("a", {1, 1}, "sla-breach", "x");
  d.report("a", {1, 1}, "unknown-section", "y");
  REQUIRE(d.all().size() == 1);
  CHECK(d.error_count() == 1);
}

TEST_CASE("every rule id is known and has a default") {
  const auto rules = RulePolicy::known_rules();
  CHECK(rules.size() >= 45);
  for (const auto& r : rules) CHECK(RulePolicy::is_known(r));
  CHECK_FALSE(RulePolicy::is_known("no-such-rule"));
}

TEST_CASE("diagnostics sort by file, line, column and drop exact duplicates") {
  Diagnostics d;
  d.report("b", {1, 1}, "r", "m");
  d.report("a", {9, 1}, "r", "m");
  d.report("a", {2, 5}, "r", "m");
  d.report("a", {2, 5}, "r", "m");
  d.sort();
  REQUIRE(d.all().size() == 3);
  CHECK(d.all()[0].pos.line == 2);
  CHECK(d.all()[2].path == "b");
  CHECK(summary_line(d) == "3 errors, 0 warnings");
}

TEST_CASE("JSON output carries every field") {
  Diagnostics d;
  d.report("a.toml", {2, 3}, "unknown-key", "unknown key 'severty'", "did you mean 'severity'?");
  std::ostringstream out;
  print_diagnostics_json(out, d);
  CHECK(out.str() ==
        "{\n  \"errors\": 1,\n  \"warnings\": 0,\n  \"diagnostics\": [\n    {\n      \"path\": \"a.toml\",\n"
        "      \"line\": 2,\n      \"column\": 3,\n      \"severity\": \"error\",\n      \"rule\": \"unknown-key\",\n"
        "      \"message\": \"unknown key 'severty'\",\n      \"hint\": \"did you mean 'severity'?\"\n    }\n  ]\n}\n");
}
