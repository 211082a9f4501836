#include "load/load_cache_file.h"

#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

#include "load/model_codec.h"
#include "util/hash.h"
#include "util/mapped_file.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// Changes when the header does; the payload's form is pinned by the build id.
constexpr std::string_view k_magic = "sitrep-load-cache-1\n";

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool take_u64(std::string_view& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

}  // namespace

std::optional<fs::path> load_cache_file(const std::string& root, const CacheLocation& where) {
  // One file per site root, and per spelling of it: two sites never share
  // records, and items and records name files by display path ("content/x"
  // for --root ., "/srv/site/content/x" for --root /srv/site), so `check` in
  // the folder and `build --root` from outside it, sharing one file, would
  // throw each other's records away on every run.
  return cache_file_for(root, where, "load", ".bin", std::string{'\0'} + root);
}

namespace {

// The file: magic, build id, the parts one after another, then the part
// table (size and hash of each) and the number of parts. The table comes
// last so each part can be written (and freed) as soon as it is encoded.
void write_parts(const LoadCache& cache, const Model& model, const std::function<void(std::string_view)>& out) {
  std::string head(k_magic);
  const std::string id = binary_build_id();
  put_u64(head, id.size());
  head += id;
  out(head);
  std::string table;
  std::uint64_t count = 0;
  encode_load_parts(cache, model, [&](std::string_view part) {
    put_u64(table, part.size());
    put_u64(table, hash_text(part));
    ++count;
    out(part);
  });
  put_u64(table, count);
  out(table);
}

}  // namespace

std::string load_cache_bytes(const LoadCache& cache, const Model& model) {
  std::string out;
  write_parts(cache, model, [&](std::string_view bytes) { out += bytes; });
  return out;
}

LoadCache load_cache_from_bytes(std::string_view bytes, unsigned threads,
                                const std::function<void(std::string_view)>& release,
                                const std::shared_ptr<const void>& owner) {
  // Anything unexpected: no cache, every file parsed.
  if (!bytes.starts_with(k_magic)) return {};
  bytes.remove_prefix(k_magic.size());
  std::uint64_t id_size = 0, count = 0;
  const std::string id = binary_build_id();
  if (!take_u64(bytes, id_size) || id_size != id.size() || bytes.substr(0, id.size()) != id) return {};
  bytes.remove_prefix(id.size());
  if (bytes.size() < 8) return {};
  std::string_view tail = bytes.substr(bytes.size() - 8);
  take_u64(tail, count);
  if (count == 0 || count > (bytes.size() - 8) / 16) return {};
  std::string_view table = bytes.substr(bytes.size() - 8 - 16 * count, 16 * count);
  bytes.remove_suffix(8 + 16 * count);
  std::vector<std::string_view> parts;
  std::vector<std::uint64_t> hashes;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t size = 0, hash = 0;
    take_u64(table, size);
    take_u64(table, hash);
    if (size > bytes.size()) return {};
    parts.push_back(bytes.substr(0, size));
    hashes.push_back(hash);
    bytes.remove_prefix(size);
  }
  if (!bytes.empty()) return {};
  // Each part is checked against its hash just before it is decoded (a
  // damaged one: no cache at all), and handed to `release` once it is.
  PartHooks hooks;
  hooks.before = [&](std::size_t i) {
    if (hash_text(parts[i]) != hashes[i]) throw CodecError("a part does not match its hash");
  };
  if (release) hooks.after = [&](std::size_t i) { release(parts[i]); };
  try {
    return decode_load_parts(parts, threads, hooks, owner);
  } catch (const CodecError&) {
    return {};
  } catch (const std::bad_alloc&) {
    return {};
  }
}

LoadCache read_load_cache(const fs::path& file, unsigned threads) {
  // A decoded part's pages are let go at once (the file stays in the page
  // cache): the peak memory is the decoded items, not those plus the file.
  // The mapping itself stays while an update message is a view into it
  // (model/shared_text.h); a message read later faults its page back in.
  const auto release = [page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE))](std::string_view part) {
    const auto first = (reinterpret_cast<std::uintptr_t>(part.data()) + page - 1) / page * page;
    const auto end = (reinterpret_cast<std::uintptr_t>(part.data()) + part.size()) / page * page;
    if (end > first) ::madvise(reinterpret_cast<void*>(first), end - first, MADV_DONTNEED);
  };
  // Mapped, not copied: the decoded items are the only new memory.
  const auto mapped = map_file(file, true);
  if (!mapped) return {};
  LoadCache cache = load_cache_from_bytes(mapped->bytes(), threads, release, mapped);
  if (cache.texts_by_hash) {
    mark_cache_used(file);  // decoded: in use, so pruning keeps it
    cache.mapping = mapped;
  }
  return cache;
}

bool write_load_cache(const fs::path& file, const LoadCache& cache, const Model& model) {
  return replace_file(file, [&](std::ostream& out) {
    write_parts(cache, model, [&](std::string_view bytes) {
      if (out) out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      // Encoding read the chunk's messages through the mapping they came
      // from: its pages go again, or writing the cache after one edit would
      // bring the whole old file back into memory (35 MB at 10 000).
      model.let_go_of_texts();
    });
  });
}

}  // namespace sitrep
