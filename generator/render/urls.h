#pragma once
// Where each public output lives. One place, so pages, feeds, the API and
// the sitemap always agree. Paths are relative to site/public; pages use
// folder URLs ("incidents/INC-1/" is served from incidents/INC-1/index.html).
#include <string>
#include <string_view>

namespace sitrep::urls {

inline std::string incident(std::string_view id) { return "incidents/" + std::string{id} + "/"; }
inline std::string maintenance(std::string_view id) { return "maintenance/" + std::string{id} + "/"; }
inline std::string component(std::string_view id) { return "components/" + std::string{id} + "/"; }
inline std::string history_page(int page) { return page <= 1 ? "history/" : "history/page/" + std::to_string(page) + "/"; }
inline std::string history_month(std::string_view yyyy_mm) { return "history/" + std::string{yyyy_mm} + "/"; }
// A busy month's later pages, like the archive's: "history/2026-04/page/2/".
inline std::string history_month_page(std::string_view yyyy_mm, int page) {
  return page <= 1 ? history_month(yyyy_mm) : history_month(yyyy_mm) + "page/" + std::to_string(page) + "/";
}
// The id of the incident page's postmortem section (incident.mustache).
inline constexpr std::string_view k_postmortem_anchor = "postmortem-h";
inline constexpr std::string_view k_atom = "history.atom";
inline constexpr std::string_view k_rss = "history.rss";
inline std::string component_atom(std::string_view id) { return component(id) + "history.atom"; }
inline std::string component_rss(std::string_view id) { return component(id) + "history.rss"; }
inline constexpr std::string_view k_calendar = "maintenance.ics";
inline constexpr std::string_view k_badge = "badge.svg";
inline std::string component_badge(std::string_view id) { return component(id) + "badge.svg"; }

// A folder URL's file: "incidents/X/" -> "incidents/X/index.html".
inline std::string file_of(std::string_view url) {
  std::string out{url};
  if (out.empty() || out.back() == '/') out += "index.html";
  return out;
}

// Absolute URL under the site's base_url (which has no trailing slash).
inline std::string absolute(std::string_view base_url, std::string_view path) {
  return std::string{base_url} + "/" + std::string{path};
}

// The path of base_url, with a trailing slash: "https://h/status" -> "/status/",
// "https://h" -> "/". A page served at any depth (404.html) links through it:
// same origin as the page, whoever serves it, unlike base_url itself.
inline std::string root_path(std::string_view base_url) {
  const std::size_t scheme = base_url.find("://");
  const std::size_t host = scheme == std::string_view::npos ? 0 : scheme + 3;
  const std::size_t slash = base_url.find('/', host);
  if (slash == std::string_view::npos) return "/";
  return std::string{base_url.substr(slash)} + "/";
}

}  // namespace sitrep::urls
