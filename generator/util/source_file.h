#pragma once
// Reading a content file safely: bounded size and line length, no binary,
// valid UTF-8. Problems come back as diagnostics, never as exceptions.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/confined_path.h"
#include "util/diagnostic.h"

namespace sitrep {

inline constexpr std::size_t k_max_file_bytes = 4u << 20;  // 4 MiB
inline constexpr std::size_t k_max_line_bytes = 64u << 10;  // 64 KiB

// Reads a regular file of at most `max_bytes`, whatever its bytes (static
// files are binary); a FIFO, device or socket is reported, never opened for
// a blocking read, so no input can hang a run.
std::optional<std::string> read_regular_file(const std::filesystem::path& file, const std::string& display_path,
                                             std::size_t max_bytes, Diagnostics& diags);

// Reads `file`; `display_path` is what diagnostics name. Returns nullopt and
// reports a diagnostic when the file cannot be used.
std::optional<std::string> read_source_file(const std::filesystem::path& file, const std::string& display_path,
                                            Diagnostics& diags);

// The same for `relative` under `root`, confined to the root first
// (util/confined_path.h): a path that escapes it is reported under
// "outside-root", naming the file and never its content, and is not read.
std::optional<std::string> read_confined_file(const std::filesystem::path& root, std::string_view relative,
                                              const std::string& display_path, Diagnostics& diags);

// The same, up to the text checks (size only): for a caller that already
// knows these bytes passed them (the load cache), else it runs
// check_source_text itself.
std::optional<std::string> read_confined_bytes(const std::filesystem::path& root, std::string_view relative,
                                               const std::string& display_path, Diagnostics& diags,
                                               const PlainFolders* plain = nullptr);

// Reports why resolve_inside refused a file (the one wording for every reader).
void report_unconfined(const std::string& display_path, const std::string& reason, const std::string& rule,
                       Diagnostics& diags);

// Checks bytes already in memory (same rules as read_source_file).
bool check_source_text(std::string_view text, const std::string& display_path, Diagnostics& diags);

// The text of line `line` (1-based) without its newline, or empty.
std::string_view line_of(std::string_view text, std::uint32_t line);

}  // namespace sitrep
