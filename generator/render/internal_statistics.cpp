// The statistics overview, one page per kind of period (month, quarter):
// charts drawn at build time, each followed by its figures as a table.
#include "render/internal_statistics.h"

#include <algorithm>

#include "render/internal_chart_json.h"
#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/parallel_pages.h"
#include "util/hash.h"

namespace sitrep {
namespace {

std::string most_severe(const InternalContext& ctx) {
  return ctx.model.severity.levels.empty() ? "most severe" : ctx.model.severity.levels.front().id;
}

charts::BarChartInput period_chart(const std::vector<PeriodStatistics>& periods, PeriodKind kind, std::string title) {
  charts::BarChartInput in;
  in.title = std::move(title);
  in.noun = kind == PeriodKind::month ? "month" : "quarter";
  in.nouns = in.noun + "s";
  for (const auto& p : periods) {
    in.categories.push_back(p.period);
    in.partial.push_back(p.to_date);
  }
  return in;
}

std::optional<double> count_value(std::size_t n) { return static_cast<double>(n); }

Json charts_json(const InternalContext& ctx, PeriodKind kind) {
  const auto& periods = periods_of(ctx, kind);
  const std::string per = kind == PeriodKind::month ? " per month" : " per quarter";
  const std::string heading = kind == PeriodKind::month ? "Month" : "Quarter";
  Json out = Json::array();

  charts::BarChartInput by_severity = period_chart(periods, kind, "Incidents by severity" + per);
  by_severity.stacked = true;
  for (std::size_t l = 0; l < ctx.model.severity.levels.size(); ++l) {
    charts::Series s{ctx.model.severity.levels[l].id, severity_class(l), {}};
    for (const auto& p : periods) s.values.push_back(count_value(p.by_severity[l].count));
    by_severity.series.push_back(std::move(s));
  }
  out.push_back(bar_chart_json(by_severity, "chart-severity", heading));

  // Types seen in any period, policy types first (each period lists them so).
  std::vector<std::string> types;
  for (const auto& p : periods)
    for (const auto& t : p.by_type)
      if (std::find(types.begin(), types.end(), t.name) == types.end()) types.push_back(t.name);
  charts::BarChartInput by_type = period_chart(periods, kind, "Incidents by type" + per);
  by_type.stacked = true;
  for (std::size_t t = 0; t < types.size(); ++t) {
    charts::Series s{types[t], series_class(t), {}};
    for (const auto& p : periods) {
      std::size_t n = 0;
      for (const auto& c : p.by_type)
        if (c.name == types[t]) n = c.count;
      s.values.push_back(count_value(n));
    }
    by_type.series.push_back(std::move(s));
  }
  out.push_back(bar_chart_json(by_type, "chart-type", heading));

  // The chart draws means; the table under "Key figures" has the median and
  // p90 beside each, and how many incidents each is over.
  charts::BarChartInput times = period_chart(periods, kind, "Mean response times" + per + " (minutes)");
  times.unit = "min";
  times.decimals = 1;
  const std::pair<const char*, Summary PeriodStatistics::*> metrics[] = {
      {"MTTA", &PeriodStatistics::time_to_acknowledge},
      {"MTTM", &PeriodStatistics::time_to_mitigate},
      {"MTTR", &PeriodStatistics::time_to_resolve}};
  for (std::size_t m = 0; m < std::size(metrics); ++m) {
    charts::Series s{metrics[m].first, series_class(m), {}};
    for (const auto& p : periods) s.values.push_back((p.*metrics[m].second).mean);
    times.series.push_back(std::move(s));
  }
  out.push_back(bar_chart_json(times, "chart-times", heading));

  charts::BarChartInput sla = period_chart(periods, kind, "SLA compliance rate" + per);
  sla.unit = "%";
  sla.decimals = 1;
  sla.y_max = 100;
  charts::Series rate{"SLA compliance", series_class(0), {}};
  for (const auto& p : periods) rate.values.push_back(p.sla_compliance_rate);
  sla.series.push_back(std::move(rate));
  out.push_back(bar_chart_json(sla, "chart-sla", heading));

  charts::BarChartInput downtime = period_chart(periods, kind, most_severe(ctx) + " downtime" + per + " (minutes)");
  downtime.unit = "min";
  downtime.decimals = 1;
  charts::Series minutes{most_severe(ctx) + " downtime", severity_class(0), {}};
  for (const auto& p : periods) minutes.values.push_back(p.downtime_minutes);
  downtime.series.push_back(std::move(minutes));
  out.push_back(bar_chart_json(downtime, "chart-downtime", heading));
  return out;
}

// "config_change (2), network (1)": the top root-cause categories, or "none recorded".
std::string causes_text(const PeriodStatistics& p) {
  std::string out;
  for (const auto& c : p.top_root_causes)
    out += (out.empty() ? "" : ", ") + c.name + " (" + std::to_string(c.count) + ")";
  return out.empty() ? "none recorded" : out;
}

Json rows_json(const InternalContext& ctx, PeriodKind kind) {
  Json rows = Json::array();
  const auto& periods = periods_of(ctx, kind);
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    rows.push_back({{"period", period_label(*it)},
                    {"url", internal_urls::period(it->period)},
                    {"total", it->total_incidents},
                    {"few", it->few_measured && it->total_incidents > 0 ? k_few_measured_text : ""},
                    {"change", change_text(it->change_percent)},
                    {"change_basis", change_basis_text(periods, static_cast<std::size_t>(periods.rend() - it) - 1)},
                    {"mtta", summary_json(it->time_to_acknowledge, it->ledger.time_to_acknowledge)},
                    {"mttm", summary_json(it->time_to_mitigate, it->ledger.time_to_mitigate)},
                    {"mttr", summary_json(it->time_to_resolve, it->ledger.time_to_resolve)},
                    {"sla_rate", percent_text(it->sla_compliance_rate)},
                    {"sla_ledger", ledger_text(it->ledger.sla)},
                    {"downtime", minutes_text(it->downtime_minutes)},
                    {"downtime_ledger", it->ledger.downtime.total() ? ledger_text(it->ledger.downtime) : ""},
                    {"causes", causes_text(*it)}});
    // A period already flagged as no trend need not say it of every figure.
    if (it->few_measured)
      for (const char* figure : {"mtta", "mttm", "mttr"}) rows.back()[figure]["figure_few"] = "";
  }
  return rows;
}

}  // namespace

