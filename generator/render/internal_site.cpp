#include "render/internal_site.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "render/internal_pages.h"
#include "render/internal_urls.h"

namespace sitrep {
Outputs render_internal_site(const Model& model, const PublicView& view, const TemplateSet& templates,
                             const StaticAssets& assets, Diagnostics& diags, PhaseTimings* timings,
                             const Incremental* incremental, const OutputSink* sink) {
  InternalContext ctx = timed(timings, "internal context", [&] { return make_internal_context(model, view, templates, diags); });
  ctx.incremental = incremental;
  ctx.assets = &assets;
  ctx.sink = sink;
  return render_internal_site(ctx, timings);
}

Outputs render_internal_site(const InternalContext& ctx, PhaseTimings* timings) {
  const OutputSink* sink = ctx.sink;
  Outputs out;
  // With a sink every phase's files go to it as soon as they are rendered.
  const auto append = [&](Outputs&& files) {
    if (sink)
      (*sink)(std::move(files));
    else
      out.insert(out.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
  };
  // The exports first when they are streamed: a build writes them while
  // the pages below are rendered, not after the last of them.
  const auto exports = [&] { append(timed(timings, "render_internal_exports", [&] { return render_internal_exports(ctx); })); };
  if (sink) exports();
  append(timed(timings, "render_internal_index", [&] { return render_internal_index(ctx); }));
  append(timed(timings, "render_internal_incident_lists", [&] { return render_internal_incident_lists(ctx); }));
  append(timed(timings, "render_internal_incidents", [&] { return render_internal_incidents(ctx); }));
  append(timed(timings, "render_internal_postmortems", [&] { return render_internal_postmortems(ctx); }));
  append(timed(timings, "render_internal_sla", [&] { return render_internal_sla(ctx); }));
  append(timed(timings, "render_internal_statistics", [&] { return render_internal_statistics(ctx); }));
  append(timed(timings, "render_internal_followups", [&] { return render_internal_followups(ctx); }));
  append(timed(timings, "render_internal_compliance", [&] { return render_internal_compliance(ctx); }));
  if (!sink) exports();
  // The internal stylesheet is a theme template, not a static file: static
  // files are copied to site/public, and nothing internal belongs there.
  append(Outputs{{std::string{internal_urls::k_stylesheet},
                  ctx.templates.render("internal_stylesheet", nlohmann::json::object(), ctx.diags)}});
  // Only the theme's assets: the internal tree links nowhere it cannot reach.
  append(ctx.assets->hashed_files());
  std::sort(out.begin(), out.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace sitrep
