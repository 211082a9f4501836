#pragma once
#include <iosfwd>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/diagnostic.h"

namespace sitrep {

using SourceMap = std::map<std::string, std::string, std::less<>>;

// Compiler-style: "path:line:col: error: message [rule]", the source line
// and a caret under the column, then the hint.
void print_diagnostics_text(std::ostream& out, const Diagnostics& diags, const SourceMap& sources, bool errors_only);
void print_diagnostics_json(std::ostream& out, const Diagnostics& diags);
// The source lines diagnostics quote, each file split into lines once (on
// first use), so printing n diagnostics costs O(n), not O(n x file size):
// 40 000 unknown keys in one file used to take 12 s to print.
class SourceLines {
 public:
  explicit SourceLines(const SourceMap& sources) : sources_(sources) {}
  // Line `line` (1-based) of `path` without its newline; nullopt when the
  // file is not a content file read this run or has no such line.
  std::optional<std::string_view> line(const std::string& path, std::uint32_t line);

 private:
  const SourceMap& sources_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> starts_;  // offsets of each line
};
std::string format_diagnostic(const Diagnostic& d, SourceLines& lines);
std::string format_diagnostic(const Diagnostic& d, const SourceMap& sources);
// "2 errors, 1 warning"
std::string summary_line(const Diagnostics& diags);

}  // namespace sitrep
