#pragma once
// Diagnostics where reviewers look: the same diagnostics as `check --format
// text` (rules, paths, positions, messages, hints), written for CI systems.
//   github  GitHub Actions workflow commands, one line per diagnostic
//   sarif   SARIF 2.1.0 (GitHub code scanning, IDEs, other SARIF viewers)
//   gitlab  GitLab Code Quality report (the merge request widget)
// docs/publishing-ci.md shows how each is wired into a pipeline.
#include <iosfwd>
#include <string>
#include <string_view>

#include "util/diagnostic.h"

namespace sitrep {

// `::error file=P,line=L,col=C,title=RULE::MESSAGE%0Ahint: HINT`; warnings
// `::warning`. `errors_only` (-q) drops warnings, as the text form does.
void print_diagnostics_github(std::ostream& out, const Diagnostics& diags, bool errors_only);
// One run of a SARIF 2.1.0 log; `tool_version` is the driver's version.
void print_diagnostics_sarif(std::ostream& out, const Diagnostics& diags, std::string_view tool_version);
// A JSON array of Code Quality issues.
void print_diagnostics_gitlab(std::ostream& out, const Diagnostics& diags);

// GitHub's escaping (actions/toolkit, command.ts): a message is "data"
// (% CR LF encoded); a property value also encodes ':' and ','.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

// The path CI systems want: forward slashes, no "./" or "a/../", so it reads
// as relative to the directory sitrep ran in (the checkout, in CI).
std::string ci_path(std::string_view path);

// GitLab's fingerprint: 16 hex digits of stable_hash over rule, path, line,
// column and message, so the same finding keeps its fingerprint across runs.
std::string code_quality_fingerprint(const Diagnostic& d);

}  // namespace sitrep
