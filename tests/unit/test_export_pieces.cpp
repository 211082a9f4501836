// write/export_pieces.h: the exports' per-incident pieces kept between
// builds, read back only whole and from this binary.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "write/export_pieces.h"
#include "test_helpers.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// What a render that used `cache` saw: (kind, fingerprint) -> piece.
std::map<std::pair<std::string, std::uint64_t>, std::string> used(const FragmentCache& cache) {
  std::map<std::pair<std::string, std::uint64_t>, std::string> out;
  cache.for_each_used([&](std::string_view kind, std::uint64_t fp, const std::string& piece) {
    out[{std::string{kind}, fp}] = piece;
  });
  return out;
}

// A render that asks `cache` for the pieces of incidents 1 and 2; each
// piece made is "made <kind> <fingerprint>".
void render_two(FragmentCache& cache) {
  cache.start_render();
  for (std::uint64_t fp : {1u, 2u})
    for (const char* kind : {"csv", "json"})
      cache.get(kind, fp, [&] { return std::string{"made "} + kind + " " + std::to_string(fp); });
}

}  // namespace

TEST_CASE("export pieces: written, read back into the next render, and none from a damaged file") {
  const fs::path dir = fs::temp_directory_path() / ("sitrep-pieces-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto file = export_pieces_file("/srv/site", {dir.string(), false});
  REQUIRE(file);
  CHECK(file->filename().string().starts_with("pieces-"));
  CHECK_FALSE(export_pieces_file("/srv/site", {dir.string(), true}));  // --no-cache

  FragmentCache first;
  CHECK(read_export_pieces(*file, first) == 0);  // no file yet
  render_two(first);
  CHECK(first.made() == 4);
  // A piece with every byte value, and an empty one, survive the trip.
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes += static_cast<char>(c);
  first.get("csv", 3, [&] { return all_bytes; });
  first.get("json", 3, [] { return std::string{}; });
  REQUIRE(write_export_pieces(*file, first));

  FragmentCache next;
  CHECK(read_export_pieces(*file, next) == 6);
  render_two(next);
  CHECK(next.kept() == 4);
  CHECK(next.made() == 0);
  CHECK(used(next) == std::map<std::pair<std::string, std::uint64_t>, std::string>{
                          {{"csv", 1}, "made csv 1"},
                          {{"csv", 2}, "made csv 2"},
                          {{"json", 1}, "made json 1"},
                          {{"json", 2}, "made json 2"}});
  FragmentCache all;
  read_export_pieces(*file, all);
  all.start_render();
  CHECK(all.get("csv", 3, [] { return std::string{"made"}; }) == all_bytes);
  CHECK(all.get("json", 3, [] { return std::string{"made"}; }).empty());

  // One byte changed anywhere, the file cut short or grown, another
  // binary's or another format's: no piece at all.
  const std::string bytes = read_all(*file);
  const auto pieces_in = [&](const std::string& text) {
    std::ofstream(*file, std::ios::binary | std::ios::trunc) << text;
    FragmentCache cache;
    return read_export_pieces(*file, cache);
  };
  CHECK(pieces_in(bytes) == 6);
  for (std::size_t at : {std::size_t{0}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 20, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    CHECK_MESSAGE(pieces_in(damaged) == 0, "byte " << at);
  }
  CHECK(pieces_in(bytes.substr(0, bytes.size() - 1)) == 0);
  CHECK(pieces_in(bytes.substr(0, bytes.size() / 2)) == 0);
  CHECK(pieces_in(bytes + "x") == 0);
  CHECK(pieces_in("") == 0);
  CHECK(pieces_in(std::string(64, '\0')) == 0);
  fs::remove_all(dir);
}

TEST_CASE("export pieces: a piece whose fingerprint moves with the clock is used, but neither counted as made nor written") {
  FragmentCache cache;
  cache.start_render();
  cache.get("csv", 1, [] { return std::string{"settled"}; });
  cache.get("csv", 2, [] { return std::string{"open"}; }, false);
  CHECK(cache.made() == 1);
  CHECK(cache.made_passing() == 1);
  CHECK(used(cache) == std::map<std::pair<std::string, std::uint64_t>, std::string>{{{"csv", 1}, "settled"}});
  // Asked for again in the same render: the same piece, not made again.
  int makes = 0;
  CHECK(cache.get("csv", 2, [&] { ++makes; return std::string{"again"}; }, false) == "open");
  CHECK(makes == 0);
  // The next render (serve's, in the same process) still finds it; asked
  // for as lasting then, it is written.
  cache.start_render();
  CHECK(cache.get("csv", 2, [&] { ++makes; return std::string{"again"}; }) == "open");
  CHECK(makes == 0);
  CHECK(cache.kept() == 1);
  CHECK(used(cache) == std::map<std::pair<std::string, std::uint64_t>, std::string>{{{"csv", 2}, "open"}});
}
