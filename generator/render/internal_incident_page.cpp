// One internal page per incident, public or not, with everything its file
// holds and what the report layer measured from it.
#include <algorithm>

#include "render/internal_incident_parts.h"
#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/parallel_pages.h"
#include "report/exports.h"
#include "util/duration.h"

namespace sitrep {
namespace {

Json components_json(const InternalContext& ctx, const Incident& inc) {
  Json out = Json::array();
  for (const auto& id : inc.components) {
    const Component* c = ctx.model.components.find(id);
    out.push_back({{"name", c ? c->name : id}, {"component_id", id}, {"internal_component", c && !c->is_public}});
  }
  return out;
}

Json times_json(const InternalContext& ctx, const Incident& inc) {
  Json out = Json::array();
  for (const auto& field : k_clock_fields)
    out.push_back({{"field", field}, {"when", itime_json(ctx, inc.time(field))}});
  return out;
}

Json durations_json(const IncidentMetrics& m) {
  const std::pair<const char*, const std::optional<Seconds>*> rows[] = {
      // Phases, each from the end of the previous one; the SLA clocks below
      // may measure from detection instead, and say so in their names.
      {"Detect → acknowledge phase (acknowledged_at − detected_at)", &m.time_to_acknowledge},
      {"Acknowledge → mitigate phase (mitigated_at − acknowledged_at)", &m.time_to_mitigate},
      {"Mitigate → resolve phase (resolved_at − mitigated_at)", &m.time_to_resolve},
      {"Total duration, detect → resolve (resolved_at − detected_at)", &m.total_duration},
  };
  Json out = Json::array();
  for (const auto& [label, value] : rows) {
    std::string text = duration_text(*value);
    // The two figures that start at detection say when it fell back.
    if (*value && !m.detection_note.empty() && (value == &m.time_to_acknowledge || value == &m.total_duration))
      text += " (" + m.detection_note + ")";
    out.push_back({{"label", label}, {"value", text}});
  }
  return out;
}

Json roles_json(const Incident& inc, const SeverityLevel* level) {
  Json roles = Json::array();
  for (const auto& [role, name] : inc.roles) roles.push_back({{"role", word_label(role)}, {"person", name}});
  Json required = Json::array();
  if (level)
    for (const auto& role : level->roles_required) {
      const bool present = std::any_of(inc.roles.begin(), inc.roles.end(),
                                       [&](const auto& r) { return r.first == role && !r.second.empty(); });
      required.push_back({{"role", word_label(role)}, {"filled", mark_json(present, "assigned", "missing", "")}});
    }
  return Json{{"assigned", roles}, {"required", required}};
}

Json timeline_json(const InternalContext& ctx, const Incident& inc) {
  Json out = Json::array();
  for (const auto& e : inc.timeline)
    out.push_back({{"at", itime_json(ctx, e.at)},
                   {"entry_severity", e.severity.empty() ? "—" : e.severity},
                   {"entry_action", e.action},
                   {"entry_owner", e.owner.empty() ? "—" : e.owner}});
  return out;
}

Json impact_json(const Incident& inc) {
  Json out = Json::array();
  for (const auto& f : inc.impact)
    out.push_back({{"label", f.label}, {"value", format_number(f.value)}, {"unit", f.unit.empty() ? "—" : f.unit}});
  return out;
}

Json root_cause_json(const Incident& inc) {
  if (!inc.root_cause) return nullptr;
  const RootCause& rc = *inc.root_cause;
  return Json{{"summary", rc.summary},
              {"category", rc.category},
              {"confirmed", rc.confirmed},
              {"state", rc.confirmed ? "Confirmed" : "Pending validation"},
              {"pending", rc.pending}};
}

Json postmortem_json(const InternalContext& ctx, const Incident& inc, const SeverityLevel* level,
                     std::string_view root) {
  Json j{{"required", level && level->postmortem_required}};
  if (level && level->postmortem_required && level->postmortem_within) {
    j["within"] = format_duration(*level->postmortem_within);
    if (inc.resolved_at) j["deadline"] = itime_json(ctx, *inc.resolved_at + *level->postmortem_within);
  }
  if (const Postmortem* pm = postmortem_of(ctx.postmortems, inc.id)) {
    j["pm_url"] = std::string{root} + ctx.postmortem_path(*pm);
    j["pm_title"] = pm->title;
    j["pm_status"] = word_label(pm->status);
    j["pm_published"] = ctx.published_postmortems.count(pm) > 0;
  }
  return j;
}

}  // namespace

Json internal_incident_json(const InternalContext& ctx, std::size_t index) {
  const Incident& inc = ctx.model.incidents[index];
  const IncidentMetrics& m = ctx.metrics[index];
  const SeverityLevel* level = ctx.model.severity.level(inc.severity);
  const std::string path = internal_urls::incident(inc.id);
  Json page = internal_page_json(ctx, path, inc.id + ": " + inc.title, InternalSection::incidents, inc.id);
  const std::string root = page["root"];

  Json incident{
      {"id", inc.id},
      {"title", inc.title},
      {"summary", inc.summary},
      {"path", inc.path},
      {"severity", severity_json(ctx, inc.severity)},
      {"type", inc.type},
      {"visibility", inc.is_public ? "Public" : "Internal only"},
      {"publication", publication_note(ctx, inc)},
      {"status", status_json(incident_status_at(ctx, inc))},
      {"components", components_json(ctx, inc)},
      {"affected_system", m.affected_system},
      {"resolution_method", inc.resolution_method},
      {"times", times_json(ctx, inc)},
      {"durations", durations_json(m)},
  };
  if (auto it = ctx.public_urls.find(inc.id); it != ctx.public_urls.end()) incident["public_url"] = it->second;
  page["incident"] = incident;
  page["roles"] = roles_json(inc, level);
  page["timeline"] = timeline_json(ctx, inc);
  page["severity_chart"] = severity_chart_json(ctx, inc);
  page["signals"] = triggers_json(ctx, inc);
  page["impact"] = impact_json(inc);
  page["root_cause"] = root_cause_json(inc);
  Json clocks = Json::array();
  for (const auto& c : m.sla.clocks) clocks.push_back(clock_json(ctx, c));
  page["clocks"] = clocks;
  page["sla_overall"] = sla_overall_json(ctx, m.sla);
  page["sla_overall_why"] = sla_overall_why(ctx, m.sla);
  page["follow_ups"] = incident_actions_json(ctx, inc, root);
  page["updates"] = updates_json(ctx, inc);
  page["postmortem"] = postmortem_json(ctx, inc, level, root);
  return page;
}

Outputs render_internal_incidents(const InternalContext& ctx) {
  // Independent pages, the bulk of the tree: rendered on a pool, each with
  // its own diagnostics, merged in order (as the public incident pages are).
  return render_pages_in_parallel(ctx.model.incidents.size(), ctx.model.rules, ctx.diags,
                                  [&](std::size_t i, Diagnostics& diags) {
                                    return render_incident_view_page(
                                        ctx, "internal_incident", internal_urls::incident(ctx.model.incidents[i].id),
                                        {i}, 0, diags, [&] { return internal_incident_json(ctx, i); });
                                  },
                                  ctx.sink);
}

}  // namespace sitrep
