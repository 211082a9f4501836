// A postmortem: TOML front matter between `+++` lines, then a GFM body whose
// `##` headings are its sections.
#include <toml++/toml.h>

#include "load/parse.h"
#include "load/toml_reader.h"
#include "model/text.h"
#include "util/markdown.h"

namespace sitrep {
namespace {

bool is_fence(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return trim(line) == "+++";
}

struct Split {
  std::string_view front_matter;
  std::string_view body;
  std::uint32_t body_line = 1;
};

std::optional<Split> split_front_matter(std::string_view text, const std::string& path, Diagnostics& diags) {
  // Editors on Windows start UTF-8 files with a byte order mark; toml++
  // already skips one in .toml files, so a postmortem may have one too.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t nl = text.find('\n');
  if (text.empty() || !is_fence(text.substr(0, nl))) {
    diags.report(path, {1, 1}, "front-matter", "a postmortem must start with TOML front matter between '+++' lines");
    return std::nullopt;
  }
  std::size_t start = nl == std::string_view::npos ? text.size() : nl + 1;
  std::uint32_t line = 2;
  for (std::size_t pos = start; pos < text.size(); ++line) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (is_fence(text.substr(pos, end - pos))) {
      Split s;
      s.front_matter = text.substr(start, pos - start);
      s.body = end < text.size() ? text.substr(end + 1) : std::string_view{};
      s.body_line = line + 1;
      return s;
    }
    pos = end + 1;
  }
  diags.report(path, {1, 1}, "front-matter", "front matter opened with '+++' is never closed");
  return std::nullopt;
}

}  // namespace

std::optional<Postmortem> parse_postmortem(std::string_view text, const std::string& path, Diagnostics& diags) {
  auto split = split_front_matter(text, path, diags);
  if (!split) return std::nullopt;
  auto doc = parse_toml(split->front_matter, path, diags, 1);
  if (!doc) return std::nullopt;

  TomlReader r(*doc, path, diags, nullptr, 1);
  Postmortem pm;
  pm.path = path;
  pm.incident = r.string("incident", true).value_or("");
  pm.title = r.string("title", true).value_or("");
  pm.status = r.string("status", true).value_or("");
  pm.authors = r.strings("authors", true).value_or(std::vector<std::string>{});
  if (r.strings("authors") && pm.authors.empty())
    r.report(r.raw_pos("authors"), "invalid-value", "'authors' must name at least one author");
  pm.date = r.date("date", true);
  pm.is_public = r.boolean("public").value_or(false);
  pm.severity = r.string("severity").value_or("");
  pm.key_pos = r.finish();

  // Bounded before cmark-gfm sees it (util/markdown.h): past the bounds the
  // postmortem is reported and left unread, like one that does not parse.
  if (const auto excess = markdown_excess(split->body)) {
    diags.report(path, {split->body_line + excess->line - 1, excess->col}, "markdown-too-complex", excess->message,
                 "shorten it or split it; a postmortem this size cannot be read by anyone");
    return std::nullopt;
  }
  pm.body = std::string{split->body};
  pm.body_line = split->body_line;
  const std::uint32_t shift = pm.body_line - 1;

  // Body lines, to give each section its own Markdown source.
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos <= split->body.size();) {
    std::size_t end = split->body.find('\n', pos);
    if (end == std::string_view::npos) end = split->body.size();
    lines.push_back(split->body.substr(pos, end - pos));
    pos = end + 1;
  }
  const auto slice = [&](std::uint32_t from, std::uint32_t to) {  // 1-based body lines, inclusive
    std::string out;
    for (std::uint32_t l = from; l <= to && l <= lines.size(); ++l) {
      out += lines[l - 1];
      out += '\n';
    }
    return out;
  };

  PostmortemSection* current = nullptr;
  for (const MarkdownBlock& b : markdown_blocks(split->body)) {
    if (b.kind == MarkdownBlock::Kind::heading && b.heading_level <= 2) {
      if (current) current->markdown = slice(current->line - shift + 1, b.start_line - 1);
      current = nullptr;
      if (b.heading_level == 2) {
        pm.sections.push_back({});
        current = &pm.sections.back();
        current->heading = trim(b.text);
        current->line = b.start_line + shift;
        current->col = b.start_col;
      }
      continue;
    }
    if (!current) continue;
    if (!trim(b.text).empty() || b.kind != MarkdownBlock::Kind::other) current->empty = false;
    if (b.kind == MarkdownBlock::Kind::table && !current->table_header && !b.rows.empty()) {
      current->table_header = TableRow{b.rows[0], b.row_lines[0] + shift};
      for (std::size_t i = 1; i < b.rows.size(); ++i)
        current->table_rows.push_back({b.rows[i], (b.row_lines[i] ? b.row_lines[i] : b.start_line) + shift});
    }
  }
  if (current) current->markdown = slice(current->line - shift + 1, static_cast<std::uint32_t>(lines.size()));
  return pm;
}

}  // namespace sitrep
