#include "load/model_codec.h"

#include <algorithm>
#include <atomic>
#include <concepts>
#include <cstring>
#include <functional>
#include <memory>
#include <type_traits>

#include "util/parallel.h"

namespace sitrep {
namespace {

// Every struct's fields are listed once, in `fields`, and that one list is
// both written and read, so the two cannot drift apart. A field added to a
// model struct must be added here too: the size checks below fail the
// build until it is (and test_load_cache's round trip compares every field).
static_assert(sizeof(Incident) == 728, "Incident changed: list the new field in model_codec.cpp, then update the size");
static_assert(sizeof(Maintenance) == 264, "Maintenance changed: list the new field in model_codec.cpp");
static_assert(sizeof(Postmortem) == 304, "Postmortem changed: list the new field in model_codec.cpp");
static_assert(sizeof(IncidentUpdate) == 160, "IncidentUpdate changed: list the new field in model_codec.cpp");
static_assert(sizeof(ActionItem) == 216, "ActionItem changed: list the new field in model_codec.cpp");
static_assert(sizeof(PostmortemSection) == 144, "PostmortemSection changed: list the new field in model_codec.cpp");
static_assert(sizeof(Diagnostic) == 144, "Diagnostic changed: list the new field in model_codec.cpp");
static_assert(sizeof(FileRecord) == 144, "FileRecord changed: list the new field in model_codec.cpp");

template <class T, class U>
concept Is = std::same_as<std::remove_const_t<T>, U>;

template <class IO, Is<SourcePos> T> void fields(IO& io, T& x) { io(x.line, x.col); }
template <class IO, Is<ComponentStatus> T> void fields(IO& io, T& x) { io(x.component, x.status, x.pos, x.status_pos); }
template <class IO, Is<IncidentUpdate> T> void fields(IO& io, T& x) {
  io(x.at, x.status, x.message, x.next_update_by, x.components, x.pos, x.key_pos);
}
template <class IO, Is<TimelineEntry> T> void fields(IO& io, T& x) { io(x.at, x.severity, x.action, x.owner, x.pos); }
template <class IO, Is<ImpactFigure> T> void fields(IO& io, T& x) { io(x.label, x.value, x.unit, x.pos); }
template <class IO, Is<RootCause> T> void fields(IO& io, T& x) {
  io(x.summary, x.category, x.pending, x.confirmed, x.pos, x.key_pos);
}
template <class IO, Is<ActionItem> T> void fields(IO& io, T& x) {
  io(x.action, x.owner, x.status, x.priority, x.due, x.due_text, x.source, x.pos);
}
template <class IO, Is<Incident> T> void fields(IO& io, T& x) {
  io(x.path, x.id, x.title, x.severity, x.type, x.summary, x.components, x.component_pos, x.is_public, x.started_at,
     x.detected_at, x.acknowledged_at, x.mitigated_at, x.resolved_at, x.resolution_method, x.affected_system, x.roles,
     x.updates, x.metrics, x.impact, x.root_cause, x.timeline, x.actions, x.key_pos, x.source_hash);
}
template <class IO, Is<MaintenanceUpdate> T> void fields(IO& io, T& x) {
  io(x.at, x.status, x.message, x.pos, x.key_pos);
}
template <class IO, Is<Maintenance> T> void fields(IO& io, T& x) {
  io(x.path, x.id, x.title, x.message, x.components, x.component_pos, x.is_public, x.scheduled_start,
     x.scheduled_end, x.updates, x.key_pos, x.source_hash);
}
template <class IO, Is<TableRow> T> void fields(IO& io, T& x) { io(x.cells, x.line); }
template <class IO, Is<PostmortemSection> T> void fields(IO& io, T& x) {
  io(x.heading, x.markdown, x.line, x.col, x.empty, x.table_header, x.table_rows);
}
template <class IO, Is<Postmortem> T> void fields(IO& io, T& x) {
  io(x.path, x.incident, x.title, x.status, x.severity, x.authors, x.date, x.is_public, x.body_line, x.body,
     x.sections, x.key_pos, x.source_hash);
}
template <class IO, Is<Diagnostic> T> void fields(IO& io, T& x) {
  io(x.path, x.pos, x.level, x.rule, x.message, x.hint);
}
template <class IO, Is<FileStamp> T> void fields(IO& io, T& x) {
  io(x.device, x.inode, x.size, x.mtime_ns, x.ctime_ns);
}

class Writer {
 public:
  std::string bytes;

