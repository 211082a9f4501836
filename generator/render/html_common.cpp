#include "render/html_common.h"

#include <algorithm>

#include "render/urls.h"
#include "util/duration.h"
#include "util/markdown.h"

namespace sitrep {

std::string root_prefix(std::string_view output_path) {
  std::string out;
  for (char c : output_path)
    if (c == '/') out += "../";
  return out;
}

std::string display_time(const RenderContext& ctx, TimePoint t) {
  return format_in_zone(t, ctx.site().time_zone, "%b %d, %Y %H:%M %Z");
}

Json time_json(const RenderContext& ctx, TimePoint t) {
  return Json{{"iso", format_rfc3339_utc(t)}, {"text", display_time(ctx, t)}};
}

std::string status_label(std::string_view code) {
  static const std::pair<std::string_view, std::string_view> k_labels[] = {
      {"operational", "Operational"},
      {"degraded_performance", "Degraded performance"},
      {"partial_outage", "Partial outage"},
      {"major_outage", "Major outage"},
      {"under_maintenance", "Under maintenance"},
      {"investigating", "Investigating"},
      {"identified", "Identified"},
      {"monitoring", "Monitoring"},
      {"resolved", "Resolved"},
      {"scheduled", "Scheduled"},
      {"in_progress", "In progress"},
      {"verifying", "Verifying"},
      {"completed", "Completed"},
      {"none", "No impact"},
      {"minor", "Minor"},
      {"major", "Major"},
      {"critical", "Critical"},
      {"maintenance", "Under maintenance"},
  };
  for (const auto& [k, v] : k_labels)
    if (k == code) return std::string{v};
  return std::string{code};
}

Json status_json(std::string_view code) {
  // Icons differ in shape, not only colour.
  std::string icon = "●";
  if (code == "operational" || code == "resolved" || code == "completed" || code == "none") icon = "✔";
  else if (code == "degraded_performance" || code == "minor" || code == "monitoring" || code == "verifying") icon = "▲";
  else if (code == "partial_outage" || code == "major" || code == "identified") icon = "◆";
  else if (code == "major_outage" || code == "critical" || code == "investigating") icon = "✖";
  else if (code == "under_maintenance" || code == "scheduled" || code == "in_progress" || code == "maintenance")
    icon = "⚙";
  return Json{{"code", std::string{code}}, {"label", status_label(code)}, {"icon", icon}};
}

Json page_json(const RenderContext& ctx, std::string_view output_path, std::string_view title, bool with_build_time) {
  const SiteConfig& site = ctx.site();
  const std::string root = root_prefix(output_path);
  Json links = Json::array();
  for (const auto& [name, url] : site.links) {
    std::string label = name;
    if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    links.push_back({{"name", label}, {"url", url}});
  }
  const std::string canonical = urls::absolute(site.base_url, output_path.substr(0, output_path.rfind("index.html")));
  Json page{
      {"root", root},
      {"title", std::string{title}},
      {"canonical", canonical},
      {"site",
       {{"title", site.title},
        {"description", site.description},
        {"language", site.language},
        {"base_url", site.base_url},
        {"time_zone", site.time_zone_name},
        {"links", links}}},
      {"feeds", {{"atom", root + std::string{urls::k_atom}}, {"rss", root + std::string{urls::k_rss}}}},
      {"calendar", root + std::string{urls::k_calendar}},
      // The level of an incident's heading in a list (incident_item): under the
      // page's h2 sections; the front page lists them under an h3 per day.
      {"item_heading", "h3"},
  };
  if (ctx.assets) page["assets"] = ctx.assets->template_data();
  if (with_build_time) page["generated"] = time_json(ctx, ctx.view.now);
  return page;
}

std::optional<OutputFile> reuse_page(const RenderContext& ctx, const std::string& path,
                                     const std::vector<const PublicIncident*>& items, std::uint64_t extra,
                                     std::uint64_t& fingerprint) {
  if (!ctx.incremental) return std::nullopt;
  std::vector<std::size_t> indexes;
  indexes.reserve(items.size());
  for (const PublicIncident* p : items) indexes.push_back(static_cast<std::size_t>(p->incident - ctx.model.incidents.data()));
  fingerprint = ctx.incremental->page(path, indexes, extra);
  return ctx.incremental->reuse(path, fingerprint);
}

OutputFile render_page(const RenderContext& ctx, std::string_view template_name, std::string output_path,
                       const Json& context) {
  return {std::move(output_path), ctx.templates.render(template_name, context, ctx.diags)};
}

OutputFile render_page(const RenderContext& ctx, std::string_view template_name, std::string output_path,
                       Json&& context) {
  return {std::move(output_path), ctx.templates.render(template_name, std::move(context), ctx.diags)};
}

std::string public_html(std::string_view markdown) { return markdown_to_html(markdown, false); }

Json incident_summary_json(const RenderContext& ctx, const PublicIncident& p, std::string_view root) {
  const Incident& inc = *p.incident;
  Json j{
      {"id", inc.id},
      {"title", inc.title},
      {"url", std::string{root} + urls::incident(inc.id)},
      {"impact", status_json(p.impact)},
      {"status", status_json(p.status)},
      {"active", p.active},
      {"started", time_json(ctx, *inc.started_at)},
  };
  if (p.resolved_at) {
    j["resolved"] = time_json(ctx, *p.resolved_at);
    j["duration"] = format_duration(std::chrono::duration_cast<std::chrono::seconds>(*p.resolved_at - *inc.started_at));
  }
  if (!p.updates.empty()) {
    const IncidentUpdate& last = *p.updates.back();
    j["latest"] = {{"status", status_json(ctx.model.severity.canonical_status(last.status))},
                   {"at", time_json(ctx, last.at)},
                   {"message_html", public_html(last.message)}};
    if (last.next_update_by && p.active) j["latest"]["next_update_by"] = time_json(ctx, *last.next_update_by);
  }
  return j;
}

}  // namespace sitrep
