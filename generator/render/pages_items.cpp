// One page per public incident, maintenance window and component.
#include <algorithm>

#include "render/incremental.h"
#include "render/page_parts.h"
#include "render/pages.h"
#include "render/parallel_pages.h"
#include "render/urls.h"
#include "util/duration.h"

namespace sitrep {

Outputs render_incident_pages(const RenderContext& shared) {
  // One page per incident, independent of the others.
  const auto& incidents = shared.view.incidents;
  return render_pages_in_parallel(incidents.size(), shared.model.rules, shared.diags, [&](std::size_t i, Diagnostics& d) {
    const RenderContext ctx{shared.model, shared.view, shared.templates, d, shared.incremental, shared.assets};
    const PublicIncident& p = incidents[i];
    const Incident& inc = *p.incident;
    const std::string path = urls::file_of(urls::incident(inc.id));
    std::uint64_t fingerprint = 0;
    if (auto reused = reuse_page(ctx, path, {&p}, 0, fingerprint)) return std::move(*reused);
    // An item page is rebuilt only when its item changes (render/incremental.h),
    // so it carries no build time: its "as of" would be stale.
    Json page = page_json(ctx, path, inc.title, false);
    const std::string root = page["root"];
    page["incident"] = incident_summary_json(ctx, p, root);
    page["incident"]["summary"] = inc.summary;
    page["incident"]["components"] = component_links_json(ctx, p.components, root);
    if (!p.resolved_at)
      page["incident"]["ongoing_for"] =
          format_duration(std::chrono::duration_cast<std::chrono::seconds>(ctx.view.now - *inc.started_at));
    Json updates = Json::array();
    for (auto it = p.updates.rbegin(); it != p.updates.rend(); ++it) {
      const IncidentUpdate& u = **it;
      Json cs = Json::array();
      for (const auto& c : u.components)
        if (const PublicComponent* pc = ctx.view.component(c.component))
          cs.push_back({{"name", pc->component->name}, {"status", status_json(c.status)}});
      // The latest update is the summary's too (incident_summary_json): its
      // HTML is taken from there, not rendered again.
      const Json* latest_html = nullptr;
      if (it == p.updates.rbegin() && page["incident"].contains("latest"))
        latest_html = &page["incident"]["latest"]["message_html"];
      // Anchor numbers follow the file order, as the feeds and the API do.
      updates.push_back({{"anchor", "update-" + std::to_string(&u - inc.updates.data() + 1)},
                         {"status", status_json(ctx.model.severity.canonical_status(u.status))},
                         {"at", time_json(ctx, u.at)},
                         {"message_html", latest_html ? *latest_html : Json(public_html(u.message))},
                         {"components", cs}});
    }
    page["updates"] = updates;
    if (!p.postmortem_sections.empty()) {
      Json sections = Json::array();
      for (const auto& [title, markdown] : p.postmortem_sections)
        sections.push_back({{"title", title}, {"html", public_html(markdown)}});
      page["postmortem"] = {{"title", p.postmortem_title}, {"sections", sections}};
    }
    OutputFile file = render_page(ctx, "incident", path, std::move(page));
    file.fingerprint = fingerprint;
    return file;
  },
                                  shared.sink);
}

Outputs render_maintenance_pages(const RenderContext& ctx) {
  Outputs out;
  for (const auto& m : ctx.view.maintenance) {
    const std::string path = urls::file_of(urls::maintenance(m.maintenance->id));
    // A window whose schedule and updates are over shows nothing the clock
    // changes: its page is rebuilt only when its file or the site changes,
    // so it carries no build time (an "as of" would go stale), as an
    // incident's page. One still to come or under way keeps it.
    const bool settled = ctx.view.now >= maintenance_settles_at(*m.maintenance);
    std::uint64_t fingerprint = 0;
    if (ctx.incremental) {
      fingerprint = ctx.incremental->maintenance_page(
          path, static_cast<std::size_t>(m.maintenance - ctx.model.maintenance.data()));
      if (auto reused = ctx.incremental->reuse(path, fingerprint)) {
        out.push_back(std::move(*reused));
        continue;
      }
    }
    Json page = page_json(ctx, path, m.maintenance->title, !settled);
    const std::string root = page["root"];
    page["maintenance"] = maintenance_summary_json(ctx, m, root);
    Json updates = Json::array();
    for (auto it = m.updates.rbegin(); it != m.updates.rend(); ++it)
      updates.push_back({{"anchor", "update-" + std::to_string(*it - m.maintenance->updates.data() + 1)},
                         {"status", status_json((*it)->status)},
                         {"at", time_json(ctx, (*it)->at)},
                         {"message_html", public_html((*it)->message)}});
    page["updates"] = updates;
    out.push_back(render_page(ctx, "maintenance", path, page));
    out.back().fingerprint = fingerprint;
  }
  return out;
}

Outputs render_component_pages(const RenderContext& ctx, const std::map<std::string, ComponentUptime>& uptime) {
  constexpr std::size_t k_max_listed = 50;  // a component page stays small; the archive has the rest
  Outputs out;
  for (const auto& c : ctx.view.components) {
    const std::string& id = c.component->id;
    const std::string path = urls::file_of(urls::component(id));
    Json page = page_json(ctx, path, c.component->name);
    const std::string root = page["root"];
    Json list = Json::array();
    for (const auto& p : ctx.view.incidents) {
      if (list.size() >= k_max_listed) break;
      if (std::find(p.components.begin(), p.components.end(), id) != p.components.end())
        list.push_back(incident_summary_json(ctx, p, root));
    }
    page["component"] = {{"id", id},
                         {"name", c.component->name},
                         {"description", c.component->description},
                         {"status", status_json(c.status)},
                         {"uptime", uptime_json(ctx, uptime.at(id))},
                         {"atom", root + urls::component_atom(id)},
                         {"rss", root + urls::component_rss(id)},
                         {"badge", root + urls::component_badge(id)}};
    page["incidents"] = list;
    page["uptime_rule"] = uptime_rule(ctx.site().uptime);
    page["uptime_days"] = ctx.site().uptime.days;
    out.push_back(render_page(ctx, "component", path, page));
  }
  return out;
}

}  // namespace sitrep
