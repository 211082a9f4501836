#pragma once
// What every internal renderer is given: the model, the clock, the theme,
// and the report layer's figures computed once per build (metrics,
// statistics, follow-ups, postmortem compliance), so no page recomputes
// anything that grows with the history.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "render/incremental.h"
#include "render/output.h"
#include "render/public_view.h"
#include "render/templates.h"
#include "report/followups.h"
#include "report/incident_metrics.h"
#include "report/postmortem_compliance.h"
#include "report/postmortem_index.h"
#include "report/statistics.h"

namespace sitrep {

struct InternalContext {
  const Model& model;
  const PublicView& view;  // what customers can see: the only source of public links
  const TemplateSet& templates;
  Diagnostics& diags;
  TimePoint now{};
  const Incremental* incremental = nullptr;  // set by `sitrep serve` only
  const StaticAssets* assets = nullptr;      // the theme's published asset names
  // Set by `sitrep build`: the largest renderers hand their pages here in
  // chunks instead of returning them (render_pages_in_parallel).
  const OutputSink* sink = nullptr;

  // Rows per page of every paginated internal list (site.toml's
  // internal_rows_per_page).
  std::size_t rows_per_page() const { return static_cast<std::size_t>(model.site.internal_rows_per_page); }

  std::vector<IncidentMetrics> metrics;  // parallel to model.incidents
  Statistics statistics;
  FollowUpReport followups;
  PostmortemCompliance compliance;
  PostmortemsByIncident postmortems;

  // Published incident id -> absolute URL of its public page.
  std::map<std::string, std::string, std::less<>> public_urls;
  // Output path of each postmortem page, parallel to model.postmortems.
  std::vector<std::string> postmortem_paths;
  // Source file -> index into model.postmortems (follow-ups name their file).
  std::map<std::string, std::size_t, std::less<>> postmortem_by_file;
  // Postmortems whose public sections are on the public site.
  std::set<const Postmortem*> published_postmortems;

  const SiteConfig& site() const { return model.site; }
  // Index into model.incidents / metrics, or -1.
  long incident_index(std::string_view id) const;
  std::string postmortem_path(const Postmortem& pm) const;
};

// The internal page of each postmortem, parallel to model.postmortems:
// "postmortems/<incident>.html", a suffix for a second one of an incident
// and for a name already taken, the file's name for one naming no incident.
std::vector<std::string> postmortem_page_paths(const Model& model);

// The report layer's figures of one build: a function of the model and the
// clock only (no view, no theme), so `sitrep build` makes them beside the
// opening of its staging trees, before the render needs them.
struct InternalFigures {
  std::vector<IncidentMetrics> metrics;
  Statistics statistics;
  FollowUpReport followups;
  PostmortemCompliance compliance;
  PostmortemsByIncident postmortems;
  std::vector<std::string> postmortem_paths;
};
InternalFigures make_internal_figures(const Model& model, TimePoint now);
// The same from the follow-up list `check` made (validate.h); made again
// should it be for another day, or not count one entry per incident of
// `model` (a list made from another model).
InternalFigures make_internal_figures(const Model& model, TimePoint now, SiteFollowUps made);

// From figures made at view.now (make_internal_figures).
InternalContext make_internal_context(const Model& model, const PublicView& view, const TemplateSet& templates,
                                      Diagnostics& diags, InternalFigures figures);
// The same, making the figures now.
InternalContext make_internal_context(const Model& model, const PublicView& view, const TemplateSet& templates,
                                      Diagnostics& diags);

}  // namespace sitrep
