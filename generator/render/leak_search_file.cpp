#include "render/leak_search_file.h"

#include <new>

#include "util/byte_cursor.h"
#include "util/hash.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// The file: the magic line, the build id, the texts' digest, then the body
// (the names, the candidates with their texts, the search's tables) and one
// hash over the body. Numbers are 8 bytes in this machine's order (only
// this binary reads them back); a text is its length, then its bytes.
constexpr std::string_view k_magic = "sitrep leak search 1\n";

// A candidate as one number: its path's index, its field's, and the bit.
std::uint64_t packed(const SavedLeakSearch::Candidate& c) {
  return (std::uint64_t{c.path} << 32) | (std::uint64_t{c.field} << 1) | (c.distinctive ? 1 : 0);
}

bool parse(std::string_view bytes, std::uint64_t inputs, SavedLeakSearch& out) {
  if (!bytes.starts_with(k_magic)) return false;
  ByteCursor in{bytes.substr(k_magic.size())};
  if (in.text() != binary_build_id() || !in.ok || in.number() != inputs || !in.ok) return false;
  // The body, then its hash in the last 8 bytes.
  if (in.rest.size() < 8) return false;
  const std::string_view body = in.rest.substr(0, in.rest.size() - 8);
  ByteCursor tail{in.rest.substr(body.size())};
  if (tail.number() != hash_text(body)) return false;
  ByteCursor b{body};
  const std::uint64_t names = b.number();
  if (!b.ok || names > body.size()) return false;
  out.names.reserve(names);
  for (std::uint64_t i = 0; i < names && b.ok; ++i) out.names.push_back(b.text());
  const std::uint64_t count = b.number();
  if (!b.ok || count > body.size()) return false;
  out.candidates.reserve(count);
  out.texts.reserve(count);
  for (std::uint64_t i = 0; i < count && b.ok; ++i) {
    const std::uint64_t c = b.number();
    const SavedLeakSearch::Candidate cand{static_cast<std::uint32_t>(c >> 1 & 0x7fffffff),
                                          static_cast<std::uint32_t>(c >> 32), (c & 1) != 0};
    if (cand.field >= names || cand.path >= names) return false;
    out.candidates.push_back(cand);
    out.texts.push_back(b.text());
  }
  out.search = b.text();
  out.inputs = inputs;
  return b.ok && b.rest.empty();
}

}  // namespace

std::optional<fs::path> leak_search_file(const std::string& root, const CacheLocation& where) {
  return cache_file_for(root, where, "leak", ".bin");
}

std::optional<SavedLeakSearch> read_leak_search(const fs::path& file, std::uint64_t inputs) {
  try {
    const auto mapping = map_file(file, true);
    if (!mapping) return std::nullopt;
    SavedLeakSearch out;
    if (!parse(mapping->bytes(), inputs, out)) return std::nullopt;
    out.mapping = mapping;
    mark_cache_used(file);
    return out;
  } catch (const std::bad_alloc&) {
    return std::nullopt;
  }
}

bool write_leak_search(const fs::path& file, const SavedLeakSearch& search) {
  std::string body;
  put_number(body, search.names.size());
  for (const auto name : search.names) put_text(body, name);
  put_number(body, search.candidates.size());
  for (std::size_t i = 0; i < search.candidates.size(); ++i) {
    put_number(body, packed(search.candidates[i]));
    put_text(body, search.texts[i]);
  }
  put_text(body, search.search);
  std::string head{k_magic};
  put_text(head, binary_build_id());
  put_number(head, search.inputs);
  std::string tail;
  put_number(tail, hash_text(body));
  return replace_file(file, [&](std::ostream& out) {
    for (const std::string* part : {&head, &body, &tail}) out.write(part->data(), static_cast<std::streamsize>(part->size()));
  });
}

}  // namespace sitrep
