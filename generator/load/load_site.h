#pragma once
// The thin, file-reading side of loading: find the content files under a
// site root, read them safely and hand their text to the pure parsers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

struct LoadOptions {
  std::string root = ".";
  unsigned threads = 0;  // 0 = hardware concurrency
};

// What stat() says about a file; equal stamps of a file last changed well
// before the previous load started mean the same bytes.
struct FileStamp {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// One file as the last load read and parsed it.
template <class T>
struct ParsedFile {
  FileStamp stamp;
  std::string text;
  std::optional<T> item;  // nullopt when the text could not be parsed
  Diagnostics diags;      // what parsing it reported
};

// What the last load parsed, kept by `sitrep serve` between rebuilds: a file
// whose text is unchanged (and read under the same site.toml, schemas and
// components) is not parsed again. A file is not even read when its stat()
// stamp is unchanged and its change time (ctime: set by every write and by
// touch, never settable by hand) is over a second older than the previous
// load, so that an edit within the timestamps' resolution is still seen.
struct LoadCache {
  std::uint64_t config_hash = 0;
  std::int64_t previous_load_ns = 0;  // wall clock when the previous load started
  std::map<std::string, ParsedFile<Incident>, std::less<>> incidents;  // by display path
  std::map<std::string, ParsedFile<Maintenance>, std::less<>> maintenance;
  std::map<std::string, ParsedFile<Postmortem>, std::less<>> postmortems;
  std::size_t parsed = 0;  // files the last load had to parse
};

// Loads everything; problems go to `diags` (whose rule policy is set from
// site.toml once that is read). Never throws for bad content. With a
// cache, unchanged files are taken from it and the cache is updated.
Model load_site(const LoadOptions& options, Diagnostics& diags, LoadCache* cache = nullptr);

// Display path for a file under the root: "content/x.toml" when the root is
// ".", else "<root>/content/x.toml".
std::string display_path(const std::string& root, const std::string& relative);

}  // namespace sitrep
