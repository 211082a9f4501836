#pragma once
// A file read through a read-only private mapping instead of a copy: the
// caches (load/load_cache_file.h, write/export_pieces.h) are tens of
// megabytes at ten thousand incidents, and a decoder that copies what it
// keeps needs the bytes only while it runs.
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

namespace sitrep {

// A file's bytes through a read-only private mapping, unmapped when the
// last owner lets it go. The file may be replaced (renamed over) or deleted
// meanwhile: the mapping keeps the old file's bytes. Truncating it in place
// would not be safe, and nothing sitrep does to its caches truncates one
// (cache_folder.h's replace_file writes a new file and renames it).
class MappedBytes {
 public:
  MappedBytes(const void* at, std::size_t size) : at_(at), size_(size) {}
  ~MappedBytes();
  MappedBytes(const MappedBytes&) = delete;
  MappedBytes& operator=(const MappedBytes&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(at_), size_}; }
  // Lets every page go (MADV_DONTNEED): they leave this process's memory
  // and come back from the page cache when read again. Safe while other
  // threads read the bytes: the mapping is read-only, so a page is never
  // anything but the file's.
  void let_go() const;

 private:
  const void* at_;
  std::size_t size_;
};

// `path`'s bytes mapped (with `populate`, faulted in at once:
// MAP_POPULATE); nullptr when the file is missing, not a regular file,
// empty or cannot be mapped.
std::shared_ptr<const MappedBytes> map_file(const std::filesystem::path& path, bool populate);

// Calls `use` with the bytes of the regular file `path`, mapped for the
// call only (with `populate`, faulted in at once: MAP_POPULATE). False,
// without calling it, when the file is missing, not a regular file, empty
// or cannot be mapped.
bool with_mapped_file(const std::filesystem::path& path, bool populate,
                      const std::function<void(std::string_view bytes)>& use);

}  // namespace sitrep