  template <class... T>
  void operator()(const T&... x) {
    (put(x), ...);
  }

  void put(bool x) { put(std::uint8_t{x}); }
  template <std::integral T>
  void put(T x) {
    using U = std::make_unsigned_t<T>;
    auto u = static_cast<std::uint64_t>(static_cast<U>(x));
    char buf[sizeof(T)];
    for (std::size_t i = 0; i < sizeof(T); ++i) buf[i] = static_cast<char>((u >> (8 * i)) & 0xff);
    bytes.append(buf, sizeof(T));
  }
  void put(double x) {
    std::uint64_t u;
    std::memcpy(&u, &x, sizeof u);
    put(u);
  }
  void put(Level x) { put(static_cast<std::uint8_t>(x)); }
  void put(const std::string& s) {
    put(static_cast<std::uint64_t>(s.size()));
    bytes.append(s);
  }
  void put(const SharedText& s) {
    put(s.hash());
    put(static_cast<std::uint64_t>(s.size()));
    bytes.append(s.view());
  }
  template <class D>
  void put(const std::chrono::time_point<std::chrono::system_clock, D>& t) {
    put(static_cast<std::int64_t>(t.time_since_epoch().count()));
  }
  template <class T>
  void put(const std::optional<T>& x) {
    put(x.has_value());
    if (x) put(*x);
  }
  template <class A, class B>
  void put(const std::pair<A, B>& x) {
    put(x.first);
    put(x.second);
  }
  template <class T>
  void put(const std::vector<T>& xs) {
    put(static_cast<std::uint64_t>(xs.size()));
    for (const auto& x : xs) put(x);
  }
  void put(const KeyPositions& x) { put(x.packed()); }
  template <class K, class V, class C>
  void put(const std::map<K, V, C>& xs) {
    put(static_cast<std::uint64_t>(xs.size()));
    for (const auto& [k, v] : xs) {
      put(k);
      put(v);
    }
  }
  template <class T>
    requires requires(Writer& w, const T& x) { fields(w, x); }
  void put(const T& x) {
    fields(*this, x);
  }
};

class Reader {
 public:
  // With `owner` (what keeps `bytes` alive), a SharedText is a view into
  // them; without one, a copy.
  explicit Reader(std::string_view bytes, std::shared_ptr<const void> owner = nullptr)
      : rest_(bytes), owner_(std::move(owner)) {}
  bool done() const { return rest_.empty(); }

  template <class... T>
  void operator()(T&... x) {
    (get(x), ...);
  }

