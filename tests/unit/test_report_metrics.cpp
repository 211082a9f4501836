// Per-incident metrics and SLA compliance, against hand-computed figures.
#include <doctest/doctest.h>

#include "load/parse.h"
#include "report/incident_metrics.h"
#include "report_fixture.h"
#include "test_helpers.h"

using namespace sitrep;
using std::chrono::minutes;

namespace {

std::string incident(const std::string& severity, const std::string& times, const std::string& extra = "") {
  return "id = \"INC-1\"\ntitle = \"t\"\nseverity = \"" + severity + "\"\ntype = \"outage\"\ncomponents = [\"auth\"]\n" +
         times + extra;
}

// Seed 000: detected 07:58 PT, war room 08:07, mitigated 08:44, resolved 09:12.
const std::string k_seed000_times = R"(started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
acknowledged_at = 2026-04-14T08:07:00-07:00
mitigated_at = 2026-04-14T08:44:00-07:00
resolved_at = 2026-04-14T09:12:00-07:00
)";

const std::string k_seed000_extra = R"([roles]
commander = "Dana"
scribe = "Lee"
comms = "Sam"
on_call = "Ravi"
[root_cause]
summary = "auth-cache TTL"
category = "config_change"
[[actions]]
action = "Complete full root-cause analysis"
owner = "Backend Lead"
due = 2026-04-17
status = "open"
[[actions]]
action = "Publish customer postmortem"
owner = "Comms Lead"
due = 2026-04-16
status = "done"
)";

const std::string k_final_postmortem = R"(+++
incident = "INC-1"
title = "Auth"
status = "final"
authors = ["Dana"]
date = 2026-04-15
+++

## Action Items
| Action | Owner | Due | Status |
|---|---|---|---|
| Config guard | Backend Lead | 2026-04-18 | open |
| Load test | QA | 2026-04-19 | In progress |
)";

const TimePoint k_now = *parse_rfc3339("2026-04-20T00:00:00Z");

}  // namespace

TEST_CASE("seed 000 under the default policy: 9/37/28 min, 74 in total, every SEV1 clock met") {
  const Model model = make_model({incident("SEV1", k_seed000_times, k_seed000_extra)}, {k_final_postmortem});
  const auto all = all_incident_metrics(model, k_now);
  REQUIRE(all.size() == 1);
  const IncidentMetrics& m = all[0];
  CHECK(m.severity == "SEV1");
  CHECK(m.severity_rank == 1);
  CHECK(m.time_to_acknowledge == minutes{9});
  CHECK(m.time_to_mitigate == minutes{37});
  CHECK(m.time_to_resolve == minutes{28});
  CHECK(m.total_duration == minutes{74});
  CHECK(m.incident_commander == "Dana");
  CHECK(m.communication_coordinator == "Sam");
  CHECK(m.responder == "Ravi");
  CHECK(m.additional_responders == std::vector<std::string>{"Lee"});
  CHECK(m.affected_system == "auth");
  CHECK(m.root_cause_category == "config_change");
  CHECK(m.post_mortem_completed);
  CHECK(m.action_items_count == 4);  // 2 [[actions]] and 2 table rows, none the same item

  // The default policy runs every SEV1 clock from detected_at.
  REQUIRE(m.sla.clocks.size() == 3);
  const ClockResult& ack = m.sla.clocks[0];
  CHECK(ack.name == "acknowledge");
  CHECK(ack.elapsed == minutes{9});
  CHECK(ack.target == minutes{15});
  CHECK(ack.state == ClockState::met);
  CHECK(ack.formula == "acknowledged_at \u2212 detected_at \u2264 15m");
  CHECK(m.sla.clock("mitigate")->elapsed == minutes{46});
  CHECK(m.sla.clock("mitigate")->target == minutes{60});
  CHECK(m.sla.clock("mitigate")->state == ClockState::met);
  CHECK(m.sla.clock("resolve")->elapsed == minutes{74});
  CHECK(m.sla.clock("resolve")->state == ClockState::met);
  CHECK(m.sla.overall_met == true);
}

