#pragma once
// HMAC-SHA256 over the exact body bytes: what X-Sitrep-Signature carries so
// a receiver can check a webhook came from whoever holds the secret.
#include <string>
#include <string_view>

namespace sitrep {

// Lower-case hex of HMAC-SHA256(key, data).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// "sha256=<hex>", the header's value.
std::string webhook_signature(std::string_view secret, std::string_view body);

}  // namespace sitrep
