// SLA compliance: the policy's clocks with their formulas, the compliance
// rate per severity and month, and per incident every clock measured (pages
// per month, so a page never holds more than a month of incidents, nor more
// than about internal_rows_per_page clocks of a busy month).
#include <algorithm>
#include <map>

#include "render/internal_chart_json.h"
#include "render/internal_pages.h"
#include "render/internal_statistics.h"
#include "render/internal_urls.h"
#include "render/pagination.h"
#include "render/parallel_pages.h"
#include "util/duration.h"

namespace sitrep {
namespace {

// "2 of 3", and how many incidents could not be measured and what the rate
// did with them, so a rate never hides the incidents it left out.
Json rate_json(const InternalContext& ctx, std::size_t met, std::size_t decided, std::size_t not_measurable,
               const std::optional<double>& rate) {
  std::string detail = decided ? std::to_string(met) + " of " + std::to_string(decided) : "none decided";
  if (not_measurable)
    detail += "; " + std::to_string(not_measurable) + " not measurable" +
              (ctx.model.severity.unmeasurable_clock == UnmeasurableClock::breach ? " (counted as breached)"
                                                                                  : " (left out)");
  return Json{{"rate", percent_text(rate)}, {"detail", detail}};
}

Json policy_json(const InternalContext& ctx) {
  Json out = Json::array();
  for (const auto& level : ctx.model.severity.levels) {
    Json clocks = Json::array();
    for (const auto& c : level.clocks)
      clocks.push_back({{"name", c.name},
                        {"formula", c.to + " − " + c.from + " ≤ " + format_duration(c.within)},
                        {"clock_from", c.from}});
    out.push_back({{"level", level.id}, {"name", level.name}, {"clocks", clocks}});
  }
  return out;
}

Json monthly_json(const InternalContext& ctx) {
  Json rows = Json::array();
  const auto& monthly = ctx.statistics.monthly;
  for (auto it = monthly.rbegin(); it != monthly.rend(); ++it) {
    Json cells = Json::array();
    for (const auto& s : it->by_severity) cells.push_back(rate_json(ctx, s.sla_met, s.sla_decided, s.sla_not_measurable, s.sla_compliance_rate));
    rows.push_back({{"period", period_label(*it)},
                    {"url", internal_urls::period(it->period)},
                    {"incidents", it->total_incidents},
                    {"overall", rate_json(ctx, it->sla_met, it->sla_decided, it->sla_not_measurable, it->sla_compliance_rate)},
                    {"cells", cells}});
  }
  return rows;
}

Json chart_json(const InternalContext& ctx) {
  charts::BarChartInput in;
  in.title = "SLA compliance rate per month (incidents that complied, of those decided)";
  in.unit = "%";
  in.decimals = 1;
  in.y_max = 100;
  in.noun = "month";
  in.nouns = "months";
  charts::Series s{"All severities", series_class(0), {}};
  for (const auto& p : ctx.statistics.monthly) {
    in.categories.push_back(p.period);
    in.partial.push_back(p.to_date);
    s.values.push_back(p.sla_compliance_rate);
  }
  in.series.push_back(std::move(s));
  return bar_chart_json(in, "sla-chart", "Month");
}

Json incident_clocks_json(const InternalContext& ctx, const IncidentMetrics& m, std::string_view root) {
  Json clocks = Json::array();
  for (const auto& c : m.sla.clocks) {
    Json j = clock_json(ctx, c);
    j["first"] = clocks.empty();
    clocks.push_back(std::move(j));
  }
  return Json{{"ref", incident_ref_json(ctx, m.incident_id, root)},
              {"severity", severity_json(ctx, m.severity)},
              {"rows", std::to_string(std::max<std::size_t>(1, clocks.size()))},
              {"sla_overall", sla_overall_json(ctx, m.sla)},
              {"sla_overall_why", sla_overall_why(ctx, m.sla)},
              {"clocks", clocks}};
}

}  // namespace

Outputs render_internal_sla(const InternalContext& ctx) {
  // One page per month, so a page (and what a change re-renders) stays a
  // month's incidents, not a year's; the overview lists them by year.
  std::map<std::string, std::vector<const IncidentMetrics*>> by_month;
  for (const auto& m : ctx.metrics) by_month[incident_month(ctx, m)].push_back(&m);
  // Newest month first; in a month, newest incident first.
  std::vector<std::pair<std::string, std::vector<const IncidentMetrics*>>> month_lists(by_month.rbegin(),
                                                                                      by_month.rend());
  Json years = Json::array();
  for (auto& [month, list] : month_lists) {
    std::sort(list.begin(), list.end(), [](const IncidentMetrics* a, const IncidentMetrics* b) {
      return std::tie(b->started_at, b->incident_id) < std::tie(a->started_at, a->incident_id);
    });
    const std::string year = month.substr(0, month.find('-'));
    if (years.empty() || years.back()["year"] != year)
      years.push_back({{"year", year}, {"anchor", "sla-" + year}, {"months", Json::array()}});
    years.back()["months"].push_back(
        {{"month", month}, {"url", internal_urls::sla_of_month(month)}, {"count", list.size()}});
  }
  // One job per page of a month; an incident weighs a row per clock and one
  // for its heading cell (its verdict and why), about a clock's worth of text.
  struct MonthPage {
    std::string month;
    std::vector<const IncidentMetrics*> list;
    std::size_t page_no = 1, pages = 1;
  };
  std::vector<MonthPage> month_pages;
  for (const auto& [month, list] : month_lists) {
    std::vector<std::size_t> weights;
    for (const auto* m : list) weights.push_back(m->sla.clocks.size() + 1);
    const std::vector<PageRange> pages = pack_pages(weights, ctx.rows_per_page());
    for (std::size_t p = 0; p < pages.size(); ++p)
      month_pages.push_back({month, {list.begin() + pages[p].begin, list.begin() + pages[p].end}, p + 1, pages.size()});
  }
  Outputs out = render_pages_in_parallel(month_pages.size(), ctx.model.rules, ctx.diags, [&](std::size_t i, Diagnostics& d) {
    const MonthPage& job = month_pages[i];
    const std::string first = internal_urls::sla_of_month(job.month);
    const std::string path = internal_urls::nth_page(first, job.page_no);
    // The page count is part of the page (its pager), so of its fingerprint.
    return render_incident_view_page(ctx, "internal_sla_month", path, metrics_indexes(ctx, job.list), job.pages, d, [&] {
      Json page = internal_page_json(ctx, path, "SLA clocks of " + job.month + page_title_suffix(job.page_no, job.pages),
                                     InternalSection::sla);
      Json incidents = Json::array();
      for (const auto* m : job.list) incidents.push_back(incident_clocks_json(ctx, *m, page["root"].get<std::string>()));
      page["month"] = job.month;
      page["incidents"] = std::move(incidents);
      page["pager"] = pager_json(job.page_no, job.pages, [&](std::size_t n) { return internal_urls::nth_page(first, n); });
      return page;
    });
  });
  const std::string path{internal_urls::k_sla};
  Json page = internal_page_json(ctx, path, "SLA compliance", InternalSection::sla);
  page["policy"] = policy_json(ctx);
  page["unmeasurable_rule"] = ctx.model.severity.unmeasurable_clock == UnmeasurableClock::breach
                                  ? "this policy (unmeasurable_clock = \"breach\") counts such an incident as breached."
                                  : "this policy (unmeasurable_clock = \"exclude\") leaves such an incident out of "
                                    "the rate and says how many it left out.";
  Json levels = Json::array();
  for (const auto& l : ctx.model.severity.levels) levels.push_back(l.id);
  page["levels"] = levels;
  page["months"] = monthly_json(ctx);
  page["chart"] = chart_json(ctx);
  page["years"] = years;
  out.push_back(render_internal_page(ctx, "internal_sla", path, page));
  return out;
}

}  // namespace sitrep
