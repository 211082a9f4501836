#include "util/source_file.h"

#include <fstream>
#include <system_error>

#include "util/confined_path.h"
#include "util/utf8.h"

namespace sitrep {
namespace fs = std::filesystem;

bool check_source_text(std::string_view text, const std::string& display_path, Diagnostics& diags) {
  if (text.size() > k_max_file_bytes) {
    diags.report(display_path, {}, "file-too-large",
                 "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(k_max_file_bytes));
    return false;
  }
  std::uint32_t line = 1, col = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\0') {
      diags.report(display_path, {line, col}, "binary-file", "file contains a NUL byte; is it a binary file?");
      return false;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      diags.report(display_path, {line, col}, "invalid-utf8", "invalid UTF-8 byte sequence");
      return false;
    }
    if (c == '\n') {
      ++line;
      col = 1;
      line_start = i + 1;
    } else {
      ++col;
      if (i + 1 - line_start > k_max_line_bytes) {
        diags.report(display_path, {line, 1}, "file-too-large",
                     "line is longer than " + std::to_string(k_max_line_bytes) + " bytes");
        return false;
      }
    }
    i += n;
  }
  return true;
}

std::optional<std::string> read_source_file(const fs::path& file, const std::string& display_path,
                                            Diagnostics& diags) {
  std::error_code ec;
  const auto status = fs::status(file, ec);  // follows symlinks; loops give ELOOP
  if (ec) {
    diags.report(display_path, {}, "file-unreadable", "cannot read file: " + ec.message());
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    diags.report(display_path, {}, "file-unreadable", "expected a file but found a directory");
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    diags.report(display_path, {}, "file-unreadable", "not a regular file");
    return std::nullopt;
  }
  const auto size = fs::file_size(file, ec);
  if (ec) {
    diags.report(display_path, {}, "file-unreadable", "cannot read file: " + ec.message());
    return std::nullopt;
  }
  if (size > k_max_file_bytes) {
    diags.report(display_path, {}, "file-too-large",
                 "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(k_max_file_bytes));
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diags.report(display_path, {}, "file-unreadable", "cannot open file");
    return std::nullopt;
  }
  std::string text;
  text.resize(size);
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (!check_source_text(text, display_path, diags)) return std::nullopt;
  return text;
}

void report_unconfined(const std::string& display_path, const std::string& reason, const std::string& rule,
                       Diagnostics& diags) {
  if (rule == "outside-root")
    diags.report(display_path, {}, rule, reason + "; it was not read",
                 "sitrep reads only files inside the site root: copy the file into the site, or point the link at a "
                 "file inside the root");
  else
    diags.report(display_path, {}, rule, reason);
}

std::optional<std::string> read_confined_file(const fs::path& root, std::string_view relative,
                                              const std::string& display_path, Diagnostics& diags) {
  const ConfinedPath confined = resolve_inside(root, relative);
  if (!confined.path) {
    report_unconfined(display_path, confined.reason, confined.rule, diags);
    return std::nullopt;
  }
  return read_source_file(*confined.path, display_path, diags);
}

std::string_view line_of(std::string_view text, std::uint32_t line) {
  if (line == 0) return {};
  std::size_t start = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  auto end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  auto out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace sitrep
