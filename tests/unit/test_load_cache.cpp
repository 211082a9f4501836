// The on-disk load cache (load/load_cache_file.h, load/model_codec.h): what
// comes back from it is exactly what parsing gave (every item, field by
// field, every record and diagnostic); an edit, a removal or a config change
// is seen; and a damaged cache file is ignored, never trusted or crashed on.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

#include <unistd.h>

#include "load/load_cache_file.h"
#include "load/model_codec.h"
#include "test_helpers.h"
#include "util/hash.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

// The example site plus what real content has: a file with warnings, one in
// another script, one that is not UTF-8 (read, refused, never cached).
struct CacheSite {
  fs::path root;
  CacheSite() {
    root = fs::temp_directory_path() / ("sitrep-load-cache-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    for (const char* dir : {"content", "schemas", "themes"})
      fs::copy(fs::path(SITREP_SOURCE_DIR) / dir, root / dir, fs::copy_options::recursive);
    write("content/incidents/2026/late-and-partial.toml",
          "id = \"INC-2026-11-30-901\"\n"
          "title = \"Paiements refusés — 決済エラー\"\n"
          "severity = \"SEV3\"\n"
          "components = [\"api\"]\n"
          "started_at = 2026-11-30T02:10:00+09:00\n"
          "colour = \"red\"\n"  // an unknown key: a parse diagnostic the cache must keep
          "[[updates]]\n"
          "at = 2026-11-30T02:20:00+09:00\n"
          "status = \"investigating\"\n"
          "message = \"Zahlungen schlagen fehl; wir prüfen das.\"\n");
    write("content/incidents/2026/not-utf8.toml", std::string("id = \"INC-2026-11-30-902\"\ntitle = \"\xff\xfe\"\n"));
  }
  ~CacheSite() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string shown(const std::string& rel) const { return display_path(root.string(), rel); }
};

struct Loaded {
  Model model;
  Diagnostics diags;
  LoadCache cache;
};

// A load with no cache of its own (like a first `check`), keeping its
// records for encoding.
Loaded first_load(const CacheSite& site) {
  Loaded l;
  l.model = load_site({site.root.string(), 2}, l.diags, &l.cache);
  return l;
}

// A later run: the cache as the file would give it back, texts not kept.
Loaded load_from(const CacheSite& site, const std::string& cache_bytes) {
  Loaded l;
  l.cache = load_cache_from_bytes(cache_bytes, 2);
  LoadOptions options{site.root.string(), 2};
  options.keep_cached_texts = false;
  l.model = load_site(options, l.diags, &l.cache);
  return l;
}

std::size_t records_of(const LoadCache& c) { return c.incidents.size() + c.maintenance.size() + c.postmortems.size(); }

void check_same_records(const std::map<std::string, FileRecord, std::less<>>& a,
                        const std::map<std::string, FileRecord, std::less<>>& b) {
  REQUIRE(a.size() == b.size());
  for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
    INFO(x->first);
    CHECK(x->first == y->first);
    CHECK(x->second.stamp == y->second.stamp);
    CHECK(x->second.text_hash == y->second.text_hash);
    CHECK(x->second.text_size == y->second.text_size);
    CHECK(x->second.item == y->second.item);
    CHECK(x->second.diags.all() == y->second.diags.all());
  }
}

std::vector<std::string> parts_of(const LoadCache& cache, const Model& model) {
  std::vector<std::string> parts;
  encode_load_parts(cache, model, [&](std::string_view part) { parts.emplace_back(part); });
  return parts;
}

std::vector<std::string_view> views(const std::vector<std::string>& parts) {
  return {parts.begin(), parts.end()};
}

}  // namespace

