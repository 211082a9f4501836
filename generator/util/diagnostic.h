#pragma once
// One diagnostic type for every stage: parse errors, validation rules,
// build failures. Printed compiler-style or as JSON.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

struct SourcePos {
  std::uint32_t line = 0;  // 1-based; 0 = unknown
  std::uint32_t col = 0;   // 1-based; 0 = unknown
  bool operator==(const SourcePos&) const = default;
};

enum class Level { off, warning, error };

struct Diagnostic {
  std::string path;  // relative to the site root where possible
  SourcePos pos;
  Level level = Level::error;
  std::string rule;  // e.g. "unknown-key"
  std::string message;
  std::string hint;  // optional, e.g. "did you mean 'severity'?"
  bool operator==(const Diagnostic&) const = default;
};

// Maps a rule id to its level. Defaults live in rules.cpp; site.toml's
// [rules] table overrides them (policy, not code).
class RulePolicy {
 public:
  Level level_of(std::string_view rule) const;
  void set(std::string rule, Level level) { overrides_[std::move(rule)] = level; }
  static bool is_known(std::string_view rule);
  // One line saying what the rule finds (empty for an unknown id).
  static std::string_view summary_of(std::string_view rule);
  static std::vector<std::string> known_rules();

 private:
  std::map<std::string, Level, std::less<>> overrides_;
};

// Collects diagnostics; never stops at the first.
class Diagnostics {
 public:
  Diagnostics() = default;
  explicit Diagnostics(RulePolicy policy) : policy_(std::move(policy)) {}
  // Levels are decided when a diagnostic is reported, so set this first.
  void set_policy(RulePolicy policy) { policy_ = std::move(policy); }
  const RulePolicy& policy() const { return policy_; }

  void report(std::string path, SourcePos pos, std::string rule, std::string message,
              std::string hint = {});
  void append(const Diagnostics& other);
  // Adds one already decided (its level kept): the load cache's records.
  void restore(Diagnostic d) { items_.push_back(std::move(d)); }

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // Orders by path, line and column; ties keep the order they were found in,
  // which is itself fixed (files are merged in path order), so output is
  // deterministic.
  void sort();

 private:
  RulePolicy policy_;
  std::vector<Diagnostic> items_;
};

std::string_view level_name(Level level);
bool parse_level(std::string_view text, Level& out);

}  // namespace sitrep
