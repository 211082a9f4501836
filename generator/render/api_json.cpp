#include "render/api_json.h"

#include "util/markdown.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "render/urls.h"

namespace sitrep {

using Json = nlohmann::ordered_json;

std::string page_id(std::string_view base_url) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : base_url) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

namespace {

Json iso(TimePoint t) { return format_rfc3339_utc(t); }
Json iso_or_null(const std::optional<TimePoint>& t) { return t ? iso(*t) : Json(nullptr); }
Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

// Statuspage's dates for a maintenance window, from its visible updates and
// its schedule (which moves the state on its own at start and end).
struct MaintenanceTimes {
  TimePoint created{}, updated{};
  std::optional<TimePoint> monitoring_at, resolved_at;
};

MaintenanceTimes maintenance_times(const PublicMaintenance& m, TimePoint now) {
  const Maintenance& mt = *m.maintenance;
  MaintenanceTimes t;
  // Without an update nothing records when it was announced; the start of
  // the window is the stable stand-in.
  t.created = m.updates.empty() ? mt.scheduled_start : m.updates.front()->at;
  t.updated = t.created;
  for (const MaintenanceUpdate* u : m.updates) {
    t.updated = std::max(t.updated, u->at);
    if (u->status == "verifying" && !t.monitoring_at) t.monitoring_at = u->at;
    if (u->status == "completed" && !t.resolved_at) t.resolved_at = u->at;
  }
  for (TimePoint boundary : {mt.scheduled_start, mt.scheduled_end})
    if (boundary <= now) t.updated = std::max(t.updated, boundary);
  if (m.status == "completed" && !t.resolved_at) t.resolved_at = mt.scheduled_end;
  return t;
}

// What a maintenance state means for the components it names.
std::string maintenance_component_status(std::string_view status) {
  return status == "in_progress" || status == "verifying" ? "under_maintenance" : "operational";
}

struct ComponentDates {
  std::optional<TimePoint> created;
  TimePoint updated{};
};

// Everything the files share, computed once.
struct Api {
  Api(const RenderContext& context, std::string id) : ctx(context), page_id(std::move(id)) {}
  const RenderContext& ctx;
  std::string page_id;
  std::vector<MaintenanceTimes> maintenance;            // parallel to view.maintenance
  std::map<std::string, Json, std::less<>> components;  // public component id -> object
  Json component_list = Json::array();                  // groups and components, display order
  TimePoint components_updated{};                       // latest component change
  Json page, status;
};

// When each public component was first named by a public item (created_at)
// and last changed state (updated_at). Only times up to `now` count: a
// window in the future has not touched anything yet.
std::map<std::string, ComponentDates, std::less<>> component_dates(const Api& api) {
  const PublicView& view = api.ctx.view;
  std::map<std::string, ComponentDates, std::less<>> dates;
  for (const auto& c : view.components) dates[c.component->id].updated = c.updated_at;
  const auto note = [&](const std::string& id, TimePoint t, bool changed) {
    auto it = dates.find(id);
    if (it == dates.end() || t > view.now) return;  // not public, or not yet
    ComponentDates& d = it->second;
    if (!d.created || t < *d.created) d.created = t;
    if (changed) d.updated = std::max(d.updated, t);
  };
  for (const auto& p : view.incidents) {
    for (const auto& id : p.components) note(id, *p.incident->started_at, true);
    for (const IncidentUpdate* u : p.updates)
      for (const auto& cs : u->components) note(cs.component, u->at, true);
    if (p.resolved_at)
      for (const auto& id : p.components) note(id, *p.resolved_at, true);
  }
  for (std::size_t i = 0; i < view.maintenance.size(); ++i) {
    const Maintenance& m = *view.maintenance[i].maintenance;
    for (const auto& id : view.maintenance[i].components) {
      note(id, api.maintenance[i].created, false);
      note(id, m.scheduled_start, true);
      note(id, m.scheduled_end, true);
    }
  }
  // A component nothing mentions is dated with the earliest thing the page
  // knows of, so the value stays stable from build to build.
  std::optional<TimePoint> earliest;
  for (const auto& [id, d] : dates)
    if (d.created && (!earliest || *d.created < *earliest)) earliest = d.created;
  for (auto& [id, d] : dates) {
    if (!d.created) d.created = earliest.value_or(view.now);
    d.updated = std::max(d.updated, *d.created);
  }
  return dates;
}

Json component_json(const Api& api, const PublicComponent& c, const ComponentDates& d, int position) {
  const Component& comp = *c.component;
  return Json{
      {"id", comp.id},
      {"name", comp.name},
      {"status", c.status},
      {"created_at", iso(*d.created)},
      {"updated_at", iso(d.updated)},
      {"position", position},
      {"description", text_or_null(comp.description)},
      {"showcase", true},
      {"start_date", nullptr},
      {"group_id", text_or_null(comp.group)},
      {"page_id", api.page_id},
      {"group", false},
      {"only_show_if_degraded", false},
  };
}

// A group's status is its worst component's; maintenance shows only when
// nothing is worse.
std::string group_status(const Json& children) {
  std::string worst = "operational";
  for (const auto& c : children) {
    const std::string s = c["status"];
    if (component_status_rank(s) > component_status_rank(worst) || (s == "under_maintenance" && worst == "operational"))
      worst = s;
  }
  return worst;
}

Json group_json(const Api& api, const ComponentGroup& g, const Json& children, const ComponentDates& span,
                int position) {
  Json ids = Json::array();
  for (const auto& c : children) ids.push_back(c["id"]);
  return Json{
      {"id", g.id},
      {"name", g.name},
      {"status", group_status(children)},
      {"created_at", iso(*span.created)},
      {"updated_at", iso(span.updated)},
      {"position", position},
      {"description", text_or_null(g.description)},
      {"showcase", true},
      {"start_date", nullptr},
      {"group_id", nullptr},
      {"page_id", api.page_id},
      {"group", true},
      {"only_show_if_degraded", false},
      {"components", ids},
  };
}

void add_components(Api& api) {
  const PublicView& view = api.ctx.view;
  const auto dates = component_dates(api);
  int position = 0;
  for (const auto& pg : view.groups) {
    const int group_position = pg.group ? ++position : 0;
    Json children = Json::array();
    ComponentDates span;  // a group exists from its first component to its last change
    for (std::size_t index : pg.components) {
      const PublicComponent& c = view.components[index];
      const ComponentDates& d = dates.find(c.component->id)->second;
      if (!span.created || *d.created < *span.created) span.created = d.created;
      span.updated = std::max(span.updated, d.updated);
      api.components_updated = std::max(api.components_updated, d.updated);
      children.push_back(component_json(api, c, d, ++position));
      api.components.emplace(c.component->id, children.back());
    }
    if (pg.group && span.created)
      api.component_list.push_back(group_json(api, *pg.group, children, span, group_position));
    for (auto& c : children) api.component_list.push_back(std::move(c));
  }
}

void add_page(Api& api) {
  const PublicView& view = api.ctx.view;
  std::optional<TimePoint> updated;
  const auto consider = [&](TimePoint t) {
    if (t <= view.now && (!updated || t > *updated)) updated = t;
  };
  for (const auto& p : view.incidents) consider(p.updated_at);
  for (const auto& m : api.maintenance) consider(m.updated);
  if (!api.components.empty()) consider(api.components_updated);
  const SiteConfig& site = api.ctx.site();
  api.page = Json{{"id", api.page_id},
                  {"name", site.title},
                  {"url", site.base_url},
                  {"time_zone", site.time_zone_name},
                  {"updated_at", iso(updated.value_or(view.now))}};
  api.status = Json{{"indicator", view.indicator}, {"description", view.description}};
}

Json update_json(std::string id, std::string status, std::string_view body, const std::string& item_id, TimePoint at,
                 Json affected) {
  return Json{{"id", std::move(id)},   {"status", std::move(status)},
              {"body", markdown_to_text(body)}, {"incident_id", item_id},
              {"created_at", iso(at)}, {"updated_at", iso(at)},
              {"display_at", iso(at)}, {"affected_components", std::move(affected)}};
}

// "<item id>-u<N>": N is the update's place in the file, so the id does not
// change when later updates appear or `now` moves.
template <typename Update>
std::string update_id(const std::string& item_id, const std::vector<Update>& all, const Update* u) {
  return item_id + "-u" + std::to_string(u - all.data() + 1);
}

Json component_objects(const Api& api, const std::vector<std::string>& ids) {
  Json out = Json::array();
  for (const auto& id : ids)
    if (auto it = api.components.find(id); it != api.components.end()) out.push_back(it->second);
  return out;
}

Json incident_json(const Api& api, const PublicIncident& p) {
  const Incident& inc = *p.incident;
  std::map<std::string, std::string, std::less<>> state;  // component -> status so far
  Json updates = Json::array();
  for (const IncidentUpdate* u : p.updates) {
    Json affected = Json::array();
    for (const auto& cs : u->components) {
      auto c = api.components.find(cs.component);
      if (c == api.components.end()) continue;  // never name an internal component
      auto [s, _] = state.try_emplace(cs.component, "operational");
      affected.push_back(
          {{"code", cs.component}, {"name", c->second["name"]}, {"old_status", s->second}, {"new_status", cs.status}});
      s->second = cs.status;
    }
    std::string status = api.ctx.model.severity.canonical_status(u->status);
    if (status.empty()) status = u->status;
    updates.push_back(update_json(update_id(inc.id, inc.updates, u), status, u->message, inc.id, u->at, affected));
  }
  std::reverse(updates.begin(), updates.end());  // newest first, as Statuspage lists them
  return Json{
      {"id", inc.id},
      {"name", inc.title},
      {"status", p.status},
      {"impact", p.impact},
      {"created_at", iso(*inc.started_at)},
      {"updated_at", iso(p.updated_at)},
      {"monitoring_at", iso_or_null(p.monitoring_at)},
      {"resolved_at", iso_or_null(p.resolved_at)},
      {"started_at", iso(*inc.started_at)},
      {"shortlink", urls::absolute(api.ctx.site().base_url, urls::incident(inc.id))},
      {"page_id", api.page_id},
      {"components", component_objects(api, p.components)},
      {"incident_updates", updates},
      // Statuspage's name (its manage API); null until a public, final
      // postmortem exists. `sitrep changes` reads it.
      {"postmortem_published_at", iso_or_null(p.postmortem_published_at)},
  };
}

Json maintenance_json(const Api& api, std::size_t index) {
  const PublicMaintenance& p = api.ctx.view.maintenance[index];
  const MaintenanceTimes& t = api.maintenance[index];
  const Maintenance& m = *p.maintenance;
  std::string previous = "operational";
  Json updates = Json::array();
  for (const MaintenanceUpdate* u : p.updates) {
    const std::string now_status = maintenance_component_status(u->status);
    Json affected = Json::array();
    for (const auto& id : p.components) {
      // Total even on content that failed validation (renderers never throw).
      auto c = api.components.find(id);
      if (c == api.components.end()) continue;
      affected.push_back(
          {{"code", id}, {"name", c->second["name"]}, {"old_status", previous}, {"new_status", now_status}});
    }
    previous = now_status;
    updates.push_back(update_json(update_id(m.id, m.updates, u), u->status, u->message, m.id, u->at, affected));
  }
  std::reverse(updates.begin(), updates.end());
  return Json{
      {"id", m.id},
      {"name", m.title},
      {"status", p.status},
      {"impact", "maintenance"},
      {"created_at", iso(t.created)},
      {"updated_at", iso(t.updated)},
      {"monitoring_at", iso_or_null(t.monitoring_at)},
      {"resolved_at", iso_or_null(t.resolved_at)},
      {"started_at", iso(m.scheduled_start)},
      {"shortlink", urls::absolute(api.ctx.site().base_url, urls::maintenance(m.id))},
      {"page_id", api.page_id},
      {"components", component_objects(api, p.components)},
      {"incident_updates", updates},
      {"scheduled_for", iso(m.scheduled_start)},
      {"scheduled_until", iso(m.scheduled_end)},
      // Not in Statuspage's shape (there the announcement is the first
      // update); kept so the window's description reaches API clients.
      {"description", m.message},
  };
}

OutputFile api_file(std::string_view name, const Json& body) {
  // `replace` keeps a stray invalid byte from throwing; load already
  // rejects invalid UTF-8.
  return {"api/v2/" + std::string{name}, body.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"};
}

}  // namespace

Outputs render_api(const RenderContext& ctx) {
  const PublicView& view = ctx.view;
  Api api{ctx, page_id(ctx.site().base_url)};
  for (const auto& m : view.maintenance) api.maintenance.push_back(maintenance_times(m, view.now));
  add_components(api);
  add_page(api);

  Json recent = Json::array(), unresolved = Json::array();
  for (std::size_t i = 0; i < view.incidents.size(); ++i) {
    const PublicIncident& p = view.incidents[i];
    if (i >= k_api_list_cap && !p.active) continue;
    Json j = incident_json(api, p);
    if (p.active) unresolved.push_back(j);
    if (i < k_api_list_cap) recent.push_back(std::move(j));
  }

  // view.maintenance is soonest first: upcoming and active lists keep that
  // order; the full list is latest first, capped like incidents.
  Json all = Json::array(), upcoming = Json::array(), active = Json::array(), current = Json::array();
  const std::size_t first_listed =
      view.maintenance.size() > k_api_list_cap ? view.maintenance.size() - k_api_list_cap : 0;
  for (std::size_t i = 0; i < view.maintenance.size(); ++i) {
    const PublicMaintenance& p = view.maintenance[i];
    if (i < first_listed && !p.upcoming() && !p.active()) continue;
    Json j = maintenance_json(api, i);
    if (p.upcoming()) upcoming.push_back(j);
    if (p.active()) active.push_back(j);
    if (p.upcoming() || p.active()) current.push_back(j);
    if (i >= first_listed) all.push_back(std::move(j));
  }
  std::reverse(all.begin(), all.end());

  return {
      api_file("summary.json", Json{{"page", api.page},
                                    {"components", api.component_list},
                                    {"incidents", unresolved},
                                    {"scheduled_maintenances", current},
                                    {"status", api.status}}),
      api_file("status.json", Json{{"page", api.page}, {"status", api.status}}),
      api_file("components.json", Json{{"page", api.page}, {"components", api.component_list}}),
      api_file("incidents.json", Json{{"page", api.page}, {"incidents", recent}}),
      api_file("incidents/unresolved.json", Json{{"page", api.page}, {"incidents", unresolved}}),
      api_file("scheduled-maintenances.json", Json{{"page", api.page}, {"scheduled_maintenances", all}}),
      api_file("scheduled-maintenances/upcoming.json", Json{{"page", api.page}, {"scheduled_maintenances", upcoming}}),
      api_file("scheduled-maintenances/active.json", Json{{"page", api.page}, {"scheduled_maintenances", active}}),
  };
}

}  // namespace sitrep
