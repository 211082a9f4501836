#pragma once
// The tree a build swapped out, kept as the next build's staging folder
// instead of deleted (write/publish.h). Most of its files are hard links
// of the published ones (write/page_reuse.h links every unchanged page), so
// the next build keeps each file whose inode is still the published page's
// and replaces only what changed, where a fresh staging folder had to link
// every page again and the swap had to delete every old one: at 10 000
// incidents, 23 000 links and 23 000 unlinks less a rebuild
// (tests/bench/RESULTS.md).
//
// Nothing in the spare is trusted but inode numbers: a file is kept only
// when it is the very inode of a published page the build verified
// (still_published) and would link anyway; every other file is replaced or
// deleted, every entry neither a file nor a folder (a link, a socket) is
// deleted when the spare is taken stock of, and folders no output needs are
// removed. Whatever happened to the spare in between (a killed build, a
// hand that edited it), the staged tree ends as a fresh one would.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace sitrep {

// ".site.sitrep-spare": where the tree folder `unit_name` swapped out last
// waits for the next build, inside a folder sitrep owns.
std::string spare_name(std::string_view unit_name);
// A name spare_name gives.
bool is_spare_name(std::string_view entry);

// Files by their path in a tree: path -> inode.
using InodesByPath = std::unordered_map<std::string, std::uint64_t>;

// What a spare tree holds: its regular files and its folders (paths in the
// tree).
struct SpareContents {
  InodesByPath files;
  std::unordered_set<std::string> folders;
};

// Reads the tree open at `tree` (folders level by level, each level's on
// `threads` threads), deleting each entry that is neither a regular file
// nor a folder. Never follows a link. A folder that cannot be read is
// removed whole; 0, or the errno of an entry that could not be removed.
int take_stock(int tree, unsigned threads, SpareContents& out);

// Deletes the files of `spare` no output took (its remaining `files`), then
// its folders not in `needed`, deepest first. 0 or the first errno (a
// missing entry is no error: it may have gone with a folder an output file
// replaced).
int clear_leftovers(int tree, const SpareContents& spare, const std::unordered_set<std::string>& needed,
                    unsigned threads);

}  // namespace sitrep
