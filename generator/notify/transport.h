#pragma once
// How a payload leaves the machine. deliver() only talks to this interface,
// so tests (and a future queue) can stand in for the network.
#include <chrono>
#include <string>
#include <vector>

#include "notify/payload.h"

namespace sitrep {

struct HttpRequest {
  std::string url;
  std::vector<Header> headers;
  std::string body;
};

struct MailRequest {
  std::string smtp_url;
  bool starttls = true;
  std::string username, password;  // empty = no authentication
  std::string from;                // the bare address, for MAIL FROM
  std::vector<std::string> recipients;
  std::string message;  // RFC 5322, CRLF
};

struct SendResult {
  bool delivered = false;
  bool retryable = false;  // 5xx, 429, timeouts, connection errors
  // Safe to log: a status code or a curl error name, never a URL or secret.
  std::string error;
  // A 429 or 503's Retry-After in seconds (0 = none): the receiver's own
  // wait, honoured up to a minute when longer than the backoff.
  std::chrono::seconds retry_after{0};
};

// 2xx: delivered; 429 and 5xx: retryable; any other code: failed for good.
SendResult http_status_result(long status);

class Transport {
 public:
  virtual ~Transport() = default;
  virtual SendResult post(const HttpRequest& request) = 0;
  virtual SendResult send_mail(const MailRequest& request) = 0;
};

}  // namespace sitrep
