#pragma once
// An incident's SLA clocks measured against its severity level, shared by
// `check` (validate/) and the internal report (report/) so both read the
// same verdict. A clock that cannot be measured is never "met": leaving a
// timestamp out must not turn a breach into compliance.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace sitrep {

using Seconds = std::chrono::seconds;

enum class ClockState {
  met,             // stopped within target
  breached,        // stopped past target, or still running past it
  running,         // started, not stopped, within target so far
  not_started,     // open incident, start not reached yet (stage-to-stage clocks)
  not_measurable,  // a timestamp it needs is missing or out of order, and it cannot run any more
};
// "met", "breached", "running", "not_started", "not_measurable".
std::string_view clock_state_code(ClockState state);

struct ClockResult {
  std::string name;  // "acknowledge"
  std::string from;  // "detected_at"
  std::string to;    // "acknowledged_at"
  std::optional<TimePoint> start, end;
  std::optional<Seconds> elapsed;      // end - start; only when both are known and in order
  std::optional<Seconds> running_for;  // now - start while the clock still runs
  Seconds target{0};
  ClockState state = ClockState::not_started;
  // not_measurable: why, in words ("acknowledged_at missing", "mitigated_at
  // before acknowledged_at"); `missing` names the timestamps to add.
  std::string reason;
  std::vector<std::string> missing;
  // Set when the clock starts at detection and detected_at is missing:
  // "detected_at missing: measured from started_at".
  std::string note;
  std::string formula;  // "acknowledged_at − detected_at ≤ 15m"

  bool decided() const { return state == ClockState::met || state == ClockState::breached; }
  // How far past target a breached clock is (stopped or still running).
  std::optional<Seconds> over() const;
};

struct SlaCompliance {
  std::vector<ClockResult> clocks;  // in the policy's order
  // breached if any clock is; else not_measurable if any clock is; else met
  // if any clock is met (the others still running or not started); else
  // running / not_started. nullopt when the level has no clocks.
  std::optional<ClockState> overall;
  std::string overall_reason;  // not_measurable: "acknowledge: acknowledged_at missing; ..."
  // What compliance rates count: true met, false breached (and not
  // measurable when the policy says unmeasurable_clock = "breach"); nullopt
  // left out (not measurable under "exclude", undecided, no clocks).
  std::optional<bool> overall_met;
  const ClockResult* clock(std::string_view name) const;
};

// Closed the way the validator sees it: resolved_at, or a final "resolved"
// update (whose missing resolved_at is reported on its own).
bool is_closed(const Incident& inc, const SeverityPolicy& policy);

ClockResult measure_clock(const SlaClock& clock, const Incident& inc, bool closed, TimePoint now);
SlaCompliance sla_compliance(const Incident& inc, const SeverityPolicy& policy, TimePoint now);

}  // namespace sitrep
