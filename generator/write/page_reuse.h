#pragma once
// Pages a build takes from the site it published last instead of rendering
// them again, the way `sitrep serve` keeps pages between rebuilds
// (render/incremental.h), across runs of `sitrep build`: an incident page
// made from the same fingerprint (site configuration, templates, theme
// assets, the incident's and its postmortems' source files, and the clock
// while it can still change the page) is the same bytes, so the new tree
// gets a hard link to the published file (a copy where links are refused).
//
// A record in the cache folder (load/load_cache_file.h's, one file per site
// root) lists each published page with its fingerprint and the identity of
// the file the build left (device, inode, size, change time). A page is
// taken only while its file is still that one: a page edited, replaced or
// deleted in site/ since, a record another binary wrote, or a damaged one,
// and the page is rendered. The public pages taken are scanned for internal
// text again when the scan's patterns changed (render/leak_scan.h). The
// record never changes an output, only whether a page is rendered or linked
// (tests/e2e/page_reuse.sh compares trees with and without it).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "load/cache_folder.h"
#include "render/incremental.h"
#include "render/leak_scan.h"
#include "write/folder_at.h"
#include "write/spare_tree.h"

namespace sitrep {

struct PublishedPage {
  std::string path;  // in its tree
  std::uint64_t fingerprint = 0;
};

struct PageReuseRecord {
  struct Page {
    std::string path;
    std::uint64_t fingerprint = 0;
    FileIdentity identity;
  };
  struct Tree {
    std::string target;  // absolute, as written by key_of_target
    std::vector<Page> pages;
    // A public tree's: what the leak scan its pages passed learnt (empty
    // when unknown: its linked pages are scanned again).
    LeakScanMemo leak_scan;
  };
  std::vector<Tree> trees;
};

// The leak scan memo of the tree at `target`; nullptr when there is none.
const LeakScanMemo* leak_memo_of(const PageReuseRecord& record, const std::filesystem::path& target);

// The record of a site root in the cache folder; nullopt when caching is off.
std::optional<std::filesystem::path> page_reuse_file(const std::string& root, const CacheLocation& where);

// What the file holds; empty when it is missing, damaged or another
// binary's. Never throws.
PageReuseRecord read_page_reuse(const std::filesystem::path& file);

// The pages of the tree at `target` whose files are still the ones recorded:
// path -> fingerprint, and into `inodes` (when given) path -> inode. Stats
// each file (on `threads` threads, 0 = all cores).
PageFingerprints still_published(const PageReuseRecord& record, const std::filesystem::path& target,
                                 unsigned threads = 0,
                                 InodesByPath* inodes = nullptr);

// After a publish: the trees just published, with their files' identities as
// they are now, and the other trees' records kept from `previous`. Written to
// a temporary file and renamed. False when it cannot be written (no error:
// the next build renders every page).
struct PublishedTree {
  std::filesystem::path target;
  std::vector<PublishedPage> pages;
  LeakScanMemo leak_scan;  // the public tree's scan; empty for the internal tree
  // Pages whose files the publish kept as they were (Publisher::
  // take_kept_paths): their identity is the one `previous` records, so they
  // are not stat'ed again.
  std::vector<std::string> untouched;
};
// Notes each page of `files` that has a fingerprint into `tree`, and counts
// the linked ones.
void note_pages(const Outputs& files, PublishedTree& tree, std::size_t& linked);

bool write_page_reuse(const std::filesystem::path& file, const PageReuseRecord& previous,
                      const std::vector<PublishedTree>& published, unsigned threads = 0);

}  // namespace sitrep
