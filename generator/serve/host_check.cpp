#include "serve/host_check.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace sitrep {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_loopback_name(const std::string& name) {
  if (name == "localhost") return true;
  constexpr std::string_view suffix = ".localhost";
  if (name.size() <= suffix.size() || !name.ends_with(suffix)) return false;
  const std::string_view labels = std::string_view(name).substr(0, name.size() - suffix.size());
  if (labels.front() == '.' || labels.back() == '.' || labels.find("..") != std::string_view::npos) return false;
  return std::all_of(labels.begin(), labels.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; });
}

struct Address {
  int family = 0;  // 0: not an IP address
  unsigned char bytes[16] = {};
};

// "127.0.0.1", "[::1]" (Host form) or "::1" (--bind form). inet_pton takes
// only the dotted-decimal form, so "127.1" or "0x7f.1" are names, not addresses.
Address parse_address(std::string_view text) {
  Address a;
  std::string s(text);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') {
    s = s.substr(1, s.size() - 2);
    if (inet_pton(AF_INET6, s.c_str(), a.bytes) == 1) a.family = AF_INET6;
    return a;
  }
  if (inet_pton(AF_INET, s.c_str(), a.bytes) == 1) a.family = AF_INET;
  else if (inet_pton(AF_INET6, s.c_str(), a.bytes) == 1) a.family = AF_INET6;
  return a;
}

bool is_loopback(const Address& a) {
  if (a.family == AF_INET) return a.bytes[0] == 127;
  if (a.family != AF_INET6) return false;
  in6_addr v6;
  std::copy(std::begin(a.bytes), std::end(a.bytes), v6.s6_addr);
  if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
  return IN6_IS_ADDR_V4MAPPED(&v6) && a.bytes[12] == 127;
}

bool same(const Address& a, const Address& b) {
  return a.family != 0 && a.family == b.family &&
         std::equal(a.bytes, a.bytes + (a.family == AF_INET ? 4 : 16), b.bytes);
}

}  // namespace

bool is_allowed_host(std::string_view host, std::string_view bind) {
  // Split off the port: "name[:digits]" or "[v6][:digits]".
  std::string_view name = host, port;
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    name = host.substr(0, close + 1);
    port = host.substr(close + 1);
  } else if (const auto colon = host.find(':'); colon != std::string_view::npos) {
    name = host.substr(0, colon);
    port = host.substr(colon);
  }
  if (!port.empty() && (port.front() != ':' || port.size() > 6 ||
                        !std::all_of(port.begin() + 1, port.end(), [](char c) { return c >= '0' && c <= '9'; })))
    return false;
  const std::string host_name = lower(name);
  if (host_name.empty()) return false;
  if (is_loopback_name(host_name)) return true;

  const Address address = parse_address(host_name);
  if (address.family == 0 && host_name.front() == '[') return false;  // brackets around a non-address
  if (is_loopback(address)) return true;

  const std::string bound = lower(bind);
  const Address bound_address = parse_address(bound);
  const bool every_interface = bound.empty() || bound == "0.0.0.0" || bound == "::" || bound == "[::]";
  if (every_interface) return address.family != 0;
  if (bound_address.family != 0) return same(address, bound_address);
  return host_name == bound;  // bound by name: that name
}

}  // namespace sitrep
