#pragma once
// render: `_headers`, the response headers of every public path in the
// syntax Netlify and Cloudflare Pages read (a path pattern with at most one
// `*` splat, then indented `Name: value` lines; every matching block
// applies). What each kind of output gets is data, k_header_rules in
// headers.cpp: its media type, how long it may be cached, whether other
// origins may read it. deploy/nginx.conf sends the same headers and
// tests/deploy/nginx.sh holds the two equal, file by file; docs/deploy.md
// says why each value is what it is. Only site/public gets one: the internal
// tree is never deployed.
#include "render/render_context.h"

namespace sitrep {

// Status must reach readers within a minute of a build: a cache may keep a
// page, feed, calendar, badge or API response 60 s, then must ask again
// (a cheap 304 when nothing changed).
inline constexpr std::string_view k_cache_fresh = "public, max-age=60, must-revalidate";
// Content-hashed assets (render/static_assets.h): a new version is a new URL.
inline constexpr std::string_view k_cache_immutable = "public, max-age=31536000, immutable";

Outputs render_headers(const RenderContext& ctx);

}  // namespace sitrep
