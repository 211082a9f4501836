#include "util/multi_search.h"

#include <algorithm>
#include <unordered_set>

namespace sitrep {
namespace {

// A polynomial hash modulo 2^64: the window's bytes are the digits. The
// prefilter takes the top bits, which every byte of the window stirs.
constexpr std::uint64_t k_base = 0x100000001b3ULL;
constexpr unsigned k_filter_bits = 22;  // 4 Mbit = 512 KiB

constexpr unsigned k_bucket_bits = 18;  // 256 Ki buckets of 4 bytes: 1 MiB

std::size_t filter_slot(std::uint64_t hash) { return static_cast<std::size_t>(hash >> (64 - k_filter_bits)); }
std::size_t bucket_of(std::uint64_t hash) { return static_cast<std::size_t>(hash >> (64 - k_bucket_bits)); }

std::uint64_t hash_of(std::string_view bytes) {
  std::uint64_t h = 0;
  for (const char c : bytes) h = h * k_base + static_cast<unsigned char>(c);
  return h;
}

}  // namespace

MultiSearch::MultiSearch(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {
  for (const auto& p : patterns_)
    if (!p.empty() && (window_ == 0 || p.size() < window_)) window_ = p.size();
  if (window_ == 0) return;
  for (std::size_t i = 1; i < window_; ++i) top_power_ *= k_base;
  seen_.assign((std::size_t{1} << k_filter_bits) / 64, 0);
  std::unordered_set<std::string_view> distinct;
  for (std::size_t p = 0; p < patterns_.size(); ++p) {
    const std::string& pattern = patterns_[p];
    if (pattern.empty() || !distinct.insert(pattern).second) continue;  // a duplicate: the first index is reported
    const std::uint64_t h = hash_of(std::string_view{pattern}.substr(0, window_));
    entries_.push_back({h, static_cast<std::uint32_t>(p)});
    seen_[filter_slot(h) / 64] |= std::uint64_t{1} << (filter_slot(h) % 64);
  }
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.hash != b.hash ? a.hash < b.hash : a.pattern < b.pattern; });
  first_.assign((std::size_t{1} << k_bucket_bits) + 1, 0);
  for (const Entry& e : entries_) ++first_[bucket_of(e.hash) + 1];
  for (std::size_t b = 1; b < first_.size(); ++b) first_[b] += first_[b - 1];
}

void MultiSearch::scan(std::string_view text, const std::function<bool(std::size_t)>& found) const {
  if (window_ == 0 || text.size() < window_) return;
  std::uint64_t h = hash_of(text.substr(0, window_));
  for (std::size_t start = 0;; ++start) {
    const std::size_t slot = filter_slot(h);
    if (seen_[slot / 64] >> (slot % 64) & 1) {
      const std::size_t bucket = bucket_of(h);
      for (std::size_t e = first_[bucket]; e < first_[bucket + 1]; ++e) {
        if (entries_[e].hash != h) continue;
        const std::string& pattern = patterns_[entries_[e].pattern];
        if (text.compare(start, pattern.size(), pattern) == 0 && start + pattern.size() <= text.size() &&
            !found(entries_[e].pattern))
          return;
      }
    }
    if (start + window_ >= text.size()) return;
    h = (h - static_cast<unsigned char>(text[start]) * top_power_) * k_base +
        static_cast<unsigned char>(text[start + window_]);
  }
}

}  // namespace sitrep
