// index.html: banner, active incidents, maintenance, components with their
// uptime bars, and the last N days of history. Its size is bounded by the
// number of components and N, never by the length of history.
#include "render/page_parts.h"
#include "render/pages.h"
#include "render/urls.h"

namespace sitrep {

Outputs render_index(const RenderContext& ctx, const std::map<std::string, ComponentUptime>& uptime) {
  const PublicView& view = ctx.view;
  const std::string path = "index.html";
  Json page = page_json(ctx, path, ctx.site().title);
  const std::string root = page["root"];
  page["item_heading"] = "h4";  // past incidents sit under an h3 per day

  page["banner"] = {{"indicator", view.indicator}, {"description", view.description},
                    {"status", status_json(view.indicator)}};
  Json active = Json::array();
  for (const auto& p : view.incidents)
    if (p.active) active.push_back(incident_summary_json(ctx, p, root));
  page["active_incidents"] = active;

  Json in_progress = Json::array(), upcoming = Json::array();
  for (const auto& m : view.maintenance) {
    if (m.active()) in_progress.push_back(maintenance_summary_json(ctx, m, root));
    else if (m.upcoming()) upcoming.push_back(maintenance_summary_json(ctx, m, root));
  }
  page["maintenance_active"] = in_progress;
  page["maintenance_upcoming"] = upcoming;

  Json groups = Json::array();
  for (const auto& g : view.groups) {
    Json comps = Json::array();
    for (std::size_t i : g.components) {
      const PublicComponent& c = view.components[i];
      comps.push_back({{"id", c.component->id},
                       {"name", c.component->name},
                       {"description", c.component->description},
                       {"url", root + urls::component(c.component->id)},
                       {"status", status_json(c.status)},
                       {"uptime", uptime_json(ctx, uptime.at(c.component->id))}});
    }
    groups.push_back({{"name", g.group ? g.group->name : "Other"},
                      {"description", g.group ? g.group->description : ""},
                      {"components", comps}});
  }
  page["groups"] = groups;
  page["uptime_rule"] = uptime_rule(ctx.site().uptime);
  page["uptime_days"] = ctx.site().uptime.days;

  // Past incidents, day by day, newest first; incidents are already sorted
  // newest first so the walk stops at the window's edge.
  const TimeZone zone = ctx.site().time_zone;
  const Day today = local_day(view.now, zone);
  Json days = Json::array();
  std::size_t next = 0;
  for (int i = 0; i < ctx.site().history_days; ++i) {
    const Day day = today - std::chrono::days{i};
    Json items = Json::array();
    while (next < view.incidents.size() && local_day(*view.incidents[next].incident->started_at, zone) > day) ++next;
    while (next < view.incidents.size() && local_day(*view.incidents[next].incident->started_at, zone) == day)
      items.push_back(incident_summary_json(ctx, view.incidents[next++], root));
    days.push_back({{"date", format_in_zone(TimePoint{day.time_since_epoch()}, nullptr, "%b %d, %Y")},
                    {"incidents", items},
                    {"empty", items.empty()}});
  }
  page["history_days"] = days;
  page["history_url"] = root + urls::history_page(1);
  page["badge"] = root + std::string{urls::k_badge};
  if (view.next_change) page["next_change"] = time_json(ctx, *view.next_change);
  return {render_page(ctx, "index", path, page)};
}

}  // namespace sitrep
