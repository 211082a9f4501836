#include "render/leak_scan.h"

#include "load/load_site.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "render/leak_search_file.h"
#include "util/hash.h"
#include "util/multi_search.h"
#include "util/parallel.h"

namespace sitrep {
namespace {

// Where a candidate text was written (its text is kept apart, in the
// order of the candidates: the search takes those views as they are).
struct Candidate {
  const std::string* field;  // "root_cause.summary", ... (Collector's, one copy per name)
  const std::string* path;   // content file (the model's)
};

// The lines of a value, trimmed of blanks and of the Markdown that opens a
// line (list bullets, quotes, headings), as they would appear in a page.
template <class F>
void for_each_line(std::string_view value, F f) {
  while (!value.empty()) {
    const std::size_t nl = value.find('\n');
    std::string_view line = value.substr(0, nl);
    value = nl == std::string_view::npos ? std::string_view{} : value.substr(nl + 1);
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!line.empty() && (blank(line.front()) || line.front() == '-' || line.front() == '*' ||
                             line.front() == '>' || line.front() == '#'))
      line.remove_prefix(1);
    while (!line.empty() && blank(line.back())) line.remove_suffix(1);
    if (!line.empty()) f(line);
  }
}

class Collector {
 public:
  // `value` is the model's own text (views of it are kept); `field` may be
  // a temporary, copied only for a line that becomes a candidate.
  void internal(std::string_view value, std::string_view field, const std::string& path) {
    const std::string* name = nullptr;  // looked up once a line becomes a candidate
    for_each_line(value, [&](std::string_view line) {
      if (line.size() < k_min_leak_text || !seen_.insert(line).second) return;
      if (!name) {
        auto it = fields_.find(field);
        if (it == fields_.end()) it = fields_.emplace(field).first;
        name = &*it;
      }
      candidate_texts.push_back(line);
      candidates.push_back({name, &path});
    });
  }
  // Once every text is collected: the lines already seen are not needed,
  // and the lists are held for the whole build at their length, not at
  // their last doubling (145 000 candidates at 10 000 incidents, in room
  // grown for 262 000).
  void finish() {
    seen_ = {};
    candidates.shrink_to_fit();
    candidate_texts.shrink_to_fit();
  }
  void shown(std::string_view value) {
    if (!value.empty()) public_text.push_back(value);
  }
  std::vector<Candidate> candidates;
  std::vector<std::string_view> candidate_texts;  // the model's, one per candidate
  std::vector<std::string_view> public_text;  // every public field, the model's own text

 private:
  std::unordered_set<std::string_view> seen_;
  std::set<std::string, std::less<>> fields_;  // a node's address never changes
};

// Everything the candidates and the distinctive set are a function of, as
// one number: every value collect() gives, with its field and file, in
// order. Cheap next to the Collector (no lines split, nothing kept): a
// scan whose texts have the digest of the last one's takes what that one
// made (render/leak_search_file.h, LeakScanMemo).
class Digester {
 public:
  void internal(std::string_view value, std::string_view field, const std::string& path) {
    if (&path != path_) {  // an item's values come together: its file once
      path_ = &path;
      digest = hash_mix(hash_mix(digest, std::uint64_t{'p'}), path);
    }
    digest = hash_mix(hash_mix(digest, value), field);
  }
  void internal(const std::string& value, std::string_view field, const std::string& path) {
    internal(std::string_view(value), field, path);
  }
  // An update's message: its stored hash, so the digest does not read
  // bytes the build may never need (model/shared_text.h).
  void internal(const SharedText& value, std::string_view field, const std::string& path) {
    internal(std::string_view{}, field, path);
    digest = hash_mix(digest, value.hash());
  }
  void shown(std::string_view value) {
    if (!value.empty()) digest = hash_mix(hash_mix(digest, std::uint64_t{'s'}), value);
  }
  void shown(const std::string& value) { shown(std::string_view(value)); }
  void shown(const SharedText& value) {
    if (!value.empty()) digest = hash_mix(hash_mix(digest, std::uint64_t{'s'}), value.hash());
  }
  std::uint64_t digest = hash_text("leak-scan-inputs");

