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

  // May is to date on 15 May 12:00Z (14 days 5 hours in): it compares with
  // April's first 14 days 5 hours, which hold I1 only, not with all of April.
  CHECK(may.to_date);
  CHECK_FALSE(april.to_date);
  CHECK(may.compared_span == Seconds{(14 * 24 + 5) * 3600});
  CHECK(may.compared_incidents == 1);
  CHECK(may.change_percent == 0.0);  // 1 -> 1, not 4 -> 1
  CHECK(may.downtime_minutes == 50.0);

  const PeriodStatistics& q2 = s.quarterly[1];
  CHECK(q2.period == "2026-Q2");
  CHECK(q2.total_incidents == 5);
  // Q2 to date is 44 days 5 hours in; Q1's first 44 days 5 hours had no incident.
  CHECK(q2.to_date);
  CHECK(q2.compared_incidents == 0);
  CHECK_FALSE(q2.change_percent.has_value());
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

TEST_CASE("the ledger: included and left out per figure, and why") {
  // June 2026, SEV2 (clocks 1h / 4h / 24h from detected_at), on Pacific time.
  auto day = [](const char* d, const char* det, const char* ack, const char* mit, const char* res) {
    std::string t = std::string{"started_at = 2026-06-"} + d + "T" + det + ":00-07:00\n";
    t += std::string{"detected_at = 2026-06-"} + d + "T" + det + ":00-07:00\n";
    if (*ack) t += std::string{"acknowledged_at = 2026-06-"} + d + "T" + ack + ":00-07:00\n";
    if (*mit) t += std::string{"mitigated_at = 2026-06-"} + d + "T" + mit + ":00-07:00\n";
    if (*res) t += std::string{"resolved_at = 2026-06-"} + d + "T" + res + ":00-07:00\n";
    return t;
  };
  const Model model = make_model({
      incident("J1", "SEV2", "outage", day("02", "10:00", "10:10", "10:40", "11:40")),  // 10 / 30 / 60, 100
      incident("J2", "SEV2", "outage", day("05", "10:00", "10:20", "11:00", "11:30")),  // 20 / 40 / 30, 90
      incident("J3", "SEV2", "outage", day("08", "10:00", "10:30", "12:00", "14:00")),  // 30 / 90 / 120, 240
      incident("J4", "SEV2", "outage", day("20", "10:00", "10:05", "10:50", "")),       // still open: 5 / 45
      incident("J5", "SEV2", "outage", day("22", "10:00", "", "10:30", "11:00")),       // no ack: TTR 30, 60
      incident("J6", "SEV2", "outage", day("25", "10:00", "11:00", "10:30", "12:00")),  // mitigated before ack
  });
  const Statistics s = stats_of(model, "2026-07-10T12:00:00Z");
  REQUIRE(names(s.monthly) == std::vector<std::string>{"2026-06", "2026-07"});
  const PeriodStatistics& june = s.monthly[0];
  CHECK(june.total_incidents == 6);

  // TTA over 10, 20, 30, 5, 60: J5 has no acknowledged_at.
  CHECK(ledger_text(june.ledger.time_to_acknowledge) == "5 of 6 (1 missing acknowledged_at)");
  CHECK(june.time_to_acknowledge.count == 5);
  CHECK(june.time_to_acknowledge.mean == 25.0);
  CHECK(june.time_to_acknowledge.median == 20.0);
  CHECK(june.time_to_acknowledge.p90 == 60.0);
  // TTM over 30, 40, 90, 45: J6's −30 is out of order, never averaged.
  const Ledger& ttm = june.ledger.time_to_mitigate;
  CHECK(ttm.included == 4);
  REQUIRE(ttm.excluded.size() == 2);
  CHECK(ttm.excluded[0].name == "missing acknowledged_at");
  CHECK(ttm.excluded[0].count == 1);
  CHECK(ttm.excluded[1].name == "out of order");
  CHECK(ttm.excluded[1].count == 1);
  CHECK(ledger_text(ttm) == "4 of 6 (1 missing acknowledged_at, 1 out of order)");
  CHECK(june.time_to_mitigate.mean == 51.25);
  CHECK(june.time_to_mitigate.median == 42.5);
  CHECK(june.time_to_mitigate.p90 == 90.0);
  // TTR over 60, 30, 120, 30, 90; total over 100, 90, 240, 60, 120: J4 is open.
  CHECK(ledger_text(june.ledger.time_to_resolve) == "5 of 6 (1 still open)");
  CHECK(june.time_to_resolve.mean == 66.0);
  CHECK(june.time_to_resolve.median == 60.0);
  CHECK(june.time_to_resolve.p90 == 120.0);
  CHECK(ledger_text(june.ledger.total_duration) == "5 of 6 (1 still open)");
  CHECK(june.total_duration.mean == 122.0);
  CHECK(june.total_duration.median == 100.0);
  CHECK(june.total_duration.p90 == 240.0);

  // Every incident has a response time. Five have an SLA verdict (J4's
  // resolve clock has run past 24h); J5, closed without acknowledged_at, is
  // not measurable and left out, whatever its other clocks say.
  CHECK(june.measured_incidents == 6);
  CHECK_FALSE(june.few_measured);
  CHECK(ledger_text(june.ledger.sla) == "5 of 6 (1 missing acknowledged_at)");
  CHECK(june.by_severity[1].sla_ledger.included == 5);
  CHECK_FALSE(june.by_severity[1].few_measured);
  CHECK(june.by_severity[0].few_measured);  // no SEV1 at all
  CHECK(ledger_text(june.ledger.downtime) == "0 of 0");  // no SEV1 incident

  // Built on 20 June 17:45Z, J4 (detected 17:00Z, acknowledged 17:05Z,
  // mitigated 17:50Z) is not mitigated yet: a later timestamp has not happened.
  const Statistics early = stats_of(model, "2026-06-20T17:45:00Z");
  CHECK(early.monthly.back().to_date);
  const Ledger& early_ttm = early.monthly.back().ledger.time_to_mitigate;
  REQUIRE_FALSE(early_ttm.excluded.empty());
  CHECK(early_ttm.excluded.front().name == "still open");
}

