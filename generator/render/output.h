#pragma once
// Outputs are data: every renderer returns files (path + bytes) and never
// touches the disk; write/ decides where they go (disk or memory).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/text_sink.h"

namespace sitrep {

struct OutputFile {
  std::string path;   // relative to the tree it belongs to ("api/v2/summary.json")
  std::string bytes;
  // Incremental rendering only (render/incremental.h): what the page was
  // made from, and whether it was left unrendered because that is unchanged.
  std::uint64_t fingerprint = 0;
  bool reused = false;
  // Only in batches given to an OutputSink, only for internal files (the
  // leak scan reads `bytes`): set instead of `bytes` for a file written as
  // it is made (the exports, tens of megabytes); called with where the text
  // goes while the renderer's context lives (it reads it): before the sink
  // call returns, or before the renderer ends when the sink holds batches
  // back (render/batch_hand_off.h). Once, or a second time into a new file
  // after a failed write (write/publish.cpp then writes the batch's streams
  // one after the other, so the failure named is the same every time): the
  // same text each call.
  std::function<void(const TextSink&)> stream = nullptr;
};

using Outputs = std::vector<OutputFile>;

// Where a build hands files as soon as they are rendered (it writes them
// into the staging folder and frees them), instead of holding the whole
// tree in memory until the end. Called on the rendering thread, in a
// deterministic order.
using OutputSink = std::function<void(Outputs&&)>;

}  // namespace sitrep
