// incidents.html (active incidents, years) and one list per year, newest
// first, cut into pages (render/pagination.h): a year is the unit so no list
// grows with the whole history, and its pages so none grows with how busy
// a year was.
#include <algorithm>
#include <map>

#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/pagination.h"
#include "render/parallel_pages.h"

namespace sitrep {
namespace {

// Newest first, as people scan a list of incidents.
bool newer(const IncidentMetrics* a, const IncidentMetrics* b) {
  const auto ta = a->started_at ? a->started_at : a->detected_at;
  const auto tb = b->started_at ? b->started_at : b->detected_at;
  return std::tie(tb, b->incident_id) < std::tie(ta, a->incident_id);
}

Json row_json(const InternalContext& ctx, const IncidentMetrics& m, std::string_view root) {
  const Incident& inc = ctx.model.incidents[static_cast<std::size_t>(&m - ctx.metrics.data())];
  const Postmortem* pm = postmortem_of(ctx.postmortems, inc.id);
  Json j{
      {"ref", incident_ref_json(ctx, inc.id, root)},
      {"severity", severity_json(ctx, inc.severity)},
      {"type", inc.type},
      {"visibility", inc.is_public ? "Public" : "Internal"},
      {"started", itime_json(ctx, m.started_at)},
      {"status", status_json(incident_status_at(ctx, inc))},
      {"duration", duration_text(m.total_duration)},
      {"sla", sla_overall_json(ctx, m.sla)},
      {"pm_state", pm ? word_label(pm->status) : "none"},
  };
  if (pm) j["pm_url"] = std::string{root} + ctx.postmortem_path(*pm);
  return j;
}

Json rows_json(const InternalContext& ctx, std::vector<const IncidentMetrics*> list, std::string_view root) {
  std::sort(list.begin(), list.end(), newer);
  Json rows = Json::array();
  for (const auto* m : list) rows.push_back(row_json(ctx, *m, root));
  return rows;
}

}  // namespace

Outputs render_internal_incident_lists(const InternalContext& ctx) {
  std::map<std::string, std::vector<const IncidentMetrics*>> by_year;
  std::vector<const IncidentMetrics*> active;
  for (std::size_t i = 0; i < ctx.metrics.size(); ++i) {
    by_year[incident_year(ctx, ctx.metrics[i])].push_back(&ctx.metrics[i]);
    if (incident_status_at(ctx, ctx.model.incidents[i]) != "resolved") active.push_back(&ctx.metrics[i]);
  }
  Outputs out;
  const std::string index_path{internal_urls::k_incidents};
  Json index = internal_page_json(ctx, index_path, "Incidents", InternalSection::incidents);
  Json levels = Json::array();
  for (const auto& l : ctx.model.severity.levels) levels.push_back(l.id);
  index["levels"] = levels;
  index["total"] = ctx.metrics.size();
  // The newest rows_per_page of them: a site whose files never say when
  // incidents resolved could otherwise grow this page with its history.
  // The rest are counted, and each is in its year's list with its status.
  const std::size_t active_count = active.size();
  std::sort(active.begin(), active.end(), newer);
  if (active.size() > ctx.rows_per_page()) active.resize(ctx.rows_per_page());
  Json active_rows = rows_json(ctx, active, "");
  index["active"] = active_rows;  // for has_active
  index["active_rows"] = {{"rows_caption", "Incidents not resolved at the time of this build"},
                          {"row_list", active_rows}};
  if (active_count > active.size())
    index["active_more"] = {{"shown", active.size()}, {"total", active_count}};
  Json years = Json::array();
  for (auto it = by_year.rbegin(); it != by_year.rend(); ++it) {
    const auto& [year, list] = *it;
    Json counts = Json::array();
    for (const auto& l : ctx.model.severity.levels)
      counts.push_back(
          std::count_if(list.begin(), list.end(), [&](const IncidentMetrics* m) { return m->severity == l.id; }));
    const std::size_t internal =
        std::count_if(list.begin(), list.end(), [](const IncidentMetrics* m) { return !m->is_public; });
    years.push_back({{"year", year},
                     {"url", internal_urls::incidents_of_year(year)},
                     {"count", list.size()},
                     {"internal_count", internal},
                     {"counts", counts}});
  }
  // One job per page of a year's list, each with its incidents newest first.
  struct YearPage {
    std::string year;
    std::vector<const IncidentMetrics*> list;
    std::size_t page_no = 1, pages = 1;
  };
  std::vector<YearPage> year_pages;
  for (auto& [year, list] : by_year) {
    std::sort(list.begin(), list.end(), newer);
    const std::vector<PageRange> pages = even_pages(list.size(), ctx.rows_per_page());
    for (std::size_t p = 0; p < pages.size(); ++p)
      year_pages.push_back({year, {list.begin() + pages[p].begin, list.begin() + pages[p].end}, p + 1, pages.size()});
  }
  out = render_pages_in_parallel(year_pages.size(), ctx.model.rules, ctx.diags, [&](std::size_t i, Diagnostics& d) {
    const YearPage& job = year_pages[i];
    const std::string first = internal_urls::incidents_of_year(job.year);
    const std::string path = internal_urls::nth_page(first, job.page_no);
    // The page count is part of the page (its pager), so of its fingerprint.
    return render_incident_view_page(ctx, "internal_incident_year", path, metrics_indexes(ctx, job.list), job.pages, d, [&] {
      Json page = internal_page_json(ctx, path, "Incidents of " + job.year + page_title_suffix(job.page_no, job.pages),
                                     InternalSection::incidents);
      page["year"] = job.year;
      page["list"] = {{"rows_caption", "Incidents that started in " + job.year + ", newest first"},
                      {"row_list", rows_json(ctx, job.list, page["root"].get<std::string>())}};
      page["pager"] = pager_json(job.page_no, job.pages, [&](std::size_t n) { return internal_urls::nth_page(first, n); });
      return page;
    });
  });
  index["years"] = years;
  out.push_back(render_internal_page(ctx, "internal_incidents", index_path, index));
  return out;
}

}  // namespace sitrep
