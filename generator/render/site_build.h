#pragma once
// render: the whole site from a validated model, as files in memory.
#include <memory>

#include "model/model.h"
#include "render/incremental.h"
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

// `timings`, when set, receives how long each renderer took (for -v).
// `previous`, when set, makes the render incremental (render/incremental.h):
// pages whose fingerprint is in it come back `reused`, without bytes; an
// empty one renders everything and gives every page its fingerprint.
// `fragments` (with `previous`) keeps pieces of whole-site files between renders.
SiteOutputs render_site(const Model& model, TimePoint now, Diagnostics& diags, PhaseTimings* timings = nullptr,
                        const SiteFingerprints* previous = nullptr, FragmentCache* fragments = nullptr,
                        TreeSelection trees = {});

// Only site/public's api/v2 files, rendered by the same renderer as
// render_site's (no templates needed): what `sitrep changes` compares.
Outputs render_public_api(const Model& model, TimePoint now, Diagnostics& diags);

}  // namespace sitrep
