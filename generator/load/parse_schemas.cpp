// The two policy files: severity levels with their clocks and triggers, and
// the postmortem template.
#include <toml++/toml.h>

#include <algorithm>

#include "load/parse.h"
#include "load/toml_reader.h"
#include "util/did_you_mean.h"
#include "util/duration.h"

namespace sitrep {
namespace {

std::optional<std::chrono::seconds> read_duration(TomlReader& r, std::string_view key, bool required = false) {
  auto text = r.string(key, required);
  if (!text) return std::nullopt;
  auto d = parse_duration(*text);
  if (!d && is_duration_syntax(*text))
    r.report(r.raw_pos(key), "invalid-value",
             "'" + *text + "' is out of range: a duration is more than 0 and at most 100 years");
  else if (!d)
    r.report(r.raw_pos(key), "invalid-value",
             "'" + *text + "' is not a duration (use e.g. \"15m\", \"4h\", \"1h30m\", \"7d\")");
  return d;
}

SlaClock read_clock(const toml::table& t, const std::string& path, Diagnostics& diags) {
  TomlReader r(t, path, diags);
  SlaClock clock;
  clock.pos = r.table_pos();
  clock.name = r.string("name", true).value_or("");
  clock.from = r.one_of("from", k_clock_fields, true, "schema").value_or("");
  clock.to = r.one_of("to", k_clock_fields, true, "schema").value_or("");
  clock.within = read_duration(r, "within", true).value_or(std::chrono::seconds{0});
  if (!clock.from.empty() && !clock.to.empty()) {
    const auto index = [](const std::string& f) { return std::find(k_clock_fields.begin(), k_clock_fields.end(), f); };
    if (index(clock.from) >= index(clock.to))
      r.report(r.raw_pos("to"), "schema", "clock '" + clock.name + "' must run forward: '" + clock.from +
                                              "' comes before '" + clock.to + "' in an incident");
  }
  r.finish();
  return clock;
}

Trigger read_trigger(const toml::table& t, const std::string& path, Diagnostics& diags) {
  TomlReader r(t, path, diags);
  Trigger trigger;
  trigger.pos = r.table_pos();
  trigger.description = r.string("description", true).value_or("");
  const auto conditions = r.tables("when", true);
  for (const toml::table* c : conditions) {
    TomlReader cr(*c, path, diags);
    Condition cond;
    cond.metric = cr.string("metric", true).value_or("");
    cond.op = cr.one_of("op", {">", ">=", "<", "<=", "=="}, true, "schema").value_or("");
    cond.value = cr.number("value", true).value_or(0);
    cr.finish();
    if (!cond.metric.empty() && !cond.op.empty()) trigger.when.push_back(cond);
  }
  if (conditions.empty() && r.raw_pos("when").line) r.report(r.table_pos(), "schema", "trigger '" + trigger.description + "' has no conditions");
  r.finish();
  return trigger;
}

SeverityLevel read_level(const toml::table& t, const std::string& path, Diagnostics& diags) {
  TomlReader r(t, path, diags);
  SeverityLevel level;
  level.pos = r.table_pos();
  level.id = r.string("id", true).value_or("");
  level.aliases = r.strings("aliases").value_or(std::vector<std::string>{});
  level.name = r.string("name", true).value_or("");
  level.definition = r.string("definition").value_or("");
  level.examples = r.strings("examples").value_or(std::vector<std::string>{});
  level.impact = r.one_of("impact", k_impacts, true, "schema").value_or("none");
  level.is_public = r.boolean("public").value_or(true);
  level.roles_required = r.strings("roles_required").value_or(std::vector<std::string>{});
  level.roles_required_by =
      r.one_of("roles_required_by", k_roles_required_by, false, "schema").value_or(level.roles_required_by);
  level.roles_within = read_duration(r, "roles_within");
  level.update_every = read_duration(r, "update_every");
  level.postmortem_required = r.boolean("postmortem_required").value_or(false);
  level.postmortem_within = read_duration(r, "postmortem_within");
  if (level.postmortem_required && !level.postmortem_within && !t.contains("postmortem_within"))
    r.report(r.table_pos(), "schema", "level '" + level.id + "' requires a postmortem but has no postmortem_within");
  for (const toml::table* c : r.tables("clocks")) level.clocks.push_back(read_clock(*c, path, diags));
  for (const toml::table* c : r.tables("triggers")) level.triggers.push_back(read_trigger(*c, path, diags));
  r.finish();
  return level;
}

}  // namespace

SeverityPolicy parse_severity_schema(std::string_view text, const std::string& path, Diagnostics& diags) {
  SeverityPolicy policy;
  policy.path = path;
  auto doc = parse_toml(text, path, diags);
  if (!doc) return policy;
  TomlReader r(*doc, path, diags);
  policy.incident_types = r.strings("incident_types", true).value_or(std::vector<std::string>{});
  policy.root_cause_categories = r.strings("root_cause_categories", true).value_or(std::vector<std::string>{});
  policy.resolution_methods = r.strings("resolution_methods").value_or(std::vector<std::string>{});
  if (const auto* aliases = r.table("status_aliases")) {
    for (const auto& [k, v] : *aliases) {
      const std::string word{k.str()};
      const auto* s = v.as_string();
      if (!s) {
        diags.report(path, pos_of(v), "wrong-type", "status alias '" + word + "' must be a string");
      } else if (std::find(k_update_statuses.begin(), k_update_statuses.end(), s->get()) == k_update_statuses.end()) {
        diags.report(path, pos_of(v), "schema",
                     "status alias '" + word + "' must map to investigating, identified, monitoring or resolved",
                     did_you_mean(s->get(), k_update_statuses));
      } else {
        policy.status_aliases.emplace_back(word, s->get());
      }
    }
  }
  if (r.one_of("unmeasurable_clock", k_unmeasurable_clock_values, false, "schema").value_or("exclude") == "breach")
    policy.unmeasurable_clock = UnmeasurableClock::breach;
  for (const toml::table* t : r.tables("levels", true)) policy.levels.push_back(read_level(*t, path, diags));
  if (policy.levels.empty()) r.report(r.table_pos(), "schema", "the severity schema defines no levels");
  // Every id and alias must name exactly one level.
  std::vector<std::string> seen;
  for (const auto& level : policy.levels) {
    std::vector<std::string> names = level.aliases;
    names.insert(names.begin(), level.id);
    for (const auto& name : names) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end())
        diags.report(path, level.pos, "duplicate-id", "severity name '" + name + "' is used by two levels");
      seen.push_back(name);
    }
  }
  r.finish();
  return policy;
}

