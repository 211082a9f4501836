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

// Removes top-level `key`: its whole line, which must hold nothing else
// but a comment. nullopt when `text` is not TOML, the key is absent or a
// table, or shares its line.
std::optional<std::string> remove_top_level_key(std::string_view text, std::string_view key);

// Sets `key` = `literal` in the header table [`table`]: replaced in place,
// else a new line after the table's last value (after its header when it
// is empty). Without such a table, "[table]\nkey = literal" is inserted
// after the last top-level value. nullopt when `text` is not TOML or
// `table` is written inline or is not a table.
std::optional<std::string> set_table_key(std::string_view text, std::string_view table, std::string_view key,
                                         std::string_view literal);

// Appends `item` (a TOML literal) to the top-level array `key`, before its
// closing bracket; a trailing comma is kept. nullopt when `text` is not
// TOML or `key` is not an array.
std::optional<std::string> append_to_array(std::string_view text, std::string_view key, std::string_view item);

// `text`, a newline if it lacks one, a blank line, then `block`: the text is
// kept as an exact prefix of the result.
std::string append_block(std::string_view text, std::string_view block);

}  // namespace sitrep