TEST_CASE("the load cache gives back every item, record and diagnostic that parsing gave") {
  CacheSite site;
  const Loaded cold = first_load(site);
  REQUIRE(cold.model.incidents.size() >= 5);
  REQUIRE(!cold.model.postmortems.empty());
  REQUIRE(!cold.model.maintenance.empty());
  const std::string bytes = load_cache_bytes(cold.cache, cold.model);

  const LoadCache decoded = load_cache_from_bytes(bytes, 2);
  CHECK(decoded.texts_by_hash);
  CHECK(decoded.config_hash == cold.cache.config_hash);
  CHECK(decoded.previous.incidents == cold.model.incidents);
  CHECK(decoded.previous.maintenance == cold.model.maintenance);
  CHECK(decoded.previous.postmortems == cold.model.postmortems);
  check_same_records(decoded.incidents, cold.cache.incidents);
  check_same_records(decoded.maintenance, cold.cache.maintenance);
  check_same_records(decoded.postmortems, cold.cache.postmortems);

  const Loaded warm = load_from(site, bytes);
  // Only the file that is not UTF-8 is read through the checks again: it
  // never had a record.
  CHECK(warm.cache.parsed == 1);
  CHECK(warm.model.incidents == cold.model.incidents);
  CHECK(warm.model.maintenance == cold.model.maintenance);
  CHECK(warm.model.postmortems == cold.model.postmortems);
  CHECK(warm.diags.all() == cold.diags.all());
  CHECK(rules_of(warm.diags).find("unknown-key") != std::string::npos);
  CHECK(rules_of(warm.diags).find("invalid-utf8") != std::string::npos);

  // Texts from the cache are not kept, and come back on demand, unchanged.
  const std::string partial = site.shown("content/incidents/2026/late-and-partial.toml");
  CHECK(warm.model.sources.count(partial) == 0);
  CHECK(warm.model.unkept_sources.size() == records_of(cold.cache));
  CHECK(read_unkept_source(warm.model, partial) == cold.model.sources.at(partial));
  Model printed = warm.model;
  read_sources_of(printed, warm.diags);
  CHECK(printed.sources.at(partial) == cold.model.sources.at(partial));

  // A file changed since the load is not shown with the old one's lines.
  site.write("content/incidents/2026/late-and-partial.toml", "id = \"changed\"\n");
  CHECK_FALSE(read_unkept_source(warm.model, partial).has_value());
}

TEST_CASE("the load cache sees an edit (even one of the same size), a removal and a config change") {
  CacheSite site;
  const Loaded cold = first_load(site);
  const std::string bytes = load_cache_bytes(cold.cache, cold.model);
  const std::string rel = "content/incidents/2026/late-and-partial.toml";

  SUBCASE("an edit of the same length") {
    std::string text = site.read(rel);
    text.replace(text.find("SEV3"), 4, "SEV2");
    site.write(rel, text);
    const Loaded warm = load_from(site, bytes);
    CHECK(warm.cache.parsed == 2);  // the edited file and the one that is not UTF-8
    const Incident* edited = warm.model.find_incident("INC-2026-11-30-901");
    REQUIRE(edited);
    CHECK(edited->severity == "SEV2");
  }
  SUBCASE("a removed file") {
    fs::remove(site.root / rel);
    const Loaded warm = load_from(site, bytes);
    CHECK(warm.model.incidents.size() == cold.model.incidents.size() - 1);
    CHECK(warm.model.find_incident("INC-2026-11-30-901") == nullptr);
    CHECK(warm.cache.incidents.count(site.shown(rel)) == 0);
    CHECK(rules_of(warm.diags).find("unknown-key") == std::string::npos);
  }
  SUBCASE("a changed site.toml: nothing parsed under the old one is reused") {
    site.write("content/site.toml", site.read("content/site.toml") + "\n# a comment changes the config hash\n");
    const Loaded warm = load_from(site, bytes);
    CHECK(warm.cache.parsed == records_of(cold.cache) + 1);
    CHECK(warm.model.incidents == cold.model.incidents);
  }
}

TEST_CASE("from the load cache, a file unchanged since before the load that made it is not even read") {
  CacheSite site;
  Loaded cold = first_load(site);
  const std::string rel = "content/incidents/2026/late-and-partial.toml";
  // Every file was written just before that load: their stamps are not
  // trusted (an edit in the same tick of the clock would not show in them).
  const Loaded soon = load_from(site, load_cache_bytes(cold.cache, cold.model));
  CHECK(soon.cache.read == records_of(cold.cache) + 1);  // and the file that is not UTF-8, which has no record
  CHECK(soon.cache.parsed == 1);

  // As if that load had started two seconds after the files' last change.
  cold.cache.previous_load_ns += 2'000'000'000;
  const std::string bytes = load_cache_bytes(cold.cache, cold.model);
  CHECK(load_cache_from_bytes(bytes, 2).previous_load_ns == cold.cache.previous_load_ns);
  const Loaded warm = load_from(site, bytes);
  CHECK(warm.cache.read == 1);  // only the file with no record
  CHECK(warm.cache.parsed == 1);
  CHECK(warm.model.incidents == cold.model.incidents);
  CHECK(warm.model.postmortems == cold.model.postmortems);
  CHECK(warm.diags.all() == cold.diags.all());
  // Its text still comes back for a diagnostic's lines.
  CHECK(read_unkept_source(warm.model, site.shown(rel)) == cold.model.sources.at(site.shown(rel)));

  // A load that keeps every text (the preview's first) reads them all.
  {
    Loaded keeping;
    keeping.cache = load_cache_from_bytes(bytes, 2);
    keeping.model = load_site({site.root.string(), 2}, keeping.diags, &keeping.cache);
    CHECK(keeping.cache.read == records_of(cold.cache) + 1);
    CHECK(keeping.model.sources.at(site.shown(rel)) == cold.model.sources.at(site.shown(rel)));
    CHECK(keeping.model.incidents == cold.model.incidents);
  }

  // An edit of the same size changes the stamp (change and modification
  // times): read, parsed, seen.
  std::string text = site.read(rel);
  text.replace(text.find("SEV3"), 4, "SEV2");
  site.write(rel, text);
  const Loaded edited = load_from(site, bytes);
  CHECK(edited.cache.read == 2);
  CHECK(edited.cache.parsed == 2);
  const Incident* inc = edited.model.find_incident("INC-2026-11-30-901");
  REQUIRE(inc);
  CHECK(inc->severity == "SEV2");
}

