#include "render/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sitrep::charts {
namespace {

// Room for the axes, in user units; on the right, half a "2026-11" label
// centred on the last bar.
constexpr double k_left = 52, k_right = 28, k_top = 16, k_bottom = 44;
constexpr double k_min_label_gap = 56;  // a "2026-04" label at the theme's axis font size

double r1(double v) { return std::round(v * 10.0) / 10.0; }

std::string with_unit(const std::string& number, const std::string& unit) {
  if (unit.empty()) return number;
  if (unit == "%") return number + "%";
  return number + " " + unit;
}

int decimals_for_step(double step) { return step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9)); }

double data_max(const BarChartInput& in) {
  double max = 0;
  for (std::size_t c = 0; c < in.categories.size(); ++c) {
    double total = 0;
    for (const auto& s : in.series) {
      if (c >= s.values.size() || !s.values[c]) continue;
      if (in.stacked)
        total += std::max(0.0, *s.values[c]);
      else
        max = std::max(max, *s.values[c]);
    }
    max = std::max(max, total);
  }
  return max;
}

std::string bar_summary(const BarChartInput& in) {
  std::string out = in.title;
  if (in.categories.empty()) return out + ": no data.";
  out += ", " + in.categories.front() + " to " + in.categories.back() + " (" + std::to_string(in.categories.size()) +
         " " + (in.categories.size() == 1 ? in.noun : in.nouns) + ").";
  // The largest figure and where it is: what a reader of the chart sees first.
  double best = 0;
  std::string where;
  std::size_t missing = 0;
  for (std::size_t c = 0; c < in.categories.size(); ++c) {
    double total = 0;
    bool any = false;
    for (const auto& s : in.series) {
      if (c < s.values.size() && s.values[c]) {
        any = true;
        if (in.stacked) {
          total += *s.values[c];
        } else if (*s.values[c] > best || where.empty()) {
          best = *s.values[c];
          where = (in.series.size() > 1 ? s.name + " in " : "") + in.categories[c];
        }
      } else {
        ++missing;
      }
    }
    if (in.stacked && any && (total > best || where.empty())) {
      best = total;
      where = in.categories[c];
    }
  }
  if (!where.empty())
    out += std::string{" Highest"} + (in.stacked ? " total" : "") + ": " +
           with_unit(format_value(best, in.decimals), in.unit) + " (" + where + ").";
  if (missing) out += " Not computable: " + std::to_string(missing) + (missing == 1 ? " value." : " values.");
  for (std::size_t c = 0; c < in.categories.size() && c < in.partial.size(); ++c)
    if (in.partial[c]) out += " " + in.categories[c] + " is to date, not a whole " + in.noun + ".";
  return out + " The table that follows holds every figure.";
}

}  // namespace

std::string category_label(const BarChartInput& in, std::size_t c) {
  const bool partial = c < in.partial.size() && in.partial[c];
  return partial ? in.categories[c] + " (to date)" : in.categories[c];
}

