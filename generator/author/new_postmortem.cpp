#include "author/new_postmortem.h"

#include <algorithm>

#include "author/incident_facts.h"
#include "author/lookup.h"
#include "author/self_check.h"
#include "author/toml_text.h"
#include "load/load_site.h"
#include "model/text.h"

namespace sitrep {
namespace {

// One GFM table cell: on one line, and a '|' in the text is not a column.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : trim(text)) {
    if (c == '|') out += "\\|";
    else out += c == '\n' || c == '\r' ? ' ' : c;
  }
  return out;
}

std::string table_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + cell(c) + " |";
  return out + "\n";
}

std::string table_head(const std::vector<std::string>& columns) {
  std::string out = table_row(columns) + "|";
  for (std::size_t i = 0; i < columns.size(); ++i) out += "---|";
  return out + "\n";
}

// The response log if the incident has one; else what customers were told.
std::string timeline_table(const Model& model, const Incident& inc, const SeverityLevel& level) {
  const auto when = [&](TimePoint t) { return format_in_zone(t, model.site.time_zone, "%Y-%m-%d %H:%M %Z"); };
  std::string out = table_head({"Time", "Severity", "Action", "Owner"});
  if (!inc.timeline.empty()) {
    for (const auto& e : inc.timeline) {
      const SeverityLevel* at_level = model.severity.level(e.severity);
      out += table_row({when(e.at), at_level ? at_level->id : e.severity, e.action, e.owner});
    }
    return out;
  }
  const std::string comms = named_role(inc, "comms");
  for (const auto& u : inc.updates)
    out += table_row({when(u.at), level.id, "Status page: " + u.status + ". " + first_sentence(u.message), comms});
  return out;
}

std::string front_matter(const Model& model, const Incident& inc, const SeverityLevel& level, TimePoint now) {
  const std::string commander = named_role(inc, "commander");
  const std::string& first_status = model.postmortem_template.statuses.front();
  std::string out = "+++\n";
  out += "incident = " + toml_string(inc.id) + "\n";
  out += "title = " + toml_string(inc.title) + "\n";
  out += "status = " + toml_string(first_status) + "\n";
  out += "authors = " + toml_string_array({commander.empty() ? "TBD" : commander}) + "\n";
  out += "date = " + format_date(local_day(now, model.site.time_zone)) + "\n";
  out += "public = false\n";
  out += "severity = " + toml_string(level.id) + "\n";
  return out + "+++\n";
}

}  // namespace

std::optional<NewFile> new_postmortem(const Model& model, std::string_view incident_id, TimePoint now,
                                      Diagnostics& diags) {
  const Incident* inc = lookup_incident(model, incident_id, diags);
  if (!inc) return std::nullopt;
  const SeverityLevel* level = model.severity.level(inc->severity);
  const PostmortemTemplate& tpl = model.postmortem_template;
  if (!level || tpl.statuses.empty() || tpl.sections.empty()) {
    diags.report(inc->path, {}, "schema", "cannot lay out a postmortem: the incident's severity or the template is unknown",
                 "run sitrep check");
    return std::nullopt;
  }
  for (const auto& pm : model.postmortems)
    if (pm.incident == inc->id) {
      diags.report(pm.path, {}, "postmortem-duplicate", "incident " + inc->id + " already has a postmortem");
      return std::nullopt;
    }

  const SectionRule* timeline = tpl.section_for_heading("Timeline");
  const SectionRule* actions = tpl.section(tpl.action_table.section);
  const bool any_required = std::any_of(tpl.sections.begin(), tpl.sections.end(),
                                        [&](const SectionRule& s) { return s.required_for_level(level->id); });
  std::string text = front_matter(model, *inc, *level, now);
  for (const auto& s : tpl.sections) {
    const bool wanted = !any_required || s.required_for_level(level->id) || &s == timeline || &s == actions;
    if (!wanted) continue;
    text += "\n## " + s.title + "\n";
    if (&s == timeline) text += "\n" + timeline_table(model, *inc, *level);
    if (&s == actions) text += "\n" + table_head(tpl.action_table.required_columns);
  }

  const TimePoint started = inc->started_at.value_or(now);
  const std::string year = format_date(local_day(started, model.site.time_zone)).substr(0, 4);
  NewFile file{display_path(model.root, "content/postmortems/" + year + "/" + inc->id + ".md"), std::move(text)};
  if (!passes_check(model, ContentKind::postmortem, file, now, diags)) return std::nullopt;
  return file;
}

}  // namespace sitrep
