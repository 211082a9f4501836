#pragma once
// The thin, file-reading side of loading: find the content files under a
// site root, read them safely and hand their text to the pure parsers.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "model/model.h"
#include "util/diagnostic.h"
#include "util/mapped_file.h"

namespace sitrep {

struct LoadOptions {
  std::string root = ".";
  unsigned threads = 0;  // 0 = hardware concurrency
  // Off: a file taken from a disk cache (LoadCache::texts_by_hash) does not
  // keep its text in Model::sources (a third of a warm check's memory); it
  // is listed in Model::unkept_sources, to be read back for a diagnostic.
  bool keep_cached_texts = true;
};

// What stat() says about a file; equal stamps of a file last changed well
// before the previous load started mean the same bytes.
struct FileStamp {
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// One content file as the last load saw it.
struct FileRecord {
  FileStamp stamp;
  std::uint64_t text_hash = 0;  // hash_text of the file's text
  std::uint64_t text_size = 0;
  std::optional<std::size_t> item;  // index into the returned model's vector of its kind; none: unparseable
  Diagnostics diags;                // what reading and parsing it reported
};

// What the last load saw, kept by `sitrep serve` between rebuilds. A file
// whose text is unchanged (under the same site.toml, schemas and
// components) is not parsed again: its item is moved over from the model
// the last load returned, which the caller hands back as `previous`. A
// file is not even read when its stat() stamp (device, inode, size,
// modification and change time) is unchanged and its change time (ctime:
// set by every write and by touch, never settable by hand) is over a
// second older than the previous load's start, so an edit within the
// timestamps' resolution is still seen: git's index rule. That holds for a
// cache read back from disk too (the stamps and the load's start are in
// it); a fresh clone's files are new inodes, so they are read.
struct LoadCache {
  std::uint64_t config_hash = 0;
  std::int64_t previous_load_ns = 0;  // wall clock when the previous load started
  std::map<std::string, FileRecord, std::less<>> incidents;  // by display path
  std::map<std::string, FileRecord, std::less<>> maintenance;
  std::map<std::string, FileRecord, std::less<>> postmortems;
  Model previous;          // the model the last load returned, handed back by the caller
  std::size_t parsed = 0;  // files the last load had to parse
  std::size_t read = 0;    // files it read (the others' stamps were trusted)
  // Restored from disk (load_cache_file.h): `previous` has no sources, so a
  // file read is reused when its text has the recorded hash and size.
  bool texts_by_hash = false;
  // The cache file `previous`'s update messages are views into (model/
  // shared_text.h), when it was read from one; load_site hands it on as
  // Model::mapped_texts.
  std::shared_ptr<const MappedBytes> mapping;
};

// Loads everything; problems go to `diags` (whose rule policy is set from
// site.toml once that is read). Never throws for bad content. With a
// cache, unchanged files are taken from it and the cache is updated.
Model load_site(const LoadOptions& options, Diagnostics& diags, LoadCache* cache = nullptr);

// The text of an unkept source (Model::unkept_sources), read again; nullopt
// when it is not one, or the file no longer holds the text that was loaded.
std::optional<std::string> read_unkept_source(const Model& model, std::string_view display);

// Reads back into Model::sources every unkept source a diagnostic names, so
// printing them can show their lines.
void read_sources_of(Model& model, const Diagnostics& diags);

// Display path for a file under the root: "content/x.toml" when the root is
// ".", else "<root>/content/x.toml".
std::string display_path(const std::string& root, const std::string& relative);

}  // namespace sitrep
