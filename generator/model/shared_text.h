#pragma once
// A text the model holds without a copy of its own when it can: an
// incident update's message. Messages are most of a long history's bytes
// (30 of the 41 MB of text at 10 000 incidents) and a build reads few of
// them (the pages it renders, the feeds, the API's latest), so a message
// decoded from the load cache is a view into the cache file's read-only
// mapping, whose pages are let go once decoded and come back from the page
// cache only when read (load/load_cache_file.cpp). A parsed message owns
// its bytes. Copies share the bytes, and whatever owns them lives as long
// as the last copy: a view never outlives its bytes.
//
// The text's hash goes with it (computed once, when parsed, and stored in
// the cache), so a digest over every message (the leak scan's memo) need
// not read the bytes back.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sitrep {

class SharedText {
 public:
  SharedText() = default;
  // Owns `text` (implicit: a std::string is always safe to keep).
  SharedText(std::string text);  // NOLINT(google-explicit-constructor)
  SharedText(const char* text) : SharedText(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  // A view of `text`, whose bytes `owner` keeps alive; `hash` is
  // hash_text(text), as stored beside it.
  SharedText(std::shared_ptr<const void> owner, std::string_view text, std::uint64_t hash)
      : owner_(std::move(owner)), text_(text), hash_(hash) {}

  std::string_view view() const { return text_; }
  operator std::string_view() const { return text_; }  // NOLINT(google-explicit-constructor)
  bool empty() const { return text_.empty(); }
  std::size_t size() const { return text_.size(); }
  // util/hash.h's hash_text of the text.
  std::uint64_t hash() const;

  friend bool operator==(const SharedText& a, const SharedText& b) { return a.text_ == b.text_; }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.text_ == b; }
  friend bool operator==(const SharedText& a, const char* b) { return a.text_ == b; }

 private:
  std::shared_ptr<const void> owner_;
  std::string_view text_;
  std::uint64_t hash_ = 0;  // of a non-empty text
};

}  // namespace sitrep
