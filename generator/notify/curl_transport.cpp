#include "notify/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>
#include <memory>

namespace sitrep {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using List = std::unique_ptr<curl_slist, ListDeleter>;

size_t discard(char*, size_t size, size_t n, void*) { return size * n; }

// Keeps Retry-After when it is a number of seconds (an HTTP date is ignored).
size_t read_header(char* data, size_t size, size_t n, void* user) {
  const std::string_view line{data, size * n};
  constexpr std::string_view k_name = "retry-after:";
  if (line.size() > k_name.size()) {
    std::string name{line.substr(0, k_name.size())};
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == k_name) {
      long seconds = 0;
      bool digits = false;
      for (const char c : line.substr(k_name.size())) {
        if (c >= '0' && c <= '9') {
          seconds = std::min(seconds * 10 + (c - '0'), 86400L);
          digits = true;
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          return size * n;
        }
      }
      if (digits) *static_cast<long*>(user) = seconds;
    }
  }
  return size * n;
}

struct Upload {
  const std::string* text;
  std::size_t at = 0;
};

size_t read_upload(char* buffer, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t len = std::min(size * n, u->text->size() - u->at);
  std::memcpy(buffer, u->text->data() + u->at, len);
  u->at += len;
  return len;
}

bool append(List& list, const std::string& item) {
  curl_slist* next = curl_slist_append(list.get(), item.c_str());
  if (!next) return false;
  list.release();
  list.reset(next);
  return true;
}

// Transport-level failures worth another try: the receiver may be back.
bool retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR: return true;
    default: return false;
  }
}

void common_options(CURL* c, std::chrono::milliseconds connect, std::chrono::milliseconds total) {
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
}

// curl's own messages may quote the URL; only its code's name is logged.
SendResult curl_failure(CURLcode code) {
  SendResult r;
  r.retryable = retryable(code);
  r.error = std::string{"curl: "} + curl_easy_strerror(code);
  return r;
}

}  // namespace

CurlTransport::CurlTransport(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds total_timeout)
    : connect_timeout_(connect_timeout), total_timeout_(total_timeout) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

CurlTransport::~CurlTransport() { curl_global_cleanup(); }

SendResult CurlTransport::post(const HttpRequest& request) {
  Easy c{curl_easy_init()};
  if (!c) return {false, false, "curl: cannot start a transfer"};
  List headers;
  for (const auto& [name, value] : request.headers)
    if (!append(headers, name + ": " + value)) return {false, false, "curl: out of memory"};
  append(headers, "Expect:");  // no 100-continue round trip
  common_options(c.get(), connect_timeout_, total_timeout_);
  curl_easy_setopt(c.get(), CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c.get(), CURLOPT_USERAGENT, "sitrep-notify");
  long retry_after = 0;
  curl_easy_setopt(c.get(), CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(c.get(), CURLOPT_HEADERDATA, &retry_after);
  const CURLcode code = curl_easy_perform(c.get());
  if (code != CURLE_OK) return curl_failure(code);
  long status = 0;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &status);
  SendResult r = http_status_result(status);
  if (r.retryable) r.retry_after = std::chrono::seconds{retry_after};
  return r;
}

SendResult CurlTransport::send_mail(const MailRequest& request) {
  Easy c{curl_easy_init()};
  if (!c) return {false, false, "curl: cannot start a transfer"};
  List recipients;
  for (const auto& r : request.recipients)
    if (!append(recipients, "<" + r + ">")) return {false, false, "curl: out of memory"};
  common_options(c.get(), connect_timeout_, total_timeout_);
  curl_easy_setopt(c.get(), CURLOPT_URL, request.smtp_url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (request.starttls && request.smtp_url.rfind("smtp://", 0) == 0)
    curl_easy_setopt(c.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!request.username.empty()) {
    curl_easy_setopt(c.get(), CURLOPT_USERNAME, request.username.c_str());
    curl_easy_setopt(c.get(), CURLOPT_PASSWORD, request.password.c_str());
  }
  const std::string from = "<" + request.from + ">";
  curl_easy_setopt(c.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c.get(), CURLOPT_MAIL_RCPT, recipients.get());
  Upload upload{&request.message};
  curl_easy_setopt(c.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(c.get(), CURLOPT_UPLOAD, 1L);
  const CURLcode code = curl_easy_perform(c.get());
  long reply = 0;
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &reply);
  if (code == CURLE_OK) return {true, false, ""};
  SendResult r = curl_failure(code);
  // An SMTP 4xx reply is temporary by definition (RFC 5321 4.2.1).
  if (reply >= 400 && reply < 500) r.retryable = true;
  if (reply >= 400) r.error += " (SMTP " + std::to_string(reply) + ")";
  return r;
}

}  // namespace sitrep
