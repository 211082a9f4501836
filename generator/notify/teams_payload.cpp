#include "notify/teams_payload.h"

#include <nlohmann/json.hpp>

#include "notify/event_text.h"

namespace sitrep {

HttpPayload teams_payload(const ChangeEvent& event, const SiteInfo& site) {
  using json = nlohmann::ordered_json;
  json card_body = json::array();
  card_body.push_back({{"type", "TextBlock"}, {"text", site.name}, {"isSubtle", true}, {"wrap", true}});
  card_body.push_back({{"type", "TextBlock"},
                       {"text", event_headline(event)},
                       {"weight", "Bolder"},
                       {"size", "Medium"},
                       {"wrap", true}});
  if (!event.message.empty()) card_body.push_back({{"type", "TextBlock"}, {"text", event.message}, {"wrap", true}});
  json facts = json::array();
  for (const auto& [label, value] : event_facts(event)) facts.push_back({{"title", label}, {"value", value}});
  if (!facts.empty()) card_body.push_back({{"type", "FactSet"}, {"facts", std::move(facts)}});

  json card;
  card["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json";
  card["type"] = "AdaptiveCard";
  card["version"] = "1.4";
  card["body"] = std::move(card_body);
  if (!event.url.empty())
    card["actions"] =
        json::array({{{"type", "Action.OpenUrl"}, {"title", "View on the status page"}, {"url", event.url}}});

  json body;
  body["type"] = "message";
  body["attachments"] =
      json::array({{{"contentType", "application/vnd.microsoft.card.adaptive"}, {"content", std::move(card)}}});
  HttpPayload out;
  out.body = body.dump();
  out.headers = {{"Content-Type", "application/json"}};
  return out;
}

}  // namespace sitrep
