#pragma once
// The encodings an RFC 5322 message needs: RFC 2047 encoded words for
// non-ASCII header values, quoted-printable bodies (RFC 2045 6.7), dates.
#include <string>
#include <string_view>

#include "util/time.h"

namespace sitrep {

// ASCII text comes back unchanged; anything else as one or more
// "=?UTF-8?B?...?=" words (each <= 75 characters, cut on UTF-8 boundaries)
// joined by CRLF + space, so the header folds between them.
std::string encode_header_value(std::string_view text);

// Quoted-printable with CRLF line ends and soft breaks before 76 characters.
// `text`'s line ends may be LF or CRLF.
std::string quoted_printable(std::string_view text);

// "Thu, 26 Nov 2026 03:12:00 +0000" (RFC 5322 3.3, in UTC).
std::string rfc5322_date(TimePoint t);

}  // namespace sitrep