 private:
  const std::string* path_ = nullptr;
};

template <class Sink>
void collect_incident(const Incident& inc, bool internal_item, Sink& c) {
  const std::string& p = inc.path;
  if (internal_item) {
    c.internal(inc.title, "title of an internal incident", p);
    c.internal(inc.summary, "summary of an internal incident", p);
    for (const auto& u : inc.updates) c.internal(u.message, "update message of an internal incident", p);
  }
  c.internal(inc.affected_system, "affected_system", p);
  for (const auto& [role, name] : inc.roles) c.internal(name, "roles." + role, p);
  for (const auto& [name, value] : inc.metrics) c.internal(name, "metrics", p);
  for (const auto& f : inc.impact) {
    c.internal(f.label, "impact.label", p);
    c.internal(f.unit, "impact.unit", p);
  }
  if (inc.root_cause) {
    c.internal(inc.root_cause->summary, "root_cause.summary", p);
    c.internal(inc.root_cause->pending, "root_cause.pending", p);
  }
  for (const auto& t : inc.timeline) {
    c.internal(t.action, "timeline.action", p);
    c.internal(t.owner, "timeline.owner", p);
  }
  for (const auto& a : inc.actions) {
    c.internal(a.action, "actions.action", p);
    c.internal(a.owner, "actions.owner", p);
  }
}

// Every public text and every internal value, in one order, into `c` (a
// Collector or a Digester).
template <class Sink>
void collect(const PublicView& view, Sink& c) {
  const Model& model = *view.model;
  // What the public site may show: any internal line also found here is not
  // distinctive (an internal incident titled like a public one).
  c.shown(model.site.title);
  c.shown(model.site.description);
  std::set<const Incident*> shown_incidents;
  std::set<const Postmortem*> shown_postmortems;
  for (const auto& p : view.incidents) {
    shown_incidents.insert(p.incident);
    c.shown(p.incident->id);
    c.shown(p.incident->title);
    c.shown(p.incident->summary);
    for (const auto* u : p.updates) c.shown(u->message);
    c.shown(p.postmortem_title);
    for (const auto& [title, markdown] : p.postmortem_sections) {
      c.shown(title);
      c.shown(markdown);
    }
    if (p.postmortem) shown_postmortems.insert(p.postmortem);
  }
  std::set<const Maintenance*> shown_maintenance;
  for (const auto& m : view.maintenance) {
    shown_maintenance.insert(m.maintenance);
    c.shown(m.maintenance->title);
    c.shown(m.maintenance->message);
    for (const auto* u : m.updates) c.shown(u->message);
  }
  std::set<const Component*> shown_components;
  for (const auto& pc : view.components) {
    shown_components.insert(pc.component);
    c.shown(pc.component->name);
    c.shown(pc.component->description);
  }
  for (const auto& g : view.groups)
    if (g.group) {
      c.shown(g.group->name);
      c.shown(g.group->description);
    }

  for (const auto& inc : model.incidents) {
    const SeverityLevel* level = model.severity.level(inc.severity);
    const bool internal_item = !inc.is_public || (level && !level->is_public);
    collect_incident(inc, internal_item, c);
  }
  for (const auto& m : model.maintenance) {
    if (m.is_public) continue;
    c.internal(m.title, "title of an internal maintenance window", m.path);
    c.internal(m.message, "message of an internal maintenance window", m.path);
    for (const auto& u : m.updates) c.internal(u.message, "update message of an internal maintenance window", m.path);
  }
  for (const auto& comp : model.components.components) {
    if (shown_components.count(&comp)) continue;
    c.internal(comp.name, "name of an internal component", model.components.path);
    c.internal(comp.description, "description of an internal component", model.components.path);
  }
  const PostmortemTemplate& tpl = model.postmortem_template;
  for (const auto& pm : model.postmortems) {
    const bool published = shown_postmortems.count(&pm) > 0;
    for (const auto& s : pm.sections) {
      const SectionRule* rule = tpl.section_for_heading(s.heading);
      if (published && rule && rule->is_public) continue;
      c.internal(s.markdown, "postmortem section '" + s.heading + "' (not public)", pm.path);
    }
  }
}

// Where `text` first occurs in the content file, for the diagnostic.
SourcePos position_in(const Model& model, const std::string& path, std::string_view text) {
  const auto source = model.sources.find(path);
  std::optional<std::string> unkept;  // a file from the load cache is read back
  if (source == model.sources.end() && !(unkept = read_unkept_source(model, path))) return {};
  const std::string& s = unkept ? *unkept : source->second;
  const std::size_t at = s.find(text);
  if (at == std::string::npos) return {};
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < at; ++i) {
    if (s[i] == '\n') {
      ++pos.line;
      pos.col = 1;
    } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      ++pos.col;
    }
  }
  return pos;
}

}  // namespace

std::uint64_t content_hash(std::string_view bytes) { return hash_mix(hash_text(bytes), bytes.size()); }

