#include "load/toml_reader.h"

#include <algorithm>
#include <cmath>

#include "util/did_you_mean.h"
#include "util/markdown.h"

namespace sitrep {

SourcePos pos_of(const toml::source_region& region) {
  return {static_cast<std::uint32_t>(region.begin.line), static_cast<std::uint32_t>(region.begin.column)};
}

SourcePos pos_of(const toml::node& node) { return pos_of(node.source()); }

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path, Diagnostics& diags,
                                      std::uint32_t line_offset) {
  try {
    return toml::parse(text, std::string_view{path});
  } catch (const toml::parse_error& err) {
    SourcePos p = pos_of(err.source());
    if (p.line) p.line += line_offset;
    const std::string message{err.description()};
    // toml++'s words for two mistakes people make on purpose: a leap second
    // (RFC 3339 allows :60; TOML parsers and sitrep's clock do not) and a
    // day the month lacks (Feb 29 outside a leap year).
    std::string hint;
    if (message.find("expected second between 0 and 59") != std::string::npos && message.find("saw 60") != std::string::npos)
      hint = "leap seconds are not accepted: write :59 (sitrep's clock, like POSIX time, has no leap seconds)";
    else if (message.find("expected day between 1 and") != std::string::npos)
      hint = "that month has fewer days that year; check the date";
    diags.report(path, p, "toml-syntax", message, hint);
    return std::nullopt;
  }
}

namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

}  // namespace

TomlReader::TomlReader(const toml::table& table, const std::string& path, Diagnostics& diags, TimeZone zone,
                       std::uint32_t line_offset)
    : table_(table), path_(path), diags_(diags), zone_(zone), line_offset_(line_offset) {}

void TomlReader::report(SourcePos p, std::string rule, std::string message, std::string hint) const {
  if (p.line) p.line += line_offset_;
  diags_.report(path_, p, std::move(rule), std::move(message), std::move(hint));
}

SourcePos TomlReader::table_pos() const {
  SourcePos p = pos_of(table_);
  if (p.line == 0) p = {1, 1};
  return p;
}

SourcePos TomlReader::raw_pos(std::string_view key) const {
  if (const toml::node* n = table_.get(key)) {
    SourcePos p = pos_of(*n);
    if (p.line) return p;
  }
  return table_pos();
}

SourcePos TomlReader::pos(std::string_view key) const {
  const SourcePos p = raw_pos(key);
  return {p.line + line_offset_, p.col};
}

const toml::node* TomlReader::get(std::string_view key, bool required) {
  known_.emplace_back(key);
  const toml::node* n = table_.get(key);
  if (!n && required) report(table_pos(), "missing-key", "missing required key '" + std::string{key} + "'");
  return n;
}

void TomlReader::wrong_type(std::string_view key, const toml::node& node, std::string_view expected) {
  report(pos_of(node), "wrong-type",
         "'" + std::string{key} + "' must be " + std::string{expected} + ", not " + type_name(node));
}

std::optional<std::string> TomlReader::string(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
  wrong_type(key, *n, "a string");
  return std::nullopt;
}

