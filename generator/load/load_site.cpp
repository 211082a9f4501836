#include "load/load_site.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <chrono>
#include <thread>

#include <sys/stat.h>

#include "load/parse.h"
#include "util/hash.h"
#include "util/source_file.h"

namespace sitrep {
namespace fs = std::filesystem;

std::string display_path(const std::string& root, const std::string& relative) {
  if (root.empty() || root == ".") return relative;
  std::string r = root;
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return r + "/" + relative;
}

namespace {

// Files under root/dir with the extension, as root-relative paths, sorted so
// every later stage sees them in the same order.
std::vector<std::string> find_files(const std::string& root, const std::string& dir, const std::string& ext,
                                    Diagnostics& diags) {
  std::vector<std::string> out;
  const fs::path base = fs::path(root) / dir;
  std::error_code ec;
  if (!fs::exists(base, ec)) return out;
  if (!fs::is_directory(base, ec)) {
    diags.report(display_path(root, dir), {}, "file-unreadable", "expected a directory");
    return out;
  }
  // Directory symlinks are not followed, so a symlink loop cannot trap the walk.
  fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec), end;
  while (!ec && it != end) {
    const fs::directory_entry& entry = *it;
    // A directory named *.toml is kept too: reading it reports the problem.
    if (entry.path().extension() == ext) out.push_back(entry.path().lexically_relative(root).generic_string());
    it.increment(ec);
    if (out.size() > 1'000'000) break;
  }
  if (ec) diags.report(display_path(root, dir), {}, "file-unreadable", "cannot list directory: " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

struct FileText {
  std::string display;
  std::optional<std::string> text;
};

FileStamp stamp_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {};
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::uint64_t>(st.st_size), st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec,
          st.st_ctim.tv_sec * 1'000'000'000LL + st.st_ctim.tv_nsec};
}

// Reads and parses `files` on a pool of threads. Each worker reports into its
// own Diagnostics; results are merged in input order (deterministic). With
// records of the previous load (valid for this model's config), a file whose
// text is unchanged takes its item, text and diagnostics from `previous`
// (moved, not copied) instead of being parsed.
template <class T, class Parse>
std::vector<T> parse_all(const Model& model, const std::vector<std::string>& files, unsigned threads,
                         Diagnostics& diags, std::map<std::string, std::string, std::less<>>& sources,
                         std::map<std::string, FileRecord, std::less<>>* records, std::vector<T>* previous_items,
                         std::map<std::string, std::string, std::less<>>* previous_sources,
                         std::int64_t trusted_before_ns, bool texts_by_hash, std::size_t& parsed_count,
                         std::size_t& read_count,
                         std::map<std::string, Model::UnkeptSource, std::less<>>* unkept, Parse parse) {
  const std::size_t n = files.size();
  std::vector<std::optional<T>> parsed(n);
  std::vector<FileText> texts(n);
  std::vector<Diagnostics> local(n, Diagnostics(model.rules));
  std::vector<const FileRecord*> reused(n, nullptr);
  std::vector<FileStamp> stamps(n);
  const PlainFolders plain(model.root, files);  // each folder's components checked once, not per file
  std::atomic<std::size_t> reads{0};  // files read, with records: their stamps were not trusted
  // Workers only read the records and the previous model; they change after
  // every worker is done.
  // A cache restored from disk has no texts: it compares hash and size.
  const bool by_hash = records && texts_by_hash;
  const auto reusable = [&](const std::string& display) -> const FileRecord* {
    const auto hit = records->find(display);
    if (hit == records->end() || (!by_hash && !previous_sources->count(display))) return nullptr;
    const auto& item = hit->second.item;
    if (item && (*item >= previous_items->size() || (*previous_items)[*item].source_hash != hit->second.text_hash))
      return nullptr;  // the model handed back is not the one these records describe
    return &hit->second;
  };
  const auto work = [&](std::size_t i) {
    texts[i].display = display_path(model.root, files[i]);
    const FileRecord* record = records ? reusable(texts[i].display) : nullptr;
    // Taken before the file is read, so an edit after it changes the stamp
    // the next load compares (its change time at least).
    if (records) stamps[i] = stamp_of(fs::path(model.root) / files[i]);
    // A cache from disk holds no texts: a file whose text is to be kept
    // (LoadOptions::keep_cached_texts, the preview's first load) is read.
    if (record && (!by_hash || unkept) && stamps[i].inode && record->stamp == stamps[i] &&
        stamps[i].ctime_ns < trusted_before_ns) {
      reused[i] = record;
      return;
    }
    if (records) ++reads;
    // Bytes a record matches passed the text checks when they were parsed
    // (a file that fails them gets no record): only new text is checked.
    texts[i].text = read_confined_bytes(model.root, files[i], texts[i].display, local[i], &plain);
    if (!texts[i].text) return;
    const std::string& text = *texts[i].text;
    if (record && (by_hash ? record->text_size == text.size() && record->text_hash == hash_text(text)
                           : previous_sources->find(texts[i].display)->second == text)) {
      reused[i] = record;
      if (by_hash && unkept) texts[i].text.reset();  // freed here, so this thread reuses the memory
      return;
    }
    if (!check_source_text(text, texts[i].display, local[i])) {
      texts[i].text.reset();
      return;
    }
    parsed[i] = parse(*texts[i].text, texts[i].display, local[i]);
    if (parsed[i]) parsed[i]->source_hash = hash_text(*texts[i].text);
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / 64)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) work(i);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (std::size_t i = t; i < n; i += threads) work(i);
      });
    for (auto& th : pool) th.join();
  }
  read_count += reads;
  std::map<std::string, FileRecord, std::less<>> next_records;
  std::vector<T> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& display = texts[i].display;
    if (const FileRecord* record = reused[i]) {
      diags.append(record->diags);
      FileRecord next{stamps[i], record->text_hash, record->text_size, std::nullopt, record->diags};
      if (record->item) {
        next.item = out.size();
        out.push_back(std::move((*previous_items)[*record->item]));
      }
      if (by_hash && unkept)
        unkept->emplace(display, Model::UnkeptSource{files[i], record->text_hash});
      else if (by_hash)
        sources.emplace(display, std::move(*texts[i].text));
      else
        sources.insert(previous_sources->extract(display));
      next_records.emplace(display, std::move(next));
      continue;
    }
    ++parsed_count;
    diags.append(local[i]);
    if (!texts[i].text) continue;
    if (records) {
      FileRecord next{stamps[i], hash_text(*texts[i].text), texts[i].text->size(), std::nullopt, local[i]};
      if (parsed[i]) next.item = out.size();
      next_records.emplace(display, std::move(next));
    }
    sources.emplace(display, std::move(*texts[i].text));
    if (parsed[i]) out.push_back(std::move(*parsed[i]));
  }
  if (records) *records = std::move(next_records);  // files no longer there leave the records
  return out;
}

