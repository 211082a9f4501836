// Monthly and quarterly statistics, against hand-computed figures.
#include <doctest/doctest.h>

#include "load/parse.h"
#include "report/statistics.h"
#include "report_fixture.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

std::string incident(const std::string& id, const std::string& severity, const std::string& type,
                     const std::string& times, const std::string& cause = "") {
  return "id = \"" + id + "\"\ntitle = \"t\"\nseverity = \"" + severity + "\"\ntype = \"" + type +
         "\"\ncomponents = [\"auth\"]\n" + times +
         (cause.empty() ? "" : "[root_cause]\nsummary = \"s\"\ncategory = \"" + cause + "\"\n");
}

Statistics stats_of(const Model& model, const char* now) {
  const TimePoint t = *parse_rfc3339(now);
  return compute_statistics(model, all_incident_metrics(model, t), t);
}

std::vector<std::string> names(const std::vector<PeriodStatistics>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) out.push_back(p.period);
  return out;
}

}  // namespace

TEST_CASE("median and nearest-rank p90 on small lists") {
  const Summary none = summarize({});
  CHECK(none.count == 0);
  CHECK_FALSE(none.mean.has_value());
  CHECK_FALSE(none.median.has_value());
  CHECK_FALSE(none.p90.has_value());

  const Summary one = summarize({5});
  CHECK(one.mean == 5.0);
  CHECK(one.median == 5.0);
  CHECK(one.p90 == 5.0);

  const Summary odd = summarize({3, 1, 2});
  CHECK(odd.mean == 2.0);
  CHECK(odd.median == 2.0);
  CHECK(odd.p90 == 3.0);  // rank ceil(2.7) = 3

  const Summary even = summarize({4, 1, 3, 2});
  CHECK(even.median == 2.5);
  CHECK(even.p90 == 4.0);  // rank ceil(3.6) = 4

  std::vector<double> ten, twenty;
  for (int i = 1; i <= 20; ++i) {
    if (i <= 10) ten.push_back(i);
    twenty.push_back(i);
  }
  const Summary s10 = summarize(ten);
  CHECK(s10.mean == 5.5);
  CHECK(s10.median == 5.5);
  CHECK(s10.p90 == 9.0);  // rank 9 of 10
  const Summary s20 = summarize(twenty);
  CHECK(s20.count == 20);
  CHECK(s20.median == 10.5);
  CHECK(s20.p90 == 18.0);  // rank 18 of 20

  CHECK(nearest_rank({10, 20, 30, 40, 50}, 50) == 30.0);  // rank ceil(2.5) = 3
  CHECK(nearest_rank({10, 20, 30, 40, 50}, 100) == 50.0);
  CHECK(nearest_rank({10, 20, 30, 40, 50}, 1) == 10.0);
}

TEST_CASE("an incident belongs to the month and quarter of its local start date") {
  const Model model = make_model({
      // 23:30 PDT on 31 March is 06:30 UTC on 1 April.
      incident("A", "SEV2", "outage", "started_at = 2026-03-31T23:30:00-07:00\ndetected_at = 2026-03-31T23:30:00-07:00\n"
                                      "resolved_at = 2026-04-01T00:30:00-07:00\n"),
      incident("B", "SEV2", "outage", "started_at = 2026-04-30T23:30:00-07:00\n"),
      // Spans the DST change: 01:30 PST to 03:30 PDT is one hour.
      incident("C", "SEV2", "outage", "started_at = 2026-03-08T01:30:00\ndetected_at = 2026-03-08T01:30:00\n"
                                      "resolved_at = 2026-03-08T03:30:00\n"),
  });
  const Statistics s = stats_of(model, "2026-07-10T00:00:00Z");
  // Continuous axis through now's period, empty months included.
  CHECK(names(s.monthly) == std::vector<std::string>{"2026-03", "2026-04", "2026-05", "2026-06", "2026-07"});
  CHECK(s.monthly[0].total_incidents == 2);
  CHECK(s.monthly[0].incidents == std::vector<std::size_t>{0, 2});
  CHECK(s.monthly[0].total_duration.count == 2);
  CHECK(s.monthly[0].total_duration.mean == 60.0);
  CHECK(s.monthly[1].total_incidents == 1);
  CHECK(s.monthly[2].total_incidents == 0);
  CHECK(names(s.quarterly) == std::vector<std::string>{"2026-Q1", "2026-Q2", "2026-Q3"});
  CHECK(s.quarterly[0].total_incidents == 2);
  CHECK(s.quarterly[1].total_incidents == 1);
  CHECK(s.quarterly[2].total_incidents == 0);

  // Change against the previous period; unknown after an empty one.
  CHECK_FALSE(s.monthly[0].change_percent.has_value());
  CHECK(s.monthly[1].change_percent == -50.0);
  CHECK(s.monthly[2].change_percent == -100.0);
  CHECK_FALSE(s.monthly[3].change_percent.has_value());
  CHECK_FALSE(s.monthly[4].change_percent.has_value());
  CHECK(s.quarterly[1].change_percent == -50.0);

  CHECK(period_name(Day{std::chrono::year{2026} / 12 / 31}, PeriodKind::quarter) == "2026-Q4");
  CHECK(period_name(Day{std::chrono::year{2026} / 1 / 1}, PeriodKind::month) == "2026-01");
}

