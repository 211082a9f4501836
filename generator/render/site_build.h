#pragma once
// render: the whole site from a validated model, as files in memory.
#include <functional>
#include <memory>

#include "model/model.h"
#include "render/incremental.h"
#include "render/internal_context.h"
#include "render/output.h"
#include "render/public_view.h"
#include "util/diagnostic.h"
#include "util/stopwatch.h"

namespace sitrep {

struct SiteOutputs {
  Outputs public_files;    // site/public: everything a customer may fetch
  Outputs internal_files;  // site/internal: never published
  std::optional<TimePoint> next_change;  // next scheduled change of state
  // The view the public tree was rendered from (it points into the model),
  // kept for the leak scan so it is not built twice.
  std::shared_ptr<const PublicView> public_view;
};

// Which trees to render. `sitrep build --only public` leaves the internal
// reports unrendered (they cannot leak, and the build is faster); `--only
// internal` renders of the public tree only the theme's static files, which
// the internal pages share.
struct TreeSelection {
  bool public_tree = true;
  bool internal_tree = true;
};

// Where `sitrep build` takes each tree as it is rendered, so the site is
// never whole in memory: the public tree in batches (with the view it was
// rendered from, for the leak scan), then the internal tree in batches. The
// SiteOutputs' trees stay empty.
struct SiteSinks {
  // The public view, as soon as it is made (before any page): work that
  // needs only the view (the leak scan's texts) can start beside the render.
  std::function<void(std::shared_ptr<const PublicView>)> public_view_ready;
  std::function<void(Outputs&&, const PublicView&)> public_tree;
  std::function<void()> public_tree_done;  // every public batch is given (then the internal tree starts)
  OutputSink internal_tree;
  // The internal figures at the render's clock (render/internal_context.h),
  // when the caller made them beforehand; called once, on the internal
  // tree's thread. Unset: made there.
  std::function<InternalFigures()> internal_figures;
};

// `timings`, when set, receives how long each renderer took (for -v).
// `previous`, when set, makes the render incremental (render/incremental.h):
// pages whose fingerprint is in it come back `reused`, without bytes; an
// empty one renders everything and gives every page its fingerprint.
// `fragments` (with `previous`) keeps pieces of whole-site files between renders.
SiteOutputs render_site(const Model& model, TimePoint now, Diagnostics& diags, PhaseTimings* timings = nullptr,
                        const SiteFingerprints* previous = nullptr, FragmentCache* fragments = nullptr,
                        TreeSelection trees = {}, const SiteSinks* sinks = nullptr);

// Only site/public's api/v2 files, rendered by the same renderer as
// render_site's (no templates needed): what `sitrep changes` compares.
Outputs render_public_api(const Model& model, TimePoint now, Diagnostics& diags);

}  // namespace sitrep
