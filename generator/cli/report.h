#pragma once
#include <iosfwd>
#include <map>
#include <string>

#include "util/diagnostic.h"

namespace sitrep {

using SourceMap = std::map<std::string, std::string, std::less<>>;

// Compiler-style: "path:line:col: error: message [rule]", the source line
// and a caret under the column, then the hint.
void print_diagnostics_text(std::ostream& out, const Diagnostics& diags, const SourceMap& sources, bool errors_only);
void print_diagnostics_json(std::ostream& out, const Diagnostics& diags);
std::string format_diagnostic(const Diagnostic& d, const SourceMap& sources);
// "2 errors, 1 warning"
std::string summary_line(const Diagnostics& diags);

}  // namespace sitrep
