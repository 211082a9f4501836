#pragma once
// What every payload family builds: pure functions of an event, the site and
// a target's resolved settings; nothing here touches the network.
#include <string>
#include <utility>
#include <vector>

namespace sitrep {

struct SiteInfo {
  std::string name;  // site.toml's title
  std::string url;   // site.toml's base_url
};

using Header = std::pair<std::string, std::string>;

// One HTTP POST body with its headers.
struct HttpPayload {
  std::vector<Header> headers;
  std::string body;
};

}  // namespace sitrep
