#include "cli/public_tree_sink.h"

#include <cerrno>
#include <chrono>
#include <cstring>

#include "util/parallel.h"

namespace sitrep {
namespace {

// At most this many bytes of pages wait for the scan's texts; the batch
// that would pass it waits for the texts instead. Pages linked from the
// last build hold no bytes: a rebuild's batches all fit.
constexpr std::size_t k_max_held_bytes = 8u << 20;

template <class Work>
void add_ms(double& total, Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  total += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

PublicTreeSink::PublicTreeSink(Setup setup, Diagnostics& render_diags)
    : setup_(std::move(setup)), diags_(render_diags), pages_{setup_.public_dir, {}, {}, {}} {
  if (setup_.read_back_possible) published_ = open_folder(setup_.public_dir.string());
}

// The gathering thread holds the view and reads the memo: it ends before they go.
PublicTreeSink::~PublicTreeSink() {
  if (gathering_.valid()) gathering_.wait();
}

void PublicTreeSink::view_ready(std::shared_ptr<const PublicView> view) {
  gathering_ = std::async(std::launch::async, [this, view = std::move(view)] {
    if (setup_.gathering_gate.valid()) setup_.gathering_gate.wait();
    std::unique_ptr<LeakScanner> scanner;
    add_ms(gather_ms_, [&] {
      scanner = std::make_unique<LeakScanner>(*view, setup_.memo, search_file());
      scanner->prepare();
    });
    return scanner;
  });
}

void PublicTreeSink::make_scanner(const PublicView& view) {
  if (scanner_) return;
  if (gathering_.valid())
    add_ms(wait_ms_, [&] { scanner_ = gathering_.get(); });
  else  // no view_ready: gathered here
    add_ms(gather_ms_, [&] { scanner_ = std::make_unique<LeakScanner>(view, setup_.memo, search_file()); });
}

void PublicTreeSink::take(Outputs&& files, const PublicView& view) {
  if (!setup_.writing()) return;
  const bool gathered = scanner_ || !gathering_.valid() ||
                        gathering_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  std::size_t bytes = 0;
  for (const auto& f : files) bytes += f.bytes.size();
  if (!gathered && held_bytes_ + bytes <= k_max_held_bytes) {
    held_bytes_ += bytes;
    held_.push_back(std::move(files));
    return;
  }
  make_scanner(view);
  for (auto& batch : held_)
    if (setup_.writing()) scan_and_write(batch);
  held_.clear();
  held_bytes_ = 0;
  scan_and_write(files);
}

void PublicTreeSink::done() {
  if (!held_.empty() && gathering_.valid()) {
    add_ms(wait_ms_, [&] { scanner_ = gathering_.get(); });
    for (auto& batch : held_)
      if (setup_.writing()) scan_and_write(batch);
  }
  held_.clear();
  held_bytes_ = 0;
  if (!scanner_) return;
  add_ms(scan_ms_, [&] { scanner_->report(setup_.public_dir.generic_string(), diags_); });
  pages_.leak_scan = scanner_->memo();
  scanner_.reset();  // its tables are not needed while the internal tree renders
}

void PublicTreeSink::scan_and_write(Outputs& files) {
  add_ms(scan_ms_, [&] {
    if (scanner_->scans_linked_pages()) read_back_linked(files);
    scanner_->scan(files);
  });
  note_pages(files, pages_, linked_);
  files_ += files.size();
  add_ms(write_ms_, [&] { setup_.publisher.write(setup_.tree, files); });
}

// A linked public page passed the scan of the build that rendered it; it is
// scanned again (read back) only when the scan looks for other texts now. A
// page that cannot be read back stops the build: it is never published
// unscanned.
void PublicTreeSink::read_back_linked(Outputs& files) {
  std::vector<int> errors(files.size(), 0);
  parallel_for(files.size(), setup_.threads, [&](std::size_t i) {
    if (files[i].reused) errors[i] = published_ ? read_file_at(published_.get(), files[i].path, files[i].bytes) : EBADF;
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    read_back_ += files[i].reused && !errors[i];
    if (errors[i])
      diags_.report((setup_.public_dir / files[i].path).generic_string(), {}, "write-failed",
                    std::string{"cannot read back a page linked from the last build, to scan it for internal text: "} +
                        std::strerror(errors[i]),
                    "build again; if it persists, build with --no-cache (every page rendered)");
  }
}

void PublicTreeSink::add_timings(PhaseTimings& timings) {
  if (gathering_.valid()) gathering_.wait();  // no batch was taken: its time is read below
  timings.emplace_back("(beside them) gathered the internal texts the leak scan looks for, and built its search", gather_ms_);
  timings.emplace_back("(of which) waited for those texts", wait_ms_);
  timings.emplace_back("(of which) scanned public files for internal text", scan_ms_);
  timings.emplace_back("(of which) wrote public files", write_ms_);
}

}  // namespace sitrep
