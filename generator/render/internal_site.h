#pragma once
// render: site/internal, the reports engineers and leadership read and
// customers never see — every incident and postmortem in full, SLA
// compliance, statistics with charts, the follow-up tracker, postmortem
// compliance and the CSV/JSON exports. Every page carries a "do not publish"
// banner and a noindex robots meta; links stay inside the tree (relative)
// except links to the public pages, which are absolute (base_url).
#include "model/model.h"
#include "render/incremental.h"
#include "render/output.h"
#include "render/public_view.h"
#include "render/templates.h"
#include "util/stopwatch.h"

namespace sitrep {

// `public_files` are the public outputs: the theme's shared assets
// (style.css, favicon.svg) are copied from them, so both trees use the same
// bytes. The result is sorted by path.
Outputs render_internal_site(const Model& model, const PublicView& view, const TemplateSet& templates,
                             const Outputs& public_files, Diagnostics& diags, PhaseTimings* timings = nullptr,
                             const Incremental* incremental = nullptr);

}  // namespace sitrep