// Reads one required file; nullopt (with a diagnostic) when it cannot be used.
std::optional<std::string> read_one(Model& model, const std::string& relative, Diagnostics& diags) {
  const std::string shown = display_path(model.root, relative);
  std::error_code ec;
  std::optional<std::string> text;
  if (!fs::exists(fs::symlink_status(fs::path(model.root) / relative, ec)))
    diags.report(shown, {}, "file-unreadable", "required file is missing");
  else
    text = read_confined_file(model.root, relative, shown, diags);
  if (text) model.sources.emplace(shown, *text);
  model.config_hash = hash_mix(hash_mix(model.config_hash, relative), text ? std::string_view{*text} : "\0missing");
  return text;
}

}  // namespace

std::optional<std::string> read_unkept_source(const Model& model, std::string_view display) {
  const auto unkept = model.unkept_sources.find(display);
  if (unkept == model.unkept_sources.end()) return std::nullopt;
  Diagnostics ignored;  // it was read once already; now only its lines are wanted
  auto text = read_confined_bytes(model.root, unkept->second.relative, unkept->first, ignored);
  if (!text || hash_text(*text) != unkept->second.text_hash) return std::nullopt;
  return text;
}

void read_sources_of(Model& model, const Diagnostics& diags) {
  for (const auto& d : diags.all()) {
    if (model.sources.count(d.path)) continue;
    if (auto text = read_unkept_source(model, d.path)) model.sources.emplace(d.path, std::move(*text));
  }
}

