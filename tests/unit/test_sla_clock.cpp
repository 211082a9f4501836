// SLA clocks with timestamps missing or out of order: a clock that cannot be
// measured is never met, and one detection fallback serves every figure.
#include <doctest/doctest.h>

#include "model/sla_clock.h"
#include "report/incident_metrics.h"
#include "report/statistics.h"
#include "report_fixture.h"
#include "util/duration.h"

using namespace sitrep;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

std::string incident(const std::string& id, const std::string& severity, const std::string& times) {
  return "id = \"" + id + "\"\ntitle = \"t\"\nseverity = \"" + severity +
         "\"\ntype = \"outage\"\ncomponents = [\"auth\"]\n" + times;
}

const TimePoint k_now = *parse_rfc3339("2026-04-30T00:00:00Z");

// Resolved, never acknowledged: mitigate 50 min and resolve 90 min after
// detection are both within SEV1's 1h and 4h.
const std::string k_never_acknowledged = R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
mitigated_at = 2026-04-14T10:50:00-07:00
resolved_at = 2026-04-14T11:30:00-07:00
)";

// Seed 000's times: acknowledge 9 of 15 min, mitigate 46 of 60, resolve 74 of 240.
const std::string k_all_met = R"(started_at = 2026-04-15T07:58:00-07:00
detected_at = 2026-04-15T07:58:00-07:00
acknowledged_at = 2026-04-15T08:07:00-07:00
mitigated_at = 2026-04-15T08:44:00-07:00
resolved_at = 2026-04-15T09:12:00-07:00
)";

}  // namespace

TEST_CASE("a resolved SEV1 without acknowledged_at is not measurable, and left out of the rate") {
  Model model = make_model({incident("I1", "SEV1", k_never_acknowledged), incident("I2", "SEV1", k_all_met)});
  auto metrics = all_incident_metrics(model, k_now);
  const SlaCompliance& sla = metrics[0].sla;
  CHECK(sla.clock("acknowledge")->state == ClockState::not_measurable);
  CHECK(sla.clock("acknowledge")->reason == "acknowledged_at missing");
  CHECK(sla.clock("mitigate")->state == ClockState::met);
  CHECK(sla.clock("resolve")->state == ClockState::met);
  CHECK(sla.overall == ClockState::not_measurable);
  CHECK(sla.overall_reason == "acknowledge: acknowledged_at missing");
  CHECK_FALSE(sla.overall_met.has_value());

  // April: I2 met; I1 left out. 1 of 1 = 100 %, with 1 not measurable.
  Statistics s = compute_statistics(model, metrics, k_now);
  const PeriodStatistics& april = s.monthly.back();
  CHECK(april.period == "2026-04");
  CHECK(april.sla_decided == 1);
  CHECK(april.sla_met == 1);
  CHECK(april.sla_compliance_rate == 100.0);
  CHECK(april.sla_not_measurable == 1);
  CHECK(april.by_severity[0].sla_not_measurable == 1);
  CHECK(april.by_severity[0].sla_compliance_rate == 100.0);

  // unmeasurable_clock = "breach": I1 counts as breached, 1 of 2 = 50 %.
  model.severity.unmeasurable_clock = UnmeasurableClock::breach;
  metrics = all_incident_metrics(model, k_now);
  CHECK(metrics[0].sla.overall == ClockState::not_measurable);
  CHECK(metrics[0].sla.overall_met == false);
  s = compute_statistics(model, metrics, k_now);
  CHECK(s.monthly.back().sla_decided == 2);
  CHECK(s.monthly.back().sla_met == 1);
  CHECK(s.monthly.back().sla_compliance_rate == 50.0);
  CHECK(s.monthly.back().by_severity[0].sla_compliance_rate == 50.0);
}