struct LeakScanner::State {
  Collector collected;
  std::uint64_t inputs = 0;
  std::optional<MultiSearch> search;  // built when first needed
  std::vector<bool> distinctive;      // per candidate: said in no public field
  bool any_distinctive = false;       // nothing to look for otherwise: no file is scanned
  std::uint64_t patterns = 0;         // patterns_digest()
  bool same_patterns = false;         // as the previous build's scan
  // The previous build's files that passed under the same patterns (empty
  // when its patterns differ): passed again without a scan.
  std::unordered_set<std::uint64_t> passed_before;
  std::vector<std::uint64_t> clean;  // this scan's files that passed
  // Candidate -> the first public file holding it (least path) and how many do.
  std::map<std::size_t, std::pair<std::string, std::size_t>> found;

  // When the candidates and the search came from the last build's file:
  // the names they were written under, and the file's bytes (the texts).
  std::vector<std::string> saved_names;
  std::shared_ptr<const MappedBytes> saved_bytes;
  bool from_file = false;

  // The candidates' texts move into the search when it is built.
  void build_search() {
    if (search || collected.candidates.empty()) return;
    search.emplace(MultiSearch::over_views(std::move(collected.candidate_texts)));
  }
  std::string_view text(std::size_t candidate) const {
    return search ? search->pattern(candidate) : collected.candidate_texts[candidate];
  }
  // Takes the candidates, the distinctive set and the search from `saved`;
  // false (nothing taken) when its index is not one of its texts.
  bool take(SavedLeakSearch&& saved) {
    auto loaded = MultiSearch::from_tables(std::move(saved.texts), saved.search);
    if (!loaded) return false;
    saved_names.assign(saved.names.begin(), saved.names.end());
    collected.candidates.reserve(saved.candidates.size());
    distinctive.reserve(saved.candidates.size());
    for (const auto& c : saved.candidates) {
      collected.candidates.push_back({&saved_names[c.field], &saved_names[c.path]});
      distinctive.push_back(c.distinctive);
    }
    search.emplace(std::move(*loaded));
    saved_bytes = std::move(saved.mapping);
    from_file = true;
    return true;
  }
  // Writes the candidates, the distinctive set and the search (built now)
  // for the next build.
  void save(const std::filesystem::path& file) {
    build_search();
    if (!search) return;
    SavedLeakSearch out;
    out.inputs = inputs;
    std::unordered_map<const std::string*, std::uint32_t> ids;
    const auto id = [&](const std::string* name) {
      const auto [it, fresh] = ids.try_emplace(name, static_cast<std::uint32_t>(out.names.size()));
      if (fresh) out.names.push_back(*name);
      return it->second;
    };
    out.candidates.reserve(collected.candidates.size());
    out.texts.reserve(collected.candidates.size());
    for (std::size_t i = 0; i < collected.candidates.size(); ++i) {
      out.candidates.push_back({id(collected.candidates[i].field), id(collected.candidates[i].path), distinctive[i]});
      out.texts.push_back(search->pattern(i));
    }
    const std::string tables = search->tables();
    out.search = tables;
    write_leak_search(file, out);
  }
};

