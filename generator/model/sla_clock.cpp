#include "model/sla_clock.h"

#include <algorithm>

#include "util/duration.h"

namespace sitrep {
namespace {

Seconds seconds_between(TimePoint from, TimePoint to) { return std::chrono::duration_cast<Seconds>(to - from); }

void not_measurable(ClockResult& r, std::string reason, std::vector<std::string> missing) {
  r.state = ClockState::not_measurable;
  r.reason = std::move(reason);
  r.missing = std::move(missing);
}

}  // namespace

std::string_view clock_state_code(ClockState state) {
  switch (state) {
    case ClockState::met: return "met";
    case ClockState::breached: return "breached";
    case ClockState::running: return "running";
    case ClockState::not_started: return "not_started";
    case ClockState::not_measurable: return "not_measurable";
  }
  return "";
}

std::optional<Seconds> ClockResult::over() const {
  if (state != ClockState::breached) return std::nullopt;
  if (elapsed) return *elapsed - target;
  if (running_for) return *running_for - target;
  return std::nullopt;
}

const ClockResult* SlaCompliance::clock(std::string_view name) const {
  for (const auto& c : clocks)
    if (c.name == name) return &c;
  return nullptr;
}

bool is_closed(const Incident& inc, const SeverityPolicy& policy) {
  return inc.resolved_at || (!inc.updates.empty() && policy.canonical_status(inc.updates.back().status) == "resolved");
}

ClockResult measure_clock(const SlaClock& clock, const Incident& inc, bool closed, TimePoint now) {
  ClockResult r;
  r.name = clock.name;
  r.from = clock.from;
  r.to = clock.to;
  r.target = clock.within;
  r.formula = clock.to + " \u2212 " + clock.from + " \u2264 " + format_duration(clock.within);
  // The detection fallback applies to a clock's start only: a missing
  // detected_at as an end would otherwise measure 0, an instant stop.
  r.start = clock.from == "detected_at" ? inc.effective_detected_at() : inc.time(clock.from);
  if (clock.from == "detected_at" && !inc.detected_at && inc.started_at)
    r.note = "detected_at missing: measured from started_at";
  r.end = inc.time(clock.to);
  const std::string start_name = r.note.empty() ? clock.from : "started_at";

  if (r.start && r.end) {
    if (*r.end < *r.start) {
      not_measurable(r, clock.to + " before " + start_name, {});
    } else {
      r.elapsed = seconds_between(*r.start, *r.end);
      r.state = *r.elapsed <= clock.within ? ClockState::met : ClockState::breached;
    }
  } else if (r.end) {
    // The stage ended but its start was never recorded.
    not_measurable(r, clock.from + " missing", {clock.from});
  } else if (r.start && !closed) {
    r.running_for = seconds_between(*r.start, now);
    r.state = *r.running_for > clock.within ? ClockState::breached : ClockState::running;
  } else if (r.start) {
    not_measurable(r, clock.to + " missing", {clock.to});
  } else if (closed) {
    not_measurable(r, clock.from + " and " + clock.to + " missing", {clock.from, clock.to});
  }
  return r;
}

SlaCompliance sla_compliance(const Incident& inc, const SeverityPolicy& policy, TimePoint now) {
  SlaCompliance out;
  const SeverityLevel* level = policy.level(inc.severity);
  if (!level || level->clocks.empty()) return out;
  const bool closed = is_closed(inc, policy);
  for (const auto& clock : level->clocks) out.clocks.push_back(measure_clock(clock, inc, closed, now));

  const auto any = [&](ClockState s) {
    return std::any_of(out.clocks.begin(), out.clocks.end(), [&](const ClockResult& c) { return c.state == s; });
  };
  if (any(ClockState::breached)) {
    out.overall = ClockState::breached;
    out.overall_met = false;
  } else if (any(ClockState::not_measurable)) {
    out.overall = ClockState::not_measurable;
    for (const auto& c : out.clocks)
      if (c.state == ClockState::not_measurable)
        out.overall_reason += (out.overall_reason.empty() ? "" : "; ") + c.name + ": " + c.reason;
    if (policy.unmeasurable_clock == UnmeasurableClock::breach) out.overall_met = false;
  } else if (any(ClockState::met)) {
    out.overall = ClockState::met;
    out.overall_met = true;
  } else {
    out.overall = any(ClockState::running) ? ClockState::running : ClockState::not_started;
  }
  return out;
}

}  // namespace sitrep
