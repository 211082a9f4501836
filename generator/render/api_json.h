#pragma once
// The public JSON API in the shape of Atlassian Statuspage's v2 API
// (api/v2/summary.json, status.json, components.json, incidents.json, ...),
// so existing clients and widgets read it unchanged. Written with
// nlohmann::ordered_json, pretty-printed, deterministic.
//
// Conventions (docs: ids are opaque strings to clients):
// - component, group, incident and maintenance ids are the content ids;
//   an update's id is "<item id>-u<N>", N its 1-based place in the file;
// - the page id is page_id(base_url);
// - times are UTC RFC 3339 ("2026-04-14T14:58:00Z"), null when unknown.
#include <cstddef>
#include <string>
#include <string_view>

#include "render/render_context.h"

namespace sitrep {

// incidents.json and scheduled-maintenances.json hold at most this many
// items (Statuspage caps at 50 too), so they do not grow with history.
inline constexpr std::size_t k_api_list_cap = 50;

Outputs render_api(const RenderContext& ctx);

// A stable opaque page id: FNV-1a (64 bit) of base_url as 16 hex digits.
std::string page_id(std::string_view base_url);

}  // namespace sitrep
