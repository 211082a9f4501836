#pragma once
// Batches one thread renders, handed to a sink on another thread in the
// order they were made. render_site renders the internal tree on a thread of
// its own while the public tree renders, yet the internal files must reach
// the disk after every public one, in the order the renderers made them: the
// writes, and so the file a full disk names first, do not depend on
// scheduling. The renderer puts batches; the writer, once the public tree
// is done, drains them into the real sink.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "render/output.h"

namespace sitrep {

class BatchHandOff {
 public:
  // put() waits while more than `held_bytes` of rendered text is queued
  // (the writer has not started, or is slower), so a tree rendered far
  // ahead of its writer is never whole in memory.
  explicit BatchHandOff(std::size_t held_bytes) : held_cap_(held_bytes) {}

  // Renderer side: queues a batch and returns (waiting only for room).
  void put(Outputs&& files);
  // Returns once the sink has taken every batch put so far. A streamed file
  // (OutputFile::stream) reads the renderer's context when it is written:
  // the renderer flushes before that context ends.
  void flush();
  // No more batches (also after a renderer failed).
  void close();

  // Writer side: hands every batch to `sink`, in order, until close().
  void drain(const OutputSink& sink);
  // The writer gives up (its own render failed): put() drops batches and
  // never waits again, so the renderer can finish and be joined.
  void abandon();

 private:
  struct Batch {
    Outputs files;
    std::size_t bytes = 0;
    std::size_t number = 0;
  };
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queued_;
  std::size_t held_cap_;
  std::size_t held_ = 0;      // bytes queued
  std::size_t put_ = 0;       // batches put
  std::size_t taken_ = 0;     // batches the sink has returned from
  bool closed_ = false, abandoned_ = false;
};

}  // namespace sitrep
