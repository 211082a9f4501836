#pragma once
// Chart geometry for the internal reports: pure functions from numbers to
// shapes (bar rectangles, step bands, axis ticks, labels) in SVG user units.
// Templates turn the shapes into SVG; nothing here writes markup, so a theme
// can draw the same data differently and tests can check the geometry.
// Coordinates are rounded to 0.1 so output bytes never depend on the last
// bits of a floating-point sum.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sitrep::charts {

struct Tick {
  double pos = 0;  // along its axis, in user units
  std::string label;
};

// "12", "12.5", "0.33": `decimals` at most, trailing zeros dropped.
std::string format_value(double value, int decimals);

// Axis values at 1, 2 or 5 x 10^k from 0 up to the first one >= max, with
// at most about `max_ticks` steps and steps no smaller than `min_step` (1 for
// counts: there is no half an incident); {0, 1} when max <= 0.
std::vector<double> nice_ticks(double max, int max_ticks, double min_step = 0);

// Which of `count` evenly spaced labels to print so that none is closer than
// `min_gap` to the next: every n-th, starting with the first.
std::size_t label_stride(std::size_t count, double slot_width, double min_gap);

// ---- Bar charts: one bar per category, stacked or side by side per series.

struct Series {
  std::string name;
  std::string css_class;                      // colour hook ("sev-1", "series-2")
  std::vector<std::optional<double>> values;  // one per category; nullopt = cannot be computed
};

struct BarChartInput {
  std::string title;
  std::string unit;  // appended to value labels: "min", "%", "" for counts
  int decimals = 0;
  std::vector<std::string> categories;             // x axis, in order
  std::string noun = "period", nouns = "periods";  // what a category is, for the summary
  std::vector<Series> series;
  bool stacked = false;
  // Per category (may be shorter than `categories`): not finished, a period
  // "to date". Its bars are drawn lighter and every label of it says so.
  std::vector<bool> partial;
  std::optional<double> y_max;  // a fixed top (100 for percentages); else from the data
  double width = 640, height = 260;
};

struct Bar {
  double x = 0, y = 0, width = 0, height = 0;
  std::size_t series = 0, category = 0;
  std::string label;     // "SEV1, 2026-04: 3"
  bool missing = false;  // n/a: drawn as an outlined stub, never as a zero bar
  bool partial = false;  // its category is to date
};

// "2026-12 (to date)" for a partial category, else the category.
std::string category_label(const BarChartInput& in, std::size_t category);

struct BarChart {
  double width = 0, height = 0;  // the viewBox
  double plot_left = 0, plot_top = 0, plot_width = 0, plot_height = 0;
  std::vector<Bar> bars;
  std::vector<Tick> y_ticks;   // pos: y of the grid line
  std::vector<Tick> x_labels;  // pos: x of the category centre; thinned to fit
  double x_label_y = 0;
  // The text alternative: what the chart shows, its range and maximum.
  std::string summary;
  // The same figures as text: one row per category, one cell per series
  // ("n/a" where missing) — the table printed next to the chart.
  std::vector<std::vector<std::string>> table;
};

BarChart bar_chart(const BarChartInput& in);

// ---- Step chart: a level (severity) held from one moment to the next.

struct Step {
  double t = 0;   // seconds since the epoch
  int level = 0;  // 0-based row: 0 = most severe
};

struct StepBand {
  double x = 0, y = 0, width = 0, height = 0;
  int level = 0;
  std::string label;  // "SEV1 from 08:07 to 08:38"
};

struct Riser {
  double x = 0, y1 = 0, y2 = 0;  // a vertical line where the level changes
};

struct StepChart {
  double width = 0, height = 0;
  double plot_left = 0, plot_top = 0, plot_width = 0, plot_height = 0;
  std::vector<StepBand> bands;
  std::vector<Riser> risers;
  std::vector<Tick> level_ticks;  // pos: y centre of each level's row
  std::vector<Tick> time_ticks;   // pos: x
  double time_label_y = 0;
  std::string summary;
};

// `steps` in time order; the last level holds until `t_end`. Times are
// labelled by `time_label` (the caller knows the time zone).
StepChart step_chart(const std::vector<Step>& steps, double t_end, const std::vector<std::string>& level_names,
                     const std::function<std::string(double)>& time_label, double width = 640);

// A tick spacing from a fixed ladder (1m ... 1w) that gives at most
// `max_ticks` ticks over `span_seconds`.
double time_step(double span_seconds, int max_ticks);

}  // namespace sitrep::charts
