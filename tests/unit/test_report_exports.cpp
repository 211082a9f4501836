// incidents.csv, actions.csv and metrics.json, read back the way a consumer
// would: a strict RFC 4180 reader and nlohmann::json.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "load/parse.h"
#include "report/exports.h"
#include "report_fixture.h"
#include "test_helpers.h"

using namespace sitrep;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180, strictly: records end in CRLF, a bare CR or LF is only allowed
// inside quotes, and a quote inside a quoted field is doubled.
Rows read_csv(std::string_view s) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_quotes) {
      if (c != '"') field += c;
      else if (i + 1 < s.size() && s[i + 1] == '"') field += s[++i];
      else in_quotes = false;
    } else if (c == '"') {
      if (!field.empty()) FAIL("quote inside an unquoted field: " << field);
      in_quotes = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
      if (i + 1 >= s.size() || s[i + 1] != '\n') FAIL("bare CR outside quotes");
      ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      if (c == '\n') FAIL("bare LF outside quotes");
      field += c;
    }
  }
  REQUIRE_FALSE(in_quotes);
  REQUIRE((row.empty() && field.empty()));  // the last record ends in CRLF
  return rows;
}

std::string column(const Rows& rows, std::size_t row, const std::string& name) {
  for (std::size_t c = 0; c < rows[0].size(); ++c)
    if (rows[0][c] == name) return rows.at(row).at(c);
  FAIL("no column " << name);
  return {};
}

const std::string k_tricky_title = "Login, \"auth\" and\nportal \xE2\x80\x94 down";

// Seed 000's times, a title that needs quoting; a second incident without
// acknowledged_at.
Model fixture() {
  return make_model({
      R"(id = "INC-1"
title = "Login, \"auth\" and\nportal — down"
severity = "SEV1"
type = "outage"
components = ["auth"]
started_at = 2026-04-14T07:58:00-07:00
detected_at = 2026-04-14T07:58:00-07:00
acknowledged_at = 2026-04-14T08:07:00-07:00
mitigated_at = 2026-04-14T08:44:00-07:00
resolved_at = 2026-04-14T09:12:00-07:00
[root_cause]
summary = "s"
category = "config_change"
[[actions]]
action = "Guard, \"TTL\""
owner = "Backend Lead"
due = 2026-04-17
status = "open"
)",
      R"(id = "INC-2"
title = "Plain"
severity = "SEV2"
type = "outage"
components = ["auth"]
started_at = 2026-05-02T10:00:00-07:00
detected_at = 2026-05-02T10:00:00-07:00
mitigated_at = 2026-05-02T10:30:00-07:00
resolved_at = 2026-05-02T11:00:00-07:00
)",
  });
}

const TimePoint k_now = *parse_rfc3339("2026-05-20T12:00:00Z");

}  // namespace

TEST_CASE("CSV fields are quoted exactly when RFC 4180 needs it; numbers are shortest") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\r\nlines") == "\"two\r\nlines\"");
  CHECK(csv_field("") == "");
  // Formula injection (OWASP): neutralised with a leading ' and quoted.
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("+1+2") == "\"'+1+2\"");
  CHECK(csv_field("-2+3") == "\"'-2+3\"");
  CHECK(csv_field("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(csv_field("\tx") == "\"'\tx\"");
  CHECK(csv_field("\rx") == "\"'\rx\"");
  CHECK(csv_field("-5") == "-5");  // numbers keep their sign
  CHECK(csv_field("-60.5") == "-60.5");
  CHECK(csv_field("-") == "\"'-\"");
  CHECK(csv_field("a=b") == "a=b");
  CHECK(format_number(9.0) == "9");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(74.0) == "74");
}

