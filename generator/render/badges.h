#pragma once
// SVG status badges in the shields.io "flat" style: badge.svg for the page
// and components/<id>/badge.svg per public component. The status is written
// out in words, so the badge reads the same without its colour; the SVG
// comes only from the theme's `badge` template.
#include <string_view>

#include "render/render_context.h"

namespace sitrep {

Outputs render_badges(const RenderContext& ctx);

// Width in px of a badge text: ~7 px per character plus 5 px padding each
// side, rounded up to even so the text centre is a whole pixel. Counted in
// characters, not bytes, so "Zürich" is as wide as "Zurich".
int badge_text_width(std::string_view text);

}  // namespace sitrep
