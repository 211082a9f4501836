#include "notify/transport.h"

namespace sitrep {

SendResult http_status_result(long status) {
  SendResult r;
  if (status >= 200 && status < 300) {
    r.delivered = true;
    return r;
  }
  r.retryable = status == 429 || status >= 500;
  r.error = "HTTP " + std::to_string(status);
  return r;
}

}  // namespace sitrep
