#pragma once
// Which Host headers the preview answers: the defence against DNS
// rebinding, where a page from evil.example has its name re-pointed at
// 127.0.0.1 and then reads the preview (internal reports included) as its
// own origin. Its requests still say `Host: evil.example`, so only names
// that cannot be rebound are answered. docs/serve.md.
#include <string_view>

namespace sitrep {

// `host`: the Host header, port optional. Allowed: localhost and
// *.localhost (browsers resolve them to loopback themselves), 127.0.0.0/8,
// [::1], and the address the preview was bound to (`bind`, as given to
// --bind); bound to every interface (0.0.0.0 or ::), any IP address, since
// only names can be rebound.
bool is_allowed_host(std::string_view host, std::string_view bind);

}  // namespace sitrep
