// Mail encodings and URL redaction for `sitrep notify`.
#include <doctest/doctest.h>

#include "notify/mail_encoding.h"
#include "notify/redact.h"

using namespace sitrep;

TEST_CASE("encode_header_value: ASCII as is, anything else as RFC 2047 encoded words") {
  CHECK(encode_header_value("[Acme] New incident: API") == "[Acme] New incident: API");
  CHECK(encode_header_value("caf\u00e9") == "=?UTF-8?B?Y2Fmw6k=?=");
  // An ASCII text that looks like an encoded word is encoded, so it reads back as written.
  CHECK(encode_header_value("=?x?=") == "=?UTF-8?B?PT94Pz0=?=");
  // 44 ASCII bytes then a 2-byte character: the character is not split across words.
  const std::string text = std::string(44, 'a') + "\u00e9";
  const std::string encoded = encode_header_value(text);
  CHECK(encoded == "=?UTF-8?B?YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE=?=\r\n =?UTF-8?B?w6k=?=");
}

TEST_CASE("quoted_printable: CRLF lines, = and 8-bit escaped, trailing space kept, soft breaks") {
  CHECK(quoted_printable("a=b\n\u00fc \nend\n") == "a=3Db\r\n=C3=BC=20\r\nend\r\n");
  CHECK(quoted_printable("crlf\r\nin") == "crlf\r\nin");
  const std::string long_line(80, 'x');
  CHECK(quoted_printable(long_line) == std::string(75, 'x') + "=\r\n" + std::string(5, 'x'));
}

TEST_CASE("rfc5322_date") {
  CHECK(rfc5322_date(*parse_rfc3339("2026-11-26T03:12:00Z")) == "Thu, 26 Nov 2026 03:12:00 +0000");
  CHECK(rfc5322_date(*parse_rfc3339("2026-11-26T03:12:00-08:00")) == "Thu, 26 Nov 2026 11:12:00 +0000");
}

TEST_CASE("redact_url keeps scheme and host only") {
  CHECK(redact_url("https://hooks.slack.com/services/T000/B000/XXXX") == "https://hooks.slack.com/\u2026");
  CHECK(redact_url("https://discord.com/api/webhooks/1/token?wait=true") == "https://discord.com/\u2026");
  CHECK(redact_url("http://user:pw@127.0.0.1:8080/webhook") == "http://127.0.0.1/\u2026");
  CHECK(redact_url("http://[::1]:8080/x") == "http://[::1]/\u2026");
  CHECK(redact_url("smtps://smtp.example:465") == "smtps://smtp.example/\u2026");
  CHECK(redact_url("not a url") == "\u2026");
}
