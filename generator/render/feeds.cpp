#include "render/feeds.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "render/html_common.h"
#include "render/urls.h"
#include "util/markdown.h"

namespace sitrep {

std::string format_rfc822_utc(TimePoint t) {
  static const char* const k_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                k_days[std::chrono::weekday{day}.c_encoding()], static_cast<unsigned>(ymd.day()),
                k_months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return out;
}

namespace {

using Json = nlohmann::json;

// One update of one incident or maintenance window, or one incident's
// published postmortem, before it becomes XML.
struct Entry {
  enum class Kind { incident_update, maintenance_update, postmortem };
  TimePoint at{};
  const std::string* item_id = nullptr;
  const std::string* item_title = nullptr;
  const std::string* status = nullptr;   // as written; unused for a postmortem
  std::string_view message;  // Markdown (the model's): the update, or the postmortem's first public section
  std::size_t number = 0;  // 1-based place of the update in its file: stable as updates are added
  Kind kind = Kind::incident_update;
};

// A postmortem sorts above its incident's updates at the same instant.
constexpr std::size_t k_postmortem_number = static_cast<std::size_t>(-1);

// Newest first; ties broken by item and update so the order never depends
// on how entries were gathered.
bool newer(const Entry& a, const Entry& b) {
  if (a.at != b.at) return a.at > b.at;
  if (*a.item_id != *b.item_id) return *a.item_id < *b.item_id;
  return a.number > b.number;
}

void keep_newest(std::vector<Entry>& entries) {
  const std::size_t n = std::min(entries.size(), k_feed_entry_cap);
  std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(n), entries.end(), newer);
  entries.resize(n);
}

struct Gathered {
  std::vector<Entry> site;
  std::vector<std::vector<Entry>> by_component;  // parallel to view.components
};

// Adds `e` to a feed's entries, cut back to the newest k_feed_entry_cap
// whenever they reach twice that: the newest of all survive every cut, so
// the final keep_newest gives what keeping every entry would, without
// holding each of ten years' updates once a feed (12 MB at 10 000
// incidents, at the public build's peak).
void add_entry(std::vector<Entry>& entries, const Entry& e) {
  entries.push_back(e);
  if (entries.size() >= 2 * k_feed_entry_cap) keep_newest(entries);
}

// The newest visible updates, site-wide and under each public component they
// name, in one pass over the view.
Gathered gather(const PublicView& view) {
  Gathered g;
  g.by_component.resize(view.components.size());
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < view.components.size(); ++i) index.emplace(view.components[i].component->id, i);
  const auto add = [&](const Entry& e, const std::vector<std::string>& components) {
    add_entry(g.site, e);
    for (const auto& id : components)
      if (auto it = index.find(id); it != index.end()) add_entry(g.by_component[it->second], e);
  };
  for (const auto& p : view.incidents) {
    const Incident& inc = *p.incident;
    for (const IncidentUpdate* u : p.updates)
      add({u->at, &inc.id, &inc.title, &u->status, u->message.view(), static_cast<std::size_t>(u - inc.updates.data()) + 1,
           Entry::Kind::incident_update},
          p.components);
    if (p.postmortem_published_at)
      add({*p.postmortem_published_at, &inc.id, &inc.title, nullptr,
           p.postmortem_sections.empty() ? std::string_view{} : p.postmortem_sections.front().second, k_postmortem_number,
           Entry::Kind::postmortem},
          p.components);
  }
  for (const auto& p : view.maintenance) {
    const Maintenance& m = *p.maintenance;
    for (const MaintenanceUpdate* u : p.updates)
      add({u->at, &m.id, &m.title, &u->status, u->message, static_cast<std::size_t>(u - m.updates.data()) + 1,
           Entry::Kind::maintenance_update},
          p.components);
  }
  return g;
}

// Markdown is rendered once per update, however many feeds carry it.
// Keyed by where the text is: each update's message is its own bytes.
using HtmlCache = std::map<std::pair<const char*, std::size_t>, std::string>;