TEST_CASE("a damaged, truncated or foreign load cache is ignored") {
  CacheSite site;
  const Loaded cold = first_load(site);
  const std::string bytes = load_cache_bytes(cold.cache, cold.model);
  REQUIRE(records_of(load_cache_from_bytes(bytes)) == records_of(cold.cache));

  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{40}, bytes.size() / 3, bytes.size() / 2,
                          bytes.size() - 9, bytes.size() - 1}) {
    INFO("cut at " << cut);
    CHECK(records_of(load_cache_from_bytes(bytes.substr(0, cut))) == 0);
  }
  for (std::size_t at : {std::size_t{0}, std::size_t{30}, bytes.size() / 4, bytes.size() / 2, bytes.size() - 20,
                         bytes.size() - 1}) {
    INFO("byte " << at << " changed");
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    CHECK(records_of(load_cache_from_bytes(damaged)) == 0);
  }
  CHECK(records_of(load_cache_from_bytes(bytes + "x")) == 0);

  // Ignored means parsed again: the model is the same as without a cache.
  const Loaded after_damage = load_from(site, bytes.substr(0, bytes.size() / 2));
  CHECK(after_damage.cache.parsed == records_of(cold.cache) + 1);
  CHECK(after_damage.model.incidents == cold.model.incidents);
  CHECK(after_damage.diags.all() == cold.diags.all());

  // Behind the checksums, the decoder itself refuses what does not add up.
  const std::vector<std::string> parts = parts_of(cold.cache, cold.model);
  REQUIRE(parts.size() >= 3);
  CHECK_NOTHROW(decode_load_parts(views(parts)));
  {
    auto cut = parts;
    cut[1].resize(cut[1].size() / 2);
    CHECK_THROWS_AS(decode_load_parts(views(cut)), CodecError);
  }
  {
    auto longer = parts;
    longer[0] += '\0';
    CHECK_THROWS_AS(decode_load_parts(views(longer)), CodecError);
  }
  {
    auto fewer = parts;
    fewer.pop_back();
    CHECK_THROWS_AS(decode_load_parts(views(fewer)), CodecError);
  }
  {
    auto huge = parts;  // the incident count (after the config hash and the load's start) says 2^62
    huge[0][8 + 8 + 7] = 0x40;
    CHECK_THROWS_AS(decode_load_parts(views(huge)), CodecError);
  }
  CHECK_THROWS_AS(decode_load_parts({}), CodecError);
}

TEST_CASE("the load cache hands each part to release once it is decoded, and none of a damaged cache") {
  CacheSite site;
  const Loaded cold = first_load(site);
  const std::string bytes = load_cache_bytes(cold.cache, cold.model);
  const std::vector<std::string> parts = parts_of(cold.cache, cold.model);
  std::mutex lock;
  std::vector<std::string_view> released;
  const auto release = [&](std::string_view part) {
    std::lock_guard<std::mutex> hold(lock);
    released.push_back(part);
  };
  CHECK(records_of(load_cache_from_bytes(bytes, 2, release)) == records_of(cold.cache));
  // Every part once, each where it is in the file, with its bytes.
  REQUIRE(released.size() == parts.size());
  std::sort(released.begin(), released.end(),
            [](std::string_view a, std::string_view b) { return a.data() < b.data(); });
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CHECK(released[i] == parts[i]);
    CHECK(released[i].data() >= bytes.data());
    CHECK(released[i].data() + released[i].size() <= bytes.data() + bytes.size());
    if (i > 0) CHECK(released[i - 1].data() + released[i - 1].size() == released[i].data());
  }
  // A part that does not match its hash is never decoded, let alone released.
  released.clear();
  std::string damaged = bytes;
  const std::size_t in_last_part = bytes.find(parts.back());
  REQUIRE(in_last_part != std::string::npos);
  damaged[in_last_part] = static_cast<char>(damaged[in_last_part] ^ 0x5a);
  CHECK(records_of(load_cache_from_bytes(damaged, 1, release)) == 0);
  CHECK(std::find(released.begin(), released.end(), std::string_view(damaged).substr(in_last_part, parts.back().size())) ==
        released.end());
}