TEST_CASE("incidents.csv reads back: quoted title, UTC times, minutes, empty where unknown") {
  const Model model = fixture();
  const std::string csv = incidents_csv(all_incident_metrics(model, k_now));
  CHECK(csv.rfind("incident_id,title,severity,severity_id,", 0) == 0);
  const Rows rows = read_csv(csv);
  REQUIRE(rows.size() == 3);
  for (const auto& r : rows) CHECK(r.size() == rows[0].size());
  CHECK(column(rows, 1, "title") == k_tricky_title);
  CHECK(column(rows, 1, "severity") == "1");
  CHECK(column(rows, 1, "severity_id") == "SEV1");
  CHECK(column(rows, 1, "detected_at") == "2026-04-14T14:58:00Z");
  CHECK(column(rows, 1, "time_to_acknowledge") == "9");
  CHECK(column(rows, 1, "time_to_mitigate") == "37");
  CHECK(column(rows, 1, "total_duration") == "74");
  CHECK(column(rows, 1, "action_items_count") == "1");
  CHECK(column(rows, 1, "overall_sla_met") == "true");
  CHECK(column(rows, 2, "acknowledged_at") == "");
  CHECK(column(rows, 2, "time_to_acknowledge") == "");
  CHECK(column(rows, 2, "time_to_mitigate") == "");
  CHECK(column(rows, 2, "time_to_resolve") == "30");
  CHECK(column(rows, 2, "acknowledgment_sla_met") == "");
  CHECK(column(rows, 2, "root_cause_category") == "");
  // New columns, at the end: states, the reason, seconds.
  CHECK(rows[0].back() == "total_duration_seconds");
  CHECK(column(rows, 1, "acknowledgment_sla_state") == "met");
  CHECK(column(rows, 1, "overall_sla_state") == "met");
  CHECK(column(rows, 1, "overall_sla_reason") == "");
  CHECK(column(rows, 1, "time_to_acknowledge_seconds") == "540");
  CHECK(column(rows, 1, "total_duration_seconds") == "4440");
  // INC-2 was never acknowledged: not measurable, so neither met nor breached.
  CHECK(column(rows, 2, "acknowledgment_sla_state") == "not_measurable");
  CHECK(column(rows, 2, "mitigation_sla_state") == "met");
  CHECK(column(rows, 2, "overall_sla_met") == "");
  CHECK(column(rows, 2, "overall_sla_state") == "not_measurable");
  CHECK(column(rows, 2, "overall_sla_reason") == "acknowledge: acknowledged_at missing");
  CHECK(column(rows, 2, "time_to_acknowledge_seconds") == "");
}

TEST_CASE("actions.csv reads back") {
  const Model model = fixture();
  const Rows rows = read_csv(actions_csv(follow_ups(model, k_now)));
  REQUIRE(rows.size() == 2);
  CHECK(column(rows, 1, "action") == "Guard, \"TTL\"");
  CHECK(column(rows, 1, "source") == "incident");
  CHECK(column(rows, 1, "due") == "2026-04-17");
  CHECK(column(rows, 1, "overdue") == "true");
  CHECK(column(rows, 1, "days_overdue") == "33");  // 17 April to 20 May
}

