#include "model/policy.h"

#include <algorithm>

#include "model/text.h"

namespace sitrep {

bool Condition::holds(double measured) const {
  if (op == ">") return measured > value;
  if (op == ">=") return measured >= value;
  if (op == "<") return measured < value;
  if (op == "<=") return measured <= value;
  if (op == "==") return measured == value;
  return false;
}

int SeverityPolicy::find_level(std::string_view name) const {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (iequals(levels[i].id, name)) return static_cast<int>(i);
    for (const auto& a : levels[i].aliases)
      if (iequals(a, name)) return static_cast<int>(i);
  }
  return -1;
}

const SeverityLevel* SeverityPolicy::level(std::string_view name) const {
  const int i = find_level(name);
  return i < 0 ? nullptr : &levels[static_cast<std::size_t>(i)];
}

std::vector<std::string> SeverityPolicy::level_names() const {
  std::vector<std::string> out;
  for (const auto& l : levels) {
    out.push_back(l.id);
    out.insert(out.end(), l.aliases.begin(), l.aliases.end());
  }
  return out;
}

std::string SeverityPolicy::canonical_status(std::string_view word) const {
  for (const auto& s : k_update_statuses)
    if (iequals(s, word)) return s;
  for (const auto& [alias, canonical] : status_aliases)
    if (iequals(alias, word)) return canonical;
  return {};
}

std::vector<std::string> SeverityPolicy::status_words() const {
  std::vector<std::string> out = k_update_statuses;
  for (const auto& [alias, canonical] : status_aliases) out.push_back(alias);
  return out;
}

bool SectionRule::matches(std::string_view heading) const {
  if (iequals(title, heading)) return true;
  return std::any_of(aliases.begin(), aliases.end(), [&](const std::string& a) { return iequals(a, heading); });
}

bool SectionRule::required_for_level(std::string_view severity_id) const {
  return std::any_of(required_for.begin(), required_for.end(),
                     [&](const std::string& s) { return s == "*" || iequals(s, severity_id); });
}

std::string ActionTableRule::canonical_column(std::string_view header) const {
  for (const auto* list : {&required_columns, &optional_columns})
    for (const auto& c : *list)
      if (iequals(c, header)) return c;
  for (const auto& [column, aliases] : column_aliases)
    for (const auto& a : aliases)
      if (iequals(a, header)) return column;
  return {};
}

const SectionRule* PostmortemTemplate::section_for_heading(std::string_view heading) const {
  for (const auto& s : sections)
    if (s.matches(heading)) return &s;
  return nullptr;
}

const SectionRule* PostmortemTemplate::section(std::string_view id) const {
  for (const auto& s : sections)
    if (s.id == id) return &s;
  return nullptr;
}

std::string PostmortemTemplate::canonical_action_status(std::string_view text) const {
  for (const auto& s : action_statuses)
    if (same_word(s, text)) return s;
  return {};
}

bool PostmortemTemplate::is_closed_action_status(std::string_view status) const {
  return std::find(action_closed_statuses.begin(), action_closed_statuses.end(), status) !=
         action_closed_statuses.end();
}

}  // namespace sitrep

namespace sitrep {

bool roles_due(const SeverityLevel& level, std::optional<std::chrono::sys_seconds> since, bool resolved,
               std::chrono::sys_seconds now) {
  if (level.roles_required_by == "declaration" || resolved) return true;
  return level.roles_within && since && now - *since >= *level.roles_within;
}

}  // namespace sitrep
