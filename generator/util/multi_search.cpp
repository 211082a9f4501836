#include "util/multi_search.h"

#include <algorithm>
#include <cstring>

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

MultiSearch::MultiSearch(std::vector<std::string> patterns) : owned_(std::move(patterns)) {
  patterns_.assign(owned_.begin(), owned_.end());
  index();
}

MultiSearch MultiSearch::over_views(std::vector<std::string_view> patterns) {
  MultiSearch search;
  search.patterns_ = std::move(patterns);
  search.index();
  return search;
}

void MultiSearch::set_window(std::size_t window) {
  window_ = window;
  top_power_ = 1;
  for (std::size_t i = 1; i < window_; ++i) top_power_ *= k_base;
}

void MultiSearch::index() {
  std::size_t window = 0;
  for (const auto p : patterns_)
    if (!p.empty() && (window == 0 || p.size() < window)) window = p.size();
  set_window(window);
  if (window_ == 0) return;
  struct Keyed {
    std::uint64_t hash;
    std::uint32_t pattern;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(patterns_.size());
  for (std::size_t p = 0; p < patterns_.size(); ++p)
    if (!patterns_[p].empty())
      keyed.push_back({hash_of(patterns_[p].substr(0, window_)), static_cast<std::uint32_t>(p)});
  // By hash, then text, then index: a pattern given twice sorts next to
  // itself, and only its first index is kept (the one reported).
  std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    const int by_text = patterns_[a.pattern].compare(patterns_[b.pattern]);
    return by_text != 0 ? by_text < 0 : a.pattern < b.pattern;
  });
  keyed.erase(std::unique(keyed.begin(), keyed.end(),
                          [&](const Keyed& a, const Keyed& b) {
                            return a.hash == b.hash && patterns_[a.pattern] == patterns_[b.pattern];
                          }),
              keyed.end());
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    const std::uint32_t at = static_cast<std::uint32_t>(i);
    const auto length = static_cast<std::uint32_t>(patterns_[keyed[i].pattern].size());
    if (entries_.empty() || entries_.back().hash != keyed[i].hash) {
      entries_.push_back({keyed[i].hash, at, at + 1, length});
    } else {
      entries_.back().last = at + 1;
      entries_.back().longest = std::max(entries_.back().longest, length);
    }
    by_text_.push_back(keyed[i].pattern);
  }
  index_entries();
}

void MultiSearch::index_entries() {
  seen_.assign((std::size_t{1} << k_filter_bits) / 64, 0);
  for (const Entry& e : entries_) seen_[filter_slot(e.hash) / 64] |= std::uint64_t{1} << (filter_slot(e.hash) % 64);
  first_.assign((std::size_t{1} << k_bucket_bits) + 1, 0);
  for (const Entry& e : entries_) ++first_[bucket_of(e.hash) + 1];
  for (std::size_t b = 1; b < first_.size(); ++b) first_[b] += first_[b - 1];
}