TEST_CASE("a breach outweighs a clock that cannot be measured") {
  // Never acknowledged, mitigated 70 min after detection: SEV1's 1h is breached.
  const Model model = make_model({incident("I1", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
mitigated_at = 2026-04-14T11:10:00-07:00
resolved_at = 2026-04-14T11:30:00-07:00
)")});
  const SlaCompliance sla = all_incident_metrics(model, k_now)[0].sla;
  CHECK(sla.clock("acknowledge")->state == ClockState::not_measurable);
  CHECK(sla.clock("mitigate")->state == ClockState::breached);
  CHECK(sla.clock("mitigate")->over() == minutes{10});
  CHECK(sla.overall == ClockState::breached);
  CHECK(sla.overall_met == false);
}

TEST_CASE("stage to stage (MLC): a missing timestamp stops the clock that ends and the one that starts there") {
  // SEV1 of the MLC policy: acknowledge 5m from detected_at, mitigate 30m
  // from acknowledged_at, resolve 4h from mitigated_at.
  const Model model = make_model({incident("I1", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
acknowledged_at = 2026-04-14T10:03:00-07:00
resolved_at = 2026-04-14T11:00:00-07:00
)"),
                                  incident("I2", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
mitigated_at = 2026-04-14T10:20:00-07:00
resolved_at = 2026-04-14T11:00:00-07:00
)"),
                                  incident("I3", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
acknowledged_at = 2026-04-14T10:30:00-07:00
mitigated_at = 2026-04-14T10:20:00-07:00
resolved_at = 2026-04-14T11:00:00-07:00
)")},
                                 {}, "schemas/examples/mlc");
  const auto metrics = all_incident_metrics(model, k_now);
  // I1, no mitigated_at: mitigate has no end, resolve no start.
  const SlaCompliance& i1 = metrics[0].sla;
  CHECK(i1.clock("acknowledge")->state == ClockState::met);
  CHECK(i1.clock("mitigate")->state == ClockState::not_measurable);
  CHECK(i1.clock("mitigate")->reason == "mitigated_at missing");
  CHECK(i1.clock("resolve")->state == ClockState::not_measurable);
  CHECK(i1.clock("resolve")->reason == "mitigated_at missing");
  CHECK(i1.overall == ClockState::not_measurable);
  CHECK(i1.overall_reason == "mitigate: mitigated_at missing; resolve: mitigated_at missing");
  // I2, no acknowledged_at: mitigate (from acknowledged_at) has no start.
  const SlaCompliance& i2 = metrics[1].sla;
  CHECK(i2.clock("acknowledge")->reason == "acknowledged_at missing");
  CHECK(i2.clock("mitigate")->state == ClockState::not_measurable);
  CHECK(i2.clock("mitigate")->reason == "acknowledged_at missing");
  CHECK(i2.clock("mitigate")->missing == std::vector<std::string>{"acknowledged_at"});
  CHECK(i2.clock("resolve")->state == ClockState::met);  // 40 min of 4h
  // I3, mitigated before acknowledged: no figure, never a negative one.
  const ClockResult& i3 = *metrics[2].sla.clock("mitigate");
  CHECK(i3.state == ClockState::not_measurable);
  CHECK(i3.reason == "mitigated_at before acknowledged_at");
  CHECK(i3.missing.empty());
  CHECK_FALSE(i3.elapsed.has_value());
}

TEST_CASE("an open incident: a clock whose start is not reached yet has not started") {
  const Model model = make_model({incident("I1", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
)")},
                                 {}, "schemas/examples/mlc");
  const SlaCompliance sla = all_incident_metrics(model, *parse_rfc3339("2026-04-14T17:03:00Z"))[0].sla;
  CHECK(sla.clock("acknowledge")->state == ClockState::running);
  CHECK(sla.clock("acknowledge")->running_for == minutes{3});
  CHECK(sla.clock("mitigate")->state == ClockState::not_started);
  CHECK(sla.overall == ClockState::running);
  CHECK_FALSE(sla.overall_met.has_value());
}

TEST_CASE("a missing detected_at: SLA clock, durations and downtime all start at started_at") {
  // Started 10:00, acknowledged 10:20, mitigated 10:40, resolved 11:00.
  const Model model = make_model({incident("I1", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
acknowledged_at = 2026-04-14T10:20:00-07:00
mitigated_at = 2026-04-14T10:40:00-07:00
resolved_at = 2026-04-14T11:00:00-07:00
)")});
  const auto metrics = all_incident_metrics(model, k_now);
  const IncidentMetrics& m = metrics[0];
  CHECK(model.incidents[0].effective_detected_at() == model.incidents[0].started_at);
  CHECK(m.detection_note == "detected_at missing: measured from started_at");
  const ClockResult& ack = *m.sla.clock("acknowledge");
  CHECK(ack.start == model.incidents[0].started_at);
  CHECK(ack.elapsed == minutes{20});
  CHECK(ack.state == ClockState::breached);  // 20 min of 15
  CHECK(ack.note == "detected_at missing: measured from started_at");
  CHECK(m.sla.clock("resolve")->elapsed == minutes{60});
  CHECK(m.time_to_acknowledge == minutes{20});
  CHECK(m.total_duration == minutes{60});
  const Statistics s = compute_statistics(model, metrics, k_now);
  CHECK(s.monthly.back().downtime_minutes == 60.0);
}

TEST_CASE("a breach by 30 seconds is measured and printed with its seconds") {
  // Detected 10:00:00, mitigated 11:00:30: SEV1's 1h mitigate clock, 30 s over.
  const Model model = make_model({incident("I1", "SEV1", R"(started_at = 2026-04-14T10:00:00-07:00
detected_at = 2026-04-14T10:00:00-07:00
acknowledged_at = 2026-04-14T10:05:00-07:00
mitigated_at = 2026-04-14T11:00:30-07:00
resolved_at = 2026-04-14T11:30:00-07:00
)")});
  const auto metrics = all_incident_metrics(model, k_now);  // kept: `c` points into it
  const ClockResult& c = *metrics[0].sla.clock("mitigate");
  CHECK(c.elapsed == seconds{3630});
  CHECK(c.state == ClockState::breached);
  CHECK(c.over() == seconds{30});
  CHECK(format_duration(*c.elapsed) == "1h 0m 30s");
  CHECK(format_duration(*c.over()) == "30s");
  CHECK(format_duration(c.target) == "1h");
}

TEST_CASE("format_duration: whole minutes as before, seconds whenever there are any") {
  CHECK(format_duration(seconds{0}) == "0m");
  CHECK(format_duration(minutes{90}) == "1h 30m");
  CHECK(format_duration(minutes{24 * 60 + 5}) == "1d 5m");
  CHECK(format_duration(seconds{30}) == "30s");
  CHECK(format_duration(seconds{65}) == "1m 5s");
  CHECK(format_duration(seconds{3630}) == "1h 0m 30s");
  CHECK(format_duration(seconds{86400 + 1}) == "1d 0h 0m 1s");
  CHECK(format_duration(seconds{-90}) == "-1m 30s");
}
