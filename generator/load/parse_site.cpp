#include <toml++/toml.h>

#include <cctype>
#include <cstdio>

#include "load/parse.h"
#include "load/toml_reader.h"
#include "util/confined_path.h"
#include "util/did_you_mean.h"

namespace sitrep {
namespace {

void read_string_map(const toml::table& t, const std::string& path, Diagnostics& diags,
                     std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& [k, v] : t) {
    if (const auto* s = v.as_string()) out.emplace_back(std::string{k.str()}, s->get());
    else diags.report(path, pos_of(v), "wrong-type", "'" + std::string{k.str()} + "' must be a string");
  }
}

// base_url is written as it is into the calendar's UID and URL lines,
// robots.txt and every absolute link, so it must be a plain URL: only the
// characters RFC 3986 allows (a CR or LF would start a line of its own, a
// quote or space end an attribute), a host, and no query or fragment (the
// site's paths are appended to it).
std::optional<std::string> base_url_problem(std::string_view url) {
  const std::size_t start = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
  if (start == 0) return "base_url must be an absolute http(s) URL";
  constexpr std::string_view k_url_chars = "-._~:/?#[]@!$&'()*+,;=%";
  std::size_t chars = 0;  // code points so far: the place an author counts
  for (const char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++chars;
    if (std::isalnum(c) || k_url_chars.find(ch) != std::string_view::npos) continue;
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", c);
    const std::string shown = c >= 0x80 ? "a non-ASCII character" : c < 0x20 || c == 0x7F ? code : "'" + std::string(1, ch) + "'";
    return "base_url holds " + shown + " at character " + std::to_string(chars) + ", which a URL cannot hold as it is";
  }
  if (url.find_first_of("?#") != std::string_view::npos) return "base_url must not have a query or fragment";
  if (url.find_first_of("/", start) == start || start == url.size()) return "base_url has no host";
  return std::nullopt;
}

// A path key of site.toml: relative, and inside the site root as written
// (symlinks are resolved and checked where the file is read). An escape is
// reported at the key and leaves the default in place.
std::optional<std::string> confined_value(TomlReader& r, const char* key, const std::string& shown_key) {
  auto v = r.string(key);
  if (!v) return std::nullopt;
  if (auto why = lexical_escape(*v)) {
    r.report(r.raw_pos(key), "outside-root", shown_key + " '" + *v + "' " + *why,
             "write a path relative to the site root that stays inside it (copy the files into the site)");
    return std::nullopt;
  }
  return v;
}

// The scheme of a link as a browser would read it, lower-cased: browsers
// drop TAB, LF and CR anywhere and leading spaces and controls, so
// " java\tscript:" is javascript:. Empty for a relative URL.
std::string link_scheme(std::string_view url) {
  std::string cleaned;
  for (char c : url)
    if (c != '\t' && c != '\n' && c != '\r') cleaned += c;
  std::size_t start = 0;
  while (start < cleaned.size() && static_cast<unsigned char>(cleaned[start]) <= 0x20) ++start;
  // "&#106;avascript:" (an entity, as if the value were HTML): the '#'
  // would make it look relative; an '&' before the ':' is part of a scheme
  // (not one in a path or query: "/a?x=1&y=2:3" stays relative).
  const std::size_t colon = cleaned.find(':', start), amp = cleaned.find('&', start);
  if (colon != std::string::npos && amp < colon && amp < cleaned.find_first_of("/?", start))
    return cleaned.substr(start, colon - start);
  const std::size_t end = cleaned.find_first_of(":/?#", start);
  if (end == std::string::npos || cleaned[end] != ':') return {};
  std::string scheme = cleaned.substr(start, end - start);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme;
}

// [links] become href attributes on every page: only http:, https:,
// mailto: and relative URLs, never javascript:, data: or vbscript:.
void read_links(const toml::table& t, const std::string& path, Diagnostics& diags,
                std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& [k, v] : t) {
    const std::string key{k.str()};
    const auto* s = v.as_string();
    if (!s) {
      diags.report(path, pos_of(v), "wrong-type", "'" + key + "' must be a string");
      continue;
    }
    const std::string scheme = link_scheme(s->get());
    if (!scheme.empty() && scheme != "http" && scheme != "https" && scheme != "mailto") {
      diags.report(path, pos_of(v), "invalid-value", "link '" + key + "' has the scheme '" + scheme + ":', which is not allowed",
                   "use an http:, https: or mailto: URL, or a relative path");
      continue;
    }
    out.emplace_back(key, s->get());
  }
}

}  // namespace

