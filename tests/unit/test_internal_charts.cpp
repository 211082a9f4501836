// Chart geometry of the internal reports, against hand-computed layouts.
// Default bar chart: 640 x 260, plot from (52, 16), 560 wide, 200 high.
#include <doctest/doctest.h>

#include "render/charts.h"

using namespace sitrep::charts;

TEST_CASE("format_value: at most n decimals, no trailing zeros, no negative zero") {
  CHECK(format_value(12, 1) == "12");
  CHECK(format_value(12.5, 1) == "12.5");
  CHECK(format_value(12.25, 1) == "12.2");  // printf rounding of the binary value
  CHECK(format_value(1.0 / 3.0, 2) == "0.33");
  CHECK(format_value(-0.01, 1) == "0");
  CHECK(format_value(844600, 0) == "844600");
}

TEST_CASE("nice_ticks: 1-2-5 steps covering the maximum; whole steps for counts") {
  CHECK(nice_ticks(3, 5, 1) == std::vector<double>{0, 1, 2, 3});
  CHECK(nice_ticks(87.5, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
  CHECK(nice_ticks(100, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
  CHECK(nice_ticks(1810, 5) == std::vector<double>{0, 500, 1000, 1500, 2000});
  CHECK(nice_ticks(0.7, 5) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8});
  // No data: one unit, so the axis is still drawn.
  CHECK(nice_ticks(0, 5) == std::vector<double>{0, 1});
  CHECK(nice_ticks(1, 5, 1) == std::vector<double>{0, 1});
}

TEST_CASE("label_stride: every n-th label so labels keep their distance") {
  CHECK(label_stride(12, 48, 56) == 2);
  CHECK(label_stride(33, 560.0 / 33, 56) == 4);
  CHECK(label_stride(4, 144, 56) == 1);
  CHECK(label_stride(0, 0, 56) == 1);
}

TEST_CASE("stacked bars: segments sit on each other; zero is left out; geometry in plot units") {
  BarChartInput in;
  in.title = "Incidents by severity";
  in.categories = {"2026-03", "2026-04"};
  in.stacked = true;
  in.series = {{"SEV1", "sev-1", {1.0, 0.0}}, {"SEV2", "sev-2", {1.0, 2.0}}};
  const BarChart c = bar_chart(in);
  CHECK(c.plot_left == 52);
  CHECK(c.plot_top == 16);
  CHECK(c.plot_width == 560);
  CHECK(c.plot_height == 200);
  // Maximum total 2 -> ticks 0, 1, 2 at y 216, 116, 16.
  REQUIRE(c.y_ticks.size() == 3);
  CHECK(c.y_ticks[0].pos == 216);
  CHECK(c.y_ticks[1].pos == 116);
  CHECK(c.y_ticks[2].label == "2");
  // Slot 280 wide, bar 70% of it, centred: x = 52 + 42.
  REQUIRE(c.bars.size() == 3);  // SEV1 in April is 0: no rectangle
  CHECK(c.bars[0].x == doctest::Approx(94));
  CHECK(c.bars[0].width == doctest::Approx(196));
  CHECK(c.bars[0].y == 116);
  CHECK(c.bars[0].height == 100);
  CHECK(c.bars[1].y == 16);  // SEV2 of March on top of SEV1
  CHECK(c.bars[1].height == 100);
  CHECK(c.bars[1].label == "SEV2, 2026-03: 1");
  CHECK(c.bars[2].x == doctest::Approx(374));
  CHECK(c.bars[2].height == 200);
  REQUIRE(c.x_labels.size() == 2);
  CHECK(c.x_labels[1].pos == 472);
  CHECK(c.x_labels[1].label == "2026-04");
  CHECK(c.table == std::vector<std::vector<std::string>>{{"1", "1"}, {"0", "2"}});
  CHECK(c.summary ==
        "Incidents by severity, 2026-03 to 2026-04 (2 periods). Highest total: 2 (2026-03). The table that follows "
        "holds every figure.");
}

TEST_CASE("grouped bars with a value that cannot be computed: a stub and n/a, never a zero bar") {
  BarChartInput in;
  in.title = "Mean response times";
  in.unit = "min";
  in.decimals = 1;
  in.categories = {"2026-Q1", "2026-Q2"};
  in.series = {{"MTTA", "series-0", {12.5, std::nullopt}}, {"MTTM", "series-1", {40.0, 30.0}}};
  const BarChart c = bar_chart(in);
  // Slot 280; group 80% of it = 224, two bars of 112 from 52 + 28.
  REQUIRE(c.bars.size() == 4);
  CHECK(c.bars[0].x == doctest::Approx(80));
  CHECK(c.bars[1].x == doctest::Approx(192));
  CHECK(c.bars[0].width == doctest::Approx(112));
  // Top tick 40 (step 10): 12.5 min is 62.5 px high.
  CHECK(c.y_ticks.back().label == "40");
  CHECK(c.bars[0].height == doctest::Approx(62.5));
  CHECK(c.bars[2].missing);
  CHECK(c.bars[2].height == 4);
  CHECK(c.bars[2].y == 212);
  CHECK(c.bars[2].label == "MTTA, 2026-Q2: n/a");
  CHECK(c.table[1] == std::vector<std::string>{"n/a", "30 min"});
  CHECK(c.summary.find("Highest: 40 min (MTTM in 2026-Q1).") != std::string::npos);
  CHECK(c.summary.find("Not computable: 1 value.") != std::string::npos);
}

TEST_CASE("a category to date: its bars, labels, table and summary say so") {
  BarChartInput in;
  in.title = "Incidents";
  in.noun = "month";
  in.categories = {"2026-10", "2026-11"};
  in.partial = {false, true};
  in.series = {{"Incidents", "series-0", {3.0, 1.0}}};
  const BarChart c = bar_chart(in);
  REQUIRE(c.bars.size() == 2);
  CHECK_FALSE(c.bars[0].partial);
  CHECK(c.bars[1].partial);
  CHECK(c.bars[1].label == "2026-11 (to date): 1");
  CHECK(category_label(in, 1) == "2026-11 (to date)");
  CHECK(category_label(in, 0) == "2026-10");
  CHECK(c.x_labels[1].label == "2026-11");  // the axis keeps its short labels
  CHECK(c.summary.find("2026-11 is to date, not a whole month.") != std::string::npos);
}

TEST_CASE("a fixed top for percentages") {
  BarChartInput in;
  in.title = "SLA";
  in.unit = "%";
  in.decimals = 1;
  in.y_max = 100;
  in.categories = {"2026-04"};
  in.series = {{"SLA", "series-0", {50.0}}};
  const BarChart c = bar_chart(in);
  CHECK(c.y_ticks.back().label == "100%");
  CHECK(c.bars[0].height == 100);
  CHECK(c.table[0][0] == "50%");
}

TEST_CASE("no categories: an empty plot that says so") {
  BarChartInput in;
  in.title = "Nothing";
  const BarChart c = bar_chart(in);
  CHECK(c.bars.empty());
  CHECK(c.summary == "Nothing: no data.");
  CHECK(c.y_ticks.size() == 2);
}

TEST_CASE("long category names print every other label, never overlapping") {
  BarChartInput in;
  in.title = "By type";
  in.categories = {"outage",      "performance_degradation", "data_integrity", "security",
                   "third_party", "deployment_failure"};
  in.series = {{"Incidents", "series-1", {1.0, 0.0, 0.0, 0.0, 0.0, 0.0}}};
  const BarChart c = bar_chart(in);
  // Slots of 560 / 6 = 93.3; 23 characters need 6.5 x 23 + 8 = 157.5: stride 2.
  REQUIRE(c.x_labels.size() == 3);
  CHECK(c.x_labels[1].label == "data_integrity");
  CHECK(c.table.size() == 6);  // the table still names every category
}

TEST_CASE("time_step: the smallest step of the ladder that fits") {
  CHECK(time_step(3600, 6) == 600);
  CHECK(time_step(8400, 6) == 1800);
  CHECK(time_step(86400 * 3, 6) == 43200);
  CHECK(time_step(86400 * 100, 6) == 604800 * 3);
}

TEST_CASE("step chart: one band per change of level, risers between, times along the axis") {
  // 08:00, 08:10 SEV2 (merged), 08:20 SEV1, until 09:00: span 3600 s.
  const double t0 = 8 * 3600;
  const std::vector<Step> steps = {{t0, 1}, {t0 + 600, 1}, {t0 + 1200, 0}};
  auto label = [](double t) {
    const int m = static_cast<int>(t) / 60;
    return std::to_string(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + std::to_string(m % 60);
  };
  const StepChart c = step_chart(steps, t0 + 3600, {"SEV1", "SEV2", "SEV3"}, label);
  // Plot from x 64, 548 wide; rows of 24 from y 8.
  CHECK(c.plot_left == 64);
  CHECK(c.plot_width == 548);
  CHECK(c.height == 8 + 72 + 36);
  REQUIRE(c.bands.size() == 2);
  CHECK(c.bands[0].level == 1);
  CHECK(c.bands[0].x == 64);
  CHECK(c.bands[0].width == doctest::Approx(182.7));  // a third of the span
  CHECK(c.bands[0].y == 36);
  CHECK(c.bands[0].label == "SEV2 from 8:00 to 8:20");
  CHECK(c.bands[1].x == doctest::Approx(246.7));
  CHECK(c.bands[1].width == doctest::Approx(365.3));
  CHECK(c.bands[1].y == 12);
  REQUIRE(c.risers.size() == 1);
  CHECK(c.risers[0].x == doctest::Approx(246.7));
  CHECK(c.risers[0].y1 == 44);
  CHECK(c.risers[0].y2 == 20);
  REQUIRE(c.level_ticks.size() == 3);
  CHECK(c.level_ticks[2].pos == 68);
  // 548 / 90 -> 6 steps at most: every 10 minutes from 08:00 to 09:00.
  REQUIRE(c.time_ticks.size() == 7);
  CHECK(c.time_ticks[1].label == "8:10");
  CHECK(c.time_ticks[1].pos == doctest::Approx(155.3));
  CHECK(c.summary ==
        "Severity over time: SEV2 from 8:00; SEV1 from 8:20; until 9:00. The response timeline table "
        "lists every entry.");
}

TEST_CASE("step chart: a level entered at the last entry still gets a visible band") {
  auto label = [](double t) { return std::to_string(static_cast<int>(t)); };
  const StepChart c = step_chart({{0, 1}, {1200, 0}}, 1200, {"SEV1", "SEV2"}, label);
  REQUIRE(c.bands.size() == 2);
  CHECK(c.bands[1].width > 0);
  CHECK(c.bands[1].label == "SEV1 from 1200 (last entry)");
  CHECK(c.summary.find("SEV1 from 1200 (last entry).") != std::string::npos);
}

TEST_CASE("step chart: unknown levels are skipped; nothing known says so") {
  auto label = [](double t) { return std::to_string(static_cast<int>(t)); };
  const StepChart c = step_chart({{0, -1}, {60, 7}}, 120, {"SEV1"}, label);
  CHECK(c.bands.empty());
  CHECK(c.summary == "No severity was recorded in the response timeline.");
}
