#pragma once
// Pieces shared by the statistics pages (overview per month or quarter, and
// one page per period): the definitions printed next to every figure, and
// the time metrics of a period.
#include "render/internal_common.h"

namespace sitrep {

// How each figure is computed, in words, with the timestamp its clock starts
// from: {"metric", "formula", "clock_start"}.
Json statistics_definitions_json(const InternalContext& ctx);

// The periods of one kind, oldest first.
const std::vector<PeriodStatistics>& periods_of(const InternalContext& ctx, PeriodKind kind);

// "SEV1 downtime" figure of a period: minutes, "n/a", and what was left out.
std::string downtime_text(const PeriodStatistics& p);

}  // namespace sitrep