TEST_CASE("metrics.json: seed 002 names, minutes, null where not computable") {
  const Model model = fixture();
  const auto metrics = all_incident_metrics(model, k_now);
  const std::string text = metrics_json(metrics, compute_statistics(model, metrics, k_now));
  CHECK(text.back() == '\n');
  const auto j = nlohmann::json::parse(text);

  const auto& first = j["incidents"][0];
  CHECK(first["incident_id"] == "INC-1");
  CHECK(first["title"] == k_tricky_title);
  CHECK(first["severity"] == 1);
  CHECK(first["severity_id"] == "SEV1");
  CHECK(first["detected_at"] == "2026-04-14T14:58:00Z");
  CHECK(first["time_to_acknowledge"] == 9.0);
  CHECK(first["total_duration"] == 74.0);
  CHECK(first["responder"].is_null());
  CHECK(first["root_cause_category"] == "config_change");
  CHECK(first["sla"]["acknowledgment_sla"] == 15.0);
  CHECK(first["sla"]["actual_acknowledgment_time"] == 9.0);
  CHECK(first["sla"]["acknowledgment_sla_met"] == true);
  CHECK(first["sla"]["actual_mitigation_time"] == 46.0);  // the default policy runs from detection
  CHECK(first["sla"]["resolution_sla"] == 240.0);
  CHECK(first["sla"]["overall_sla_met"] == true);
  CHECK(first["sla"]["clocks"][0]["formula"] == "acknowledged_at \u2212 detected_at \u2264 15m");

  const auto& second = j["incidents"][1];
  CHECK(second["severity"] == 2);
  CHECK(second["acknowledged_at"].is_null());
  CHECK(second["time_to_acknowledge"].is_null());
  CHECK(second["time_to_mitigate"].is_null());
  CHECK(second["time_to_resolve"] == 30.0);
  CHECK(second["sla"]["actual_acknowledgment_time"].is_null());
  CHECK(second["sla"]["acknowledgment_sla_met"].is_null());
  CHECK(second["sla"]["mitigation_sla_met"] == true);
  CHECK(second["sla"]["overall_sla_met"].is_null());  // left out of the rate
  CHECK(second["sla"]["overall_sla_state"] == "not_measurable");
  CHECK(second["sla"]["overall_sla_reason"] == "acknowledge: acknowledged_at missing");
  CHECK(second["sla"]["clocks"][0]["state"] == "not_measurable");
  CHECK(second["sla"]["clocks"][0]["reason"] == "acknowledged_at missing");
  CHECK(second["sla"]["clocks"][1]["elapsed_seconds"] == 1800);
  CHECK(second["sla"]["clocks"][1]["target_seconds"] == 14400);  // SEV2 mitigates within 4h
  CHECK(second["sla"]["clocks"][1]["over_seconds"].is_null());

  const auto& monthly = j["statistics"]["monthly"];
  REQUIRE(monthly.size() == 2);
  CHECK(monthly[0]["period"] == "2026-04");
  CHECK(monthly[0]["total_incidents"] == 1);
  CHECK(monthly[0]["severity_1_count"] == 1);
  CHECK(monthly[0]["severity_4_count"] == 0);
  CHECK(monthly[0]["mean_time_to_acknowledge"] == 9.0);
  CHECK(monthly[0]["sla_compliance_rate"] == 100.0);
  CHECK(monthly[0]["total_downtime_minutes"] == 74.0);
  CHECK(monthly[0]["total_user_impact_hours"].is_null());
  CHECK(monthly[0]["top_root_causes"] == nlohmann::json::parse(R"([{"cause":"config_change","count":1}])"));
  CHECK(monthly[0]["month_over_month_change"].is_null());
  CHECK(monthly[1]["mean_time_to_acknowledge"].is_null());
  CHECK(monthly[1]["time_to_acknowledge"]["count"] == 0);
  CHECK(monthly[1]["total_downtime_minutes"] == 0.0);  // no SEV1 in May: a true zero
  CHECK(monthly[1]["month_over_month_change"] == 0.0);
  // The ledger: what each figure is over, and why the rest are left out.
  const auto& april = monthly[0]["data_quality"];
  CHECK(april["to_date"] == false);
  CHECK(april["compared_span_seconds"].is_null());
  CHECK(april["few_measured"] == true);
  CHECK(april["time_to_acknowledge"] == nlohmann::json::parse(R"({"included":1,"excluded":{}})"));
  CHECK(monthly[0]["by_severity"][0]["sla_compliance"]["included"] == 1);
  const auto& may = monthly[1]["data_quality"];
  CHECK(may["to_date"] == true);
  CHECK(may["time_to_acknowledge"]["included"] == 0);
  CHECK(may["time_to_acknowledge"]["excluded"].size() == 1);
  CHECK(monthly[1]["sla_compliance_rate"].is_null());  // INC-2 is not measurable
  CHECK(monthly[1]["sla_not_measurable"] == 1);
  const auto& quarterly = j["statistics"]["quarterly"];
  REQUIRE(quarterly.size() == 1);
  CHECK(quarterly[0]["period"] == "2026-Q2");
  CHECK(quarterly[0]["total_incidents"] == 2);
  CHECK(quarterly[0]["quarter_over_quarter_change"].is_null());
}

TEST_CASE("exports are byte-identical for the same model and now") {
  const Model model = fixture();
  const auto metrics = all_incident_metrics(model, k_now);
  const Statistics stats = compute_statistics(model, metrics, k_now);
  CHECK(metrics_json(metrics, stats) == metrics_json(all_incident_metrics(model, k_now), stats));
  CHECK(incidents_csv(metrics) == incidents_csv(all_incident_metrics(fixture(), k_now)));
}

TEST_CASE("metrics.json written piece by piece has the bytes of the whole document's dump") {
  const Model model = fixture();
  const auto metrics = all_incident_metrics(model, k_now);
  const Statistics stats = compute_statistics(model, metrics, k_now);
  const auto whole = [](const std::vector<IncidentMetrics>& m, const Statistics& s) {
    return metrics_json_document(m, s).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  };
  CHECK(metrics_json(metrics, stats) == whole(metrics, stats));
  CHECK(metrics_json({}, Statistics{}) == whole({}, Statistics{}));
  // Pieces from a cache are used as given.
  std::size_t asked = 0;
  std::vector<std::string> kept;
  kept.reserve(metrics.size());
  const ExportPieces pieces = [&](std::size_t, std::string_view kind,
                                  const std::function<std::string()>& make) -> const std::string& {
    ++asked;
    CHECK(kind == "json");
    return kept.emplace_back(make());
  };
  CHECK(metrics_json(metrics, stats, pieces) == whole(metrics, stats));
  CHECK(asked == metrics.size());
}