  void get(bool& x) {
    std::uint8_t b = 0;
    get(b);
    if (b > 1) throw CodecError("bad boolean");
    x = b == 1;
  }
  template <std::integral T>
  void get(T& x) {
    const std::string_view b = take(sizeof(T));
    std::uint64_t u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) u |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[i])) << (8 * i);
    x = static_cast<T>(static_cast<std::make_unsigned_t<T>>(u));
  }
  void get(double& x) {
    std::uint64_t u = 0;
    get(u);
    std::memcpy(&x, &u, sizeof x);
  }
  void get(Level& x) {
    std::uint8_t b = 0;
    get(b);
    if (b > static_cast<std::uint8_t>(Level::error)) throw CodecError("bad level");
    x = static_cast<Level>(b);
  }
  void get(std::string& s) {
    const std::string_view b = take(count(1));
    s.assign(b.data(), b.size());
  }
  void get(SharedText& s) {
    std::uint64_t hash = 0;
    get(hash);
    const std::string_view b = take(count(1));
    // The part's hash was checked before it is decoded: the text's is the
    // one stored with it.
    s = owner_ && !b.empty() ? SharedText(owner_, b, hash) : SharedText(std::string(b));
  }
  template <class D>
  void get(std::chrono::time_point<std::chrono::system_clock, D>& t) {
    std::int64_t n = 0;
    get(n);
    t = std::chrono::time_point<std::chrono::system_clock, D>(D(n));
  }
  template <class T>
  void get(std::optional<T>& x) {
    bool has = false;
    get(has);
    if (!has) {
      x.reset();
      return;
    }
    get(x.emplace());
  }
  template <class A, class B>
  void get(std::pair<A, B>& x) {
    get(x.first);
    get(x.second);
  }
  template <class T>
  void get(std::vector<T>& xs) {
    const std::uint64_t n = count(1);  // every element takes at least a byte
    xs.clear();
    xs.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) get(xs.emplace_back());
  }
  void get(KeyPositions& x) {
    std::string packed;
    get(packed);
    try {
      x = KeyPositions::from_packed(std::move(packed));
    } catch (const std::invalid_argument& e) {
      throw CodecError(e.what());
    }
  }
  template <class K, class V, class C>
  void get(std::map<K, V, C>& xs) {
    const std::uint64_t n = count(2);
    xs.clear();
    for (std::uint64_t i = 0; i < n; ++i) {
      K k{};
      V v{};
      get(k);
      get(v);
      xs.emplace_hint(xs.end(), std::move(k), std::move(v));
    }
  }
  template <class T>
    requires requires(Reader& r, T& x) { fields(r, x); }
  void get(T& x) {
    fields(*this, x);
  }

 private:
  std::string_view take(std::size_t n) {
    if (n > rest_.size()) throw CodecError("truncated");
    const std::string_view b = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return b;
  }
  // A count of elements each at least `min_bytes` long: no more than the
  // bytes left can hold.
  std::uint64_t count(std::uint64_t min_bytes) {
    std::uint64_t n = 0;
    get(n);
    if (n > rest_.size() / min_bytes) throw CodecError("count larger than the data");
    return n;
  }

  std::string_view rest_;
  std::shared_ptr<const void> owner_;
};

// Records are written as (display path, stamp, hash, size, item index or
// none, diagnostics), in path order, per kind.
void put_records(Writer& w, const std::map<std::string, FileRecord, std::less<>>& records) {
  w.put(static_cast<std::uint64_t>(records.size()));
  for (const auto& [display, r] : records) {
    w(display, r.stamp, r.text_hash, r.text_size, r.item);
    w.put(r.diags.all());
  }
}

void get_records(Reader& r, std::map<std::string, FileRecord, std::less<>>& records, std::size_t items) {
  std::uint64_t n = 0;
  r.get(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string display;
    FileRecord record;
    r(display, record.stamp, record.text_hash, record.text_size, record.item);
    if (record.item && *record.item >= items) throw CodecError("record names a missing item");
    std::vector<Diagnostic> diags;
    r.get(diags);
    for (auto& d : diags) record.diags.restore(std::move(d));
    records.emplace_hint(records.end(), std::move(display), std::move(record));
  }
}

// Items go in chunks (parts of their own): encoding streams them one at a
// time (a chunk's buffer, not the whole cache, in memory), and decoding,
// most of it allocation and once a third of a warm `check` at 10 000
// incidents, runs on every core.
constexpr std::size_t k_items_per_chunk = 512;

// One job per chunk: decodes items [start, end) of one kind.
struct ChunkJob {
  std::size_t part;
  std::function<void(std::size_t part)> run;
};

template <class T>
void encode_chunks(const std::vector<T>& items, Writer& w, const std::function<void(std::string_view)>& emit) {
  for (std::size_t start = 0; start < items.size(); start += k_items_per_chunk) {
    w.bytes.clear();  // the buffer's memory is reused, chunk after chunk
    for (std::size_t i = start; i < std::min(items.size(), start + k_items_per_chunk); ++i) w.put(items[i]);
    emit(w.bytes);
  }
}

