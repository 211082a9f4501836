#pragma once
// GitHub-flavoured Markdown through cmark-gfm (table, strikethrough,
// autolink, tagfilter, tasklist). The C API stays in markdown.cpp.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// A block of a parsed document, flattened for the stages that need shape
// but not HTML: top-level blocks with their kind, lines and text.
struct MarkdownBlock {
  enum class Kind { heading, table, other } kind = Kind::other;
  int heading_level = 0;
  std::uint32_t start_line = 0, start_col = 0, end_line = 0;
  std::string text;  // literal text of the block (all descendants)
  // For tables: every row's cells as literal text, header row first.
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint32_t> row_lines;
};

std::vector<MarkdownBlock> markdown_blocks(std::string_view markdown);

// Markdown to plain text for machine outputs (the JSON API): formatting
// dropped, raw HTML removed, so a widget that inserts it cannot run it.
std::string markdown_to_text(std::string_view markdown);

// Markdown to HTML. Without `allow_raw_html`, raw HTML is dropped (cmark's
// safe mode) and tagfilter applies: what the public site uses.
std::string markdown_to_html(std::string_view markdown, bool allow_raw_html);

}  // namespace sitrep
