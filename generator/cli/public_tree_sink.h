#pragma once
// `sitrep build`'s way for the public tree from the renderer to its staging
// folder: every batch is scanned for internal text (render/leak_scan.h),
// then written (write/publish.h), and the pages' fingerprints are noted for
// the next build (write/page_reuse.h). The scan's texts are gathered on a
// thread of their own from the moment the public view exists; the batches
// rendered meanwhile wait (up to 8 MiB of them) instead of the renderer.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "render/leak_scan.h"
#include "render/output.h"
#include "render/public_view.h"
#include "util/diagnostic.h"
#include "util/stopwatch.h"
#include "write/folder_at.h"
#include "write/page_reuse.h"
#include "write/publish.h"

namespace sitrep {

class PublicTreeSink {
 public:
  struct Setup {
    Publisher& publisher;
    std::size_t tree = 0;                // the public tree's index in the publisher
    std::filesystem::path public_dir;    // where it is published (for diagnostics and read-back)
    const LeakScanMemo* memo = nullptr;  // the last build's scan of this tree, if any
    bool read_back_possible = false;     // linked pages exist (a page-reuse record is in use)
    unsigned threads = 0;
    std::function<bool()> writing;       // false once the build has failed: batches are dropped
    // Tests only: the gathering starts once this is ready (unset: at once),
    // so a test can see batches held.
    std::shared_future<void> gathering_gate = {};
    // The leak scan's search kept between builds (render/leak_search_file.h), if any.
    std::optional<std::filesystem::path> search_file = std::nullopt;
  };
  PublicTreeSink(Setup setup, Diagnostics& render_diags);
  ~PublicTreeSink();
  PublicTreeSink(const PublicTreeSink&) = delete;
  PublicTreeSink& operator=(const PublicTreeSink&) = delete;

  // SiteSinks' public_view_ready, public_tree and public_tree_done.
  void view_ready(std::shared_ptr<const PublicView> view);
  void take(Outputs&& files, const PublicView& view);
  void done();

  std::size_t files() const { return files_; }
  std::size_t linked() const { return linked_; }
  std::size_t read_back() const { return read_back_; }
  // Its pages and its scan's memo, for the page-reuse record (after done()).
  PublishedTree& pages() { return pages_; }
  // The -v lines, once the render is over.
  void add_timings(PhaseTimings& timings);

 private:
  void make_scanner(const PublicView& view);
  const std::filesystem::path* search_file() const { return setup_.search_file ? &*setup_.search_file : nullptr; }
  void scan_and_write(Outputs& files);
  void read_back_linked(Outputs& files);

  Setup setup_;
  Diagnostics& diags_;
  Fd published_;  // the published tree, for reading linked pages back
  std::future<std::unique_ptr<LeakScanner>> gathering_;
  std::unique_ptr<LeakScanner> scanner_;
  std::vector<Outputs> held_;  // batches rendered before the scan's texts were ready
  std::size_t held_bytes_ = 0;
  PublishedTree pages_;
  std::size_t files_ = 0, linked_ = 0, read_back_ = 0;
  double gather_ms_ = 0, wait_ms_ = 0, scan_ms_ = 0, write_ms_ = 0;
};

}  // namespace sitrep