TEST_CASE("a month of incidents: counts, MTTA/MTTM/MTTR, downtime, SLA rate, root causes") {
  const Model model = make_model({
      // Seed 000: 9 / 37 / 28, 74 in total; every clock met.
      incident("I1", "SEV1", "outage",
               "started_at = 2026-04-14T07:58:00-07:00\ndetected_at = 2026-04-14T07:58:00-07:00\n"
               "acknowledged_at = 2026-04-14T08:07:00-07:00\nmitigated_at = 2026-04-14T08:44:00-07:00\n"
               "resolved_at = 2026-04-14T09:12:00-07:00\n",
               "config_change"),
      // No acknowledged_at: TTR 30, total 60; mitigate and resolve met, but
      // acknowledge cannot be measured: left out of the SLA rate.
      incident("I2", "SEV1", "outage",
               "started_at = 2026-04-20T10:00:00-07:00\ndetected_at = 2026-04-20T10:00:00-07:00\n"
               "mitigated_at = 2026-04-20T10:30:00-07:00\nresolved_at = 2026-04-20T11:00:00-07:00\n",
               "config_change"),
      // 90 / 30 / 60, 180 in total; acknowledge (1h) breached.
      incident("I3", "SEV2", "performance_degradation",
               "started_at = 2026-04-22T09:00:00-07:00\ndetected_at = 2026-04-22T09:00:00-07:00\n"
               "acknowledged_at = 2026-04-22T10:30:00-07:00\nmitigated_at = 2026-04-22T11:00:00-07:00\n"
               "resolved_at = 2026-04-22T12:00:00-07:00\n",
               "code_bug"),
      // Still open weeks later: TTA 10, mitigate (24h) breached.
      incident("I4", "SEV3", "outage",
               "started_at = 2026-04-25T09:00:00-07:00\ndetected_at = 2026-04-25T09:00:00-07:00\n"
               "acknowledged_at = 2026-04-25T09:10:00-07:00\n"),
      // May: 5 / 15 / 30, 50 in total.
      incident("I5", "SEV1", "outage",
               "started_at = 2026-05-02T10:00:00-07:00\ndetected_at = 2026-05-02T10:00:00-07:00\n"
               "acknowledged_at = 2026-05-02T10:05:00-07:00\nmitigated_at = 2026-05-02T10:20:00-07:00\n"
               "resolved_at = 2026-05-02T10:50:00-07:00\n",
               "deployment"),
      // March, no detected_at: downtime falls back to started -> resolved (45).
      incident("I6", "SEV1", "outage", "started_at = 2026-03-10T10:00:00-07:00\nresolved_at = 2026-03-10T10:45:00-07:00\n"),
  });
  const Statistics s = stats_of(model, "2026-05-15T12:00:00Z");
  REQUIRE(names(s.monthly) == std::vector<std::string>{"2026-03", "2026-04", "2026-05"});
  const PeriodStatistics& march = s.monthly[0];
  const PeriodStatistics& april = s.monthly[1];
  const PeriodStatistics& may = s.monthly[2];

  CHECK(april.total_incidents == 4);
  REQUIRE(april.by_severity.size() == 4);
  CHECK(april.by_severity[0].severity == "SEV1");
  CHECK(april.by_severity[0].count == 2);
  CHECK(april.by_severity[1].count == 1);
  CHECK(april.by_severity[2].count == 1);
  CHECK(april.by_severity[3].severity == "SEV4");
  CHECK(april.by_severity[3].count == 0);
  REQUIRE(april.by_type.size() == 6);  // every type of the policy
  CHECK(april.by_type[0].name == "outage");
  CHECK(april.by_type[0].count == 3);
  CHECK(april.by_type[1].name == "performance_degradation");
  CHECK(april.by_type[1].count == 1);
  CHECK(april.by_type[5].count == 0);

  // TTA over 9, 90, 10 (I2 has none and is left out, not counted as 0).
  CHECK(april.time_to_acknowledge.count == 3);
  CHECK(*april.time_to_acknowledge.mean == doctest::Approx(109.0 / 3));
  CHECK(april.time_to_acknowledge.median == 10.0);
  CHECK(april.time_to_acknowledge.p90 == 90.0);
  // TTM over 37, 30.
  CHECK(april.time_to_mitigate.count == 2);
  CHECK(april.time_to_mitigate.mean == 33.5);
  CHECK(april.time_to_mitigate.median == 33.5);
  CHECK(april.time_to_mitigate.p90 == 37.0);
  // TTR over 28, 30, 60; total over 74, 60, 180.
  CHECK(*april.time_to_resolve.mean == doctest::Approx(118.0 / 3));
  CHECK(april.time_to_resolve.median == 30.0);
  CHECK(april.total_duration.median == 74.0);
  CHECK(april.total_duration.p90 == 180.0);

  CHECK(april.downtime_minutes == 134.0);  // SEV1 only: 74 + 60
  CHECK(april.sla_decided == 3);  // I2 is not measurable
  CHECK(april.sla_not_measurable == 1);
  CHECK(april.sla_met == 1);
  CHECK(*april.sla_compliance_rate == doctest::Approx(100.0 / 3));
  CHECK(april.by_severity[0].sla_compliance_rate == 100.0);  // I1 of I1 (I2 left out)
  CHECK(april.by_severity[1].sla_compliance_rate == 0.0);
  CHECK_FALSE(april.by_severity[3].sla_compliance_rate.has_value());
  REQUIRE(april.top_root_causes.size() == 2);
  CHECK(april.top_root_causes[0].name == "config_change");
  CHECK(april.top_root_causes[0].count == 2);
  CHECK(april.top_root_causes[1].name == "code_bug");
  CHECK(april.change_percent == 300.0);  // 1 -> 4

  CHECK(march.total_incidents == 1);
  CHECK(march.downtime_minutes == 45.0);
  CHECK(march.time_to_acknowledge.count == 0);
  CHECK_FALSE(march.time_to_acknowledge.mean.has_value());
  CHECK_FALSE(march.sla_compliance_rate.has_value());  // no clock could be decided
  CHECK(march.top_root_causes.empty());

  CHECK(may.change_percent == -75.0);  // 4 -> 1
  CHECK(may.downtime_minutes == 50.0);

  const PeriodStatistics& q2 = s.quarterly[1];
  CHECK(q2.period == "2026-Q2");
  CHECK(q2.total_incidents == 5);
  CHECK(q2.change_percent == 400.0);
  CHECK(q2.downtime_minutes == 184.0);  // 74 + 60 + 50
  CHECK(q2.time_to_acknowledge.mean == 28.5);   // 9, 90, 10, 5
  CHECK(q2.time_to_acknowledge.median == 9.5);  // (5, 9, 10, 90)
  CHECK(q2.time_to_acknowledge.p90 == 90.0);
}

