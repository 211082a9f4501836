#include "render/internal_context.h"

#include <algorithm>

#include "render/internal_urls.h"
#include "render/urls.h"

namespace sitrep {
namespace {

std::string file_stem(std::string_view path) {
  const auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (const auto dot = name.rfind('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string{name};
}

}  // namespace

// A postmortem page is named after its incident, which is how people look
// for it; a second postmortem of the same incident (a validation error, but
// still rendered) or one naming no incident gets a suffix or its file name.
std::vector<std::string> postmortem_page_paths(const Model& model) {
  std::set<std::string> taken;
  std::vector<std::string> out;
  for (const auto& pm : model.postmortems) {
    const std::string base = pm.incident.empty() ? file_stem(pm.path) : pm.incident;
    std::string path = internal_urls::postmortem(base);
    for (int n = 2; taken.count(path); ++n) path = internal_urls::postmortem(base + "-" + std::to_string(n));
    taken.insert(path);
    out.push_back(std::move(path));
  }
  return out;
}

long InternalContext::incident_index(std::string_view id) const {
  auto it = model.incident_by_id.find(id);
  return it == model.incident_by_id.end() ? -1 : static_cast<long>(it->second);
}

std::string InternalContext::postmortem_path(const Postmortem& pm) const {
  return postmortem_paths[static_cast<std::size_t>(&pm - model.postmortems.data())];
}

InternalFigures make_internal_figures(const Model& model, TimePoint now) {
  return make_internal_figures(model, now, site_follow_ups(model, local_day(now, model.site.time_zone)));
}

InternalFigures make_internal_figures(const Model& model, TimePoint now, SiteFollowUps made) {
  const Day today = local_day(now, model.site.time_zone);
  if (made.today != today || made.of_incident.size() != model.incidents.size()) made = site_follow_ups(model, today);
  std::vector<IncidentMetrics> metrics = all_incident_metrics(model, now, made);
  InternalFigures out{std::move(metrics),
                      {},  // statistics: from the metrics, below
                      follow_ups(model, std::move(made)),
                      postmortem_compliance(model, now),
                      postmortems_by_incident(model),
                      postmortem_page_paths(model)};
  out.statistics = compute_statistics(model, out.metrics, now);
  return out;
}

InternalContext make_internal_context(const Model& model, const PublicView& view, const TemplateSet& templates,
                                      Diagnostics& diags, InternalFigures figures) {
  InternalContext ctx{model,
                      view,
                      templates,
                      diags,
                      view.now,
                      nullptr,  // incremental: set by the caller
                      nullptr,  // assets: set by the caller
                      nullptr,  // sink: set by the caller
                      std::move(figures.metrics),
                      std::move(figures.statistics),
                      std::move(figures.followups),
                      std::move(figures.compliance),
                      std::move(figures.postmortems),
                      {},
                      std::move(figures.postmortem_paths),
                      {},
                      {}};
  for (std::size_t i = 0; i < model.postmortems.size(); ++i)
    ctx.postmortem_by_file.emplace(model.postmortems[i].path, i);
  for (const auto& p : view.incidents) {
    const std::string& id = p.incident->id;
    ctx.public_urls[id] = urls::absolute(model.site.base_url, urls::incident(id));
    if (p.postmortem) ctx.published_postmortems.insert(p.postmortem);  // chosen by the public view
  }
  return ctx;
}

InternalContext make_internal_context(const Model& model, const PublicView& view, const TemplateSet& templates,
                                      Diagnostics& diags) {
  return make_internal_context(model, view, templates, diags, make_internal_figures(model, view.now));
}

}  // namespace sitrep