// The tables: the pattern count, the window, then by_text_ (its length and
// 4-byte indices) and entries_ (its length and, per entry, hash, first,
// last and longest), numbers in this machine's order (only this binary
// reads them back).
std::string MultiSearch::tables() const {
  std::string out;
  const auto put = [&](auto v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(static_cast<std::uint64_t>(patterns_.size()));
  put(static_cast<std::uint64_t>(window_));
  put(static_cast<std::uint64_t>(by_text_.size()));
  if (!by_text_.empty())
    out.append(reinterpret_cast<const char*>(by_text_.data()), by_text_.size() * sizeof(std::uint32_t));
  put(static_cast<std::uint64_t>(entries_.size()));
  for (const Entry& e : entries_) {
    put(e.hash);
    put(e.first);
    put(e.last);
    put(e.longest);
  }
  return out;
}

std::optional<MultiSearch> MultiSearch::from_tables(std::vector<std::string_view> patterns, std::string_view tables) {
  bool ok = true;
  const auto get = [&](auto& v) {
    if (tables.size() < sizeof v) {
      ok = false;
      return;
    }
    std::memcpy(&v, tables.data(), sizeof v);
    tables.remove_prefix(sizeof v);
  };
  MultiSearch search;
  search.patterns_ = std::move(patterns);
  std::uint64_t count = 0, window = 0, indices = 0, entries = 0;
  get(count);
  get(window);
  get(indices);
  if (!ok || count != search.patterns_.size() || indices > count || tables.size() < indices * sizeof(std::uint32_t))
    return std::nullopt;
  search.by_text_.resize(indices);
  if (indices > 0)  // an empty vector's data() may be null, which memcpy must not get
    std::memcpy(search.by_text_.data(), tables.data(), indices * sizeof(std::uint32_t));
  tables.remove_prefix(indices * sizeof(std::uint32_t));
  get(entries);
  if (!ok || entries > indices || tables.size() != entries * (sizeof(Entry::hash) + 3 * sizeof(std::uint32_t)))
    return std::nullopt;
  search.set_window(window);
  search.entries_.resize(entries);
  std::uint32_t next = 0;  // the groups cover by_text_ in order, without gaps
  for (Entry& e : search.entries_) {
    get(e.hash);
    get(e.first);
    get(e.last);
    get(e.longest);
    if (e.first != next || e.last <= e.first || e.last > indices) return std::nullopt;
    if (&e != search.entries_.data() && (&e - 1)->hash >= e.hash) return std::nullopt;
    next = e.last;
    for (std::uint32_t i = e.first; i < e.last; ++i) {
      const std::uint32_t p = search.by_text_[i];
      if (p >= count || search.patterns_[p].size() < window || search.patterns_[p].size() > e.longest ||
          hash_of(search.patterns_[p].substr(0, window)) != e.hash)
        return std::nullopt;
    }
  }
  if (next != indices || (window == 0) != (indices == 0)) return std::nullopt;
  if (window > 0) search.index_entries();
  return search;
}

void MultiSearch::matches_at(const Entry& group, std::string_view rest, std::vector<std::uint32_t>& out) const {
  // The group's patterns the text starts with are prefixes of one another.
  // The greatest pattern <= s is the longest of them when it is a prefix of
  // s; when it is not, sharing only k bytes with s, none longer than k is:
  // look again below s's first k bytes. Each step finds one or shortens s.
  const auto begin = by_text_.begin() + group.first;
  std::string_view s = rest.substr(0, group.longest);
  auto hi = by_text_.begin() + group.last;
  while (s.size() >= window_) {
    hi = std::upper_bound(begin, hi, s,
                          [&](std::string_view v, std::uint32_t p) { return v < patterns_[p]; });
    if (hi == begin) return;
    const std::string_view p = patterns_[*(hi - 1)];
    std::size_t k = 0;
    while (k < p.size() && k < s.size() && p[k] == s[k]) ++k;
    if (k == p.size()) {
      out.push_back(*(hi - 1));
      --hi;
      s = s.substr(0, k - 1);  // the shorter ones are prefixes of p minus its last byte
    } else {
      s = s.substr(0, k);
    }
  }
}

void MultiSearch::scan(std::string_view text, const std::function<bool(std::size_t)>& found) const {
  if (window_ == 0 || text.size() < window_) return;
  std::uint64_t h = hash_of(text.substr(0, window_));
  std::vector<std::uint32_t> here;
  for (std::size_t start = 0;; ++start) {
    const std::size_t slot = filter_slot(h);
    if (seen_[slot / 64] >> (slot % 64) & 1) {
      const std::size_t bucket = bucket_of(h);
      here.clear();
      for (std::size_t e = first_[bucket]; e < first_[bucket + 1]; ++e)
        if (entries_[e].hash == h) matches_at(entries_[e], text.substr(start), here);
      std::sort(here.begin(), here.end());  // at one start, in pattern order
      for (const std::uint32_t pattern : here)
        if (!found(pattern)) return;
    }
    if (start + window_ >= text.size()) return;
    h = (h - static_cast<unsigned char>(text[start]) * top_power_) * k_base +
        static_cast<unsigned char>(text[start + window_]);
  }
}

}  // namespace sitrep
