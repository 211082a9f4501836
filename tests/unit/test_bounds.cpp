// Bounds on Markdown, templates and diagnostics' source lines: what is past
// them, exactly at them, and that the lookups stay linear.
#include <doctest/doctest.h>

#include <string>

#include "cli/report.h"
#include "render/templates.h"
#include "util/markdown.h"

using namespace sitrep;

namespace {
std::string delimiter_row(std::size_t columns) {
  std::string row = "|";
  for (std::size_t i = 0; i < columns; ++i) row += "---|";
  return row;
}
}  // namespace

TEST_CASE("markdown_excess: table columns up to the limit, and one more") {
  CHECK_FALSE(markdown_excess("| a |\n" + delimiter_row(k_max_table_columns) + "\n"));
  const auto excess = markdown_excess("text\n\n| a |\n" + delimiter_row(k_max_table_columns + 1) + "\n");
  REQUIRE(excess);
  CHECK(excess->line == 4);
  CHECK(excess->message == "table with 129 columns; the limit is 128");
  // A line of dashes and pipes with no table shape still counts: cmark-gfm
  // decides, not sitrep, so the bound is on the row itself.
  CHECK(markdown_excess(":" + delimiter_row(500) + " \r\n"));
  // Pipes in ordinary text are not a delimiter row.
  CHECK_FALSE(markdown_excess(std::string(1000, '|') + "x\n"));
}

TEST_CASE("markdown_excess: lines") {
  std::string text;
  for (std::size_t i = 0; i < k_max_markdown_lines; ++i) text += "- item\n";
  CHECK_FALSE(markdown_excess(text));
  text += "- one more";
  const auto excess = markdown_excess(text);
  REQUIRE(excess);
  CHECK(excess->line == k_max_markdown_lines + 1);
}

TEST_CASE("template_excess: nesting, delimiters, size") {
  std::string nested;
  for (int i = 0; i < k_max_template_nesting; ++i) nested += "{{#a}}";
  for (int i = 0; i < k_max_template_nesting; ++i) nested += "{{/a}}";
  CHECK_FALSE(template_excess(nested));
  // Siblings do not nest.
  std::string siblings;
  for (int i = 0; i < 1000; ++i) siblings += "{{#a}}x{{/a}}{{^b}}y{{/b}}";
  CHECK_FALSE(template_excess(siblings));
  CHECK(template_excess("{{^x}}" + nested + "{{/x}}") == "sections nest more than 64 deep");
  CHECK(template_excess("{{=<% %>=}}<%#a%><%/a%>")->find("delimiters") != std::string::npos);
  CHECK(template_excess(std::string(k_max_template_bytes + 1, 'x')));
}

TEST_CASE("SourceLines: the line a diagnostic names, CR dropped, missing ones absent") {
  const SourceMap sources{{"a.toml", "one\r\ntwo\n\nfour"}};
  SourceLines lines(sources);
  CHECK(lines.line("a.toml", 1) == "one");
  CHECK(lines.line("a.toml", 2) == "two");
  CHECK(lines.line("a.toml", 3) == "");
  CHECK(lines.line("a.toml", 4) == "four");
  CHECK_FALSE(lines.line("a.toml", 5));
  CHECK_FALSE(lines.line("a.toml", 0));
  CHECK_FALSE(lines.line("other.toml", 1));
}