const std::vector<PeriodStatistics>& periods_of(const InternalContext& ctx, PeriodKind kind) {
  return kind == PeriodKind::month ? ctx.statistics.monthly : ctx.statistics.quarterly;
}

std::string downtime_text(const PeriodStatistics& p) {
  if (p.ledger.downtime.total() == 0) return minutes_text(p.downtime_minutes);
  return minutes_text(p.downtime_minutes) + " over " + ledger_text(p.ledger.downtime);
}

std::string period_label(const PeriodStatistics& p) { return p.to_date ? p.period + " (to date)" : p.period; }

std::string change_basis_text(const std::vector<PeriodStatistics>& periods, std::size_t i) {
  if (i == 0) return {};
  const PeriodStatistics& p = periods[i];
  const PeriodStatistics& prev = periods[i - 1];
  if (prev.to_date) return "not compared: " + prev.period + " is not finished";
  if (!p.compared_span) return {};
  // A period to date against the same span of the previous one, never a whole one.
  const std::string days = charts::format_value(static_cast<double>(p.compared_span->count()) / 86400.0, 1);
  if (p.compared_incidents == 0) return "to date: " + prev.period + " had none in its first " + days + " days";
  return "to date: against the " + std::to_string(p.compared_incidents) + " of " + prev.period + "'s first " + days +
         " days";
}

Json summary_json(const Summary& s, const Ledger& ledger) {
  return {{"mean", minutes_text(s.mean)},
          {"median", minutes_text(s.median)},
          {"p90", minutes_text(s.p90)},
          {"ledger", ledger_text(ledger)},
          {"figure_few", ledger.few() && ledger.total() > 0 ? k_few_measured_text : ""}};
}

Json statistics_definitions_json(const InternalContext& ctx) {
  const std::string top = most_severe(ctx);
  // Seed 002 measures each stage from the end of the previous one.
  const std::pair<std::string, std::string> rows[] = {
      {"MTTA (detect → acknowledge phase)", "acknowledged_at − detected_at"},
      {"MTTM (acknowledge → mitigate phase)", "mitigated_at − acknowledged_at"},
      {"MTTR (mitigate → resolve phase)", "resolved_at − mitigated_at"},
      {"Total duration (detect → resolve)", "resolved_at − detected_at"},
  };
  Json out = Json::array();
  for (const auto& [metric, formula] : rows)
    out.push_back({{"metric", metric}, {"formula", formula}, {"clock_start", formula.substr(formula.rfind(' ') + 1)}});
  out.push_back({{"metric", top + " downtime"},
                 {"formula", "sum of resolved_at − detected_at over the period's " + top +
                                 " incidents (started_at when detected_at is missing); those still open, out of order or "
                                 "missing a timestamp are left out"},
                 {"clock_start", "detected_at"}});
  out.push_back(
      {{"metric", "SLA compliance rate"},
       {"formula", "incidents with a clock met and none breached or not measurable ÷ incidents decided (a not "
                   "measurable one is left out, or counted as breached, as the policy's unmeasurable_clock says)"},
       {"clock_start", "per clock, as the policy says (see SLA compliance)"}});
  return out;
}

