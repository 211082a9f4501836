#pragma once
// A compact binary form of what loading parsed (items and each file's
// diagnostics), for the on-disk load cache (load_cache_file.h). It is read
// back only by the same sitrep binary (the cache file names its build id),
// so it has no versioning of its own: little-endian fixed-width integers,
// strings as length + bytes, containers as count + elements.
//
// Decoding trusts nothing: every read is bounds-checked and a count larger
// than the bytes left is refused, so a truncated or damaged payload throws
// CodecError instead of reading past the end or allocating without limit.
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "load/load_site.h"

namespace sitrep {

struct CodecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The records and the items they point into (the model load_site returned
// with them), handed to `emit` part by part: the first holds the config
// hash, when the load started, the item counts and the records; then each
// chunk of items has one (a part's bytes are valid only during its call,
// so the whole encoding is never in memory at once). Sources are not kept:
// a file is read again, and compared by hash and size, unless its stamp
// says it is unchanged.
void encode_load_parts(const LoadCache& cache, const Model& model,
                       const std::function<void(std::string_view part)>& emit);

// The LoadCache those parts hold, with the items in cache.previous and
// texts_by_hash set, decoded on `threads` threads. Throws CodecError.
// `before(i)` runs just before part i is decoded (on the thread decoding
// it; it may throw CodecError: a damaged part) and `after(i)` once it is,
// so a caller can check each part and let its bytes go as the decoding
// moves on, instead of holding the whole file. With `owner` (what keeps the
// parts' bytes alive, such as the cache file's mapping), the items' shared
// texts (model/shared_text.h) are views into the parts and keep `owner`;
// without one, they are copies.
struct PartHooks {
  std::function<void(std::size_t part)> before, after;
};
LoadCache decode_load_parts(const std::vector<std::string_view>& parts, unsigned threads = 0,
                            const PartHooks& hooks = {}, const std::shared_ptr<const void>& owner = nullptr);

}  // namespace sitrep
