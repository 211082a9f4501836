#pragma once
// Text from content shown on a terminal or in a CI log: control characters
// written as escapes, so an ESC in a title cannot recolour, move the cursor
// or retitle the terminal of whoever runs `sitrep check`.
#include <string>
#include <string_view>

namespace sitrep {

// C0 controls other than TAB and LF, and DEL, become `\xNN`; C1 controls
// (U+0080-U+009F) become `\u0085` and the like: the spelling a TOML string
// would use for them, so the author can find them in the file. With
// `one_line`, LF is escaped too: a diagnostic's message quoting an id
// "x\nfile.toml:1:1: error: ..." must not print a line that reads as
// another diagnostic.
std::string escape_control_chars(std::string_view text, bool one_line = false);

// How many columns escape_control_chars turns the code point starting at
// text[i] into (1 for any other code point), for the caret under a source line.
std::size_t escaped_width(std::string_view text, std::size_t i);

}  // namespace sitrep
