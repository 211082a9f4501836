#include "util/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace sitrep {
namespace {

constexpr const char* k_extensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

// Parses with the GFM extensions attached; the parser must outlive the
// document for rendering (extensions are owned by the registry, not it).
struct Parsed {
  ParserPtr parser;
  NodePtr doc;
};

Parsed parse(std::string_view markdown, int options) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  Parsed out;
  out.parser.reset(cmark_parser_new(options));
  for (const char* name : k_extensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(out.parser.get(), ext);
  cmark_parser_feed(out.parser.get(), markdown.data(), markdown.size());
  out.doc.reset(cmark_parser_finish(out.parser.get()));
  return out;
}

// Concatenated literal text below `node`, walked without recursion.
std::string literal_text(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* cur = cmark_iter_get_node(it);
    const auto type = cmark_node_get_type(cur);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE ||
        type == CMARK_NODE_CODE_BLOCK) {
      if (const char* lit = cmark_node_get_literal(cur)) out += lit;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  cmark_iter_free(it);
  return out;
}

bool is_type(cmark_node* node, std::string_view name) {
  const char* t = cmark_node_get_type_string(node);
  return t && name == t;
}

}  // namespace

std::vector<MarkdownBlock> markdown_blocks(std::string_view markdown) {
  Parsed parsed = parse(markdown, CMARK_OPT_DEFAULT);
  std::vector<MarkdownBlock> blocks;
  for (cmark_node* n = cmark_node_first_child(parsed.doc.get()); n; n = cmark_node_next(n)) {
    MarkdownBlock b;
    b.start_line = static_cast<std::uint32_t>(cmark_node_get_start_line(n));
    b.start_col = static_cast<std::uint32_t>(cmark_node_get_start_column(n));
    b.end_line = static_cast<std::uint32_t>(cmark_node_get_end_line(n));
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
      b.kind = MarkdownBlock::Kind::heading;
      b.heading_level = cmark_node_get_heading_level(n);
      b.text = literal_text(n);
    } else if (is_type(n, "table")) {
      b.kind = MarkdownBlock::Kind::table;
      for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
        std::vector<std::string> cells;
        for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
          cells.push_back(literal_text(cell));
        b.rows.push_back(std::move(cells));
        b.row_lines.push_back(static_cast<std::uint32_t>(cmark_node_get_start_line(row)));
      }
    } else {
      b.text = literal_text(n);
    }
    blocks.push_back(std::move(b));
  }
  return blocks;
}

std::string markdown_to_text(std::string_view markdown) {
  Parsed parsed = parse(markdown, CMARK_OPT_DEFAULT);
  // Collect first: unlinking while iterating would invalidate the iterator.
  std::vector<cmark_node*> raw_html;
  cmark_iter* it = cmark_iter_new(parsed.doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const auto type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK))
      raw_html.push_back(n);
  }
  cmark_iter_free(it);
  for (cmark_node* n : raw_html) cmark_node_free(n);  // unlinks and frees
  char* text = cmark_render_plaintext(parsed.doc.get(), CMARK_OPT_DEFAULT, 0);
  std::string out = text ? text : "";
  std::free(text);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string markdown_to_html(std::string_view markdown, bool allow_raw_html) {
  const int options = allow_raw_html ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT;
  Parsed parsed = parse(markdown, options);
  char* html = cmark_render_html(parsed.doc.get(), options, cmark_parser_get_syntax_extensions(parsed.parser.get()));
  std::string out = html ? html : "";
  std::free(html);
  // Header cells of GFM tables are column headers; saying so (WCAG H63)
  // lets screen readers announce them. cmark-gfm has no option for it.
  for (std::size_t pos = 0; (pos = out.find("<th", pos)) != std::string::npos; pos += 3) {
    const char next = pos + 3 < out.size() ? out[pos + 3] : '\0';
    if (next == '>' || next == ' ') out.insert(pos + 3, " scope=\"col\"");
  }
  return out;
}

std::optional<MarkdownExcess> markdown_excess(std::string_view markdown) {
  std::uint32_t line = 0;
  for (std::size_t pos = 0; pos < markdown.size();) {
    std::size_t end = markdown.find('\n', pos);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view text = markdown.substr(pos, end - pos);
    pos = end + 1;
    if (++line > k_max_markdown_lines)
      return MarkdownExcess{line, 1, "Markdown text longer than " + std::to_string(k_max_markdown_lines) + " lines"};
    // A table's delimiter row ("|---|:--:|"): its cells are the table's
    // columns. Only such a row makes cmark-gfm build a table.
    if (text.find('-') == std::string_view::npos ||
        text.find_first_not_of("|-: \t\r") != std::string_view::npos)
      continue;
    std::size_t cells = 0;
    for (char c : text) cells += c == '|';
    if (cells > k_max_table_columns + 1)
      return MarkdownExcess{line, 1,
                            "table with " + std::to_string(cells - 1) + " columns; the limit is " +
                                std::to_string(k_max_table_columns)};
  }
  return std::nullopt;
}

}  // namespace sitrep