Outputs render_internal_statistics(const InternalContext& ctx) {
  Outputs out;
  for (const PeriodKind kind : {PeriodKind::month, PeriodKind::quarter}) {
    const bool monthly = kind == PeriodKind::month;
    const std::string path{monthly ? internal_urls::k_monthly : internal_urls::k_quarterly};
    Json page = internal_page_json(ctx, path, monthly ? "Monthly statistics" : "Quarterly statistics",
                                   InternalSection::statistics);
    page["heading"] = monthly ? "Month" : "Quarter";
    page["other_url"] = std::string{monthly ? internal_urls::k_quarterly : internal_urls::k_monthly};
    page["other_label"] = monthly ? "Quarterly statistics" : "Monthly statistics";
    page["definitions"] = statistics_definitions_json(ctx);
    page["charts"] = charts_json(ctx, kind);
    page["rows"] = rows_json(ctx, kind);
    page["downtime_label"] = most_severe(ctx) + " downtime";
    if (ctx.statistics.undated) page["undated"] = ctx.statistics.undated;
    out.push_back(render_internal_page(ctx, "internal_statistics", path, page));
    const auto& periods = periods_of(ctx, kind);
    Outputs period_pages =
        render_pages_in_parallel(periods.size(), ctx.model.rules, ctx.diags, [&](std::size_t i, Diagnostics& d) {
          // A period page shows its incidents, and its neighbours' names and
          // the previous period's count (the change against it).
          std::uint64_t neighbours = hash_text(i > 0 ? periods[i - 1].period : "");
          neighbours = hash_mix(neighbours, i > 0 ? periods[i - 1].total_incidents : 0);
          neighbours = hash_mix(neighbours, i + 1 < periods.size() ? periods[i + 1].period : "");
          // ...and whether it or the previous one is to date, and then how
          // far in (the change compares the same span), which the clock moves.
          neighbours = hash_mix(neighbours, change_basis_text(periods, i));
          neighbours = hash_mix(neighbours, period_label(periods[i]));
          return render_incident_view_page(ctx, "internal_period", internal_urls::period(periods[i].period),
                                           periods[i].incidents, neighbours, d,
                                           [&] { return internal_period_json(ctx, kind, i); });
        });
    out.insert(out.end(), std::make_move_iterator(period_pages.begin()), std::make_move_iterator(period_pages.end()));
    // The later pages of a busy period's list of incidents.
    std::vector<std::pair<std::size_t, std::size_t>> later;  // (period, page number)
    for (std::size_t i = 0; i < periods.size(); ++i)
      for (std::size_t n = 2; n <= period_incident_pages(ctx, periods[i]).size(); ++n) later.emplace_back(i, n);
    Outputs later_pages =
        render_pages_in_parallel(later.size(), ctx.model.rules, ctx.diags, [&](std::size_t j, Diagnostics& d) {
          // Named copies: clang 14 cannot capture structured bindings.
          const std::size_t i = later[j].first, n = later[j].second;
          const std::vector<PageRange> pages = period_incident_pages(ctx, periods[i]);
          const std::vector<std::size_t> shown(periods[i].incidents.begin() + pages[n - 1].begin,
                                               periods[i].incidents.begin() + pages[n - 1].end);
          // Its title names the period, its pager the page count.
          const std::uint64_t extra = hash_mix(hash_text(period_label(periods[i])), pages.size());
          return render_incident_view_page(ctx, "internal_period_incidents",
                                           internal_urls::nth_page(internal_urls::period(periods[i].period), n), shown,
                                           extra, d, [&] { return internal_period_incidents_json(ctx, kind, i, n); });
        });
    out.insert(out.end(), std::make_move_iterator(later_pages.begin()), std::make_move_iterator(later_pages.end()));
  }
  return out;
}

}  // namespace sitrep
