// Every postmortem in full, each section marked public or internal so its
// authors see exactly what customers will read; and the list of them all,
// newest first, cut into pages (render/pagination.h).
#include <algorithm>

#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/pagination.h"
#include "render/parallel_pages.h"
#include "util/markdown.h"

namespace sitrep {
namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// Why the public sections are (not) on the status page, in words.
std::vector<std::string> unpublished_reasons(const InternalContext& ctx, const Postmortem& pm) {
  std::vector<std::string> out;
  if (!pm.is_public) out.push_back("the postmortem says public = false");
  if (pm.status != ctx.model.postmortem_template.final_status)
    out.push_back("its status is " + word_label(pm.status) + ", not " +
                  word_label(ctx.model.postmortem_template.final_status));
  if (!ctx.public_urls.count(pm.incident)) out.push_back("its incident is not on the public site");
  if (out.empty()) out.push_back("another postmortem of the same incident is the published one");
  return out;
}

// Text before the first `##` heading, which no template section holds.
std::string preamble(const Postmortem& pm) {
  if (pm.sections.empty()) return pm.body;
  std::size_t lines = pm.sections.front().line > pm.body_line ? pm.sections.front().line - pm.body_line : 0;
  std::size_t end = 0;
  while (lines > 0 && end < pm.body.size()) {
    end = pm.body.find('\n', end);
    if (end == std::string::npos) return pm.body;
    ++end;
    --lines;
  }
  return pm.body.substr(0, end);
}

Json sections_json(const InternalContext& ctx, const Postmortem& pm, bool published) {
  Json out = Json::array();
  for (std::size_t i = 0; i < pm.sections.size(); ++i) {
    const PostmortemSection& s = pm.sections[i];
    const SectionRule* rule = ctx.model.postmortem_template.section_for_heading(s.heading);
    std::string visibility = "internal", marker;
    if (!rule) {
      marker = "Internal: not a section of the template, never published";
    } else if (!rule->is_public) {
      marker = "Internal: never published";
    } else {
      visibility = published ? "public" : "public-pending";
      marker = published ? "Public: customers read this on the status page"
                         : "Public section: published once the postmortem is public and final";
    }
    Json j{{"anchor", "section-" + std::to_string(i + 1)},
           {"heading", s.heading},
           {"visibility", visibility},
           {"marker", marker},
           {"html", markdown_to_html(s.markdown, false)}};
    if (rule && rule->title != s.heading) j["template_title"] = rule->title;
    if (s.empty) j["empty_note"] = "This section is empty.";
    out.push_back(std::move(j));
  }
  return out;
}

Json stages_json(const InternalContext& ctx, const Postmortem& pm) {
  Json out = Json::array();
  for (const auto& s : ctx.model.postmortem_template.statuses)
    out.push_back({{"label", word_label(s)}, {"current", s == pm.status}});
  return out;
}

Json postmortem_page_json(const InternalContext& ctx, const Postmortem& pm, const std::string& path) {
  Json page = internal_page_json(ctx, path, "Postmortem: " + pm.title, InternalSection::postmortems,
                                 "Postmortem " + (pm.incident.empty() ? pm.title : pm.incident));
  const std::string root = page["root"];
  const bool published = ctx.published_postmortems.count(&pm) > 0;
  page["pm"] = {{"title", pm.title},
                {"status_label", word_label(pm.status)},
                {"authors", joined(pm.authors)},
                {"date", pm.date ? format_date(*pm.date) : "not given"},
                {"visibility", pm.is_public ? "public = true" : "public = false"},
                {"path", pm.path},
                {"stages", stages_json(ctx, pm)}};
  Json publication{{"published", published}};
  if (published)
    publication["public_url"] = ctx.public_urls.at(pm.incident);
  else
    publication["reasons"] = unpublished_reasons(ctx, pm);
  page["publication"] = publication;

  Json incident = incident_ref_json(ctx, pm.incident, root);
  if (const long index = ctx.incident_index(pm.incident); index >= 0) {
    const IncidentMetrics& m = ctx.metrics[static_cast<std::size_t>(index)];
    incident["severity"] = severity_json(ctx, ctx.model.incidents[static_cast<std::size_t>(index)].severity);
    Json clocks = Json::array();
    for (const auto& c : m.sla.clocks) clocks.push_back(clock_json(ctx, c));
    incident["clocks"] = clocks;
    incident["sla_overall"] = sla_overall_json(ctx, m.sla);
  }
  page["incident"] = incident;
  const std::string intro = preamble(pm);
  if (intro.find_first_not_of(" \t\r\n") != std::string::npos) page["preamble_html"] = markdown_to_html(intro, false);
  page["sections"] = sections_json(ctx, pm, published);
  return page;
}

}  // namespace

Outputs render_internal_postmortems(const InternalContext& ctx) {
  const auto& postmortems = ctx.model.postmortems;
  // A postmortem's page shows it and its incident.
  Outputs out = render_pages_in_parallel(postmortems.size(), ctx.model.rules, ctx.diags, [&](std::size_t i, Diagnostics& d) {
    const Postmortem& pm = postmortems[i];
    const std::string path = ctx.postmortem_path(pm);
    // Its fingerprint covers the postmortem and its incident (render/incremental.cpp).
    const std::uint64_t own = ctx.incremental ? ctx.incremental->postmortems[i] : 0;
    return render_incident_view_page(ctx, "internal_postmortem", path, {}, own, d,
                                     [&] { return postmortem_page_json(ctx, pm, path); });
  });
  std::vector<const Postmortem*> order;
  for (const auto& pm : postmortems) order.push_back(&pm);
  // Newest first by date; the path breaks ties so the order is fixed.
  std::stable_sort(order.begin(), order.end(),
                   [](const Postmortem* a, const Postmortem* b) { return a->date > b->date; });
  const std::string first{internal_urls::k_postmortems};
  const std::vector<PageRange> pages = even_pages(order.size(), ctx.rows_per_page());
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::string path = internal_urls::nth_page(first, p + 1);
    Json page = internal_page_json(ctx, path, "Postmortems" + page_title_suffix(p + 1, pages.size()),
                                   InternalSection::postmortems);
    Json rows = Json::array();
    for (std::size_t i = pages[p].begin; i < pages[p].end; ++i) {
      const Postmortem* pm = order[i];
      rows.push_back({{"url", ctx.postmortem_path(*pm)},
                      {"title", pm->title},
                      {"incident", incident_ref_json(ctx, pm->incident, "")},
                      {"status_label", word_label(pm->status)},
                      {"date", pm->date ? format_date(*pm->date) : "not given"},
                      {"authors", joined(pm->authors)},
                      {"visibility", pm->is_public ? "Public" : "Internal"},
                      {"on_status_page", ctx.published_postmortems.count(pm) ? "Yes" : "No"}});
    }
    page["postmortems"] = rows;
    page["pager"] = pager_json(p + 1, pages.size(), [&](std::size_t n) { return internal_urls::nth_page(first, n); });
    out.push_back(render_internal_page(ctx, "internal_postmortems", path, page));
  }
  return out;
}

}  // namespace sitrep
