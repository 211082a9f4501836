#include "render/site_build.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>

#include "render/api_json.h"
#include "render/batch_hand_off.h"
#include "render/badges.h"
#include "render/calendar.h"
#include "render/feeds.h"
#include "render/headers.h"
#include "render/internal_site.h"
#include "render/pages.h"
#include "render/public_view.h"
#include "render/templates.h"
#include "render/uptime.h"

namespace sitrep {
namespace {

// How much rendered internal text may wait for the public tree to be
// written (a build from an empty folder renders the internal tree faster
// than the public one is written): chunks of pages, not the tree.
constexpr std::size_t k_internal_bytes_held = 64u << 20;

void append(Outputs& to, Outputs from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// What the side thread renders: each renderer's files, diagnostics (its
// own, merged by the caller) and time.
struct SideRender {
  struct Part {
    std::string name;
    Outputs files;
    Diagnostics diags;
    double ms = 0;
  };
  Part maintenance, components;
  std::vector<Part> whole_site;  // api, feeds, calendar, badges
  Part headers;
};

SideRender render_side(const Model& model, const PublicView& view, const TemplateSet& templates,
                       const Incremental* incremental, const StaticAssets& assets,
                       const std::map<std::string, ComponentUptime>& uptime) {
  const auto run = [&](const char* name, auto&& renderer) {
    SideRender::Part part{name, {}, Diagnostics(model.rules), 0};
    const RenderContext ctx{model, view, templates, part.diags, incremental, &assets};
    const auto start = std::chrono::steady_clock::now();
    part.files = renderer(ctx);
    part.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return part;
  };
  SideRender out;
  out.maintenance = run("render_maintenance_pages", [](const RenderContext& c) { return render_maintenance_pages(c); });
  out.components = run("render_component_pages", [&](const RenderContext& c) { return render_component_pages(c, uptime); });
  out.whole_site.push_back(run("render_api", [](const RenderContext& c) { return render_api(c); }));
  out.whole_site.push_back(run("render_feeds", [](const RenderContext& c) { return render_feeds(c); }));
  out.whole_site.push_back(run("render_calendar", [](const RenderContext& c) { return render_calendar(c); }));
  out.whole_site.push_back(run("render_badges", [](const RenderContext& c) { return render_badges(c); }));
  out.headers = run("render_headers", [](const RenderContext& c) { return render_headers(c); });
  return out;
}

}  // namespace

SiteOutputs render_site(const Model& model, TimePoint now, Diagnostics& diags, PhaseTimings* timings,
                        const SiteFingerprints* previous, FragmentCache* fragments, TreeSelection trees,
                        const SiteSinks* sinks) {
  // Pages read update messages through the load cache's mapping (model/
  // shared_text.h): each batch handed on lets those pages go, so a build
  // that renders every incident holds a batch's messages, not the file.
  const OutputSink internal_batches = [&](Outputs&& files) {
    sinks->internal_tree(std::move(files));
    model.let_go_of_texts();
  };
  const OutputSink* internal_sink = sinks ? &internal_batches : nullptr;
  SiteOutputs out;
  const std::string theme_dir = model.site.themes_dir + "/" + model.site.theme;
  const TemplateSet templates = timed(timings, "templates", [&] { return TemplateSet::load(model.root, theme_dir, diags); });
  const StaticAssets assets =
      timed(timings, "static files", [&] { return publish_static_files(load_static_files(model.root, theme_dir, diags)); });
  out.public_view = std::make_shared<const PublicView>(
      timed(timings, "public view", [&] { return make_public_view(model, now); }));
  const PublicView& view = *out.public_view;
  if (sinks && sinks->public_view_ready && trees.public_tree) sinks->public_view_ready(out.public_view);
  std::optional<Incremental> incremental_public, incremental_internal;
  if (previous) {
    incremental_public = timed(timings, "fingerprints", [&] {
      if (fragments) fragments->start_render();
      return make_incremental(model, templates, assets, now, &previous->public_pages, fragments);
    });
    incremental_internal = incremental_public;
    incremental_internal->previous = &previous->internal_pages;
  }
  const RenderContext ctx{model, view, templates, diags, incremental_public ? &*incremental_public : nullptr, &assets};
  out.next_change = view.next_change;
  if (!trees.public_tree) {
    if (trees.internal_tree)
      out.internal_files = render_internal_site(model, view, templates, assets, diags, timings,
                                                incremental_internal ? &*incremental_internal : nullptr, internal_sink);
    return out;
  }
  // A build that writes both trees renders the internal one on a thread of
  // its own from here on, beside the public pages (both read only the model,
  // the view and the theme); its batches wait in `batches` and are written
  // after the last public file, in the order they were made, so the writes
  // do not depend on scheduling. Its diagnostics and timings are its own,
  // appended after the public tree's.
  struct InternalBeside {
    BatchHandOff batches{k_internal_bytes_held};
    Diagnostics diags;
    PhaseTimings timings;
    std::future<void> done;
    // Declared last, so it runs first: a public render that throws lets
    // the internal thread finish before `done` waits for it.
    struct Abandon {
      BatchHandOff& batches;
      ~Abandon() { batches.abandon(); }
    } abandon{batches};
  };
  std::optional<InternalBeside> beside;
  if (sinks && trees.internal_tree) {
    beside.emplace();
    beside->diags = Diagnostics(model.rules);
    beside->done = std::async(std::launch::async, [&, &b = *beside] {
      struct Close {
        BatchHandOff& batches;
        ~Close() { batches.close(); }
      } close{b.batches};
      const OutputSink into_batches = [&b, &model](Outputs&& files) {
        b.batches.put(std::move(files));
        model.let_go_of_texts();
      };
      PhaseTimings* internal_timings = timings ? &b.timings : nullptr;
      InternalContext ctx = timed(internal_timings, "internal context", [&] {
        return sinks->internal_figures
                   ? make_internal_context(model, view, templates, b.diags, sinks->internal_figures())
                   : make_internal_context(model, view, templates, b.diags);
      });
      ctx.incremental = incremental_internal ? &*incremental_internal : nullptr;
      ctx.assets = &assets;
      ctx.sink = &into_batches;
      // The exports' streams read ctx when the writer gets to them: every
      // batch is written before it goes (or the writer gave up).
      struct Flush {
        BatchHandOff& batches;
        ~Flush() { batches.flush(); }
      } flush{b.batches};
      render_internal_site(ctx, internal_timings);
    });
  }
  const auto uptime = timed(timings, "uptime", [&] { return compute_uptime(view, model.site.uptime, model.site.time_zone); });

  // Every batch of the public tree goes to the sink as soon as it is
  // rendered, or into out.public_files; the HTML pages' paths are kept for
  // the sitemap, in page order.
  std::vector<std::string> page_paths;
  bool html_pages = true;
  const OutputSink emit = [&](Outputs&& files) {
    if (html_pages)
      for (const auto& f : files) page_paths.push_back(f.path);
    if (sinks)
      sinks->public_tree(std::move(files), view);
    else
      append(out.public_files, std::move(files));
    model.let_go_of_texts();
  };
  const RenderContext streaming{model, view, templates, diags, ctx.incremental, &assets, sinks ? &emit : nullptr};
  // The renderers that run on one thread each (maintenance, components and
  // the whole-site files) run on a thread of their own while the incident
  // pages and the history take the pool, so no core idles; their files and
  // diagnostics are handed on below in the order they always were, so the
  // trees and the report do not depend on scheduling.
  std::future<SideRender> side =
      std::async(std::launch::async, [&] { return render_side(model, view, templates, ctx.incremental, assets, uptime); });
  emit(timed(timings, "render_index", [&] { return render_index(ctx, uptime); }));
  emit(timed(timings, "render_incident_pages", [&] { return render_incident_pages(streaming); }));
  SideRender side_files = side.get();
  const auto take = [&](SideRender::Part& part) {
    diags.append(part.diags);
    if (timings) timings->emplace_back(part.name, part.ms);
    emit(std::move(part.files));
  };
  take(side_files.maintenance);
  take(side_files.components);
  emit(timed(timings, "render_history", [&] { return render_history(ctx); }));
  html_pages = false;
  emit(timed(timings, "render_site_files", [&] { return render_site_files(ctx, page_paths); }));
  for (auto& part : side_files.whole_site) take(part);
  emit(Outputs{assets.files});
  take(side_files.headers);
  // One order whatever the renderers did: byte-identical trees.
  std::sort(out.public_files.begin(), out.public_files.end(),
            [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  if (sinks && sinks->public_tree_done) sinks->public_tree_done();
  if (beside) {
    beside->batches.drain(*internal_sink);
    beside->done.get();
    diags.append(beside->diags);
    if (timings) timings->insert(timings->end(), beside->timings.begin(), beside->timings.end());
  } else if (trees.internal_tree) {
    out.internal_files = render_internal_site(model, view, templates, assets, diags, timings,
                                              incremental_internal ? &*incremental_internal : nullptr, internal_sink);
  }
  return out;
}

Outputs render_public_api(const Model& model, TimePoint now, Diagnostics& diags) {
  const PublicView view = make_public_view(model, now);
  const TemplateSet no_templates;  // the API is JSON through nlohmann, no template
  const RenderContext ctx{model, view, no_templates, diags, nullptr};
  return render_api(ctx);
}

}  // namespace sitrep
