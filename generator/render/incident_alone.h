#pragma once
// One incident's own pages, rendered from the incident alone: what `sitrep
// serve` shows of an edited incident before its rebuild is done.
//
// An incident's public page and its internal page are functions of the
// site's configuration, templates and assets, the incident, its postmortems
// and the clock (render/incremental.h names them by those inputs), and of
// the names of postmortems that name no incident (a postmortem page's name
// can clash with one), so rendering them from a model that holds nothing
// else gives the bytes a full build gives. tests/unit/test_incident_alone.cpp holds every incident
// of the example and fixture sites to that.
#include "model/model.h"
#include "render/output.h"
#include "util/diagnostic.h"
#include "util/time.h"

namespace sitrep {

// `site`'s configuration (site.toml, schemas, components), `incident`, and
// the postmortems of `site` that name it or name no incident (whose pages
// are named after their files, which can clash with its postmortem's), in
// their order; no maintenance, no sources.
Model model_of_one_incident(const Model& site, Incident incident);

struct IncidentPages {
  Outputs public_files;    // its page, when the public site shows it at `now`
  Outputs internal_files;  // its internal page
};

// The pages of the one incident of `one` (model_of_one_incident), rendered
// as render_site renders them; a problem (a missing template) goes to diags.
IncidentPages render_one_incident(const Model& one, TimePoint now, Diagnostics& diags);

}  // namespace sitrep