Json entry_json(const RenderContext& ctx, const Entry& e, HtmlCache& html) {
  const bool incident = e.kind != Entry::Kind::maintenance_update;
  const std::string page =
      urls::absolute(ctx.site().base_url, incident ? urls::incident(*e.item_id) : urls::maintenance(*e.item_id));
  const std::pair key{e.message.data(), e.message.size()};
  auto cached = html.find(key);
  if (cached == html.end()) cached = html.emplace(key, markdown_to_html(e.message, false)).first;
  Json j{{"updated", format_rfc3339_utc(e.at)}, {"pub_date", format_rfc822_utc(e.at)}, {"content_html", cached->second}};
  if (e.kind == Entry::Kind::postmortem) {
    // The incident page's postmortem section; one per incident, so the
    // anchor is the entry's stable id as well.
    j["id"] = j["link"] = page + "#" + std::string{urls::k_postmortem_anchor};
    j["title"] = "Postmortem: " + *e.item_title;
    j["category"] = "postmortem";
    return j;
  }
  const std::string anchor = page + "#update-" + std::to_string(e.number);
  std::string status = incident ? ctx.model.severity.canonical_status(*e.status) : *e.status;
  if (status.empty()) status = *e.status;
  j["id"] = j["link"] = anchor;
  j["title"] = *e.item_title + " — " + status_label(status);
  j["category"] = incident ? "incident" : "maintenance";
  return j;
}

// RSS readers take a channel's <description> as HTML (feedparser types it
// text/html), so text from content goes in as HTML text: a site title or
// component name "<img onerror=...>" must not become an element there.
std::string html_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

struct FeedSpec {
  std::string title, subtitle, alternate;  // alternate: the HTML page the feed follows
  std::string atom_path, rss_path;         // relative to site/public
};

Outputs render_feed(const RenderContext& ctx, const FeedSpec& spec, const std::vector<Entry>& entries,
                    TimePoint updated, HtmlCache& html) {
  const SiteConfig& site = ctx.site();
  Json list = Json::array();
  for (const Entry& e : entries) list.push_back(entry_json(ctx, e, html));
  const std::string self_atom = urls::absolute(site.base_url, spec.atom_path);
  const Json context{{"feed",
                      {{"title", spec.title},
                       {"subtitle", spec.subtitle},
                       {"subtitle_html", html_text(spec.subtitle)},
                       {"language", site.language.empty() ? "en" : site.language},
                       {"author", site.title},
                       {"home", urls::absolute(site.base_url, "")},
                       {"alternate", spec.alternate},
                       {"id", self_atom},
                       {"self_atom", self_atom},
                       {"self_rss", urls::absolute(site.base_url, spec.rss_path)},
                       {"updated", format_rfc3339_utc(updated)},
                       {"updated_rfc822", format_rfc822_utc(updated)},
                       {"entries", list}}}};
  return {{spec.atom_path, ctx.templates.render("atom", context, ctx.diags)},
          {spec.rss_path, ctx.templates.render("rss", context, ctx.diags)}};
}

}  // namespace

Outputs render_feeds(const RenderContext& ctx) {
  const SiteConfig& site = ctx.site();
  const PublicView& view = ctx.view;
  Gathered g = gather(view);
  keep_newest(g.site);
  // A feed's <updated> is its newest entry; an empty component feed takes
  // the site's, and an empty site the Unix epoch: never the wall clock.
  const TimePoint site_updated = g.site.empty() ? TimePoint{} : g.site.front().at;
  HtmlCache html;

  Outputs out = render_feed(ctx,
                            {site.title, "Incident and maintenance updates from " + site.title,
                             urls::absolute(site.base_url, ""), std::string{urls::k_atom}, std::string{urls::k_rss}},
                            g.site, site_updated, html);
  for (std::size_t i = 0; i < view.components.size(); ++i) {
    const Component& c = *view.components[i].component;
    std::vector<Entry>& entries = g.by_component[i];
    keep_newest(entries);
    const FeedSpec spec{
        c.name + " — " + site.title, "Incident and maintenance updates for " + c.name + " from " + site.title,
        urls::absolute(site.base_url, urls::component(c.id)), urls::component_atom(c.id), urls::component_rss(c.id)};
    for (auto& f : render_feed(ctx, spec, entries, entries.empty() ? site_updated : entries.front().at, html))
      out.push_back(std::move(f));
  }
  return out;
}

}  // namespace sitrep
