#include "render/public_view.h"

#include <algorithm>
#include <map>

#include "model/text.h"

namespace sitrep {

int component_status_rank(std::string_view status) {
  if (status == "degraded_performance") return 1;
  if (status == "partial_outage") return 2;
  if (status == "major_outage") return 3;
  return 0;  // operational, under_maintenance
}

namespace {

int impact_rank(std::string_view impact) {
  const auto it = std::find(k_impacts.begin(), k_impacts.end(), impact);
  return it == k_impacts.end() ? 0 : static_cast<int>(it - k_impacts.begin());
}

int maintenance_rank(std::string_view status) {
  const auto it = std::find(k_maintenance_statuses.begin(), k_maintenance_statuses.end(), status);
  return it == k_maintenance_statuses.end() ? 0 : static_cast<int>(it - k_maintenance_statuses.begin());
}

bool is_published_component(const Model& model, const std::string& id) {
  const Component* c = model.components.find(id);
  return c && c->is_public;
}

std::vector<std::string> public_components(const Model& model, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (is_published_component(model, id)) out.push_back(id);
  return out;
}

PublicIncident make_incident(const Model& model, const Incident& inc, const SeverityLevel* level, TimePoint now) {
  PublicIncident p;
  p.incident = &inc;
  p.level = level;
  p.impact = level ? level->impact : "none";
  p.components = public_components(model, inc.components);
  p.updated_at = inc.started_at.value_or(TimePoint{});
  for (const auto& u : inc.updates) {
    if (u.at > now) continue;
    p.updates.push_back(&u);
    p.updated_at = std::max(p.updated_at, u.at);
    const std::string status = model.severity.canonical_status(u.status);
    if (status == "monitoring" && !p.monitoring_at) p.monitoring_at = u.at;
  }
  if (inc.resolved_at && *inc.resolved_at <= now) {
    p.resolved_at = inc.resolved_at;
    p.status = "resolved";
    p.updated_at = std::max(p.updated_at, *inc.resolved_at);
  } else {
    p.active = true;
    p.status = p.updates.empty() ? "investigating" : model.severity.canonical_status(p.updates.back()->status);
    if (p.status == "resolved") p.status = "monitoring";  // resolved only with resolved_at
  }
  return p;
}

// `published` maps incident id -> its public, final postmortem.
void attach_postmortem(const Model& model, const std::map<std::string_view, const Postmortem*>& published,
                       PublicIncident& p) {
  const PostmortemTemplate& tpl = model.postmortem_template;
  if (auto it = published.find(p.incident->id); it != published.end()) {
    const Postmortem& pm = *it->second;
    p.postmortem = &pm;
    p.postmortem_title = pm.title;
    for (const auto& s : pm.sections) {
      const SectionRule* rule = tpl.section_for_heading(s.heading);
      if (rule && rule->is_public) p.postmortem_sections.emplace_back(rule->title, s.markdown);
    }
  }
}

std::string maintenance_status(const Maintenance& m, const std::vector<const MaintenanceUpdate*>& updates,
                               TimePoint now) {
  // The schedule moves a window forward on its own (like Statuspage's
  // auto-transitions); an update can move it further, never back.
  std::string from_schedule = now < m.scheduled_start ? "scheduled" : now < m.scheduled_end ? "in_progress" : "completed";
  if (updates.empty()) return from_schedule;
  const std::string& from_update = updates.back()->status;
  return maintenance_rank(from_update) > maintenance_rank(from_schedule) ? from_update : from_schedule;
}

}  // namespace

const PublicComponent* PublicView::component(std::string_view id) const {
  for (const auto& c : components)
    if (c.component->id == id) return &c;
  return nullptr;
}

PublicView make_public_view(const Model& model, TimePoint now) {
  PublicView view;
  view.model = &model;
  view.now = now;

  // Components in display order: by group order, then component order.
  std::vector<const Component*> comps;
  for (const auto& c : model.components.components)
    if (c.is_public) comps.push_back(&c);
  std::map<std::string, int> group_order;
  for (const auto& g : model.components.groups) group_order[g.id] = g.order;
  std::stable_sort(comps.begin(), comps.end(), [&](const Component* a, const Component* b) {
    const int ga = a->group.empty() ? 1 << 30 : group_order[a->group];
    const int gb = b->group.empty() ? 1 << 30 : group_order[b->group];
    return std::tie(ga, a->order) < std::tie(gb, b->order);
  });
  for (const Component* c : comps) view.components.push_back({c, "operational", {}});

  std::map<std::string_view, const Postmortem*> published;  // first by path wins
  for (const auto& pm : model.postmortems)
    if (pm.is_public && pm.status == model.postmortem_template.final_status) published.emplace(pm.incident, &pm);
  for (const auto& inc : model.incidents) {
    const SeverityLevel* level = model.severity.level(inc.severity);
    if (!inc.is_public || (level && !level->is_public)) continue;
    if (!inc.started_at || *inc.started_at > now) continue;
    PublicIncident p = make_incident(model, inc, level, now);
    attach_postmortem(model, published, p);
    view.incidents.push_back(std::move(p));
  }
  std::sort(view.incidents.begin(), view.incidents.end(), [](const PublicIncident& a, const PublicIncident& b) {
    return std::tie(*b.incident->started_at, b.incident->id) < std::tie(*a.incident->started_at, a.incident->id);
  });

  for (const auto& m : model.maintenance) {
    if (!m.is_public) continue;
    PublicMaintenance p;
    p.maintenance = &m;
    p.components = public_components(model, m.components);
    // Only what has happened by `now` counts as a change.
    if (m.scheduled_start <= now) p.updated_at = m.scheduled_start;
    for (const auto& u : m.updates)
      if (u.at <= now) {
        p.updates.push_back(&u);
        p.updated_at = std::max(p.updated_at, u.at);
      }
    p.status = maintenance_status(m, p.updates, now);
    view.maintenance.push_back(std::move(p));
    for (TimePoint t : {m.scheduled_start, m.scheduled_end})
      if (t > now && (!view.next_change || t < *view.next_change)) view.next_change = t;
  }
  std::sort(view.maintenance.begin(), view.maintenance.end(), [](const PublicMaintenance& a, const PublicMaintenance& b) {
    return std::tie(a.maintenance->scheduled_start, a.maintenance->id) <
           std::tie(b.maintenance->scheduled_start, b.maintenance->id);
  });

  // Current component status: the worst status any active incident's latest
  // word gives it; an active maintenance shows as under_maintenance.
  int worst_impact = 0, worst_component = 0;
  bool maintenance_active = false;
  for (const auto& p : view.incidents) {
    view.updated_at = std::max(view.updated_at, p.updated_at);
    if (!p.active) continue;
    worst_impact = std::max(worst_impact, impact_rank(p.impact));
    std::map<std::string, std::pair<std::string, TimePoint>> latest;
    for (const IncidentUpdate* u : p.updates)
      for (const auto& cs : u->components) latest[cs.component] = {cs.status, u->at};
    for (auto& c : view.components) {
      auto it = latest.find(c.component->id);
      if (it == latest.end()) continue;
      if (component_status_rank(it->second.first) > component_status_rank(c.status)) c.status = it->second.first;
      c.updated_at = std::max(c.updated_at, it->second.second);
      worst_component = std::max(worst_component, component_status_rank(c.status));
    }
  }
  for (const auto& m : view.maintenance) {
    view.updated_at = std::max(view.updated_at, m.updated_at);
    if (!m.active()) continue;
    maintenance_active = true;
    for (auto& c : view.components)
      if (std::find(m.components.begin(), m.components.end(), c.component->id) != m.components.end() &&
          c.status == "operational") {
        c.status = "under_maintenance";
        c.updated_at = std::max(c.updated_at, m.maintenance->scheduled_start);
      }
  }
  // Statuspage's page indicator: the worse of incident impact and what the
  // components show (degraded -> minor, partial -> major, major -> critical).
  const int indicator = std::max(worst_impact, worst_component);
  view.indicator = k_impacts[static_cast<std::size_t>(indicator)];
  static const char* const k_descriptions[] = {"All Systems Operational", "Minor Service Outage",
                                               "Partial System Outage", "Major System Outage"};
  view.description = k_descriptions[indicator];
  // Statuspage says "maintenance" when a window runs and nothing is worse;
  // clients colour on it (Atlassian's status widget has a blue .maintenance).
  if (indicator == 0 && maintenance_active) {
    view.indicator = "maintenance";
    view.description = "Service Under Maintenance";
  }

  // Groups in display order, each with its components.
  for (const auto& g : model.components.groups) {
    PublicGroup pg{&g, {}};
    for (std::size_t i = 0; i < view.components.size(); ++i)
      if (view.components[i].component->group == g.id) pg.components.push_back(i);
    if (!pg.components.empty()) view.groups.push_back(std::move(pg));
  }
  std::stable_sort(view.groups.begin(), view.groups.end(),
                   [](const PublicGroup& a, const PublicGroup& b) { return a.group->order < b.group->order; });
  PublicGroup ungrouped{nullptr, {}};
  for (std::size_t i = 0; i < view.components.size(); ++i)
    if (view.components[i].component->group.empty()) ungrouped.components.push_back(i);
  if (!ungrouped.components.empty()) view.groups.push_back(std::move(ungrouped));
  return view;
}

}  // namespace sitrep
