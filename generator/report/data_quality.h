#pragma once
// The data-quality ledger of the statistics: for every figure of a period,
// how many incidents it includes and how many it leaves out, and why. A mean
// over 12 of 15 incidents is a different claim from a mean over 15, and the
// reader is told which one it is.
//
// Reasons, one per incident and figure, the first that applies:
//   "out of order"      the end is before the start; a negative duration is
//                       never averaged (nor summed into downtime);
//   "missing <field>"   the start timestamp is missing (a permanent gap), or
//                       the end one on an incident that is closed;
//   "still open"        the end has not happened yet at `now`: the incident
//                       is not resolved, or the end timestamp is after `now`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "report/incident_metrics.h"

namespace sitrep {

struct NameCount {
  std::string name;
  std::size_t count = 0;
};

// Fewer measured incidents than this and a figure is an anecdote, not a trend.
inline constexpr std::size_t k_min_trend_sample = 5;

struct Ledger {
  std::size_t included = 0;
  // Reason -> incidents, "still open" first, then "missing <field>" by name,
  // then "out of order"; reasons with no incident are absent.
  std::vector<NameCount> excluded;

  std::size_t excluded_count() const;
  std::size_t total() const { return included + excluded_count(); }
  bool few() const { return included < k_min_trend_sample; }
  // Empty reason = included.
  void add(std::string_view reason);
};

// "12 of 15 (2 still open, 1 missing acknowledged_at)"; "3 of 3".
std::string ledger_text(const Ledger& l);

// Closed at `now`: resolved_at at or before now, or (no resolved_at) a final
// "resolved" update, which closes the incident the way validation sees it.
bool closed_at(const Model& model, const IncidentMetrics& m, TimePoint now);

// Why one incident's figure from `start` (named `from`) to `end` (named `to`)
// is left out; empty when `value` counts. `value` is the figure as
// incident_metrics computed it, so a fallback there (a start taken from
// another timestamp) is honoured here.
std::string exclusion_reason(const std::optional<Seconds>& value, std::string_view from,
                             const std::optional<TimePoint>& start, std::string_view to,
                             const std::optional<TimePoint>& end, bool closed, TimePoint now);

// The four response-time figures of seed 002, with the timestamps they run between.
enum class Figure { time_to_acknowledge, time_to_mitigate, time_to_resolve, total_duration };

// Minutes when the incident's figure counts, else why it does not.
struct Measurement {
  std::optional<double> minutes;
  std::string excluded_because;
};
Measurement measure_figure(const IncidentMetrics& m, Figure f, bool closed, TimePoint now);

// The downtime of one incident (`downtime`: as statistics computes it) and why it does not count.
std::string downtime_exclusion(const IncidentMetrics& m, const std::optional<Seconds>& downtime, bool closed,
                               TimePoint now);

// Why an incident has no SLA verdict (sla.overall_met is nullopt): a clock
// still runs ("still open"), a timestamp a clock needs is missing, or its
// level has no clocks ("no SLA clock"). Empty when it has a verdict.
std::string sla_exclusion(const IncidentMetrics& m);

}  // namespace sitrep
