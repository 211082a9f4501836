#include "render/headers.h"

#include "render/html_common.h"
#include "render/urls.h"

namespace sitrep {
namespace {

// One block of `_headers`. No two blocks that match the same path may set
// the same header: the hosts join such values with ", " (a Cache-Control
// of "max-age=60, max-age=31536000" means nothing sensible). And a block's
// `*` may match much more than it seems to: Netlify reads "/*/" as "/*", so
// the pages are named by their folders, not by a trailing slash.
struct HeaderRule {
  std::string pattern;          // "/", "/*.atom", "/components/*/badge.svg"
  std::string_view about;       // the comment above the block
  std::string_view media_type;  // "" = the host's own (text/html, text/css, ...)
  std::string_view cache;       // "" = the host's default
  bool cross_origin = false;    // Access-Control-Allow-Origin: *
  bool no_sniff = false;        // X-Content-Type-Options: nosniff
};

// Feeds, calendar, badges and the API are public data made to be read by
// other sites (status widgets, dashboards, web feed readers), and no
// credential is ever involved, so any origin may read them. Pages need no CORS.
std::vector<HeaderRule> header_rules() {
  const auto at = [](std::string_view path) { return "/" + std::string{path}; };
  // Everything under a folder URL: "incidents/*/" -> "/incidents/*", "history/" -> "/history/*".
  const auto under = [](std::string url) {
    url.pop_back();
    return "/" + (url.back() == '*' ? url : url + "/*");
  };
  return {
      {"/*", "Every file: its media type is the one sent, never sniffed.", "", "", false, true},
      {"/", "The front page.", "", k_cache_fresh, false},
      {"/index.html", "The front page by its file name.", "", k_cache_fresh, false},
      {"/404.html", "The page for a missing address.", "", k_cache_fresh, false},
      {under(urls::incident("*")), "Incident pages.", "", k_cache_fresh, false},
      {under(urls::maintenance("*")), "Maintenance pages.", "", k_cache_fresh, false},
      {under(urls::history_page(1)), "History pages.", "", k_cache_fresh, false},
      {under(urls::component("*")), "Component pages, with their feeds and badges.", "", k_cache_fresh, false},
      {at(urls::k_atom), "The site's Atom feed.", "", k_cache_fresh, false},
      {at(urls::k_rss), "The site's RSS feed.", "", k_cache_fresh, false},
      {at(urls::k_calendar), "The maintenance calendar.", "", k_cache_fresh, false},
      {at(urls::k_badge), "The status badge.", "", k_cache_fresh, true},
      {"/api/*", "The Statuspage v2 API.", "", k_cache_fresh, true},
      {"/*.atom", "Atom feeds.", "application/atom+xml; charset=utf-8", "", true},
      {"/*.rss", "RSS feeds.", "application/rss+xml; charset=utf-8", "", true},
      {"/*.ics", "Calendars.", "text/calendar; charset=utf-8", "", true},
      {"/*.json", "JSON.", "application/json; charset=utf-8", "", false},
      {"/*.svg", "SVG.", "image/svg+xml", "", false},
      {at(urls::component_badge("*")), "Each component's badge.", "", "", true},
  };
}

Json headers_json(std::initializer_list<std::pair<std::string_view, std::string_view>> headers) {
  Json out = Json::array();
  for (const auto& [name, value] : headers)
    if (!value.empty()) out.push_back({{"name", std::string{name}}, {"value", std::string{value}}});
  return out;
}

}  // namespace

Outputs render_headers(const RenderContext& ctx) {
  Json rules = Json::array();
  for (const HeaderRule& r : header_rules())
    rules.push_back({{"path", r.pattern},
                     {"about", std::string{r.about}},
                     {"headers", headers_json({{"Content-Type", r.media_type},
                                               {"Cache-Control", r.cache},
                                               {"Access-Control-Allow-Origin", r.cross_origin ? "*" : ""},
                                               {"X-Content-Type-Options", r.no_sniff ? "nosniff" : ""}})}});
  if (ctx.assets)
    for (const auto& [source, name] : ctx.assets->hashed)
      rules.push_back({{"path", "/" + name},
                       {"about", "The theme's " + source + ", named by its content: a new version is a new URL."},
                       {"headers", headers_json({{"Cache-Control", k_cache_immutable}})}});
  return {render_page(ctx, "headers", "_headers", Json{{"rules", rules}})};
}

}  // namespace sitrep
