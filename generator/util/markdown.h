#pragma once
// GitHub-flavoured Markdown through cmark-gfm (table, strikethrough,
// autolink, tagfilter, tasklist). The C API stays in markdown.cpp.
#include <cstdint>
#include <memory>
#include <optional>
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

// Bounds on one Markdown text (a postmortem's body, an update's message),
// so that parsing and rendering it stay fast and small whatever it holds:
// cmark-gfm's tables cost the square of their columns (30 000 columns:
// over a minute), and each line may become nodes (1 000 000 list items:
// 600 MB). Far above anything a person writes.
inline constexpr std::size_t k_max_markdown_lines = 20000;
inline constexpr std::size_t k_max_table_columns = 128;
struct MarkdownExcess {
  std::uint32_t line = 1, col = 1;  // 1-based, within the text
  std::string message;
};
// The first bound `markdown` passes, if any; one linear scan, no parsing.
std::optional<MarkdownExcess> markdown_excess(std::string_view markdown);

// Markdown to plain text for machine outputs (the JSON API): formatting
// dropped, raw HTML removed, so a widget that inserts it cannot run it.
std::string markdown_to_text(std::string_view markdown);

// Markdown to HTML. Without `allow_raw_html`, raw HTML is dropped (cmark's
// safe mode) and tagfilter applies: what the public site uses.
std::string markdown_to_html(std::string_view markdown, bool allow_raw_html);

}  // namespace sitrep
