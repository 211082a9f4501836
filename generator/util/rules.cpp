// The catalogue of rule ids and their default level. A site may change any
// level in site.toml's [rules] table; nothing else in the code decides
// whether a finding is an error or a warning.
#include <algorithm>
#include <array>

#include "util/diagnostic.h"

namespace sitrep {
namespace {

struct RuleDefault {
  std::string_view id;
  Level level;
  std::string_view summary;  // one line, for reports that list rules (SARIF); docs/rules.md says more
};

constexpr std::array k_rules = {
    // Reading files.
    RuleDefault{"file-unreadable", Level::error, "A required file is missing or cannot be read as a file"},
    RuleDefault{"file-too-large", Level::error, "A file over 4 MiB or a line over 64 KiB"},
    RuleDefault{"binary-file", Level::error, "A file holds a NUL byte"},
    RuleDefault{"invalid-utf8", Level::error, "A file holds bytes that are not UTF-8"},
    RuleDefault{"toml-syntax", Level::error, "Malformed TOML"},
    RuleDefault{"markdown-too-complex", Level::error, "Markdown past sitrep's bounds (lines, table columns)"},
    RuleDefault{"outside-root", Level::error, "A path or symbolic link that leads outside the site root"},
    RuleDefault{"front-matter", Level::error, "A postmortem without +++ front matter, or one never closed"},
    // Shape of each file.
    RuleDefault{"unknown-key", Level::error, "A key the format does not have"},
    RuleDefault{"missing-key", Level::error, "A required key is absent"},
    RuleDefault{"wrong-type", Level::error, "A value of the wrong TOML type"},
    RuleDefault{"invalid-value", Level::error, "A value out of its allowed form or range"},
    RuleDefault{"schema", Level::error, "A policy file that contradicts itself"},
    // References between files and to the policy.
    RuleDefault{"duplicate-id", Level::error, "Two items of one kind share an id"},
    RuleDefault{"unknown-severity", Level::error, "A severity the policy does not define"},
    RuleDefault{"unknown-type", Level::error, "An incident type the policy does not define"},
    RuleDefault{"unknown-component", Level::error, "A component components.toml does not define"},
    RuleDefault{"unknown-group", Level::error, "A component group components.toml does not define"},
    RuleDefault{"unknown-status", Level::error, "A status the policy does not define"},
    RuleDefault{"unknown-category", Level::error, "A category the policy does not define"},
    RuleDefault{"unknown-resolution-method", Level::error, "A resolution method the policy does not define"},
    // Time.
    RuleDefault{"time-order", Level::error, "Lifecycle timestamps out of order"},
    RuleDefault{"update-order", Level::error, "Updates or timeline entries out of order"},
    RuleDefault{"update-after-resolution", Level::error, "An update dated after resolved_at"},
    RuleDefault{"future-timestamp", Level::error, "A time after the clock of the run"},
    RuleDefault{"missing-resolved-update", Level::error, "resolved_at is set but the last update is not 'resolved'"},
    RuleDefault{"missing-resolved-at", Level::error, "The last update says 'resolved' but there is no resolved_at"},
    RuleDefault{"local-time-gap", Level::error, "A local time the site's zone skips at a daylight-saving change"},
    RuleDefault{"local-time-ambiguous", Level::warning, "A local time in the hour the site's zone repeats"},
    // Policy facts about the response.
    RuleDefault{"sla-breach", Level::warning, "An SLA clock of the severity was exceeded"},
    RuleDefault{"sla-not-measurable", Level::warning, "An SLA clock cannot be measured"},
    RuleDefault{"update-cadence", Level::warning, "A gap between public updates longer than the severity allows"},
    RuleDefault{"severity-below-trigger", Level::error, "Metrics meet the trigger of a more severe level"},
    RuleDefault{"missing-role", Level::error, "A role the severity requires is not named, and it is due"},
    RuleDefault{"role-pending", Level::warning, "A role the severity requires is not named yet"},
    // Postmortems.
    RuleDefault{"postmortem-missing", Level::error, "A required postmortem does not exist after its deadline"},
    RuleDefault{"postmortem-overdue", Level::warning, "A postmortem not final by its deadline"},
    RuleDefault{"postmortem-unknown-incident", Level::error, "A postmortem for an incident that does not exist"},
    RuleDefault{"postmortem-duplicate", Level::error, "Two postmortems for one incident"},
    RuleDefault{"postmortem-severity-mismatch", Level::error, "A postmortem's severity differs from its incident's"},
    RuleDefault{"postmortem-before-resolution", Level::error, "A postmortem dated before its incident was resolved"},
    RuleDefault{"missing-section", Level::error, "A final postmortem lacks a section its template requires"},
    RuleDefault{"unknown-section", Level::warning, "A postmortem section the template does not know"},
    RuleDefault{"duplicate-section", Level::error, "A template section appears twice"},
    RuleDefault{"section-order", Level::error, "Postmortem sections out of the template's order"},
    RuleDefault{"placeholder", Level::error, "A final postmortem holds a template placeholder"},
    RuleDefault{"action-table", Level::error, "The action-items section has no table or lacks a required column"},
    RuleDefault{"action-missing-owner", Level::error, "An action item without an owner"},
    RuleDefault{"action-missing-due", Level::error, "An action item without a due date"},
    RuleDefault{"action-bad-date", Level::error, "An action item's date is not YYYY-MM-DD"},
    RuleDefault{"action-overdue", Level::warning, "An open action item past its due date"},
    // What may reach the public site.
    RuleDefault{"internal-component", Level::error, "A public item names an internal-only component"},
    RuleDefault{"internal-leak", Level::error, "A public postmortem for an internal incident"},
    RuleDefault{"internal-severity", Level::warning, "A public incident with an internal-only severity"},
    // Building the site.
    RuleDefault{"missing-template", Level::error, "A template found neither in the site nor in the theme"},
    RuleDefault{"template-error", Level::error, "A template that does not parse"},
    RuleDefault{"internal-text", Level::error, "A public output holds text found only in an internal field"},
    RuleDefault{"write-failed", Level::error, "An output that cannot be written"},
};

}  // namespace

Level RulePolicy::level_of(std::string_view rule) const {
  if (auto it = overrides_.find(rule); it != overrides_.end()) return it->second;
  for (const auto& r : k_rules)
    if (r.id == rule) return r.level;
  return Level::error;
}

bool RulePolicy::is_known(std::string_view rule) {
  return std::any_of(k_rules.begin(), k_rules.end(), [&](const RuleDefault& r) { return r.id == rule; });
}

std::string_view RulePolicy::summary_of(std::string_view rule) {
  for (const auto& r : k_rules)
    if (r.id == rule) return r.summary;
  return {};
}

std::vector<std::string> RulePolicy::known_rules() {
  std::vector<std::string> out;
  for (const auto& r : k_rules) out.emplace_back(r.id);
  return out;
}

}  // namespace sitrep
