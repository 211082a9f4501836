// incidents.html (active incidents, years) and one list per year: a year is
// the page unit so no list grows with the whole history.
#include <algorithm>
#include <map>

#include "render/internal_pages.h"
#include "render/internal_urls.h"
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
  Json active_rows = rows_json(ctx, active, "");
  index["active"] = active_rows;  // for has_active
  index["active_rows"] = {{"rows_caption", "Incidents not resolved at the time of this build"},
                          {"row_list", active_rows}};
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
  const std::vector<std::pair<std::string, std::vector<const IncidentMetrics*>>> year_lists(by_year.begin(),
                                                                                          by_year.end());
  out = render_pages_in_parallel(year_lists.size(), ctx.model.rules, ctx.diags, [&](std::size_t i, Diagnostics& d) {
    // Named references, not a structured binding: clang 14 (the sanitizer
    // and fuzzing builds) cannot capture bindings in the lambda below.
    const std::string& year = year_lists[i].first;
    const auto& list = year_lists[i].second;
    const std::string path = internal_urls::incidents_of_year(year);
    return render_incident_view_page(ctx, "internal_incident_year", path, metrics_indexes(ctx, list), 0, d, [&] {
      Json page = internal_page_json(ctx, path, "Incidents of " + year, InternalSection::incidents);
      page["year"] = year;
      page["list"] = {{"rows_caption", "Incidents that started in " + year + ", newest first"},
                      {"row_list", rows_json(ctx, list, page["root"].get<std::string>())}};
      return page;
    });
  });
  index["years"] = years;
  out.push_back(render_internal_page(ctx, "internal_incidents", index_path, index));
  return out;
}

}  // namespace sitrep
