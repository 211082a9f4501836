#include "report/data_quality.h"

#include <algorithm>

namespace sitrep {
namespace {

constexpr std::string_view k_still_open = "still open";
constexpr std::string_view k_out_of_order = "out of order";

// Still open first (it goes away by itself), then the gaps to fix in the
// files, then the contradictions.
int reason_rank(std::string_view reason) {
  if (reason == k_still_open) return 0;
  if (reason == k_out_of_order) return 2;
  return 1;
}

std::string missing(std::string_view field) { return "missing " + std::string{field}; }

struct FigureSpec {
  std::optional<Seconds> IncidentMetrics::*value;
  std::string_view from;
  std::optional<TimePoint> IncidentMetrics::*start;
  std::string_view to;
  std::optional<TimePoint> IncidentMetrics::*end;
};

FigureSpec spec(Figure f) {
  using M = IncidentMetrics;
  switch (f) {
    case Figure::time_to_acknowledge:
      return {&M::time_to_acknowledge, "detected_at", &M::detected_at, "acknowledged_at", &M::acknowledged_at};
    case Figure::time_to_mitigate:
      return {&M::time_to_mitigate, "acknowledged_at", &M::acknowledged_at, "mitigated_at", &M::mitigated_at};
    case Figure::time_to_resolve:
      return {&M::time_to_resolve, "mitigated_at", &M::mitigated_at, "resolved_at", &M::resolved_at};
    case Figure::total_duration: break;
  }
  return {&M::total_duration, "detected_at", &M::detected_at, "resolved_at", &M::resolved_at};
}

}  // namespace

std::size_t Ledger::excluded_count() const {
  std::size_t n = 0;
  for (const auto& e : excluded) n += e.count;
  return n;
}

void Ledger::add(std::string_view reason) {
  if (reason.empty()) {
    ++included;
    return;
  }
  auto at = std::find_if(excluded.begin(), excluded.end(), [&](const NameCount& e) {
    const int a = reason_rank(e.name), b = reason_rank(reason);
    return a != b ? a > b : e.name >= reason;
  });
  if (at != excluded.end() && at->name == reason) ++at->count;
  else excluded.insert(at, {std::string{reason}, 1});
}

std::string ledger_text(const Ledger& l) {
  std::string out = std::to_string(l.included) + " of " + std::to_string(l.total());
  std::string reasons;
  for (const auto& e : l.excluded) reasons += (reasons.empty() ? "" : ", ") + std::to_string(e.count) + " " + e.name;
  return reasons.empty() ? out : out + " (" + reasons + ")";
}

bool closed_at(const Model& model, const IncidentMetrics& m, TimePoint now) {
  if (m.resolved_at) return *m.resolved_at <= now;
  const Incident* inc = model.find_incident(m.incident_id);
  return inc && !inc->updates.empty() && model.severity.canonical_status(inc->updates.back().status) == "resolved";
}

std::string exclusion_reason(const std::optional<Seconds>& value, std::string_view from,
                             const std::optional<TimePoint>& start, std::string_view to,
                             const std::optional<TimePoint>& end, bool closed, TimePoint now) {
  if (value) {
    if (value->count() < 0) return std::string{k_out_of_order};
    // Built with an earlier --now, a later timestamp has not happened yet.
    if (end && *end > now) return std::string{k_still_open};
    return {};
  }
  if (!start) return missing(from);
  if (!end && !closed) return std::string{k_still_open};
  return missing(to);
}

Measurement measure_figure(const IncidentMetrics& m, Figure f, bool closed, TimePoint now) {
  const FigureSpec s = spec(f);
  const auto& value = m.*s.value;
  Measurement out;
  out.excluded_because = exclusion_reason(value, s.from, m.*s.start, s.to, m.*s.end, closed, now);
  if (out.excluded_because.empty()) out.minutes = to_minutes(*value);
  return out;
}

std::string downtime_exclusion(const IncidentMetrics& m, const std::optional<Seconds>& downtime, bool closed,
                               TimePoint now) {
  // Downtime starts at detected_at, or started_at when that is missing.
  const auto start = m.detected_at ? m.detected_at : m.started_at;
  return exclusion_reason(downtime, "detected_at", start, "resolved_at", m.resolved_at, closed, now);
}

std::string sla_exclusion(const IncidentMetrics& m) {
  if (m.sla.overall_met) return {};
  if (m.sla.clocks.empty()) return m.severity_rank == 0 ? "unknown severity" : "no SLA clock";
  // Not measurable (left out under unmeasurable_clock = "exclude"): the
  // first clock that could not be measured says why.
  for (const auto& c : m.sla.clocks)
    if (c.state == ClockState::not_measurable) return c.missing.empty() ? "out of order" : missing(c.missing.front());
  return std::string{k_still_open};  // running or not started: undecided until it closes
}

}  // namespace sitrep
