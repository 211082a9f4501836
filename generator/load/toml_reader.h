#pragma once
// Typed, diagnosing access to one TOML table. Every accessor records the
// key as known; finish() then rejects every other key with "did you mean".
// Only load/*.cpp and notify/target.cpp (the targets file, which is not
// site content) include this (toml.hpp is heavy to compile).
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "util/diagnostic.h"
#include "util/time.h"

namespace sitrep {

SourcePos pos_of(const toml::source_region& region);
SourcePos pos_of(const toml::node& node);

// Parses TOML; reports a toml-syntax diagnostic and returns nullopt on error.
// `line_offset` shifts reported lines (front matter inside a Markdown file).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path, Diagnostics& diags,
                                      std::uint32_t line_offset = 0);

class TomlReader {
 public:
  TomlReader(const toml::table& table, const std::string& path, Diagnostics& diags, TimeZone zone = nullptr,
             std::uint32_t line_offset = 0);

  std::optional<std::string> string(std::string_view key, bool required = false);
  // A string that is Markdown (an update's message): past markdown_excess's
  // bounds it is a markdown-too-complex error and nullopt, so nothing
  // downstream ever parses it.
  std::optional<std::string> markdown(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  std::optional<double> number(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false);
  // `positions`, when given, receives the position of each element.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required = false,
                                                  std::vector<SourcePos>* positions = nullptr);
  std::optional<TimePoint> time(std::string_view key, bool required = false);
  std::optional<Day> date(std::string_view key, bool required = false);
  const toml::table* table(std::string_view key, bool required = false);
  // An array of tables ([[key]]); empty when absent or wrong.
  std::vector<const toml::table*> tables(std::string_view key, bool required = false);

  // A string key whose value must be one of `allowed` (did-you-mean otherwise).
  std::optional<std::string> one_of(std::string_view key, const std::vector<std::string>& allowed,
                                    bool required = false, const char* rule = "invalid-value");

  // Position of a key's value (or of the table when absent), in file lines.
  SourcePos pos(std::string_view key) const;
  // The same before the line offset; what report() expects.
  SourcePos raw_pos(std::string_view key) const;
  SourcePos table_pos() const;
  // Reports unknown keys; returns the positions of all keys present.
  KeyPositions finish();

  // Converts a TOML date-time node to UTC (local times read in `zone`).
  static TimePoint to_time_point(const toml::date_time& dt, TimeZone zone);

  // `p` is a raw position (as toml++ gives it); the line offset is added here.
  void report(SourcePos p, std::string rule, std::string message, std::string hint = {}) const;
  // False, with an invalid-value diagnostic at `n`, outside the years 1970-2199.
  bool year_in_range(int year, std::string_view key, const toml::node& n) const;
  const std::string& path() const { return path_; }
  Diagnostics& diags() const { return diags_; }
  TimeZone zone() const { return zone_; }
  std::uint32_t line_offset() const { return line_offset_; }

 private:
  const toml::node* get(std::string_view key, bool required);
  // Reports a local date-time in a daylight-saving gap (error) or overlap (warning).
  void check_local_time(const toml::date_time& dt, SourcePos p) const;
  void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table& table_;
  std::string path_;
  Diagnostics& diags_;
  TimeZone zone_;
  std::uint32_t line_offset_;
  std::vector<std::string> known_;
};

}  // namespace sitrep
