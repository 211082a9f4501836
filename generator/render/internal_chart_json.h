#pragma once
// Chart geometry (render/charts.h) as template contexts for the SVG
// partials internal_bar_chart and internal_step_chart. Each chart gets a
// page-unique `id` for its <title>/<desc> references; a bar chart also
// carries its figures as a table, printed right after the drawing.
#include <string_view>

#include "render/charts.h"
#include "render/html_common.h"

namespace sitrep {

// `category_heading` heads the table's first column ("Month", "Severity").
Json bar_chart_json(const charts::BarChartInput& in, std::string_view id, std::string_view category_heading);
Json step_chart_json(const charts::StepChart& chart, std::string_view id, std::string_view title);

// Colour hooks of the theme: severity levels by rank, other series by index.
std::string severity_class(std::size_t zero_based_rank);
std::string series_class(std::size_t index);

}  // namespace sitrep
