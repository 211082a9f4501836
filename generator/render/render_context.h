#pragma once
// What every public renderer is given. Renderers are pure: context in,
// files out; problems (a missing template) go to diags.
#include "model/model.h"
#include "render/incremental.h"
#include "render/output.h"
#include "render/public_view.h"
#include "render/static_assets.h"
#include "render/templates.h"

namespace sitrep {

struct RenderContext {
  const Model& model;
  const PublicView& view;
  const TemplateSet& templates;
  Diagnostics& diags;
  const Incremental* incremental = nullptr;  // set by `sitrep serve` only
  const StaticAssets* assets = nullptr;      // published asset names; HTML pages need them
  // Set by `sitrep build`: the incident pages go here in chunks instead of
  // being returned (render_pages_in_parallel).
  const OutputSink* sink = nullptr;

  const SiteConfig& site() const { return model.site; }
};

}  // namespace sitrep
