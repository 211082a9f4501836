#pragma once
// Monthly and quarterly incident statistics (seed 002 "Aggregate Incident
// Statistics"). An incident belongs to the period of the local date, in the
// site's time zone, on which it started (detected_at when started_at is
// missing): a 23:30 outage on 31 March is a March outage to the people who
// had it, whatever the UTC date says.
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "report/data_quality.h"
#include "report/incident_metrics.h"

namespace sitrep {

// count, mean, median and p90 over the values that could be computed, in
// minutes; all nullopt when count is 0.
struct Summary {
  std::size_t count = 0;
  std::optional<double> mean, median, p90;
};

// Median: the middle value, or the mean of the two middle values.
// p90: nearest rank, the value at 1-based rank ceil(0.9 * n) of the sorted
// list, so it is always a value that occurred: with 9 values or fewer it is
// the largest, with 10 the 9th, with 20 the 18th.
Summary summarize(std::vector<double> values);
// `percent` in 1..100 over an ascending list; nullopt when it is empty.
std::optional<double> nearest_rank(const std::vector<double>& sorted, int percent);

struct SeverityStats {
  std::string severity;  // level id
  int rank = 0;          // 1-based
  std::size_t count = 0;
  std::size_t sla_decided = 0, sla_met = 0;   // incidents with overall_met known / true
  std::optional<double> sla_compliance_rate;  // percent; nullopt when none decided
  Ledger sla_ledger;          // included = sla_decided; the rest and why
  bool few_measured = true;   // fewer than k_min_trend_sample decided: not a trend
  // Closed incidents with a clock that cannot be measured: left out of the
  // rate, or counted in it as breached (SeverityPolicy::unmeasurable_clock).
  std::size_t sla_not_measurable = 0;
};

struct PeriodStatistics {
  std::string period;  // "2026-04" or "2026-Q2"
  std::vector<std::size_t> incidents;  // indexes into the metrics, in their order
  std::size_t total_incidents = 0;
  std::vector<SeverityStats> by_severity;  // every policy level, most severe first, zeros kept
  std::vector<NameCount> by_type;  // every policy type in policy order, then unknown ones by name
  Summary time_to_acknowledge, time_to_mitigate, time_to_resolve, total_duration;
  // Sum over incidents of the most severe level of detected_at -> resolved_at
  // (started_at -> resolved_at when detected_at is missing). 0 when the period
  // has no such incident; nullopt when it has some but none is resolved.
  std::optional<double> downtime_minutes;
  std::size_t downtime_unknown = 0;  // most-severe incidents left out (ledger.downtime says why)
  std::size_t sla_decided = 0, sla_met = 0;
  std::optional<double> sla_compliance_rate;  // percent of decided incidents whose overall SLA was met
  std::size_t sla_not_measurable = 0;         // as in SeverityStats
  std::vector<NameCount> top_root_causes;     // at most 5: count desc, then name asc
  // Percent change of total_incidents against the previous period; nullopt
  // for the first period and when the previous one had no incidents.
  std::optional<double> change_percent;

  // The data-quality ledger (report/data_quality.h): what each figure above
  // includes, what it leaves out and why. `downtime` is over the most severe
  // level's incidents, `sla` over all.
  struct Ledgers {
    Ledger time_to_acknowledge, time_to_mitigate, time_to_resolve, total_duration, downtime, sla;
  } ledger;
  // Incidents with at least one response time measured; fewer than
  // k_min_trend_sample and the period's figures are no trend.
  std::size_t measured_incidents = 0;
  bool few_measured = true;
  // The period holds `now`: it is not finished. Its change_percent then
  // compares with the previous period over the same elapsed time only:
  // `compared_incidents` started in the previous period's first
  // `compared_span` (now − this period's local start), so a month to date is
  // never set against a whole month. A period after a to-date one (only a
  // future-dated incident makes one) gets no change.
  bool to_date = false;
  std::optional<Seconds> compared_span;
  std::size_t compared_incidents = 0;  // what change_percent compares with
};

struct Statistics {
  std::vector<PeriodStatistics> monthly;    // oldest first, no gaps, through now's period
  std::vector<PeriodStatistics> quarterly;  // likewise
  std::size_t undated = 0;  // incidents with neither started_at nor detected_at (in no period)
};

enum class PeriodKind { month, quarter };

// "2026-04" / "2026-Q2" for a local calendar day.
std::string period_name(Day local_day, PeriodKind kind);

Statistics compute_statistics(const Model& model, const std::vector<IncidentMetrics>& metrics, TimePoint now);

}  // namespace sitrep
