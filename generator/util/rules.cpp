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
};

constexpr std::array k_rules = {
    // Reading files.
    RuleDefault{"file-unreadable", Level::error},
    RuleDefault{"file-too-large", Level::error},
    RuleDefault{"binary-file", Level::error},
    RuleDefault{"invalid-utf8", Level::error},
    RuleDefault{"toml-syntax", Level::error},
    RuleDefault{"front-matter", Level::error},
    // Shape of each file.
    RuleDefault{"unknown-key", Level::error},
    RuleDefault{"missing-key", Level::error},
    RuleDefault{"wrong-type", Level::error},
    RuleDefault{"invalid-value", Level::error},
    RuleDefault{"schema", Level::error},
    // References between files and to the policy.
    RuleDefault{"duplicate-id", Level::error},
    RuleDefault{"unknown-severity", Level::error},
    RuleDefault{"unknown-type", Level::error},
    RuleDefault{"unknown-component", Level::error},
    RuleDefault{"unknown-group", Level::error},
    RuleDefault{"unknown-status", Level::error},
    RuleDefault{"unknown-category", Level::error},
    RuleDefault{"unknown-resolution-method", Level::error},
    // Time.
    RuleDefault{"time-order", Level::error},
    RuleDefault{"update-order", Level::error},
    RuleDefault{"update-after-resolution", Level::error},
    RuleDefault{"future-timestamp", Level::error},
    RuleDefault{"missing-resolved-update", Level::error},
    RuleDefault{"missing-resolved-at", Level::error},
    RuleDefault{"local-time-gap", Level::error},
    RuleDefault{"local-time-ambiguous", Level::warning},
    // Policy facts about the response.
    RuleDefault{"sla-breach", Level::warning},
    RuleDefault{"sla-not-measurable", Level::warning},
    RuleDefault{"update-cadence", Level::warning},
    RuleDefault{"severity-below-trigger", Level::error},
    RuleDefault{"missing-role", Level::error},
    RuleDefault{"role-pending", Level::warning},
    // Postmortems.
    RuleDefault{"postmortem-missing", Level::error},
    RuleDefault{"postmortem-overdue", Level::warning},
    RuleDefault{"postmortem-unknown-incident", Level::error},
    RuleDefault{"postmortem-duplicate", Level::error},
    RuleDefault{"postmortem-severity-mismatch", Level::error},
    RuleDefault{"postmortem-before-resolution", Level::error},
    RuleDefault{"missing-section", Level::error},
    RuleDefault{"unknown-section", Level::warning},
    RuleDefault{"duplicate-section", Level::error},
    RuleDefault{"section-order", Level::error},
    RuleDefault{"placeholder", Level::error},
    RuleDefault{"action-table", Level::error},
    RuleDefault{"action-missing-owner", Level::error},
    RuleDefault{"action-missing-due", Level::error},
    RuleDefault{"action-bad-date", Level::error},
    RuleDefault{"action-overdue", Level::warning},
    // What may reach the public site.
    RuleDefault{"internal-component", Level::error},
    RuleDefault{"internal-leak", Level::error},
    RuleDefault{"internal-severity", Level::warning},
    // Building the site.
    RuleDefault{"missing-template", Level::error},
    RuleDefault{"template-error", Level::error},
    RuleDefault{"write-failed", Level::error},
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

std::vector<std::string> RulePolicy::known_rules() {
  std::vector<std::string> out;
  for (const auto& r : k_rules) out.emplace_back(r.id);
  return out;
}

}  // namespace sitrep
