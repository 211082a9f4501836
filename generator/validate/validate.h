#pragma once
// `sitrep check`: every rule of SPEC §4 over a loaded model. Collects all
// problems; the rule policy on `diags` decides error vs warning.
#include "model/model.h"
#include "report/follow_up_items.h"
#include "util/diagnostic.h"
#include "util/time.h"

namespace sitrep {

void validate(const Model& model, TimePoint now, Diagnostics& diags);
// The same, handing over the follow-up list its overdue check made (for the
// day of `now` in the site's zone), so a build's tracker and metrics do not
// make it again.
void validate(const Model& model, TimePoint now, Diagnostics& diags, SiteFollowUps& follow_ups);

// The rules that look at the items of `one` (render/incident_alone.h's
// model_of_one_incident) and nothing else of the site: the incident's own,
// its policy's, its postmortems', its follow-ups'. Not the configuration's
// (components) nor the rules across files (unique ids): `sitrep serve` runs
// these on an edited incident before its rebuild, which runs them all.
void validate_items(const Model& one, TimePoint now, Diagnostics& diags, SiteFollowUps* follow_ups = nullptr);

}  // namespace sitrep
