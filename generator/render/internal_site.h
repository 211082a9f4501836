#pragma once
// render: site/internal, the reports engineers and leadership read and
// customers never see — every incident and postmortem in full, SLA
// compliance, statistics with charts, the follow-up tracker, postmortem
// compliance and the CSV/JSON exports. Every page carries a "do not publish"
// banner and a noindex robots meta; links stay inside the tree (relative)
// except links to the public pages, which are absolute (base_url).
#include "model/model.h"
#include "render/incremental.h"
#include "render/internal_context.h"
#include "render/output.h"
#include "render/public_view.h"
#include "render/static_assets.h"
#include "render/templates.h"
#include "util/stopwatch.h"

namespace sitrep {

// `assets` are the static files as published in site/public: the theme's
// (style.css, favicon.svg, under their hashed names) are copied into the
// internal tree too, so both trees use the same bytes; the site's other
// static files stay out. The result is sorted by path. With `sink`, the
// files go to it as they are rendered (in batches, unsorted) and the result
// is empty.
Outputs render_internal_site(const Model& model, const PublicView& view, const TemplateSet& templates,
                             const StaticAssets& assets, Diagnostics& diags, PhaseTimings* timings = nullptr,
                             const Incremental* incremental = nullptr, const OutputSink* sink = nullptr);

// The same from a context the caller made and keeps: render_site's thread
// for the internal tree holds it until its batches, the exports' streams
// among them, are written.
// Its theme, assets and sink are the context's (ctx.assets must be set).
Outputs render_internal_site(const InternalContext& ctx, PhaseTimings* timings);

}  // namespace sitrep