LeakScanner::LeakScanner(const PublicView& view, const LeakScanMemo* previous,
                         const std::filesystem::path* search_file)
    : view_(view), state_(std::make_unique<State>()) {
  State& st = *state_;
  Collector& c = st.collected;
  Digester digester;
  collect(view, digester);
  st.inputs = digester.digest;
  if (search_file)
    if (auto saved = read_leak_search(*search_file, st.inputs)) st.take(std::move(*saved));
  if (!st.from_file) collect(view, c);
  c.finish();
  if (st.from_file) {
    // The distinctive set came with the candidates.
  } else if (previous && previous->inputs == st.inputs && previous->distinctive.size() == c.candidates.size()) {
    st.distinctive = previous->distinctive;
  } else if (!c.candidates.empty()) {
    st.build_search();
    // The public fields, in blocks on every core (a pattern is one line, so
    // it never spans two fields). A candidate also said in a public field
    // is not distinctive: an internal incident titled like a public one.
    constexpr std::size_t k_fields_per_block = 256;
    const std::size_t blocks = (c.public_text.size() + k_fields_per_block - 1) / k_fields_per_block;
    std::vector<std::vector<std::size_t>> in_block(blocks);
    parallel_for(blocks, 0, [&](std::size_t b) {
      std::set<std::size_t> here;
      const std::size_t first = b * k_fields_per_block;
      for (std::size_t f = first; f < std::min(first + k_fields_per_block, c.public_text.size()); ++f)
        st.search->scan(c.public_text[f], [&](std::size_t i) {
          here.insert(i);
          return true;
        });
      in_block[b].assign(here.begin(), here.end());
      // Every public message is read here once: their pages go again
      // (the other thread's block faults back in what it still reads).
      view.model->let_go_of_texts();
    });
    st.distinctive.assign(c.candidates.size(), true);
    for (const auto& hits : in_block)
      for (const std::size_t i : hits) st.distinctive[i] = false;
  }
  c.public_text = {};  // read only for the distinctive set, above
  if (search_file && !st.from_file && !c.candidates.empty()) st.save(*search_file);
  std::uint64_t digest = hash_text("leak-scan");
  for (std::size_t i = 0; i < c.candidates.size(); ++i)
    if (st.distinctive[i]) {
      digest = hash_mix(digest, st.text(i));
      st.any_distinctive = true;
    }
  st.patterns = digest == 0 ? 1 : digest;
  // The saved file was read whole (its hash, the digest above): a scan
  // reads back only the texts whose opening a page shares.
  if (st.saved_bytes) st.saved_bytes->let_go();
  st.same_patterns = previous && previous->patterns == st.patterns;
  if (st.same_patterns) st.passed_before.insert(previous->clean.begin(), previous->clean.end());
}

void LeakScanner::prepare() {
  if (state_->any_distinctive) state_->build_search();
}

bool LeakScanner::scans_linked_pages() const { return !state_->same_patterns; }

bool LeakScanner::took_saved_search() const { return state_->from_file; }

LeakScanner::~LeakScanner() = default;

void LeakScanner::scan(const Outputs& public_files) {
  State& st = *state_;
  std::vector<std::uint64_t> hashes(public_files.size());
  std::vector<char> to_scan(public_files.size(), 0);
  parallel_for(public_files.size(), 0, [&](std::size_t f) {
    if (public_files[f].reused && st.same_patterns) return;  // passed this very scan when published
    hashes[f] = content_hash(public_files[f].bytes);
    to_scan[f] = st.any_distinctive && !st.passed_before.count(hashes[f]);
  });
  if (std::find(to_scan.begin(), to_scan.end(), 1) != to_scan.end()) st.build_search();
  std::vector<std::vector<std::size_t>> in_file(public_files.size());
  parallel_for(public_files.size(), 0, [&](std::size_t f) {
    if (!to_scan[f]) return;
    std::set<std::size_t> here;
    st.search->scan(public_files[f].bytes, [&](std::size_t i) {
      if (st.distinctive[i]) here.insert(i);
      return true;
    });
    in_file[f].assign(here.begin(), here.end());
  });
  for (std::size_t f = 0; f < public_files.size(); ++f) {
    if (!(public_files[f].reused && st.same_patterns) && in_file[f].empty()) st.clean.push_back(hashes[f]);
    for (const std::size_t i : in_file[f]) {
      auto [it, fresh] = st.found.try_emplace(i, public_files[f].path, 0);
      if (!fresh && public_files[f].path < it->second.first) it->second.first = public_files[f].path;
      ++it->second.second;
    }
  }
}

LeakScanMemo LeakScanner::memo() const {
  const State& st = *state_;
  // A scan that found text passes nothing on: the files holding it must be
  // scanned (and reported) again.
  LeakScanMemo out{st.inputs, st.distinctive, st.found.empty() ? st.patterns : 0, st.clean};
  std::sort(out.clean.begin(), out.clean.end());
  out.clean.erase(std::unique(out.clean.begin(), out.clean.end()), out.clean.end());
  return out;
}

std::uint64_t LeakScanner::patterns_digest() const { return state_->patterns; }

void LeakScanner::report(const std::string& public_dir, Diagnostics& diags) const {
  for (const auto& [i, where_found] : state_->found) {
    const Candidate& cand = state_->collected.candidates[i];
    const auto& [first, count] = where_found;
    std::string where = public_dir + "/" + first;
    if (count > 1) where += " (and " + std::to_string(count - 1) + " other public file" + (count > 2 ? "s" : "") + ")";
    diags.report(*cand.path, position_in(*view_.model, *cand.path, state_->text(i)), "internal-text",
                 *cand.field + " is internal, but its text is in " + where,
                 "a template or static file prints it (the public view never gives it): remove it from the site's "
                 "content/templates and content/static and from the theme, or say it in a public field");
  }
}

}  // namespace sitrep
