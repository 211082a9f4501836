#pragma once
// The organisation's policy, read from schemas/*.toml. Nothing about a
// particular policy is written in C++: these types only give it a shape.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/diagnostic.h"

namespace sitrep {

struct Condition {
  std::string metric;
  std::string op;  // > >= < <= ==
  double value = 0;
  bool holds(double measured) const;
};

struct Trigger {
  std::string description;
  std::vector<Condition> when;  // all must hold
  SourcePos pos;
};

// An SLA clock: the time from one incident timestamp to another.
struct SlaClock {
  std::string name;  // "acknowledge"
  std::string from;  // "detected_at"
  std::string to;    // "acknowledged_at"
  std::chrono::seconds within{0};
  SourcePos pos;
};

struct SeverityLevel {
  std::string id;  // "SEV1"
  std::vector<std::string> aliases;
  std::string name;
  std::string definition;
  std::vector<std::string> examples;
  std::string impact = "none";  // none|minor|major|critical
  bool is_public = true;
  std::vector<std::string> roles_required;
  // When a required role that is not named becomes an error (missing-role);
  // before that it is a warning (role-pending) saying how to name it.
  // "declaration": from the start. "resolution" (the default): once the
  // incident is resolved, or `roles_within` after detection (detected_at,
  // else started_at) when that is set.
  std::string roles_required_by = "resolution";
  std::optional<std::chrono::seconds> roles_within;
  std::optional<std::chrono::seconds> update_every;
  bool postmortem_required = false;
  std::optional<std::chrono::seconds> postmortem_within;
  std::vector<SlaClock> clocks;
  std::vector<Trigger> triggers;
  SourcePos pos;
};

// What the compliance rate does with an incident whose clock cannot be
// measured (a closed incident without acknowledged_at, ...): leave it out
// of the rate, or count it as breached. Never as met.
enum class UnmeasurableClock { exclude, breach };
inline const std::vector<std::string> k_unmeasurable_clock_values = {"exclude", "breach"};

// Whether a required role still missing is now an error (missing-role)
// rather than a warning (role-pending), by the level's roles_required_by
// and roles_within. `since`: detected_at, else started_at.
bool roles_due(const SeverityLevel& level, std::optional<std::chrono::sys_seconds> since, bool resolved,
               std::chrono::sys_seconds now);

inline const std::vector<std::string> k_roles_required_by = {"declaration", "resolution"};

struct SeverityPolicy {
  std::string path;
  std::vector<SeverityLevel> levels;  // most severe first
  UnmeasurableClock unmeasurable_clock = UnmeasurableClock::exclude;
  std::vector<std::string> incident_types;
  std::vector<std::string> root_cause_categories;
  std::vector<std::string> resolution_methods;
  std::vector<std::pair<std::string, std::string>> status_aliases;  // word -> canonical

  // Index into levels for an id or alias (case-insensitive), or -1.
  int find_level(std::string_view name) const;
  const SeverityLevel* level(std::string_view name) const;
  std::vector<std::string> level_names() const;
  // Canonical update status for a word (itself or an alias), or empty.
  std::string canonical_status(std::string_view word) const;
  std::vector<std::string> status_words() const;
};

struct SectionRule {
  std::string id;
  std::string title;
  std::vector<std::string> aliases;
  std::vector<std::string> required_for;  // severity ids; "*" = all
  bool is_public = false;
  SourcePos pos;

  bool matches(std::string_view heading) const;
  bool required_for_level(std::string_view severity_id) const;
};

struct ActionTableRule {
  std::string section = "action_items";
  std::vector<std::string> required_columns{"Action", "Owner", "Due", "Status"};
  std::vector<std::string> optional_columns{"Priority"};
  std::vector<std::pair<std::string, std::vector<std::string>>> column_aliases;
  // The canonical column a header names (case-insensitive), or empty.
  std::string canonical_column(std::string_view header) const;
};

struct PostmortemTemplate {
  std::string path;
  std::vector<std::string> statuses{"draft", "in_review", "final"};
  std::string final_status = "final";
  std::vector<std::string> action_statuses{"open", "in_progress", "blocked", "done", "wont_do"};
  std::vector<std::string> action_closed_statuses{"done", "wont_do"};
  bool ordered = true;
  std::vector<std::string> placeholders;
  ActionTableRule action_table;
  std::vector<SectionRule> sections;

  const SectionRule* section_for_heading(std::string_view heading) const;
  const SectionRule* section(std::string_view id) const;
  // Canonical action status for text such as "Open" or "In progress", or empty.
  std::string canonical_action_status(std::string_view text) const;
  bool is_closed_action_status(std::string_view status) const;
};

// Statuspage's component states, in order of severity.
inline const std::vector<std::string> k_component_statuses = {"operational", "degraded_performance",
                                                              "partial_outage", "major_outage"};
inline const std::vector<std::string> k_update_statuses = {"investigating", "identified", "monitoring",
                                                           "resolved"};
inline const std::vector<std::string> k_maintenance_statuses = {"scheduled", "in_progress", "verifying",
                                                                "completed"};
inline const std::vector<std::string> k_impacts = {"none", "minor", "major", "critical"};
// Timestamps an SLA clock may run between.
inline const std::vector<std::string> k_clock_fields = {"started_at", "detected_at", "acknowledged_at",
                                                        "mitigated_at", "resolved_at"};

}  // namespace sitrep
