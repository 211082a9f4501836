#include "model/text.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace sitrep {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string to_lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

// `s` without the white space at its ends, as a view into it.
std::string_view trimmed(std::string_view s) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// One byte of normalize_word: lower case, ' ' and '-' as '_'.
char word_char(char c) {
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c == ' ' || c == '-' ? '_' : c;
}

}  // namespace

std::string trim(std::string_view s) { return std::string{trimmed(s)}; }

std::string normalize_word(std::string_view s) {
  std::string out{trimmed(s)};
  for (auto& c : out) c = word_char(c);
  return out;
}

bool same_word(std::string_view a, std::string_view b) {
  a = trimmed(a);
  b = trimmed(b);
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return word_char(x) == word_char(y); });
}

}  // namespace sitrep

namespace sitrep {

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool is_reserved_file_name(std::string_view name) {
  const std::string stem = to_lower(name.substr(0, name.find('.')));
  if (stem == "con" || stem == "prn" || stem == "aux" || stem == "nul") return true;
  return stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) && stem[3] >= '0' && stem[3] <= '9';
}

std::optional<std::string> slug_problem(std::string_view id) {
  if (id.empty()) return "it is empty";
  std::size_t chars = 0;  // code points so far: the place an author counts
  for (std::size_t i = 0; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
      continue;
    // The code point, so a look-alike (Cyrillic 'а', fullwidth 'Ａ') or an
    // invisible character is named rather than left to the reader's eye.
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    char32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (std::size_t k = 1; k < n && i + k < id.size(); ++k) cp = (cp << 6) | (id[i + k] & 0x3F);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    const std::string shown = c < 0x20 || c == 0x7F ? std::string{code}
                                                    : "'" + std::string{id.substr(i, n)} + "' (" + code + ")";
    return shown + " at character " + std::to_string(chars) + " is not an ASCII letter, digit, '-', '_' or '.'";
  }
  if (id.size() > 128) return "it is " + std::to_string(id.size()) + " characters long; the limit is 128";
  if (id.front() == '.') return "it starts with '.'";
  if (id.back() == '.') return "it ends with '.', which Windows drops from a folder's name";
  if (is_reserved_file_name(id))
    return "'" + std::string{id.substr(0, id.find('.'))} + "' is a device name Windows reserves; no folder can have it";
  return std::nullopt;
}

bool is_valid_slug(std::string_view id) { return !slug_problem(id); }

}  // namespace sitrep