std::optional<std::string> TomlReader::markdown(std::string_view key, bool required) {
  auto text = string(key, required);
  if (!text) return text;
  if (const auto excess = markdown_excess(*text)) {
    report(raw_pos(key), "markdown-too-complex",
           "'" + std::string(key) + "' line " + std::to_string(excess->line) + ": " + excess->message,
           "shorten it or split it (a link to a longer document works)");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> TomlReader::boolean(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (n->is_boolean()) return n->as_boolean()->get();
  wrong_type(key, *n, "true or false");
  return std::nullopt;
}

std::optional<double> TomlReader::number(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
  if (n->is_floating_point()) {
    // TOML has nan and inf; no figure sitrep reads means either, and a NaN
    // passes every range check after this one ("nan% uptime").
    const double v = n->as_floating_point()->get();
    if (std::isfinite(v)) return v;
    report(pos_of(*n), "invalid-value", "'" + std::string{key} + "' must be a finite number",
           "write a number such as 0.5; TOML's nan and inf are not accepted");
    return std::nullopt;
  }
  wrong_type(key, *n, "a number");
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::integer(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (n->is_integer()) return n->as_integer()->get();
  wrong_type(key, *n, "an integer");
  return std::nullopt;
}

std::optional<std::vector<std::string>> TomlReader::strings(std::string_view key, bool required,
                                                            std::vector<SourcePos>* positions) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  const toml::array* arr = n->as_array();
  if (!arr) {
    wrong_type(key, *n, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *arr) {
    if (!item.is_string()) {
      report(pos_of(item), "wrong-type",
             "'" + std::string{key} + "' must hold only strings, not " + type_name(item));
      return std::nullopt;
    }
    out.push_back(item.as_string()->get());
    if (positions) {
      SourcePos p = pos_of(item);
      positions->push_back({p.line ? p.line + line_offset_ : 0, p.col});
    }
  }
  return out;
}

// A local time is read in the site's zone; around a daylight-saving change
// it may name no instant (the gap) or two (the repeated hour). Guessing there
// would move an SLA clock by the size of the shift without anyone seeing it.
void TomlReader::check_local_time(const toml::date_time& dt, SourcePos p) const {
  const LocalDateTime local{dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute, dt.time.second};
  if (const auto problem = local_time_problem(local, zone_)) report(p, problem->rule, problem->message, problem->hint);
}

TimePoint TomlReader::to_time_point(const toml::date_time& dt, TimeZone zone) {
  const LocalDateTime local{dt.date.year, dt.date.month, dt.date.day, dt.time.hour, dt.time.minute,
                            dt.time.second};
  if (dt.offset) {
    const TimePoint as_utc = local_to_utc(local, nullptr);
    return as_utc - std::chrono::minutes{dt.offset->minutes};
  }
  return local_to_utc(local, zone);
}

// Years 1970-2199, as for the clock of a run (docs/commands.md): every day
// and month from the oldest item to the clock becomes pages, so an incident
// dated year 0001 once wrote 32 577 files.
bool TomlReader::year_in_range(int year, std::string_view key, const toml::node& n) const {
  if (year >= 1970 && year < 2200) return true;
  report(pos_of(n), "invalid-value", "'" + std::string{key} + "' is in the year " + std::to_string(year) +
                                         "; dates must fall in the years 1970-2199",
         "check the year");
  return false;
}

std::optional<TimePoint> TomlReader::time(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (const auto* dt = n->as_date_time()) {
    if (!year_in_range(dt->get().date.year, key, *n)) return std::nullopt;
    if (!dt->get().offset && zone_) check_local_time(dt->get(), pos_of(*n));
    return to_time_point(dt->get(), zone_);
  }
  wrong_type(key, *n, "a date-time such as 2026-04-14T07:58:00-07:00");
  return std::nullopt;
}

std::optional<Day> TomlReader::date(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return std::nullopt;
  if (const auto* d = n->as_date()) {
    const toml::date v = d->get();
    if (!year_in_range(v.year, key, *n)) return std::nullopt;
    const TimePoint t = local_to_utc({v.year, v.month, v.day}, nullptr);
    return std::chrono::floor<std::chrono::days>(t);
  }
  wrong_type(key, *n, "a date such as 2026-04-17");
  return std::nullopt;
}

const toml::table* TomlReader::table(std::string_view key, bool required) {
  const toml::node* n = get(key, required);
  if (!n) return nullptr;
  if (const auto* t = n->as_table()) return t;
  wrong_type(key, *n, "a table");
  return nullptr;
}

std::vector<const toml::table*> TomlReader::tables(std::string_view key, bool required) {
  std::vector<const toml::table*> out;
  const toml::node* n = get(key, required);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) {
    wrong_type(key, *n, "an array of tables ([[" + std::string{key} + "]])");
    return out;
  }
  for (const auto& item : *arr) {
    if (const auto* t = item.as_table()) out.push_back(t);
    else report(pos_of(item), "wrong-type", "'" + std::string{key} + "' must hold only tables, not " + type_name(item));
  }
  return out;
}

std::optional<std::string> TomlReader::one_of(std::string_view key, const std::vector<std::string>& allowed,
                                              bool required, const char* rule) {
  auto v = string(key, required);
  if (!v) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return v;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  report(raw_pos(key), rule, "'" + *v + "' is not a valid " + std::string{key} + " (expected one of: " + list + ")",
         did_you_mean(*v, allowed));
  return std::nullopt;
}

KeyPositions TomlReader::finish() {
  std::vector<std::pair<std::string_view, SourcePos>> out;
  out.reserve(table_.size());
  for (const auto& [k, v] : table_) {
    const std::string_view key = k.str();
    // Later rules talk about the value, so point at it; unknown keys point at the key.
    SourcePos key_pos = pos_of(k.source());
    SourcePos value_pos = pos_of(v);
    if (key_pos.line == 0) key_pos = value_pos;
    if (value_pos.line == 0) value_pos = key_pos;
    out.emplace_back(key, SourcePos{value_pos.line ? value_pos.line + line_offset_ : 0, value_pos.col});
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
      report(key_pos, "unknown-key", "unknown key '" + std::string{key} + "'", did_you_mean(key, known_));
    }
  }
  return KeyPositions{std::move(out)};
}

}  // namespace sitrep