SiteConfig parse_site(std::string_view text, const std::string& path, Diagnostics& diags) {
  SiteConfig site;
  site.path = path;
  site.time_zone = utc_zone();
  auto doc = parse_toml(text, path, diags);
  if (!doc) return site;
  TomlReader r(*doc, path, diags);

  if (auto v = r.string("title", true)) site.title = *v;
  if (auto v = r.string("base_url", true)) {
    site.base_url = *v;
    if (auto problem = base_url_problem(*v))
      r.report(r.raw_pos("base_url"), "invalid-value", *problem,
               problem->find(" holds ") == std::string::npos
                   ? ""
                   : "percent-encode other characters (a space is %20); write an international host name in "
                     "punycode (xn--...)");
    while (!site.base_url.empty() && site.base_url.back() == '/') site.base_url.pop_back();
  }
  if (auto v = r.string("time_zone", true)) {
    if (TimeZone z = find_time_zone(*v)) {
      site.time_zone_name = *v;
      site.time_zone = z;
    } else {
      r.report(r.raw_pos("time_zone"), "invalid-value", "unknown IANA time zone '" + *v + "'",
               did_you_mean(*v, time_zone_names()));
    }
  }
  if (auto v = r.string("language")) site.language = *v;
  if (auto v = confined_value(r, "theme", "theme")) site.theme = *v;
  if (auto v = confined_value(r, "themes_dir", "themes_dir")) site.themes_dir = *v;
  if (auto v = r.string("description")) site.description = *v;
  if (auto v = r.integer("history_days")) {
    if (*v < 1 || *v > 3650) r.report(r.raw_pos("history_days"), "invalid-value", "history_days must be 1..3650");
    else site.history_days = static_cast<int>(*v);
  }
  if (auto v = r.integer("history_per_page")) {
    if (*v < 1 || *v > 1000) r.report(r.raw_pos("history_per_page"), "invalid-value", "history_per_page must be 1..1000");
    else site.history_per_page = static_cast<int>(*v);
  }
  if (auto v = r.integer("internal_rows_per_page")) {
    if (*v < 1 || *v > 1000)
      r.report(r.raw_pos("internal_rows_per_page"), "invalid-value", "internal_rows_per_page must be 1..1000");
    else site.internal_rows_per_page = static_cast<int>(*v);
  }
  if (const auto* uptime = r.table("uptime")) {
    TomlReader u(*uptime, path, diags);
    const auto weight = [&](const char* key, double& out) {
      if (auto v = u.number(key)) {
        if (*v < 0 || *v > 1) u.report(u.raw_pos(key), "invalid-value", std::string{key} + " must be between 0 and 1");
        else out = *v;
      }
    };
    weight("major_outage", site.uptime.major_outage);
    weight("partial_outage", site.uptime.partial_outage);
    weight("degraded_performance", site.uptime.degraded_performance);
    if (auto v = u.integer("days")) {
      if (*v < 1 || *v > 366) u.report(u.raw_pos("days"), "invalid-value", "days must be 1..366");
      else site.uptime.days = static_cast<int>(*v);
    }
    u.finish();
  }
  if (const auto* links = r.table("links")) read_links(*links, path, diags, site.links);
  if (const auto* schemas = r.table("schemas")) {
    TomlReader s(*schemas, path, diags);
    if (auto v = confined_value(s, "severity", "schemas.severity")) site.severity_schema = *v;
    if (auto v = confined_value(s, "postmortem", "schemas.postmortem")) site.postmortem_schema = *v;
    s.finish();
  }
  if (const auto* rules = r.table("rules")) {
    std::vector<std::pair<std::string, std::string>> raw;
    read_string_map(*rules, path, diags, raw);
    for (auto& [rule, level_text] : raw) {
      const SourcePos p = pos_of(*rules->get(rule));
      Level level;
      if (!RulePolicy::is_known(rule))
        diags.report(path, p, "unknown-key", "unknown rule '" + rule + "'", did_you_mean(rule, RulePolicy::known_rules()));
      else if (!parse_level(level_text, level))
        diags.report(path, p, "invalid-value", "rule level must be \"error\", \"warning\" or \"off\"");
      else
        site.rules.emplace_back(rule, level_text);
    }
  }
  site.pos = r.finish();
  return site;
}

}  // namespace sitrep
