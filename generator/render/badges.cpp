#include "render/badges.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/text.h"
#include "render/html_common.h"
#include "render/urls.h"

namespace sitrep {

int badge_text_width(std::string_view text) {
  int chars = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;  // count UTF-8 lead bytes only
  const int width = 7 * chars + 10;
  return width + width % 2;
}

namespace {

// Colours behind white text, each at least 4.5:1 contrast (WCAG AA); the
// words carry the meaning, the colour only repeats it.
std::string_view status_colour(std::string_view status) {
  if (status == "degraded_performance" || status == "minor") return "#8a6100";
  if (status == "partial_outage" || status == "major") return "#b54708";
  if (status == "major_outage" || status == "critical") return "#c62828";
  if (status == "under_maintenance") return "#1f5fbf";
  return "#2e7d32";
}

OutputFile render_badge(const RenderContext& ctx, std::string path, const std::string& label,
                        const std::string& message, std::string_view colour) {
  const int label_width = badge_text_width(label), message_width = badge_text_width(message);
  const nlohmann::json context{{"shield",
                                {{"label", label},
                                 {"message", message},
                                 {"colour", colour},
                                 {"width", label_width + message_width},
                                 {"label_width", label_width},
                                 {"message_width", message_width},
                                 {"label_x", label_width / 2},
                                 {"message_x", label_width + message_width / 2},
                                 {"label_text_length", label_width - 10},
                                 {"message_text_length", message_width - 10}}}};
  return {std::move(path), ctx.templates.render("badge", context, ctx.diags)};
}

}  // namespace

Outputs render_badges(const RenderContext& ctx) {
  const PublicView& view = ctx.view;
  // An operational page under maintenance has the maintenance colour.
  const bool maintenance = view.indicator == "maintenance";
  Outputs out{render_badge(ctx, std::string{urls::k_badge}, "status", to_lower(view.description),
                           maintenance ? status_colour("under_maintenance") : status_colour(view.indicator))};
  for (const auto& c : view.components)
    out.push_back(render_badge(ctx, urls::component_badge(c.component->id), c.component->name,
                               to_lower(status_label(c.status)), status_colour(c.status)));
  return out;
}

}  // namespace sitrep
