#include "cli/report.h"

#include <nlohmann/json.hpp>

#include <ostream>

#include "util/source_file.h"
#include "util/terminal_text.h"

namespace sitrep {

std::optional<std::string_view> SourceLines::line(const std::string& path, std::uint32_t line) {
  const auto source = sources_.find(path);
  if (source == sources_.end() || line == 0) return std::nullopt;
  const std::string& text = source->second;
  auto it = starts_.find(path);
  if (it == starts_.end()) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(i + 1);
    it = starts_.emplace(path, std::move(starts)).first;
  }
  const auto& starts = it->second;
  if (line > starts.size()) return std::nullopt;
  const std::size_t begin = starts[line - 1];
  std::size_t end = line < starts.size() ? starts[line] - 1 : text.size();
  if (end > begin && text[end - 1] == '\r') --end;  // as line_of: a CRLF file's lines without the CR
  return std::string_view(text).substr(begin, end - begin);
}

std::string format_diagnostic(const Diagnostic& d, const SourceMap& sources) {
  SourceLines lines(sources);
  return format_diagnostic(d, lines);
}

std::string format_diagnostic(const Diagnostic& d, SourceLines& lines) {
  std::string out = escape_control_chars(d.path, true) + ":" + std::to_string(d.pos.line) + ":" +
                    std::to_string(d.pos.col) + ": " + std::string{level_name(d.level)} + ": " +
                    escape_control_chars(d.message, true) + " [" + d.rule + "]\n";
  if (const auto found = lines.line(d.path, d.pos.line)) {
    const std::string_view line = *found;
    if (!line.empty() && line.size() <= 512) {
      const std::string number = std::to_string(d.pos.line);
      out += " " + number + " | " + escape_control_chars(line) + "\n";
      out += " " + std::string(number.size(), ' ') + " | ";
      // Walk code points so the caret lands under the column toml++ counted.
      std::uint32_t col = 1;
      for (std::size_t i = 0; i < line.size() && col < d.pos.col; ++i) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        if (c == '\t') out += '\t';
        else out.append(escaped_width(line, i), ' ');  // under an escape, as wide as it
        ++col;
      }
      out += "^\n";
    }
  }
  if (!d.hint.empty()) out += "  hint: " + escape_control_chars(d.hint, true) + "\n";
  return out;
}

void print_diagnostics_text(std::ostream& out, const Diagnostics& diags, const SourceMap& sources, bool errors_only) {
  SourceLines lines(sources);
  for (const auto& d : diags.all()) {
    if (errors_only && d.level != Level::error) continue;
    out << format_diagnostic(d, lines);
  }
}

void print_diagnostics_json(std::ostream& out, const Diagnostics& diags) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : diags.all()) {
    nlohmann::ordered_json j;
    j["path"] = d.path;
    j["line"] = d.pos.line;
    j["column"] = d.pos.col;
    j["severity"] = std::string{level_name(d.level)};
    j["rule"] = d.rule;
    j["message"] = d.message;
    if (!d.hint.empty()) j["hint"] = d.hint;
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["errors"] = diags.error_count();
  doc["warnings"] = diags.warning_count();
  doc["diagnostics"] = std::move(list);
  out << doc.dump(2) << "\n";
}

std::string summary_line(const Diagnostics& diags) {
  const auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  return plural(diags.error_count(), "error") + ", " + plural(diags.warning_count(), "warning");
}

}  // namespace sitrep