TEST_CASE("the load cache file: written whole, read back, one per site root, never an error") {
  CacheSite site;
  const Loaded cold = first_load(site);
  const fs::path dir = site.root / "cache";
  const auto file = load_cache_file(site.root.string(), {dir.string(), false});
  REQUIRE(file.has_value());
  CHECK(file->parent_path() == dir);
  // One file per root and spelling of it: records name files by display
  // path, which the spelling is part of ("content/x" for --root .), so two
  // spellings sharing a file would discard each other's records every run.
  CHECK(load_cache_file(site.root.string(), {dir.string(), false}) == file);
  CHECK(load_cache_file((site.root / "content" / "..").string(), {dir.string(), false}) != file);
  CHECK(load_cache_file((site.root / "content").string(), {dir.string(), false}) != file);
  CHECK_FALSE(load_cache_file(site.root.string(), {dir.string(), true}).has_value());

  CHECK(records_of(read_load_cache(*file)) == 0);  // none yet
  REQUIRE(write_load_cache(*file, cold.cache, cold.model));
  // Read back, it counts as used now: pruning the folder keeps it.
  const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 90);
  fs::last_write_time(*file, long_ago);
  CHECK(records_of(read_load_cache(*file, 2)) == records_of(cold.cache));
  CHECK(fs::last_write_time(*file) > long_ago + std::chrono::hours(24 * 89));
  for (const auto& entry : fs::directory_iterator(dir))  // no temporary file left behind
    CHECK(entry.path() == *file);

  // A folder where the file should be, or a file where the folder should
  // be: not read, not written, no exception.
  CHECK(records_of(read_load_cache(dir)) == 0);
  site.write("blocked", "a file, not a folder");
  CHECK_FALSE(write_load_cache(site.root / "blocked" / "load.bin", cold.cache, cold.model));
}

TEST_CASE("update messages from the load cache are views into its bytes, which they keep alive") {
  CacheSite site;
  const Loaded cold = first_load(site);
  auto owned = std::make_shared<const std::string>(load_cache_bytes(cold.cache, cold.model));
  const std::string_view bytes = *owned;
  LoadCache decoded = load_cache_from_bytes(bytes, 2, {}, owned);
  REQUIRE(decoded.previous.incidents == cold.model.incidents);
  std::size_t viewed = 0;
  for (const auto& inc : decoded.previous.incidents)
    for (const auto& u : inc.updates) {
      if (u.message.empty()) continue;
      // No copy: the text is where the cache holds it, with its hash.
      CHECK(u.message.view().data() >= bytes.data());
      CHECK(u.message.view().data() + u.message.size() <= bytes.data() + bytes.size());
      CHECK(u.message.hash() == hash_text(u.message.view()));
      ++viewed;
    }
  CHECK(viewed > 5);
  // The decoded items outlive every other owner of the bytes.
  const std::weak_ptr<const std::string> alive = owned;
  owned.reset();
  CHECK_FALSE(alive.expired());
  CHECK(decoded.previous.incidents == cold.model.incidents);
  decoded = LoadCache{};
  CHECK(alive.expired());

  // Without an owner (bytes that do not outlive the call), copies.
  const std::string bytes_copy = load_cache_bytes(cold.cache, cold.model);
  const LoadCache copied = load_cache_from_bytes(bytes_copy, 2);
  for (const auto& inc : copied.previous.incidents)
    for (const auto& u : inc.updates)
      if (!u.message.empty())
        CHECK_FALSE((u.message.view().data() >= bytes_copy.data() &&
                     u.message.view().data() < bytes_copy.data() + bytes_copy.size()));
}

TEST_CASE("read_load_cache: the messages of a cache file stay readable after the file is replaced and deleted") {
  CacheSite site;
  const Loaded cold = first_load(site);
  const fs::path dir = site.root / "cache";
  const auto file = load_cache_file(site.root.string(), {dir.string(), false});
  REQUIRE(file.has_value());
  REQUIRE(write_load_cache(*file, cold.cache, cold.model));
  const LoadCache read = read_load_cache(*file, 2);
  REQUIRE(records_of(read) == records_of(cold.cache));
  // The next run's cache renamed over it, then the folder pruned: the
  // mapping keeps the old bytes (and their pages come back on demand).
  REQUIRE(write_load_cache(*file, LoadCache{}, Model{}));
  fs::remove(*file);
  CHECK(read.previous.incidents == cold.model.incidents);
  // Pages let go (as the cache writer and the leak scan do) are read again.
  REQUIRE(read.mapping);
  read.mapping->let_go();
  CHECK(read.previous.incidents == cold.model.incidents);
}
