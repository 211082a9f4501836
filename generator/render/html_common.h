#pragma once
// Context pieces every HTML page shares: the site header data, relative
// links, times in the site's zone, status words and icons.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/render_context.h"

namespace sitrep {

using Json = nlohmann::ordered_json;

// "../../" for "incidents/X/index.html"; "" for "index.html".
std::string root_prefix(std::string_view output_path);

// {"iso": RFC 3339 UTC, "text": "Apr 14, 2026 07:58 PDT"} in the site's zone.
Json time_json(const RenderContext& ctx, TimePoint t);
std::string display_time(const RenderContext& ctx, TimePoint t);

// {"code", "label", "icon"} for a component, incident, maintenance status
// or impact: the word is always shown; colour only repeats it.
Json status_json(std::string_view code);
std::string status_label(std::string_view code);

// The context every page template receives: site, page title, links.
// `with_build_time`: the footer's "status as of" stamp; pages rebuilt only
// when their items change (render/incremental.h) go without it.
Json page_json(const RenderContext& ctx, std::string_view output_path, std::string_view title,
               bool with_build_time = true);

// The render of one page through the theme's template.
// The reused marker for a page showing the public incidents `items` (and
// `extra`) when the last incremental render made it from the same inputs
// (render/incremental.h); else nullopt, with the fingerprint to give the
// page once rendered (0 in a full build).
std::optional<OutputFile> reuse_page(const RenderContext& ctx, const std::string& path,
                                     const std::vector<const PublicIncident*>& items, std::uint64_t extra,
                                     std::uint64_t& fingerprint);

OutputFile render_page(const RenderContext& ctx, std::string_view template_name, std::string output_path,
                       const Json& context);
// The same with a context given up: its strings move into the template data.
OutputFile render_page(const RenderContext& ctx, std::string_view template_name, std::string output_path,
                       Json&& context);

// Markdown message for the public site (raw HTML dropped).
std::string public_html(std::string_view markdown);

// A short summary of an incident for lists: title, link, impact, status, dates.
Json incident_summary_json(const RenderContext& ctx, const PublicIncident& p, std::string_view root);

}  // namespace sitrep
