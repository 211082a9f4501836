#pragma once
// Pieces shared by the statistics pages (overview per month or quarter, and
// one page per period): the definitions printed next to every figure, and
// the time metrics of a period.
#include "render/internal_common.h"
#include "render/pagination.h"

namespace sitrep {

// How each figure is computed, in words, with the timestamp its clock starts
// from: {"metric", "formula", "clock_start"}.
Json statistics_definitions_json(const InternalContext& ctx);

// The periods of one kind, oldest first.
const std::vector<PeriodStatistics>& periods_of(const InternalContext& ctx, PeriodKind kind);

// "SEV1 downtime" figure of a period: minutes, "n/a", and what was left out.
std::string downtime_text(const PeriodStatistics& p);

// "2026-12 (to date)" for the period that holds now, else "2026-12".
std::string period_label(const PeriodStatistics& p);
// The pages of a period's list of incidents: the first on the period's own
// page, the later ones at internal_urls::nth_page of it.
std::vector<PageRange> period_incident_pages(const InternalContext& ctx, const PeriodStatistics& p);

// Said of a period or severity row with fewer than k_min_trend_sample
// measured incidents.
inline constexpr const char* k_few_measured_text = "fewer than 5 measured: not a trend";

// What the change of periods[i] compares with, in words: "against the
// first 9.5 days of 2026-11 (2 incidents)" for a period to date, "" for a
// whole period compared with a whole one.
std::string change_basis_text(const std::vector<PeriodStatistics>& periods, std::size_t i);

// One time figure for a table: {"mean", "median", "p90", "ledger", "figure_few"}.
Json summary_json(const Summary& s, const Ledger& ledger);

}  // namespace sitrep