TEST_CASE("a draft postmortem is not a completed one") {
  std::string draft = k_final_postmortem;
  draft.replace(draft.find("final"), 5, "draft");
  const Model model = make_model({incident("SEV1", k_seed000_times)}, {draft});
  const IncidentMetrics m = all_incident_metrics(model, k_now)[0];
  CHECK_FALSE(m.post_mortem_completed);
  CHECK(m.action_items_count == 2);
}

TEST_CASE("a missing acknowledged_at leaves TTA and TTM unknown, not 0") {
  const Model model = make_model({incident("SEV1", R"(started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
mitigated_at = 2026-04-14T08:44:00-07:00
resolved_at = 2026-04-14T09:12:00-07:00
)")});
  const IncidentMetrics m = all_incident_metrics(model, k_now)[0];
  CHECK_FALSE(m.time_to_acknowledge.has_value());
  CHECK_FALSE(m.time_to_mitigate.has_value());
  CHECK(m.time_to_resolve == minutes{28});
  CHECK(m.total_duration == minutes{74});
  // Closed incident, stage never recorded: the acknowledge clock cannot be
  // measured, and that never reads as met although the other two were.
  const ClockResult& ack = *m.sla.clock("acknowledge");
  CHECK(ack.state == ClockState::not_measurable);
  CHECK(ack.reason == "acknowledged_at missing");
  CHECK(ack.missing == std::vector<std::string>{"acknowledged_at"});
  CHECK_FALSE(ack.elapsed.has_value());
  CHECK_FALSE(ack.running_for.has_value());
  CHECK(m.sla.clock("mitigate")->state == ClockState::met);
  CHECK(m.sla.clock("resolve")->state == ClockState::met);
  CHECK(m.sla.overall == ClockState::not_measurable);
  CHECK(m.sla.overall_reason == "acknowledge: acknowledged_at missing");
  CHECK_FALSE(m.sla.overall_met.has_value());  // the default policy leaves it out of the rate
}

TEST_CASE("an open incident: a clock past its target at now is breached, one within it is undecided") {
  const Model model = make_model({incident("SEV1", R"(started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
acknowledged_at = 2026-04-14T08:07:00-07:00
)")});
  // 08:58 PT: 60 min after detection. Mitigation (1h) is exactly at target.
  const auto at_0858 = all_incident_metrics(model, *parse_rfc3339("2026-04-14T15:58:00Z"))[0];
  CHECK(at_0858.sla.clock("mitigate")->running_for == minutes{60});
  CHECK(at_0858.sla.clock("mitigate")->state == ClockState::running);
  CHECK_FALSE(at_0858.sla.clock("mitigate")->elapsed.has_value());
  CHECK(at_0858.sla.overall_met == true);  // only acknowledge is decided
  CHECK_FALSE(at_0858.total_duration.has_value());

  const auto at_0859 = all_incident_metrics(model, *parse_rfc3339("2026-04-14T15:59:00Z"))[0];
  CHECK(at_0859.sla.clock("mitigate")->state == ClockState::breached);
  CHECK(at_0859.sla.clock("resolve")->state == ClockState::running);
  CHECK(at_0859.sla.clock("mitigate")->over() == minutes{1});
  CHECK(at_0859.sla.overall_met == false);
}

TEST_CASE("an incident across midnight") {
  const Model model = make_model({incident("SEV2", R"(started_at = 2026-04-30T23:40:00-07:00
detected_at = 2026-04-30T23:40:00-07:00
acknowledged_at = 2026-04-30T23:55:00-07:00
mitigated_at = 2026-05-01T00:05:00-07:00
resolved_at = 2026-05-01T00:20:00-07:00
)")});
  const IncidentMetrics m = all_incident_metrics(model, k_now + std::chrono::days{30})[0];
  CHECK(m.time_to_acknowledge == minutes{15});
  CHECK(m.time_to_mitigate == minutes{10});
  CHECK(m.time_to_resolve == minutes{15});
  CHECK(m.total_duration == minutes{40});
}

TEST_CASE("across the 2026-03-08 DST change, durations are real elapsed time") {
  // Local times in the site's zone: 01:30 PST -> 03:30 PDT is one hour, not two.
  const Model model = make_model({incident("SEV2", R"(started_at = 2026-03-08T01:30:00
detected_at = 2026-03-08T01:30:00
acknowledged_at = 2026-03-08T01:50:00
mitigated_at = 2026-03-08T03:10:00
resolved_at = 2026-03-08T03:30:00
)")});
  const IncidentMetrics m = all_incident_metrics(model, k_now)[0];
  CHECK(format_rfc3339_utc(*m.resolved_at) == "2026-03-08T10:30:00Z");
  CHECK(m.time_to_acknowledge == minutes{20});
  CHECK(m.time_to_mitigate == minutes{20});
  CHECK(m.time_to_resolve == minutes{20});
  CHECK(m.total_duration == minutes{60});
  CHECK(m.sla.clock("mitigate")->elapsed == minutes{40});
}

TEST_CASE("the MLC policy measures stage to stage: seed 000 misses SEV1 acknowledge and mitigate") {
  const std::string extra = "[roles]\ncommander = \"Dana\"\ncommunication_coordinator = \"Sam\"\nresponder = \"Ravi\"\n";
  const Model model = make_model({incident("Severity 1", k_seed000_times, extra)}, {}, "schemas/examples/mlc");
  const IncidentMetrics m = all_incident_metrics(model, k_now)[0];
  CHECK(m.severity == "SEV1");
  CHECK(m.communication_coordinator == "Sam");
  CHECK(m.responder == "Ravi");
  const ClockResult& ack = *m.sla.clock("acknowledge");
  CHECK(ack.elapsed == minutes{9});
  CHECK(ack.target == minutes{5});
  CHECK(ack.state == ClockState::breached);
  const ClockResult& mitigate = *m.sla.clock("mitigate");
  CHECK(mitigate.from == "acknowledged_at");
  CHECK(mitigate.elapsed == minutes{37});
  CHECK(mitigate.state == ClockState::breached);
  CHECK(mitigate.formula == "mitigated_at \u2212 acknowledged_at \u2264 30m");
  const ClockResult& resolve = *m.sla.clock("resolve");
  CHECK(resolve.elapsed == minutes{28});
  CHECK(resolve.target == std::chrono::hours{4});
  CHECK(resolve.state == ClockState::met);
  CHECK(m.sla.overall_met == false);
}

TEST_CASE("MLC SEV4 has only an acknowledge clock; an unknown severity has none") {
  const Model model = make_model({incident("4", k_seed000_times)}, {}, "schemas/examples/mlc");
  const IncidentMetrics m = all_incident_metrics(model, k_now)[0];
  CHECK(m.severity_rank == 4);
  REQUIRE(m.sla.clocks.size() == 1);
  CHECK(m.sla.clock("resolve") == nullptr);
  CHECK(m.sla.overall_met == true);

  Model unknown = make_model({incident("SEV9", k_seed000_times)});
  const IncidentMetrics u = all_incident_metrics(unknown, k_now)[0];
  CHECK(u.severity == "SEV9");
  CHECK(u.severity_rank == 0);
  CHECK(u.sla.clocks.empty());
  CHECK_FALSE(u.sla.overall_met.has_value());
}

TEST_CASE("seed 002 field prefixes for the three stage clocks") {
  CHECK(sla_field_prefix("acknowledge") == "acknowledgment");
  CHECK(sla_field_prefix("mitigate") == "mitigation");
  CHECK(sla_field_prefix("resolve") == "resolution");
  CHECK(sla_field_prefix("respond").empty());
}
