// One page per month and per quarter: every figure of the period with the
// formula it comes from, and the incidents it counts, their list cut into
// pages (render/pagination.h) whose later pages hold only the list.
#include "render/internal_chart_json.h"
#include "render/internal_pages.h"
#include "render/internal_statistics.h"
#include "render/internal_urls.h"
#include "render/pagination.h"

namespace sitrep {
namespace {

Json times_json(const PeriodStatistics& p, const Json& definitions) {
  const std::pair<const Summary*, const Ledger*> figures[] = {
      {&p.time_to_acknowledge, &p.ledger.time_to_acknowledge},
      {&p.time_to_mitigate, &p.ledger.time_to_mitigate},
      {&p.time_to_resolve, &p.ledger.time_to_resolve},
      {&p.total_duration, &p.ledger.total_duration}};
  Json out = Json::array();
  for (std::size_t i = 0; i < std::size(figures); ++i) {
    Json row = summary_json(*figures[i].first, *figures[i].second);
    row["metric"] = definitions[i]["metric"];
    row["formula"] = definitions[i]["formula"];
    row["clock_start"] = definitions[i]["clock_start"];
    out.push_back(std::move(row));
  }
  return out;
}

Json severity_chart(const PeriodStatistics& p) {
  charts::BarChartInput in;
  in.title = "Incidents by severity, " + p.period;
  in.noun = "severity level";
  in.nouns = "severity levels";
  charts::Series s{"Incidents", series_class(0), {}};
  for (const auto& sev : p.by_severity) {
    in.categories.push_back(sev.severity);
    s.values.push_back(static_cast<double>(sev.count));
  }
  in.series.push_back(std::move(s));
  return bar_chart_json(in, "chart-period-severity", "Severity");
}

Json type_chart(const PeriodStatistics& p) {
  charts::BarChartInput in;
  in.title = "Incidents by type, " + p.period;
  in.noun = "type";
  in.nouns = "types";
  charts::Series s{"Incidents", series_class(1), {}};
  for (const auto& t : p.by_type) {
    in.categories.push_back(t.name.empty() ? "(none)" : t.name);
    s.values.push_back(static_cast<double>(t.count));
  }
  in.series.push_back(std::move(s));
  return bar_chart_json(in, "chart-period-type", "Type");
}

Json incidents_json(const InternalContext& ctx, const PeriodStatistics& p, PageRange range, std::string_view root) {
  Json out = Json::array();
  for (std::size_t k = range.begin; k < range.end; ++k) {
    const std::size_t i = p.incidents[k];
    const IncidentMetrics& m = ctx.metrics[i];
    out.push_back({{"ref", incident_ref_json(ctx, m.incident_id, root)},
                   {"severity", severity_json(ctx, m.severity)},
                   {"started", itime_json(ctx, m.started_at ? m.started_at : m.detected_at)},
                   {"sla", sla_overall_json(ctx, m.sla)},
                   {"cause", m.root_cause_category.empty() ? "not recorded" : m.root_cause_category}});
  }
  return out;
}

}  // namespace

Json internal_period_json(const InternalContext& ctx, PeriodKind kind, std::size_t index) {
  const auto& periods = periods_of(ctx, kind);
  const PeriodStatistics& p = periods[index];
  const std::string path = internal_urls::period(p.period);
  const bool monthly = kind == PeriodKind::month;
  Json page = internal_page_json(ctx, path, "Statistics " + period_label(p), InternalSection::statistics);
  const std::string root = page["root"];
  page["period"] = period_label(p);
  page["kind_word"] = monthly ? "month" : "quarter";
  page["overview_url"] = root + std::string{monthly ? internal_urls::k_monthly : internal_urls::k_quarterly};
  if (index > 0)
    page["prev"] = {{"label", periods[index - 1].period},
                    {"url", root + internal_urls::period(periods[index - 1].period)}};
  if (index + 1 < periods.size())
    page["next"] = {{"label", periods[index + 1].period},
                    {"url", root + internal_urls::period(periods[index + 1].period)}};
  page["to_date"] = p.to_date;
  page["total"] = std::to_string(p.total_incidents);
  page["measured"] = std::to_string(p.measured_incidents);
  page["few"] = p.few_measured && p.total_incidents > 0 ? k_few_measured_text : "";
  page["change"] = change_text(p.change_percent);
  page["change_basis"] = change_basis_text(periods, index);
  page["sla_rate"] = percent_text(p.sla_compliance_rate);
  page["sla_detail"] = std::to_string(p.sla_met) + " met; decided for " + ledger_text(p.ledger.sla);
  page["downtime_label"] =
      (ctx.model.severity.levels.empty() ? std::string{"Most severe"} : ctx.model.severity.levels.front().id) +
      " downtime";
  page["downtime"] = downtime_text(p);

  Json severities = Json::array();
  for (const auto& s : p.by_severity)
    severities.push_back({{"level", s.severity},
                          {"count", std::to_string(s.count)},
                          {"rate", percent_text(s.sla_compliance_rate)},
                          {"detail", s.count == 0 ? std::string{"no incident"}
                                                 : std::to_string(s.sla_met) + " met; decided for " +
                                                       ledger_text(s.sla_ledger)},
                          {"level_few", s.few_measured && s.count > 0 ? k_few_measured_text : ""}});
  page["severities"] = severities;
  page["charts"] = Json::array({severity_chart(p), type_chart(p)});
  const Json definitions = statistics_definitions_json(ctx);
  page["times"] = times_json(p, definitions);
  page["definitions"] = definitions;
  Json causes = Json::array();
  for (std::size_t i = 0; i < p.top_root_causes.size(); ++i)
    causes.push_back({{"rank", std::to_string(i + 1)},
                      {"cause", p.top_root_causes[i].name},
                      {"count", std::to_string(p.top_root_causes[i].count)}});
  page["root_causes"] = causes;
  const std::vector<PageRange> pages = period_incident_pages(ctx, p);
  page["incidents"] = incidents_json(ctx, p, pages.front(), root);
  // Not the pager: the page's own navigation already has rel=prev/next
  // (the neighbouring periods).
  if (pages.size() > 1)
    page["incidents_more"] = {{"shown", pages.front().end},
                              {"of", p.incidents.size()},
                              {"url", root + internal_urls::nth_page(internal_urls::period(p.period), 2)},
                              {"pages", pages.size()}};
  return page;
}

std::vector<PageRange> period_incident_pages(const InternalContext& ctx, const PeriodStatistics& p) {
  return even_pages(p.incidents.size(), ctx.rows_per_page());
}

Json internal_period_incidents_json(const InternalContext& ctx, PeriodKind kind, std::size_t index, std::size_t page_no) {
  const PeriodStatistics& p = periods_of(ctx, kind)[index];
  const std::vector<PageRange> pages = period_incident_pages(ctx, p);
  const std::string first = internal_urls::period(p.period);
  const std::string path = internal_urls::nth_page(first, page_no);
  Json page = internal_page_json(ctx, path,
                                 "Incidents of " + period_label(p) + page_title_suffix(page_no, pages.size()),
                                 InternalSection::statistics);
  const std::string root = page["root"];
  page["period"] = period_label(p);
  page["period_url"] = root + first;
  page["overview_url"] =
      root + std::string{kind == PeriodKind::month ? internal_urls::k_monthly : internal_urls::k_quarterly};
  page["incidents"] = incidents_json(ctx, p, pages[page_no - 1], root);
  page["pager"] = pager_json(page_no, pages.size(), [&](std::size_t n) { return root + internal_urls::nth_page(first, n); });
  return page;
}

}  // namespace sitrep
