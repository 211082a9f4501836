#pragma once
// A file read through a read-only private mapping instead of a copy: the
// caches (load/load_cache_file.h, write/export_pieces.h) are tens of
// megabytes at ten thousand incidents, and a decoder that copies what it
// keeps needs the bytes only while it runs.
#include <filesystem>
#include <functional>
#include <string_view>

namespace sitrep {

// Calls `use` with the bytes of the regular file `path`, mapped for the
// call only (with `populate`, faulted in at once: MAP_POPULATE). False,
// without calling it, when the file is missing, not a regular file, empty
// or cannot be mapped.
bool with_mapped_file(const std::filesystem::path& path, bool populate,
                      const std::function<void(std::string_view bytes)>& use);

}  // namespace sitrep
