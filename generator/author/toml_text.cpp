#include "author/toml_text.h"

#include <cstdio>

namespace sitrep {
namespace {

// Escapes what a basic string cannot hold as is. In a multi-line string a
// quote is escaped only where it could be read as (part of) the closing """.
std::string escape(std::string_view s, bool multiline) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      const bool next_quote = i + 1 < s.size() && s[i + 1] == '"';
      const bool prev_quote = i > 0 && s[i - 1] == '"';
      out += !multiline || next_quote || prev_quote || i + 1 == s.size() ? "\\\"" : "\"";
    } else if (c == '\n') {
      out += multiline ? "\n" : "\\n";
    } else if (c == '\r') {
      if (!(multiline && i + 1 < s.size() && s[i + 1] == '\n')) out += "\\r";  // CRLF -> LF
    } else if (c == '\t') {
      out += multiline ? "\t" : "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

}  // namespace

std::string toml_string(std::string_view s) { return "\"" + escape(s, false) + "\""; }

std::string toml_multiline(std::string_view s) {
  std::string body = escape(s, true);
  if (body.empty() || body.back() != '\n') body += '\n';
  return "\"\"\"\n" + body + "\"\"\"";
}

std::string toml_key(std::string_view key) { return is_bare_key(key) ? std::string{key} : toml_string(key); }

std::string toml_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_string(items[i]);
  return out + "]";
}

std::string toml_time(TimePoint t, TimeZone zone) {
  if (!zone) return format_in_zone(t, nullptr, "%FT%TZ");
  return format_in_zone(t, zone, "%FT%T%Ez");
}

}  // namespace sitrep
