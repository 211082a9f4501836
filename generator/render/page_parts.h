#pragma once
// Context fragments shared by several pages.
#include <map>

#include "render/html_common.h"
#include "render/uptime.h"

namespace sitrep {

Json maintenance_summary_json(const RenderContext& ctx, const PublicMaintenance& m, std::string_view root);
Json component_links_json(const RenderContext& ctx, const std::vector<std::string>& ids, std::string_view root);
Json uptime_json(const RenderContext& ctx, const ComponentUptime& uptime);
// The uptime rule in words, from site.toml's weights.
std::string uptime_rule(const UptimeWeights& w);

}  // namespace sitrep
