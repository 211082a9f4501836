#include "render/page_parts.h"

#include <cmath>
#include <cstdio>

#include "render/urls.h"

namespace sitrep {
namespace {

std::string percent_text(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::floor(p * 100.0) / 100.0);  // never round up to 100%
  return buf;
}

}  // namespace

Json maintenance_summary_json(const RenderContext& ctx, const PublicMaintenance& m, std::string_view root) {
  const Maintenance& mt = *m.maintenance;
  return Json{
      {"id", mt.id},
      {"title", mt.title},
      {"url", std::string{root} + urls::maintenance(mt.id)},
      {"status", status_json(m.status)},
      {"start", time_json(ctx, mt.scheduled_start)},
      {"end", time_json(ctx, mt.scheduled_end)},
      {"components", component_links_json(ctx, m.components, root)},
      {"message_html", public_html(mt.message)},
  };
}

Json component_links_json(const RenderContext& ctx, const std::vector<std::string>& ids, std::string_view root) {
  Json out = Json::array();
  for (const auto& id : ids)
    if (const PublicComponent* c = ctx.view.component(id))
      out.push_back({{"name", c->component->name}, {"url", std::string{root} + urls::component(id)}});
  return out;
}

Json uptime_json(const RenderContext& ctx, const ComponentUptime& uptime) {
  Json days = Json::array();
  for (const auto& d : uptime.days) {
    const std::string date = format_in_zone(TimePoint{d.day.time_since_epoch()}, nullptr, "%b %d, %Y");
    std::string text = date + ": " + percent_text(d.percent()) + "% uptime";
    if (d.worst != "operational") text += ", worst: " + status_label(d.worst);
    days.push_back({{"level", d.worst}, {"text", text}});
  }
  (void)ctx;
  return Json{{"percent", percent_text(uptime.percent())},
              {"days", days},
              {"count", uptime.days.size()}};
}

std::string uptime_rule(const UptimeWeights& w) {
  const auto pct = [](double v) { return std::to_string(static_cast<int>(std::lround(v * 100))) + "%"; };
  return "Uptime is computed per day in the page's time zone from the component statuses given in incident "
         "updates: a minute of major outage counts as " +
         pct(w.major_outage) + " downtime, partial outage " + pct(w.partial_outage) + ", degraded performance " +
         pct(w.degraded_performance) + ". Scheduled maintenance does not count as downtime.";
}

}  // namespace sitrep
