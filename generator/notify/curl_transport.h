#pragma once
// The real network: HTTP POST and SMTP through libcurl, with bounded
// connect and total times.
#include <chrono>

#include "notify/transport.h"

namespace sitrep {

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(std::chrono::milliseconds connect_timeout = std::chrono::seconds{10},
                         std::chrono::milliseconds total_timeout = std::chrono::seconds{30});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  SendResult post(const HttpRequest& request) override;
  SendResult send_mail(const MailRequest& request) override;

 private:
  std::chrono::milliseconds connect_timeout_, total_timeout_;
};

}  // namespace sitrep
