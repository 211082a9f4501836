// A postmortem against its incident and the template; and, per incident,
// whether the policy's required postmortem exists in time.
#include <algorithm>
#include <map>

#include "model/postmortem_actions.h"
#include "model/text.h"
#include "util/did_you_mean.h"
#include "util/duration.h"
#include "validate/checks.h"

namespace sitrep {
namespace {

std::vector<std::string> incident_ids(const Model& model) {
  std::vector<std::string> out;
  for (const auto& inc : model.incidents) out.push_back(inc.id);
  return out;
}

std::vector<std::string> heading_names(const PostmortemTemplate& tpl) {
  std::vector<std::string> out;
  for (const auto& s : tpl.sections) {
    out.push_back(s.title);
    out.insert(out.end(), s.aliases.begin(), s.aliases.end());
  }
  return out;
}

void check_sections(const CheckContext& ctx, const Postmortem& pm, const SeverityLevel* level) {
  const PostmortemTemplate& tpl = ctx.model.postmortem_template;
  Diagnostics& d = ctx.diags;
  std::map<std::string, const PostmortemSection*> found;
  int last_index = -1;
  const SectionRule* last_rule = nullptr;
  for (const auto& s : pm.sections) {
    const SectionRule* rule = tpl.section_for_heading(s.heading);
    const SourcePos pos{s.line, s.col};
    if (!rule) {
      d.report(pm.path, pos, "unknown-section", "section '" + s.heading + "' is not in the postmortem template",
               did_you_mean(s.heading, heading_names(tpl)));
      continue;
    }
    if (!found.emplace(rule->id, &s).second) {
      d.report(pm.path, pos, "duplicate-section", "section '" + rule->title + "' appears twice");
      continue;
    }
    const int index = static_cast<int>(rule - tpl.sections.data());
    if (tpl.ordered && index < last_index)
      d.report(pm.path, pos, "section-order",
               "section '" + rule->title + "' should come before '" + last_rule->title + "'");
    if (index > last_index) {
      last_index = index;
      last_rule = rule;
    }
  }
  // Drafts are allowed to be incomplete; a final postmortem is not.
  const bool is_final = pm.status == tpl.final_status;
  for (const auto& rule : tpl.sections) {
    if (!level || !rule.required_for_level(level->id)) continue;
    auto it = found.find(rule.id);
    if (it == found.end() && is_final)
      d.report(pm.path, {1, 1}, "missing-section",
               level->id + " postmortems require the section '## " + rule.title + "'");
    else if (is_final && it->second->empty)
      d.report(pm.path, {it->second->line, it->second->col}, "placeholder",
               "required section '" + rule.title + "' is empty in a " + tpl.final_status + " postmortem");
  }
}

void check_placeholders(const CheckContext& ctx, const Postmortem& pm) {
  const PostmortemTemplate& tpl = ctx.model.postmortem_template;
  if (pm.status != tpl.final_status) return;
  std::uint32_t line = pm.body_line;
  for (std::size_t start = 0; start <= pm.body.size(); ++line) {
    std::size_t end = pm.body.find('\n', start);
    if (end == std::string::npos) end = pm.body.size();
    const std::string_view text = std::string_view{pm.body}.substr(start, end - start);
    for (const auto& p : tpl.placeholders) {
      if (p.empty()) continue;
      if (auto col = text.find(p); col != std::string_view::npos)
        ctx.diags.report(pm.path, {line, static_cast<std::uint32_t>(col + 1)}, "placeholder",
                         "a " + tpl.final_status + " postmortem still contains the template placeholder '" + p + "'");
    }
    start = end + 1;
  }
}

void check_action_table(const CheckContext& ctx, const Postmortem& pm) {
  const PostmortemTemplate& tpl = ctx.model.postmortem_template;
  const ActionTableView view = find_action_table(pm, tpl);
  if (!view.section) return;
  const SourcePos pos{view.section->line, view.section->col};
  if (!view.section->table_header) {
    if (!view.section->empty || pm.status == tpl.final_status)
      ctx.diags.report(pm.path, pos, "action-table", "section '" + view.section->heading + "' has no action table");
    return;
  }
  for (const auto& column : view.missing_columns)
    ctx.diags.report(pm.path, {view.section->table_header->line, 1}, "action-table",
                     "action table has no '" + column + "' column");
  if (!view.missing_columns.empty()) return;
  for (const auto& item : postmortem_actions(pm, tpl)) check_action(ctx, pm.path, item, true);
}

}  // namespace

void check_action(const CheckContext& ctx, const std::string& path, const ActionItem& a, bool owner_required) {
  const PostmortemTemplate& tpl = ctx.model.postmortem_template;
  Diagnostics& d = ctx.diags;
  const std::string what = a.action.empty() ? std::string{"action item"} : "action '" + a.action + "'";
  if (owner_required && trim(a.owner).empty())
    d.report(path, a.pos, "action-missing-owner", what + " has no owner");
  if (a.due_text.empty() && !a.due)
    d.report(path, a.pos, "action-missing-due", what + " has no due date");
  else if (!a.due)
    d.report(path, a.pos, "action-bad-date", what + " has due date '" + a.due_text + "'; " + iso_date_problem(a.due_text));
  if (!a.status.empty() && tpl.canonical_action_status(a.status).empty())
    d.report(path, a.pos, "unknown-status", "unknown action status '" + a.status + "'",
             did_you_mean(a.status, tpl.action_statuses));
  else if (a.status.empty())
    d.report(path, a.pos, "unknown-status", what + " has no status");
  // action-overdue is not a property of one file: check_follow_ups reports it per item.
}

void check_postmortem(const CheckContext& ctx, const Postmortem& pm) {
  const Model& model = ctx.model;
  const PostmortemTemplate& tpl = model.postmortem_template;
  Diagnostics& d = ctx.diags;
  if (!pm.status.empty() && std::find(tpl.statuses.begin(), tpl.statuses.end(), pm.status) == tpl.statuses.end())
    d.report(pm.path, at(pm.key_pos, "status"), "unknown-status", "unknown postmortem status '" + pm.status + "'",
             did_you_mean(pm.status, tpl.statuses));
  if (!pm.severity.empty() && !model.severity.level(pm.severity))
    d.report(pm.path, at(pm.key_pos, "severity"), "unknown-severity", "unknown severity '" + pm.severity + "'",
             did_you_mean(pm.severity, model.severity.level_names()));

  const Incident* inc = model.find_incident(pm.incident);
  const SeverityLevel* level = nullptr;
  if (!inc) {
    if (!pm.incident.empty())
      d.report(pm.path, at(pm.key_pos, "incident"), "postmortem-unknown-incident",
               "postmortem for unknown incident '" + pm.incident + "'", did_you_mean(pm.incident, incident_ids(model)));
    level = model.severity.level(pm.severity);
  } else {
    level = model.severity.level(inc->severity);
    const SeverityLevel* own = model.severity.level(pm.severity);
    if (own && level && own != level)
      d.report(pm.path, at(pm.key_pos, "severity"), "postmortem-severity-mismatch",
               "postmortem says " + own->id + " but incident " + inc->id + " is " + level->id);
    if (pm.date && inc->resolved_at) {
      const Day resolved_day = local_day(*inc->resolved_at, model.site.time_zone);
      if (*pm.date < resolved_day)
        d.report(pm.path, at(pm.key_pos, "date"), "postmortem-before-resolution",
                 "postmortem is dated " + format_date(*pm.date) + ", before incident " + inc->id +
                     " was resolved (" + format_date(resolved_day) + ")");
    }
    if (pm.is_public && (!inc->is_public || (level && !level->is_public)))
      d.report(pm.path, at(pm.key_pos, "public"), "internal-leak",
               "public postmortem for internal incident " + inc->id + " would publish internal data");
  }
  if (!tpl.sections.empty()) check_sections(ctx, pm, level);  // else the template failed to load
  check_placeholders(ctx, pm);
  check_action_table(ctx, pm);
}

void check_postmortems_required(const CheckContext& ctx) {
  const Model& model = ctx.model;
  std::map<std::string, const Postmortem*, std::less<>> by_incident;
  for (const auto& pm : model.postmortems) {
    if (pm.incident.empty()) continue;
    auto [it, inserted] = by_incident.emplace(pm.incident, &pm);
    if (!inserted)
      ctx.diags.report(pm.path, at(pm.key_pos, "incident"), "postmortem-duplicate",
                       "incident " + pm.incident + " already has a postmortem: " + it->second->path);
  }
  for (const auto& inc : model.incidents) {
    const SeverityLevel* level = model.severity.level(inc.severity);
    if (!level || !level->postmortem_required || !inc.resolved_at || !level->postmortem_within) continue;
    const TimePoint deadline = *inc.resolved_at + *level->postmortem_within;
    auto it = by_incident.find(inc.id);
    if (it == by_incident.end()) {
      // A postmortem that failed to parse may be this one: its own error says more.
      if (ctx.now > deadline && model.unreadable_postmortems == 0)
        ctx.diags.report(inc.path, at(inc.key_pos, "severity"), "postmortem-missing",
                         level->id + " requires a postmortem within " + format_duration(*level->postmortem_within) +
                             " of resolution (due " + ctx.show(deadline) + "); none found");
      continue;
    }
    const Postmortem& pm = *it->second;
    const std::string& final_status = model.postmortem_template.final_status;
    const bool known_status = std::find(model.postmortem_template.statuses.begin(),
                                        model.postmortem_template.statuses.end(),
                                        pm.status) != model.postmortem_template.statuses.end();
    if (pm.status != final_status && known_status && ctx.now > deadline)
      ctx.diags.report(pm.path, at(pm.key_pos, "status"), "postmortem-overdue",
                       "postmortem is still '" + pm.status + "' after its deadline (" + ctx.show(deadline) + ")");
    else if (pm.status == final_status && pm.date && *pm.date > local_day(deadline, model.site.time_zone))
      ctx.diags.report(pm.path, at(pm.key_pos, "date"), "postmortem-overdue",
                       "postmortem was completed " + format_date(*pm.date) + ", after its deadline (" +
                           ctx.show(deadline) + ")");
  }
}

}  // namespace sitrep
