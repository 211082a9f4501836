#include "render/incident_alone.h"

#include "render/internal_context.h"
#include "render/internal_pages.h"
#include "render/pages.h"
#include "render/public_view.h"
#include "render/render_context.h"
#include "render/static_assets.h"
#include "render/templates.h"

namespace sitrep {

Model model_of_one_incident(const Model& site, Incident incident) {
  Model one = configuration_of(site);
  // With those naming no incident: they are named after their file, which
  // can be this incident's id, and then its postmortem's page takes a
  // suffix (internal_context's postmortem_paths), as in the full build.
  for (const auto& pm : site.postmortems)
    if (pm.incident == incident.id || pm.incident.empty()) one.postmortems.push_back(pm);
  one.incidents.push_back(std::move(incident));
  one.index();
  return one;
}

IncidentPages render_one_incident(const Model& one, TimePoint now, Diagnostics& diags) {
  // Loaded as render_site loads them: the pages link the assets by their
  // hashed names.
  const std::string theme_dir = one.site.themes_dir + "/" + one.site.theme;
  const TemplateSet templates = TemplateSet::load(one.root, theme_dir, diags);
  const StaticAssets assets = publish_static_files(load_static_files(one.root, theme_dir, diags));
  const PublicView view = make_public_view(one, now);
  IncidentPages pages;
  const RenderContext ctx{one, view, templates, diags, nullptr, &assets};
  pages.public_files = render_incident_pages(ctx);
  InternalContext internal = make_internal_context(one, view, templates, diags);
  internal.assets = &assets;
  pages.internal_files = render_internal_incidents(internal);
  return pages;
}

}  // namespace sitrep
