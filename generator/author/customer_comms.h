#pragma once
// `sitrep comms --format email|short|slack|json`: the incident's current
// state for customers, in each channel's shape. Everything comes from a
// CustomerNotice, which is filled from the public view (render/public_view.h)
// and holds only what the public incident page shows - no severity, roles,
// metrics, timeline or internal components can reach a customer, because
// they are not in the struct the templates see.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

struct CustomerNotice {
  std::string site;          // site title
  std::string id, title;     // the incident's public id (its URL slug) and title
  std::string status;        // investigating|identified|monitoring|resolved, at now
  std::string status_label;  // "Investigating"
  std::string message;       // the latest public update's text (Markdown)
  std::string message_text;  // the same as plain text
  std::string summary;       // its first sentence, on one line (for short posts)
  std::string url;           // the incident's public page
  std::string started, updated, next_update_by;  // in the site's zone ("2026-11-26 03:05 PST"); may be empty
  std::string started_iso, updated_iso, next_update_by_iso;  // RFC 3339 UTC
  std::vector<std::pair<std::string, std::string>> components;  // public name -> what it shows ("Major outage")
  bool active = false;
};

// The notice for `incident` (id, `latest` or path) at `now`; an error when
// the incident is not on the public site (public = false, an internal-only
// severity, or not started yet).
std::optional<CustomerNotice> customer_notice(const Model& model, std::string_view incident, TimePoint now,
                                              Diagnostics& diags);

// The channel formats besides the internal "chat" one.
inline const std::vector<std::string> k_customer_formats = {"email", "short", "slack", "json"};
// The short post's bound, link included (X/Twitter, Mastodon's default is 500).
inline constexpr std::size_t k_short_limit = 280;

// Renders `notice` in `format`: email, short and slack from the site's or
// theme's comms_<format>.mustache, json with a serializer. The short post
// is cut (its text before the link, with "…") to k_short_limit code points.
std::optional<std::string> customer_text(const Model& model, const CustomerNotice& notice, std::string_view format,
                                         Diagnostics& diags);

// Length in code points (what a post's limit counts).
std::size_t code_points(std::string_view text);

}  // namespace sitrep
