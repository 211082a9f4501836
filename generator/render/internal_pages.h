#pragma once
// The pages of site/internal, each a theme template fed a JSON context built
// here. Pure: context in, files out. Paths are in render/internal_urls.h.
#include "render/internal_common.h"

namespace sitrep {

Outputs render_internal_index(const InternalContext& ctx);
Outputs render_internal_incidents(const InternalContext& ctx);       // one page per incident
Outputs render_internal_incident_lists(const InternalContext& ctx);  // incidents.html and one list per year
Outputs render_internal_postmortems(const InternalContext& ctx);     // the list and one page per postmortem
Outputs render_internal_sla(const InternalContext& ctx);             // sla.html and one page per year
Outputs render_internal_statistics(const InternalContext& ctx);      // monthly, quarterly, one page per period
Outputs render_internal_followups(const InternalContext& ctx);       // tracker, by owner, by incident
Outputs render_internal_compliance(const InternalContext& ctx);
Outputs render_internal_exports(const InternalContext& ctx);  // incidents.csv, actions.csv, metrics.json

// Contexts of single pages, for tests.
Json internal_incident_json(const InternalContext& ctx, std::size_t incident_index);
Json internal_period_json(const InternalContext& ctx, PeriodKind kind, std::size_t period_index);
// A later page (page_no >= 2) of a period's list of incidents.
Json internal_period_incidents_json(const InternalContext& ctx, PeriodKind kind, std::size_t period_index,
                                    std::size_t page_no);

}  // namespace sitrep