template <class T>
void decode_chunks(std::vector<T>& items, const std::vector<std::string_view>& parts,
                   const std::shared_ptr<const void>& owner, std::size_t& next_part, std::vector<ChunkJob>& jobs) {
  for (std::size_t start = 0; start < items.size(); start += k_items_per_chunk) {
    const std::size_t end = std::min(items.size(), start + k_items_per_chunk);
    if (next_part >= parts.size()) throw CodecError("a chunk is missing");
    jobs.push_back({next_part++, [&items, &parts, &owner, start, end](std::size_t part) {
                      Reader r(parts[part], owner);
                      for (std::size_t i = start; i < end; ++i) r.get(items[i]);
                      if (!r.done()) throw CodecError("bytes after the chunk's items");
                    }});
  }
}

// Runs every job on `threads` threads; true when none threw CodecError.
bool run_jobs(const std::vector<ChunkJob>& jobs, unsigned threads, const PartHooks& hooks) {
  std::atomic<bool> failed{false};
  parallel_for(jobs.size(), threads, [&](std::size_t i) {
    try {
      if (hooks.before) hooks.before(jobs[i].part);
      jobs[i].run(jobs[i].part);
      if (hooks.after) hooks.after(jobs[i].part);
    } catch (const CodecError&) {
      failed = true;
    }
  });
  return !failed;
}

}  // namespace

void encode_load_parts(const LoadCache& cache, const Model& model,
                       const std::function<void(std::string_view part)>& emit) {
  Writer w;
  w(cache.config_hash, cache.previous_load_ns, static_cast<std::uint64_t>(model.incidents.size()),
    static_cast<std::uint64_t>(model.maintenance.size()), static_cast<std::uint64_t>(model.postmortems.size()));
  put_records(w, cache.incidents);
  put_records(w, cache.maintenance);
  put_records(w, cache.postmortems);
  emit(w.bytes);
  encode_chunks(model.incidents, w, emit);
  encode_chunks(model.maintenance, w, emit);
  encode_chunks(model.postmortems, w, emit);
}

LoadCache decode_load_parts(const std::vector<std::string_view>& parts, unsigned threads, const PartHooks& hooks,
                            const std::shared_ptr<const void>& owner) {
  if (parts.empty()) throw CodecError("no parts");
  if (hooks.before) hooks.before(0);
  Reader head(parts[0]);
  LoadCache cache;
  cache.texts_by_hash = true;
  std::uint64_t incidents = 0, maintenance = 0, postmortems = 0;
  head(cache.config_hash, cache.previous_load_ns, incidents, maintenance, postmortems);
  // Each item takes one of the parts' bytes at least: the sizes asked for
  // below are bounded by the data.
  std::size_t total = 0;
  for (const auto part : parts) total += part.size();
  if (incidents > total || maintenance > total || postmortems > total) throw CodecError("counts larger than the data");
  cache.previous.incidents.resize(incidents);
  cache.previous.maintenance.resize(maintenance);
  cache.previous.postmortems.resize(postmortems);
  get_records(head, cache.incidents, incidents);
  get_records(head, cache.maintenance, maintenance);
  get_records(head, cache.postmortems, postmortems);
  if (!head.done()) throw CodecError("bytes after the records");
  if (hooks.after) hooks.after(0);
  std::vector<ChunkJob> jobs;
  std::size_t next_part = 1;
  decode_chunks(cache.previous.incidents, parts, owner, next_part, jobs);
  decode_chunks(cache.previous.maintenance, parts, owner, next_part, jobs);
  decode_chunks(cache.previous.postmortems, parts, owner, next_part, jobs);
  if (next_part != parts.size()) throw CodecError("parts after the last chunk");
  if (!run_jobs(jobs, threads, hooks)) throw CodecError("a damaged chunk");
  return cache;
}

}  // namespace sitrep
