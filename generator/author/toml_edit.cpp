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
  std::size_t last_line = 0;
  for (const auto& [k, v] : doc)
    if (!is_header_table(v)) last_line = std::max<std::size_t>(last_line, v.source().end.line);
  std::size_t at = offset_after_line(text, last_line);
  std::string line = std::string{key} + " = " + std::string{literal} + "\n";
  if (at > 0 && out[at - 1] != '\n') line.insert(line.begin(), '\n');  // last line had no newline
  out.insert(at, line);
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