Model load_site(const LoadOptions& options, Diagnostics& diags, LoadCache* cache) {
  Model model;
  model.root = options.root;
  model.site.time_zone = utc_zone();

  const std::string site_path = "content/site.toml";
  if (auto text = read_one(model, site_path, diags)) model.site = parse_site(*text, display_path(model.root, site_path), diags);
  if (!model.site.time_zone) model.site.time_zone = utc_zone();
  for (const auto& [rule, level_text] : model.site.rules) {
    Level level;
    if (parse_level(level_text, level)) model.rules.set(rule, level);
  }
  diags.set_policy(model.rules);

  if (auto text = read_one(model, model.site.severity_schema, diags))
    model.severity = parse_severity_schema(*text, display_path(model.root, model.site.severity_schema), diags);
  if (auto text = read_one(model, model.site.postmortem_schema, diags))
    model.postmortem_template =
        parse_postmortem_schema(*text, display_path(model.root, model.site.postmortem_schema), diags);
  const std::string components_path = "content/components.toml";
  if (auto text = read_one(model, components_path, diags))
    model.components = parse_components(*text, display_path(model.root, components_path), diags);

  // Local times are read through the time zone database: after a tzdata
  // upgrade nothing parsed under the old rules is reused.
  model.config_hash = hash_mix(model.config_hash, time_zone_database_version());
  // Every item is parsed against the config (time zone, rule levels): a
  // cache filled under another config is emptied, not trusted.
  if (cache && cache->config_hash != model.config_hash) {
    *cache = LoadCache{};
    cache->config_hash = model.config_hash;
  }
  Model* previous = cache ? &cache->previous : nullptr;
  const std::int64_t load_started_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  // Stamps are trusted only for files whose last change is over a second
  // older than the previous load; 0 (no previous load) trusts none.
  const std::int64_t trusted_before_ns = cache && cache->previous_load_ns ? cache->previous_load_ns - 1'000'000'000 : 0;
  const bool texts_by_hash = cache && cache->texts_by_hash;
  auto* unkept = options.keep_cached_texts ? nullptr : &model.unkept_sources;
  std::size_t parsed = 0, read = 0;
  const TimeZone zone = model.site.time_zone;
  model.incidents = parse_all<Incident>(
      model, find_files(model.root, "content/incidents", ".toml", diags), options.threads, diags, model.sources,
      cache ? &cache->incidents : nullptr, previous ? &previous->incidents : nullptr,
      previous ? &previous->sources : nullptr, trusted_before_ns, texts_by_hash, parsed, read, unkept, [zone](std::string_view text, const std::string& path, Diagnostics& d) { return parse_incident(text, path, zone, d); });
  model.maintenance = parse_all<Maintenance>(
      model, find_files(model.root, "content/maintenance", ".toml", diags), options.threads, diags, model.sources,
      cache ? &cache->maintenance : nullptr, previous ? &previous->maintenance : nullptr,
      previous ? &previous->sources : nullptr, trusted_before_ns, texts_by_hash, parsed, read, unkept, [zone](std::string_view text, const std::string& path, Diagnostics& d) {
        return parse_maintenance(text, path, zone, d);
      });
  const auto postmortem_files = find_files(model.root, "content/postmortems", ".md", diags);
  model.postmortems = parse_all<Postmortem>(
      model, postmortem_files, options.threads, diags, model.sources, cache ? &cache->postmortems : nullptr,
      previous ? &previous->postmortems : nullptr, previous ? &previous->sources : nullptr, trusted_before_ns, texts_by_hash, parsed, read, unkept,
      [](std::string_view text, const std::string& path, Diagnostics& d) { return parse_postmortem(text, path, d); });
  model.unreadable_postmortems = postmortem_files.size() - model.postmortems.size();
  if (cache) model.mapped_texts = cache->mapping;
  model.index();
  if (cache) {
    cache->parsed = parsed;
    cache->read = read;
    cache->previous_load_ns = load_started_ns;
    cache->previous = Model{};  // what was not moved over: files that are gone
  }
  return model;
}

}  // namespace sitrep
