// The internal front page (what needs attention, and a link to every
// report) and the machine exports.
#include <set>

#include "render/internal_pages.h"
#include "render/internal_statistics.h"
#include "render/internal_urls.h"
#include "report/exports.h"

namespace sitrep {
namespace {

struct Report {
  std::string_view label, path, description;
};

constexpr Report k_reports[] = {
    {"Incidents", internal_urls::k_incidents,
     "Every incident, public or internal: roles, response timeline, metrics against the severity triggers, business "
     "impact, root cause, SLA clocks, follow-ups and the updates customers saw."},
    {"Postmortems", internal_urls::k_postmortems,
     "Every postmortem in full, each section marked public or internal, with its review status."},
    {"SLA compliance", internal_urls::k_sla,
     "Every SLA clock of every incident with its formula; compliance rate per severity and month."},
    {"Monthly statistics", internal_urls::k_monthly,
     "Counts by severity and type, MTTA, MTTM, MTTR, downtime, SLA compliance, top root causes, change."},
    {"Quarterly statistics", internal_urls::k_quarterly, "The same figures per quarter."},
    {"Follow-up tracker", internal_urls::k_followups,
     "Every action item: open, overdue and done, by owner and by incident."},
    {"Postmortem compliance", internal_urls::k_compliance, "Required postmortems: missing, overdue, late; drafts."},
};

constexpr Report k_exports[] = {
    {"incidents.csv", internal_urls::k_incidents_csv,
     "One row per incident: its timestamps, durations, roles and SLA results."},
    {"actions.csv", internal_urls::k_actions_csv, "One row per action item."},
    {"metrics.json", internal_urls::k_metrics_json,
     "Per-incident metrics and SLA compliance, monthly and quarterly statistics."},
};

Json reports_json(const Report* begin, const Report* end) {
  Json out = Json::array();
  for (const Report* r = begin; r != end; ++r)
    out.push_back({{"label", r->label}, {"url", std::string{r->path}}, {"description", r->description}});
  return out;
}

}  // namespace

Outputs render_internal_index(const InternalContext& ctx) {
  const std::string path{internal_urls::k_index};
  Json page = internal_page_json(ctx, path, "Internal reports", InternalSection::overview);
  std::size_t internal_only = 0, active = 0;
  std::set<std::string> years;
  for (std::size_t i = 0; i < ctx.metrics.size(); ++i) {
    internal_only += ctx.public_urls.count(ctx.metrics[i].incident_id) ? 0 : 1;
    active += incident_status_at(ctx, ctx.model.incidents[i]) == "resolved" ? 0 : 1;
    years.insert(incident_year(ctx, ctx.metrics[i]));
  }
  page["facts"] = Json::array({
      Json{{"label", "Incidents"},
           {"value", std::to_string(ctx.metrics.size())},
           {"url", std::string{internal_urls::k_incidents}}},
      Json{{"label", "Not on the public site"}, {"value", std::to_string(internal_only)}},
      Json{{"label", "Active now"}, {"value", std::to_string(active)}},
      Json{{"label", "Open follow-ups"},
           {"value", std::to_string(ctx.followups.open)},
           {"url", std::string{internal_urls::k_followups}}},
      Json{{"label", "Overdue follow-ups"},
           {"value", std::to_string(ctx.followups.overdue)},
           {"url", std::string{internal_urls::k_followups}}},
      Json{{"label", "Postmortems missing (past the deadline)"},
           {"value", std::to_string(ctx.compliance.missing)},
           {"url", std::string{internal_urls::k_compliance}}},
      Json{{"label", "Postmortems pending (not written, not late)"},
           {"value", std::to_string(ctx.compliance.pending)},
           {"url", std::string{internal_urls::k_compliance}}},
      Json{{"label", "Postmortems overdue"},
           {"value", std::to_string(ctx.compliance.overdue)},
           {"url", std::string{internal_urls::k_compliance}}},
      Json{{"label", "Postmortems in draft"},
           {"value", std::to_string(ctx.compliance.drafts.size())},
           {"url", std::string{internal_urls::k_compliance}}},
  });
  if (!ctx.statistics.monthly.empty()) {
    const PeriodStatistics& p = ctx.statistics.monthly.back();
    const auto& months = ctx.statistics.monthly;
    const std::string basis = change_basis_text(months, months.size() - 1);
    page["month"] = {{"period", period_label(p)},
                     {"url", internal_urls::period(p.period)},
                     {"total", std::to_string(p.total_incidents)},
                     {"change", change_text(p.change_percent) + (basis.empty() ? "" : " (" + basis + ")")},
                     {"mtta", minutes_text(p.time_to_acknowledge.mean) + " mean, " +
                                  minutes_text(p.time_to_acknowledge.median) + " median, p90 " +
                                  minutes_text(p.time_to_acknowledge.p90) + ", over " +
                                  ledger_text(p.ledger.time_to_acknowledge)},
                     {"sla_rate", percent_text(p.sla_compliance_rate)}};
  }
  page["reports"] = reports_json(std::begin(k_reports), std::end(k_reports));
  page["exports"] = reports_json(std::begin(k_exports), std::end(k_exports));
  Json year_links = Json::array();
  for (auto it = years.rbegin(); it != years.rend(); ++it)
    year_links.push_back(
        {{"year", *it}, {"url", internal_urls::incidents_of_year(*it)}, {"sla_url", internal_urls::sla_of_year(*it)}});
  page["years"] = year_links;
  return {render_internal_page(ctx, "internal_index", path, page)};
}

Outputs render_internal_exports(const InternalContext& ctx) {
  // An incident's rows depend on what its fingerprint covers (its files,
  // the policy, the clock until it settles): serve keeps them between rebuilds.
  ExportPieces pieces;
  if (ctx.incremental && ctx.incremental->fragments)
    pieces = [&](std::size_t i, std::string_view kind,
                 const std::function<std::string()>& make) -> const std::string& {
      return ctx.incremental->fragments->get(kind, ctx.incremental->incidents[i], make,
                                             ctx.incremental->settled[i] != 0);
    };
  Outputs out(3);
  out[0].path = internal_urls::k_actions_csv;
  out[1].path = internal_urls::k_incidents_csv;
  out[2].path = internal_urls::k_metrics_json;
  if (ctx.sink) {  // a build: each written into its file as it is made
    out[0].stream = [&ctx](const TextSink& text) { actions_csv(ctx.followups, text); };
    out[1].stream = [&ctx, pieces](const TextSink& text) { incidents_csv(ctx.metrics, pieces, text); };
    out[2].stream = [&ctx, pieces](const TextSink& text) { metrics_json(ctx.metrics, ctx.statistics, pieces, text); };
    return out;
  }
  out[0].bytes = actions_csv(ctx.followups);
  out[1].bytes = incidents_csv(ctx.metrics, pieces);
  out[2].bytes = metrics_json(ctx.metrics, ctx.statistics, pieces);
  return out;
}

}  // namespace sitrep
