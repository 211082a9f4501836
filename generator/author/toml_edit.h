#pragma once
// Editing a TOML file as text, so that everything a person wrote - comments,
// blank lines, key order, quoting - stays byte for byte. toml++ is only asked
// where things are, never to write the file back out.
#include <optional>
#include <string>
#include <string_view>

namespace sitrep {

// Sets top-level `key` to `literal` (already TOML, e.g. a date-time). An
// existing value is replaced in place (the rest of its line, a trailing
// comment say, is kept); otherwise "key = literal" goes on a new line after
// the last top-level value, i.e. before the first table header and any
// comment above it. nullopt when `text` is not TOML or `key` is a table.
std::optional<std::string> set_top_level_key(std::string_view text, std::string_view key, std::string_view literal);

// `text`, a newline if it lacks one, a blank line, then `block`: the text is
// kept as an exact prefix of the result.
std::string append_block(std::string_view text, std::string_view block);

}  // namespace sitrep
