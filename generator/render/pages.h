#pragma once
// The HTML pages of the public site, each a template of the theme fed a
// JSON context built here. Pure: context in, files out.
#include "render/render_context.h"
#include "render/uptime.h"

namespace sitrep {

Outputs render_index(const RenderContext& ctx, const std::map<std::string, ComponentUptime>& uptime);
Outputs render_incident_pages(const RenderContext& ctx);
Outputs render_maintenance_pages(const RenderContext& ctx);
Outputs render_component_pages(const RenderContext& ctx, const std::map<std::string, ComponentUptime>& uptime);
Outputs render_history(const RenderContext& ctx);
// 404.html, robots.txt, sitemap.xml (given every page path written).
Outputs render_site_files(const RenderContext& ctx, const std::vector<std::string>& page_paths);

}  // namespace sitrep
