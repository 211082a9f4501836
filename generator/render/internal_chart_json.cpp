#include "render/internal_chart_json.h"

#include <algorithm>
#include <cmath>

namespace sitrep {
namespace {

// The theme defines this many distinct colours of each kind; beyond that,
// colours repeat (the legend and table still tell the series apart).
constexpr std::size_t k_severity_colours = 5, k_series_colours = 8;

// Sums of rounded coordinates are rounded again, so the page never prints
// 16.299999999999997 for 16.3.
double r1(double v) { return std::round(v * 10.0) / 10.0; }

Json frame_json(double width, double height, double left, double top, double plot_width, double plot_height) {
  return Json{{"width", width},
              {"height", height},
              {"left", left},
              {"top", top},
              {"right", r1(left + plot_width)},
              {"bottom", r1(top + plot_height)}};
}

}  // namespace

std::string severity_class(std::size_t rank) {
  return "sev-" + std::to_string(std::min(rank, k_severity_colours - 1) + 1);
}
std::string series_class(std::size_t index) { return "series-" + std::to_string(index % k_series_colours); }

Json bar_chart_json(const charts::BarChartInput& in, std::string_view id, std::string_view category_heading) {
  const charts::BarChart c = charts::bar_chart(in);
  Json j = frame_json(c.width, c.height, c.plot_left, c.plot_top, c.plot_width, c.plot_height);
  j["id"] = std::string{id};
  j["title"] = in.title;
  j["summary"] = c.summary;
  Json ticks = Json::array();
  for (const auto& t : c.y_ticks) ticks.push_back({{"y", t.pos}, {"text_y", r1(t.pos + 4)}, {"label", t.label}});
  j["y_ticks"] = ticks;
  j["tick_x"] = c.plot_left - 6;
  Json labels = Json::array();
  for (const auto& t : c.x_labels) labels.push_back({{"x", t.pos}, {"label", t.label}});
  j["x_labels"] = labels;
  j["label_y"] = c.x_label_y;
  Json bars = Json::array();
  for (const auto& b : c.bars)
    bars.push_back({{"x", b.x},
                    {"y", b.y},
                    {"w", b.width},
                    {"h", b.height},
                    {"css", in.series[b.series].css_class},
                    {"label", b.label},
                    {"missing", b.missing},
                    {"partial", b.partial}});
  j["bars"] = bars;
  Json legend = Json::array();
  if (in.series.size() > 1)
    for (const auto& s : in.series) legend.push_back({{"name", s.name}, {"css", s.css_class}});
  j["legend"] = legend;
  Json columns = Json::array();
  for (const auto& s : in.series) columns.push_back(s.name);
  Json rows = Json::array();
  for (std::size_t r = 0; r < c.table.size(); ++r)
    rows.push_back({{"category", charts::category_label(in, r)}, {"cells", c.table[r]}});
  j["table"] = {{"heading", std::string{category_heading}}, {"columns", columns}, {"rows", rows}};
  return j;
}

Json step_chart_json(const charts::StepChart& c, std::string_view id, std::string_view title) {
  Json j = frame_json(c.width, c.height, c.plot_left, c.plot_top, c.plot_width, c.plot_height);
  j["id"] = std::string{id};
  j["title"] = std::string{title};
  j["summary"] = c.summary;
  Json bands = Json::array();
  for (const auto& b : c.bands)
    bands.push_back({{"x", b.x},
                     {"y", b.y},
                     {"w", b.width},
                     {"h", b.height},
                     {"css", severity_class(static_cast<std::size_t>(b.level))},
                     {"label", b.label}});
  j["bands"] = bands;
  Json risers = Json::array();
  for (const auto& r : c.risers) risers.push_back({{"x", r.x}, {"y1", r.y1}, {"y2", r.y2}});
  j["risers"] = risers;
  Json levels = Json::array();
  for (const auto& t : c.level_ticks) levels.push_back({{"y", t.pos}, {"text_y", r1(t.pos + 4)}, {"label", t.label}});
  j["levels"] = levels;
  j["tick_x"] = c.plot_left - 6;
  Json times = Json::array();
  for (const auto& t : c.time_ticks) times.push_back({{"x", t.pos}, {"label", t.label}});
  j["times"] = times;
  j["label_y"] = c.time_label_y;
  return j;
}

}  // namespace sitrep