TEST_CASE("the ledger of downtime and SLA: still open, missing timestamps, out of order") {
  const Model model = make_model({
      // Resolved before it was detected: out of order, not −60 minutes of downtime.
      incident("D1", "SEV1", "outage",
               "started_at = 2026-04-02T10:00:00-07:00\ndetected_at = 2026-04-02T10:00:00-07:00\n"
               "resolved_at = 2026-04-02T09:00:00-07:00\n"),
      incident("D2", "SEV1", "outage",
               "started_at = 2026-04-03T10:00:00-07:00\ndetected_at = 2026-04-03T10:00:00-07:00\n"
               "acknowledged_at = 2026-04-03T10:10:00-07:00\nmitigated_at = 2026-04-03T10:30:00-07:00\n"
               "resolved_at = 2026-04-03T11:00:00-07:00\n"),
      // Open and within every clock on 4 April 10:05 PDT.
      incident("D3", "SEV1", "outage", "started_at = 2026-04-04T10:00:00-07:00\ndetected_at = 2026-04-04T10:00:00-07:00\n"),
  });
  const Statistics s = stats_of(model, "2026-04-04T17:05:00Z");
  const PeriodStatistics& april = s.monthly[0];
  CHECK(april.downtime_minutes == 60.0);  // D2 only
  CHECK(ledger_text(april.ledger.downtime) == "1 of 3 (1 still open, 1 out of order)");
  CHECK(april.downtime_unknown == 2);
  // D1 was closed without acknowledged_at: not measurable, left out.
  CHECK(ledger_text(april.ledger.sla) == "1 of 3 (1 still open, 1 missing acknowledged_at)");
  CHECK(ledger_text(april.by_severity[0].sla_ledger) == "1 of 3 (1 still open, 1 missing acknowledged_at)");
}

TEST_CASE("a period with fewer than 5 measured incidents is flagged") {
  const Model model = make_model({
      incident("F1", "SEV3", "outage",
               "started_at = 2026-05-03T10:00:00-07:00\ndetected_at = 2026-05-03T10:00:00-07:00\n"
               "resolved_at = 2026-05-03T11:00:00-07:00\n"),
      incident("F2", "SEV3", "outage",
               "started_at = 2026-05-04T10:00:00-07:00\ndetected_at = 2026-05-04T10:00:00-07:00\n"
               "resolved_at = 2026-05-04T12:00:00-07:00\n"),
      // No detected_at: measured from started_at (the one fallback), 120 min.
      incident("F3", "SEV3", "outage", "started_at = 2026-05-05T10:00:00-07:00\nresolved_at = 2026-05-05T12:00:00-07:00\n"),
  });
  const Statistics s = stats_of(model, "2026-06-10T12:00:00Z");
  const PeriodStatistics& may = s.monthly[0];
  CHECK(may.total_incidents == 3);
  CHECK(may.measured_incidents == 3);
  CHECK(may.few_measured);
  CHECK(may.by_severity[2].few_measured);
  CHECK(ledger_text(may.ledger.total_duration) == "3 of 3");
  CHECK(may.ledger.total_duration.few());
}

TEST_CASE("the month and quarter holding now are to date and compared over the same span") {
  auto at = [](const std::string& id, const char* local) {
    return incident(id, "SEV3", "outage", std::string{"started_at = "} + local + "\n");
  };
  const Model model = make_model({
      at("Q1", "2026-02-01T10:00:00-08:00"),
      at("M1", "2026-05-03T10:00:00-07:00"),
      at("M2", "2026-05-09T10:00:00-07:00"),
      at("M3", "2026-05-10T13:00:00-07:00"),  // an hour after the span June has run
      at("M4", "2026-05-25T10:00:00-07:00"),
      at("J1", "2026-06-02T10:00:00-07:00"),
      at("J2", "2026-06-05T10:00:00-07:00"),
      at("J3", "2026-06-08T10:00:00-07:00"),
  });
  // 10 June 12:00 PDT: June has run 9 days 12 hours.
  const Statistics s = stats_of(model, "2026-06-10T19:00:00Z");
  const PeriodStatistics& may = s.monthly[s.monthly.size() - 2];
  const PeriodStatistics& june = s.monthly.back();
  CHECK(june.period == "2026-06");
  CHECK(june.to_date);
  CHECK_FALSE(may.to_date);
  CHECK(june.compared_span == Seconds{(9 * 24 + 12) * 3600});
  CHECK(june.compared_incidents == 2);  // M1, M2: 3 May, 9 May
  CHECK(june.change_percent == 50.0);   // 2 -> 3, not 4 -> 3
  CHECK(may.compared_incidents == 0);   // April: empty
  CHECK_FALSE(may.compared_span.has_value());

  // Q2 has run 70 days 12 hours; Q1's first 70 days 12 hours hold Q1.
  const PeriodStatistics& q2 = s.quarterly.back();
  CHECK(q2.period == "2026-Q2");
  CHECK(q2.to_date);
  CHECK_FALSE(s.quarterly.front().to_date);
  CHECK(q2.compared_span == Seconds{(70 * 24 + 12) * 3600});
  CHECK(q2.compared_incidents == 1);
  CHECK(q2.change_percent == 600.0);  // 1 -> 7
}
