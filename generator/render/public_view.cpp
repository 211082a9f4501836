#include "render/public_view.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>

#include "model/text.h"
#include "render/calendar.h"

namespace sitrep {

std::string_view clock_change_name(ClockChange::Kind kind) {
  switch (kind) {
    case ClockChange::Kind::maintenance_starts: return "maintenance_starts";
    case ClockChange::Kind::maintenance_ends: return "maintenance_ends";
    case ClockChange::Kind::update_appears: return "update_appears";
    case ClockChange::Kind::incident_appears: return "incident_appears";
    case ClockChange::Kind::incident_resolves: return "incident_resolves";
    case ClockChange::Kind::next_update_due: return "next_update_due";
    case ClockChange::Kind::maintenance_leaves_calendar: return "maintenance_leaves_calendar";
  }
  return "maintenance_starts";
}

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

// See PublicIncident::postmortem_published_at.
TimePoint postmortem_published_at(const Model& model, const PublicIncident& p, const Postmortem& pm) {
  const TimePoint floor = p.resolved_at.value_or(*p.incident->started_at);
  if (!pm.date) return floor;
  const std::chrono::year_month_day ymd{*pm.date};
  const LocalDateTime midnight{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                               static_cast<unsigned>(ymd.day()), 0, 0, 0};
  const TimeZone zone = model.site.time_zone ? model.site.time_zone : utc_zone();
  return std::max(local_to_utc(midnight, zone), floor);
}

// `published` maps incident id -> its public, final postmortem.
void attach_postmortem(const Model& model, const std::map<std::string_view, const Postmortem*>& published,
                       PublicIncident& p) {
  const PostmortemTemplate& tpl = model.postmortem_template;
  if (auto it = published.find(p.incident->id); it != published.end()) {
    const Postmortem& pm = *it->second;
    p.postmortem = &pm;
    p.postmortem_title = pm.title;
    p.postmortem_published_at = postmortem_published_at(model, p, pm);
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

// What the clock will change about one public incident after `now`
// (`shown`: its public view, nullptr while it has not started).
void incident_clock_changes(const Incident& inc, const PublicIncident* shown, TimePoint now,
                            std::vector<ClockChange>& out) {
  const auto add = [&](TimePoint at, ClockChange::Kind kind) { out.push_back({at, kind, inc.id, inc.title, false}); };
  if (!shown) {
    add(*inc.started_at, ClockChange::Kind::incident_appears);
    return;
  }
  for (const auto& u : inc.updates)
    if (u.at > now) add(u.at, ClockChange::Kind::update_appears);
  if (inc.resolved_at && *inc.resolved_at > now) add(*inc.resolved_at, ClockChange::Kind::incident_resolves);
  if (shown->active && !shown->updates.empty()) {
    const auto& promise = shown->updates.back()->next_update_by;
    if (promise && *promise > now) add(*promise, ClockChange::Kind::next_update_due);
  }
}

void maintenance_clock_changes(const Maintenance& m, TimePoint now, std::vector<ClockChange>& out) {
  const auto add = [&](TimePoint at, ClockChange::Kind kind) { out.push_back({at, kind, m.id, m.title, true}); };
  if (m.scheduled_start > now) add(m.scheduled_start, ClockChange::Kind::maintenance_starts);
  if (m.scheduled_end > now) add(m.scheduled_end, ClockChange::Kind::maintenance_ends);
  // maintenance.ics drops the window then (render/calendar.h).
  if (leaves_calendar_at(m) > now) add(leaves_calendar_at(m), ClockChange::Kind::maintenance_leaves_calendar);
  for (const auto& u : m.updates)
    if (u.at > now) add(u.at, ClockChange::Kind::update_appears);
}

// Keeps the earliest of `all` in the view: one instant, everything due then,
// incidents first, by item id.
void keep_next_changes(std::vector<ClockChange> all, PublicView& view) {
  if (all.empty()) return;
  const auto earlier = [](const ClockChange& a, const ClockChange& b) { return a.at < b.at; };
  const TimePoint earliest = std::min_element(all.begin(), all.end(), earlier)->at;
  view.next_change = earliest;
  for (auto& c : all)
    if (c.at == earliest) view.next_changes.push_back(std::move(c));
  const auto key = [](const ClockChange& c) { return std::tie(c.is_maintenance, c.item_id, c.kind); };
  std::sort(view.next_changes.begin(), view.next_changes.end(),
            [&](const ClockChange& a, const ClockChange& b) { return key(a) < key(b); });
  // An item with two updates at one instant is one change.
  view.next_changes.erase(
      std::unique(view.next_changes.begin(), view.next_changes.end(),
                  [&](const ClockChange& a, const ClockChange& b) { return key(a) == key(b); }),
      view.next_changes.end());
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
  std::vector<ClockChange> clock_changes;
  for (const auto& inc : model.incidents) {
    const SeverityLevel* level = model.severity.level(inc.severity);
    if (!inc.is_public || (level && !level->is_public) || !inc.started_at) continue;
    if (*inc.started_at > now) {
      incident_clock_changes(inc, nullptr, now, clock_changes);
      continue;
    }
    PublicIncident p = make_incident(model, inc, level, now);
    attach_postmortem(model, published, p);
    incident_clock_changes(inc, &p, now, clock_changes);
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
    maintenance_clock_changes(m, now, clock_changes);
  }
  keep_next_changes(std::move(clock_changes), view);
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
