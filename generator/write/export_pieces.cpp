#include "write/export_pieces.h"

#include <cstdint>
#include <string_view>
#include <vector>

#include "util/byte_cursor.h"
#include "util/hash.h"
#include "util/mapped_file.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// The file: the magic line, the build id's length and bytes, then each
// piece as kind length, kind, fingerprint, piece length, piece (numbers as
// 8 bytes in this machine's order: only this binary reads them back), then
// the piece count and one hash over every piece's kind, fingerprint and
// bytes.
constexpr std::string_view k_magic = "sitrep export pieces 1\n";

std::uint64_t mix_piece(std::uint64_t h, std::string_view kind, std::uint64_t fingerprint, std::string_view piece) {
  return hash_mix(hash_mix(hash_mix(h, kind), fingerprint), piece);
}

struct Piece {
  std::string_view kind;
  std::uint64_t fingerprint;
  std::string_view bytes;
};

// The pieces in `bytes`, or none when anything in it is off.
std::vector<Piece> parse(std::string_view bytes) {
  if (!bytes.starts_with(k_magic)) return {};
  ByteCursor in{bytes.substr(k_magic.size())};
  if (in.text() != binary_build_id() || !in.ok) return {};
  std::vector<Piece> pieces;
  std::uint64_t hash = 0;
  // The count and the hash take the last 16 bytes.
  while (in.ok && in.rest.size() > 16) {
    Piece p;
    p.kind = in.text();
    p.fingerprint = in.number();
    p.bytes = in.text();
    if (!in.ok) return {};
    hash = mix_piece(hash, p.kind, p.fingerprint, p.bytes);
    pieces.push_back(p);
  }
  const std::uint64_t count = in.number(), recorded = in.number();
  if (!in.ok || !in.rest.empty() || count != pieces.size() || recorded != hash) return {};
  return pieces;
}

}  // namespace

std::optional<fs::path> export_pieces_file(const std::string& root, const CacheLocation& where) {
  return cache_file_for(root, where, "pieces", ".bin");
}

std::size_t read_export_pieces(const fs::path& file, FragmentCache& cache) {
  std::size_t seeded = 0;
  try {
    with_mapped_file(file, false, [&](std::string_view bytes) {
      const auto pieces = parse(bytes);
      for (const auto& p : pieces) cache.seed(std::string{p.kind}, p.fingerprint, std::string{p.bytes});
      seeded = pieces.size();
    });
  } catch (const std::bad_alloc&) {
    seeded = 0;  // what was seeded is still right; the rest is made
  }
  return seeded;
}

bool write_export_pieces(const fs::path& file, const FragmentCache& cache) {
  return replace_file(file, [&](std::ostream& out) {
    const auto number = [&](std::uint64_t v) { out.write(reinterpret_cast<const char*>(&v), sizeof v); };
    const auto text = [&](std::string_view t) {
      number(t.size());
      out.write(t.data(), static_cast<std::streamsize>(t.size()));
    };
    out << k_magic;
    text(binary_build_id());
    std::uint64_t count = 0, hash = 0;
    cache.for_each_used([&](std::string_view kind, std::uint64_t fingerprint, const std::string& piece) {
      text(kind);
      number(fingerprint);
      text(piece);
      hash = mix_piece(hash, kind, fingerprint, piece);
      ++count;
    });
    number(count);
    number(hash);
  });
}

}  // namespace sitrep