std::string format_value(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::max(0, decimals), value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::vector<double> nice_ticks(double max, int max_ticks, double min_step) {
  if (!(max > 0)) return {0, std::max(1.0, min_step)};
  const double raw = max / std::max(1, max_ticks);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (double m : {1.0, 2.0, 5.0})
    if (m * magnitude >= raw - 1e-12) {
      step = m * magnitude;
      break;
    }
  step = std::max(step, min_step);
  // Rounded to the step's decimals: 3 x 0.2 is 0.6 on the axis, not 0.6000000000000001.
  const double scale = std::pow(10.0, decimals_for_step(step));
  const auto n = static_cast<int>(std::ceil(max / step - 1e-9));
  std::vector<double> out;
  for (int i = 0; i <= n; ++i) out.push_back(std::round(i * step * scale) / scale);
  return out;
}

std::size_t label_stride(std::size_t count, double slot_width, double min_gap) {
  if (count == 0 || slot_width <= 0 || slot_width >= min_gap) return 1;
  return static_cast<std::size_t>(std::ceil(min_gap / slot_width - 1e-9));
}

BarChart bar_chart(const BarChartInput& in) {
  BarChart out;
  out.width = in.width;
  out.height = in.height;
  out.plot_left = k_left;
  out.plot_top = k_top;
  out.plot_width = in.width - k_left - k_right;
  out.plot_height = in.height - k_top - k_bottom;
  out.x_label_y = r1(out.plot_top + out.plot_height + 18);
  out.summary = bar_summary(in);

  // Counts get whole-number ticks; a fixed top (100%) wins over the data.
  const std::vector<double> ticks =
      nice_ticks(std::max(in.y_max.value_or(0.0), data_max(in)), 5, in.decimals == 0 ? 1.0 : 0.0);
  const double top = ticks.back();
  const double base = out.plot_top + out.plot_height;
  auto y_of = [&](double v) { return base - v / top * out.plot_height; };
  const int tick_decimals = decimals_for_step(ticks.size() > 1 ? ticks[1] : 1.0);
  for (double t : ticks)
    out.y_ticks.push_back({r1(y_of(t)), with_unit(format_value(t, tick_decimals), in.unit == "%" ? "%" : "")});

  const std::size_t n = in.categories.size();
  if (n == 0) return out;
  const double slot = out.plot_width / static_cast<double>(n);
  // Labels at the axis font are about 6.5 units per character; longer
  // category names ("performance_degradation") need more room.
  std::size_t longest = 0;
  for (const auto& c : in.categories) longest = std::max(longest, c.size());
  const std::size_t stride = label_stride(n, slot, std::max(k_min_label_gap, 6.5 * static_cast<double>(longest) + 8));
  const std::size_t groups = in.stacked ? 1 : std::max<std::size_t>(1, in.series.size());
  const double bar_width = in.stacked ? slot * 0.7 : slot * 0.8 / static_cast<double>(groups);

  for (std::size_t c = 0; c < n; ++c) {
    const double slot_left = out.plot_left + slot * static_cast<double>(c);
    if (c % stride == 0) out.x_labels.push_back({r1(slot_left + slot / 2), in.categories[c]});
    std::vector<std::string> row;
    double stacked_top = 0;
    for (std::size_t s = 0; s < in.series.size(); ++s) {
      const auto& series = in.series[s];
      const double* v = c < series.values.size() && series.values[c] ? &*series.values[c] : nullptr;
      const std::string text = v ? with_unit(format_value(*v, in.decimals), in.unit) : "n/a";
      row.push_back(text);
      Bar bar;
      bar.series = s;
      bar.category = c;
      bar.label = (in.series.size() > 1 ? series.name + ", " : "") + category_label(in, c) + ": " + text;
      bar.partial = c < in.partial.size() && in.partial[c];
      bar.width = r1(bar_width);
      bar.x = r1(in.stacked ? slot_left + (slot - bar_width) / 2
                            : slot_left + slot * 0.1 + bar_width * static_cast<double>(s));
      if (!v) {
        // A stub on the baseline: "not computable" must not look like zero.
        bar.missing = true;
        bar.y = r1(base - 4);
        bar.height = 4;
        out.bars.push_back(std::move(bar));
        continue;
      }
      const double value = std::max(0.0, *v);
      if (value == 0) continue;  // the table says 0; an invisible rect says nothing
      const double from = in.stacked ? stacked_top : 0.0;
      stacked_top = from + value;
      bar.y = r1(y_of(from + value));
      bar.height = r1(y_of(from) - y_of(from + value));
      out.bars.push_back(std::move(bar));
    }
    out.table.push_back(std::move(row));
  }
  return out;
}

double time_step(double span_seconds, int max_ticks) {
  static const double k_ladder[] = {60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
  for (double step : k_ladder)
    if (span_seconds / step <= max_ticks) return step;
  return 604800 * std::ceil(span_seconds / 604800 / std::max(1, max_ticks));
}

StepChart step_chart(const std::vector<Step>& steps, double t_end, const std::vector<std::string>& level_names,
                     const std::function<std::string(double)>& time_label, double width) {
  constexpr double k_row = 24, k_step_left = 64;
  StepChart out;
  out.width = width;
  out.plot_left = k_step_left;
  out.plot_top = 8;
  out.plot_width = width - k_step_left - k_right;
  out.plot_height = k_row * static_cast<double>(level_names.size());
  out.height = out.plot_top + out.plot_height + 36;
  out.time_label_y = r1(out.plot_top + out.plot_height + 20);
  for (std::size_t l = 0; l < level_names.size(); ++l)
    out.level_ticks.push_back({r1(out.plot_top + k_row * (static_cast<double>(l) + 0.5)), level_names[l]});

  // Consecutive entries at the same level are one band.
  std::vector<Step> merged;
  for (const auto& s : steps)
    if (s.level >= 0 && static_cast<std::size_t>(s.level) < level_names.size() &&
        (merged.empty() || merged.back().level != s.level))
      merged.push_back(s);
  if (merged.empty()) {
    out.summary = "No severity was recorded in the response timeline.";
    return out;
  }
  const double t0 = merged.front().t;
  const double last = merged.back().t;
  // A level entered at the very end would be a zero-width band: give it a
  // sliver (5% of the span, at least a minute) so it is seen; the labels
  // still say where the record ends.
  const bool open_end = t_end <= last;
  const double t1 = open_end ? last + std::max(60.0, (last - t0) * 0.05) : t_end;
  auto x_of = [&](double t) { return out.plot_left + (t - t0) / (t1 - t0) * out.plot_width; };
  auto centre = [&](int level) { return out.plot_top + k_row * (level + 0.5); };

  out.summary = "Severity over time:";
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const Step& s = merged[i];
    const double end = i + 1 < merged.size() ? merged[i + 1].t : t1;
    const std::string& name = level_names[static_cast<std::size_t>(s.level)];
    StepBand band;
    band.level = s.level;
    band.x = r1(x_of(s.t));
    band.width = r1(x_of(end) - x_of(s.t));
    band.y = r1(out.plot_top + k_row * s.level + 4);
    band.height = k_row - 8;
    const bool last_band = i + 1 == merged.size();
    band.label =
        name + " from " + time_label(s.t) + (last_band && open_end ? " (last entry)" : " to " + time_label(end));
    out.bands.push_back(std::move(band));
    if (i > 0) out.risers.push_back({r1(x_of(s.t)), r1(centre(merged[i - 1].level)), r1(centre(s.level))});
    out.summary += (i ? "; " : " ") + name + " from " + time_label(s.t);
  }
  out.summary += open_end ? " (last entry)." : "; until " + time_label(t1) + ".";
  out.summary += " The response timeline table lists every entry.";

  const int max_ticks = std::max(1, static_cast<int>(out.plot_width / 90));
  const double step = time_step(t1 - t0, max_ticks);
  for (double t = std::ceil(t0 / step) * step; t <= t1 + 1e-6; t += step)
    out.time_ticks.push_back({r1(x_of(t)), time_label(t)});
  return out;
}

}  // namespace sitrep::charts
