#pragma once
// The exports' per-incident pieces (report/exports.h: an incident's row of
// incidents.csv, its object in metrics.json), kept between builds the way
// `sitrep serve` keeps them between rebuilds (render/incremental.h's
// FragmentCache): a build after a one-file commit makes only the changed
// incidents' pieces instead of all of them (at ten thousand incidents a
// quarter of a full rebuild, tests/bench/RESULTS.md).
//
// One file per site root in the cache folder (load/cache_folder.h), keyed
// to the binary's build id like the other caches; a piece is found by the
// incident's fingerprint, which covers everything its rows are made from.
// A missing, damaged (every piece is in one checked hash), truncated or
// foreign file gives no piece: they are made, and the exports are the same
// bytes either way (tests/e2e/page_reuse.sh).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "load/cache_folder.h"
#include "render/incremental.h"

namespace sitrep {

std::optional<std::filesystem::path> export_pieces_file(const std::string& root, const CacheLocation& where);

// Seeds `cache` (before its render's start_render) with the pieces in
// `file`; how many, 0 when there is no usable file. Never throws.
std::size_t read_export_pieces(const std::filesystem::path& file, FragmentCache& cache);

// Writes the pieces `cache`'s render used (replace_file: a temporary file,
// renamed). False when it cannot: a cache is an optimisation, no error.
bool write_export_pieces(const std::filesystem::path& file, const FragmentCache& cache);

}  // namespace sitrep
