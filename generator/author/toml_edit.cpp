#include "author/toml_edit.h"

#include <toml++/toml.h>

#include <algorithm>

namespace sitrep {
namespace {

// Byte offset of 1-based (line, column) in `text`. toml++ counts columns in
// code points, so continuation bytes of UTF-8 do not advance the column.
std::size_t offset_of(std::string_view text, std::size_t line, std::size_t col) {
  std::size_t i = 0;
  for (std::size_t l = 1; l < line && i < text.size(); ++i)
    if (text[i] == '\n') ++l;
  for (std::size_t c = 1; c < col && i < text.size(); ++c) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// Byte offset of the start of line `line` + 1, i.e. just after line `line`.
std::size_t offset_after_line(std::string_view text, std::size_t line) {
  std::size_t i = 0;
  for (std::size_t l = 0; l < line && i < text.size(); ++l) {
    const std::size_t nl = text.find('\n', i);
    i = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return i;
}

// A table written with a [header] (or [[header]]) rather than inline.
bool is_header_table(const toml::node& n) {
  if (const auto* t = n.as_table()) return !t->is_inline();
  if (const auto* a = n.as_array())
    return !a->empty() && std::all_of(a->begin(), a->end(), [](const toml::node& e) {
      return e.is_table() && !e.as_table()->is_inline();
    });
  return false;
}

std::optional<toml::table> parse(std::string_view text) {
  try {
    return toml::parse(text, std::string_view{"edit"});
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

// The offset just after the last top-level (non-header) value's line.
std::size_t after_top_level_values(std::string_view text, const toml::table& doc) {
  std::size_t last_line = 0;
  for (const auto& [k, v] : doc)
    if (!is_header_table(v)) last_line = std::max<std::size_t>(last_line, v.source().end.line);
  return offset_after_line(text, last_line);
}

// Inserts `line` (ending in a newline) at `at`, a line start or the end.
std::string insert_line(std::string_view text, std::size_t at, std::string line) {
  std::string out{text};
  if (at > 0 && out[at - 1] != '\n') line.insert(line.begin(), '\n');  // last line had no newline
  out.insert(at, line);
  return out;
}

}  // namespace

std::optional<std::string> set_top_level_key(std::string_view text, std::string_view key, std::string_view literal) {
  toml::table doc;
  try {
    doc = toml::parse(text, std::string_view{"edit"});
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  std::string out{text};
  if (const toml::node* existing = doc.get(key)) {
    if (is_header_table(*existing)) return std::nullopt;
    const auto& src = existing->source();
    const std::size_t begin = offset_of(text, src.begin.line, src.begin.column);
    const std::size_t end = offset_of(text, src.end.line, src.end.column);
    out.replace(begin, end - begin, literal);
    return out;
  }
  // Top-level keys must precede every table header, so the new line goes
  // right after the last top-level value (which may span lines).
  return insert_line(text, after_top_level_values(text, doc), std::string{key} + " = " + std::string{literal} + "\n");
}

std::optional<std::string> remove_top_level_key(std::string_view text, std::string_view key) {
  const auto doc = parse(text);
  if (!doc) return std::nullopt;
  const toml::node* node = doc->get(key);
  if (!node || is_header_table(*node)) return std::nullopt;
  const auto& src = node->source();
  const std::size_t begin = offset_after_line(text, src.begin.line - 1);
  const std::size_t end = offset_after_line(text, src.end.line);
  // Only the key, its value and perhaps a comment on those lines.
  std::string_view lines = text.substr(begin, end - begin);
  const std::size_t value_end = offset_of(text, src.end.line, src.end.column) - begin;
  std::string_view head = lines.substr(0, lines.find_first_not_of(" \t"));
  std::string_view rest = lines.substr(value_end);
  const std::size_t r = rest.find_first_not_of(" \t\r\n");
  if (!head.empty() || (r != std::string_view::npos && rest[r] != '#')) return std::nullopt;
  if (!lines.substr(head.size()).starts_with(key)) return std::nullopt;
  std::string out{text};
  out.erase(begin, end - begin);
  return out;
}

std::optional<std::string> set_table_key(std::string_view text, std::string_view table, std::string_view key,
                                         std::string_view literal) {
  const auto doc = parse(text);
  if (!doc) return std::nullopt;
  const std::string line = std::string{key} + " = " + std::string{literal} + "\n";
  const toml::node* node = doc->get(table);
  if (!node) {
    const std::string block = "\n[" + std::string{table} + "]\n" + line;
    return insert_line(text, after_top_level_values(text, *doc), block);
  }
  const toml::table* t = node->as_table();
  if (!t || t->is_inline()) return std::nullopt;
  std::string out{text};
  if (const toml::node* existing = t->get(key)) {
    if (existing->is_table()) return std::nullopt;
    const auto& src = existing->source();
    const std::size_t begin = offset_of(text, src.begin.line, src.begin.column);
    const std::size_t end = offset_of(text, src.end.line, src.end.column);
    out.replace(begin, end - begin, literal);
    return out;
  }
  std::size_t last_line = t->source().begin.line;  // the header
  for (const auto& [k, v] : *t) last_line = std::max<std::size_t>(last_line, v.source().end.line);
  return insert_line(text, offset_after_line(text, last_line), line);
}

std::optional<std::string> append_to_array(std::string_view text, std::string_view key, std::string_view item) {
  const auto doc = parse(text);
  if (!doc) return std::nullopt;
  const toml::node* node = doc->get(key);
  if (!node || !node->is_array() || is_header_table(*node)) return std::nullopt;
  const auto& src = node->source();
  std::size_t close = offset_of(text, src.end.line, src.end.column);  // just after ']'
  if (close == 0 || text[close - 1] != ']') return std::nullopt;
  --close;
  std::size_t before = close;  // the last character of substance before ']'
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t' || text[before - 1] == '\n' ||
                        text[before - 1] == '\r'))
    --before;
  if (before == 0) return std::nullopt;
  // A comment between the last item and ']' would swallow the new item.
  const std::size_t line_start = text.rfind('\n', before - 1);
  const std::string_view last_line = text.substr(line_start == std::string_view::npos ? 0 : line_start + 1,
                                                 before - (line_start == std::string_view::npos ? 0 : line_start + 1));
  if (last_line.find('#') != std::string_view::npos && src.begin.line != src.end.line) return std::nullopt;
  const char last = text[before - 1];
  std::string insert = last == '[' ? std::string{item} : last == ',' ? " " + std::string{item} : ", " + std::string{item};
  std::string out{text};
  out.insert(before, insert);
  return out;
}

std::string append_block(std::string_view text, std::string_view block) {
  std::string out{text};
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (!out.empty() && !out.ends_with("\n\n")) out += '\n';
  out += block;
  return out;
}

}  // namespace sitrep
