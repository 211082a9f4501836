#include "notify/slack_payload.h"

#include <nlohmann/json.hpp>

#include "notify/event_text.h"

namespace sitrep {
namespace {

constexpr std::size_t k_section_limit = 3000;  // Slack's limit for a section's text

}  // namespace

std::string slack_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

HttpPayload slack_payload(const ChangeEvent& event, const SiteInfo& site) {
  const std::string headline = slack_escape(event_headline(event));
  std::string section =
      event.url.empty() ? "*" + headline + "*" : "*<" + slack_escape(event.url) + "|" + headline + ">*";
  if (!event.message.empty()) section += "\n" + slack_escape(event.message);

  std::string facts;
  for (const auto& [label, value] : event_facts(event))
    facts += (facts.empty() ? "" : " | ") + label + ": " + slack_escape(value);

  nlohmann::ordered_json body;
  body["text"] = "[" + slack_escape(site.name) + "] " + headline;
  body["blocks"] = nlohmann::ordered_json::array();
  body["blocks"].push_back(
      {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", truncate_text(section, k_section_limit)}}}});
  if (!facts.empty())
    body["blocks"].push_back(
        {{"type", "context"},
         {"elements",
          nlohmann::ordered_json::array({{{"type", "mrkdwn"}, {"text", truncate_text(facts, k_section_limit)}}})}});
  HttpPayload out;
  out.body = body.dump();
  out.headers = {{"Content-Type", "application/json"}};
  return out;
}

}  // namespace sitrep
