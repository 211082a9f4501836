#pragma once
// Characters no XML 1.0 document may hold (C0 controls other than TAB, LF
// and CR; U+FFFE, U+FFFF) and those HTML5 reports as parse errors (DEL,
// C1 controls). Content may carry them through TOML escapes ("\u0001"),
// and one of them in a feed makes the whole feed unreadable.
#include <string>
#include <string_view>

namespace sitrep {

// `text` with each such character replaced by U+FFFD. Replaced, not
// removed: the reader sees that something was there, two words never run
// together, and it is what HTML parsers and cmark-gfm already do with NUL.
// Text with nothing to replace is returned as it came (moved, not copied).
std::string replace_forbidden_xml_chars(std::string text);

}  // namespace sitrep
