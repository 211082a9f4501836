#include "notify/webhook_payload.h"

#include <nlohmann/json.hpp>

#include "notify/signature.h"

namespace sitrep {

HttpPayload webhook_payload(const ChangeEvent& event, const SiteInfo& site, std::string_view secret) {
  nlohmann::ordered_json body;
  body["event"] = to_json(event);
  body["site"] = {{"name", site.name}, {"url", site.url}};
  HttpPayload out;
  out.body = body.dump();
  out.headers = {{"Content-Type", "application/json"},
                 {"X-Sitrep-Event", std::string{change_kind_name(event.kind)}},
                 {"X-Sitrep-Event-Id", event.id}};
  // Signed last, over the exact bytes sent.
  if (!secret.empty()) out.headers.emplace_back("X-Sitrep-Signature", webhook_signature(secret, out.body));
  return out;
}

}  // namespace sitrep
