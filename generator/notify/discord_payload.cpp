#include "notify/discord_payload.h"

#include <nlohmann/json.hpp>

#include "notify/event_text.h"

namespace sitrep {

int discord_color(const ChangeEvent& e) {
  if (e.kind == ChangeKind::incident_resolved || e.kind == ChangeKind::maintenance_completed) return 0x2ecc71;
  if (e.is_maintenance) return 0x3498db;
  if (e.impact == "major" || e.impact == "critical") return 0xe74c3c;
  if (e.impact == "minor") return 0xe67e22;
  return 0x95a5a6;
}

HttpPayload discord_payload(const ChangeEvent& event, const SiteInfo& site) {
  nlohmann::ordered_json embed;
  embed["title"] = truncate_text(event_headline(event), 256);
  if (!event.message.empty()) embed["description"] = truncate_text(event.message, 4096);
  if (!event.url.empty()) embed["url"] = event.url;
  if (!event.at.empty()) embed["timestamp"] = event.at;
  embed["color"] = discord_color(event);
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const auto& [label, value] : event_facts(event))
    if (label != "Time")  // the embed's timestamp shows it
      fields.push_back({{"name", label}, {"value", truncate_text(value, 1024)}, {"inline", true}});
  if (!fields.empty()) embed["fields"] = std::move(fields);
  embed["footer"] = {{"text", truncate_text(site.name, 2048)}};

  nlohmann::ordered_json body;
  body["allowed_mentions"] = {{"parse", nlohmann::ordered_json::array()}};
  body["embeds"] = nlohmann::ordered_json::array({std::move(embed)});
  HttpPayload out;
  out.body = body.dump();
  out.headers = {{"Content-Type", "application/json"}};
  return out;
}

}  // namespace sitrep