PostmortemTemplate parse_postmortem_schema(std::string_view text, const std::string& path, Diagnostics& diags) {
  PostmortemTemplate tpl;
  tpl.path = path;
  auto doc = parse_toml(text, path, diags);
  if (!doc) return tpl;
  TomlReader r(*doc, path, diags);
  if (auto v = r.strings("statuses", true)) tpl.statuses = *v;
  if (auto v = r.string("final_status", true)) tpl.final_status = *v;
  if (std::find(tpl.statuses.begin(), tpl.statuses.end(), tpl.final_status) == tpl.statuses.end())
    r.report(r.raw_pos("final_status"), "schema", "final_status '" + tpl.final_status + "' is not one of statuses");
  if (auto v = r.strings("action_statuses", true)) tpl.action_statuses = *v;
  if (auto v = r.strings("action_closed_statuses")) tpl.action_closed_statuses = *v;
  tpl.ordered = r.boolean("ordered").value_or(false);
  tpl.placeholders = r.strings("placeholders").value_or(std::vector<std::string>{});
  if (const auto* t = r.table("action_table")) {
    TomlReader a(*t, path, diags);
    if (auto v = a.string("section")) tpl.action_table.section = *v;
    if (auto v = a.strings("required_columns")) tpl.action_table.required_columns = *v;
    if (auto v = a.strings("optional_columns")) tpl.action_table.optional_columns = *v;
    if (const auto* aliases = a.table("column_aliases")) {
      for (const auto& [k, v] : *aliases) {
        std::vector<std::string> names;
        if (const auto* arr = v.as_array())
          for (const auto& item : *arr)
            if (const auto* s = item.as_string()) names.push_back(s->get());
        tpl.action_table.column_aliases.emplace_back(std::string{k.str()}, names);
      }
    }
    a.finish();
  }
  for (const toml::table* t : r.tables("sections", true)) {
    TomlReader s(*t, path, diags);
    SectionRule section;
    section.pos = s.table_pos();
    section.id = s.string("id", true).value_or("");
    section.title = s.string("title", true).value_or("");
    section.aliases = s.strings("aliases").value_or(std::vector<std::string>{});
    section.required_for = s.strings("required_for").value_or(std::vector<std::string>{});
    section.is_public = s.boolean("public").value_or(false);
    s.finish();
    tpl.sections.push_back(std::move(section));
  }
  if (!tpl.section(tpl.action_table.section) && !tpl.sections.empty())
    r.report(r.table_pos(), "schema", "action_table.section '" + tpl.action_table.section + "' names no section");
  r.finish();
  return tpl;
}

}  // namespace sitrep
