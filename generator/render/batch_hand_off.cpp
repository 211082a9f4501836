#include "render/batch_hand_off.h"

#include <algorithm>

namespace sitrep {

void BatchHandOff::put(Outputs&& files) {
  std::size_t bytes = 0;
  for (const auto& f : files) bytes += f.bytes.size() + f.path.size();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return abandoned_ || held_ == 0 || held_ + bytes <= held_cap_; });
  if (abandoned_) return;
  const std::size_t number = ++put_;
  queued_.push_back({std::move(files), bytes, number});
  held_ += bytes;
  changed_.notify_all();
}

void BatchHandOff::flush() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return abandoned_ || taken_ >= put_; });
}

void BatchHandOff::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

void BatchHandOff::abandon() {
  std::lock_guard lock(mutex_);
  abandoned_ = true;
  queued_.clear();
  held_ = 0;
  changed_.notify_all();
}

void BatchHandOff::drain(const OutputSink& sink) {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return abandoned_ || closed_ || !queued_.empty(); });
    if (abandoned_ || queued_.empty()) return;  // closed and drained
    Batch batch = std::move(queued_.front());
    queued_.pop_front();
    held_ -= batch.bytes;
    lock.unlock();
    sink(std::move(batch.files));
    lock.lock();
    taken_ = batch.number;
    changed_.notify_all();
  }
}

}  // namespace sitrep