TEST_CASE("downtime: zero without SEV1 incidents, unknown when none is resolved") {
  const Model model = make_model({
      incident("A", "SEV2", "outage", "started_at = 2026-04-01T10:00:00-07:00\n"),
      incident("B", "SEV1", "outage", "started_at = 2026-05-01T10:00:00-07:00\n"),
  });
  const Statistics s = stats_of(model, "2026-05-15T12:00:00Z");
  REQUIRE(s.monthly.size() == 2);
  CHECK(s.monthly[0].downtime_minutes == 0.0);
  CHECK_FALSE(s.monthly[1].downtime_minutes.has_value());
  CHECK(s.monthly[1].downtime_unknown == 1);
}

TEST_CASE("top root causes: five at most, count desc then name asc; undated incidents are in no period") {
  std::vector<std::string> items;
  const char* causes[] = {"network", "capacity", "database", "code_bug", "dependency", "deployment", "capacity"};
  for (int i = 0; i < 7; ++i)
    items.push_back(incident("X" + std::to_string(i), "SEV3", "outage", "started_at = 2026-04-02T10:00:00-07:00\n",
                             causes[i]));
  Model model = make_model(items);
  model.incidents[0].started_at.reset();  // parsers require it; computed models may lack it
  const Statistics s = stats_of(model, "2026-04-30T12:00:00Z");
  CHECK(s.undated == 1);
  REQUIRE(s.monthly.size() == 1);
  CHECK(s.monthly[0].total_incidents == 6);
  std::vector<std::string> top;
  for (const auto& c : s.monthly[0].top_root_causes) top.push_back(c.name + "=" + std::to_string(c.count));
  CHECK(top == std::vector<std::string>{"capacity=2", "code_bug=1", "database=1", "dependency=1", "deployment=1"});
}

TEST_CASE("no incidents: one empty period, now's") {
  const Statistics s = stats_of(make_model({}), "2026-04-30T12:00:00Z");
  CHECK(names(s.monthly) == std::vector<std::string>{"2026-04"});
  CHECK(names(s.quarterly) == std::vector<std::string>{"2026-Q2"});
  CHECK(s.monthly[0].by_severity.size() == 4);
  CHECK_FALSE(s.monthly[0].sla_compliance_rate.has_value());
}
