#include "render/templates.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "load/load_site.h"
#include "util/confined_path.h"
#include "util/hash.h"
#include "util/source_file.h"
#include "util/xml_chars.h"

namespace sitrep {
namespace fs = std::filesystem;
namespace mus = kainjow::mustache;

namespace {

constexpr std::string_view k_template_ext = ".mustache";

// Files under root/dir, relative to it, sorted; symlinked folders not
// followed. A folder that is itself a link out of the root is reported and
// not listed (each file is confined again where it is read).
std::vector<std::string> list_files(const std::string& root, const std::string& relative_dir, Diagnostics& diags) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path dir = fs::path(root) / relative_dir;
  if (!fs::is_directory(dir, ec)) return out;
  if (const ConfinedPath confined = resolve_inside(root, relative_dir); !confined.path) {
    report_unconfined(display_path(root, relative_dir), confined.reason, confined.rule, diags);
    return out;
  }
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    // Everything but folders: a FIFO, device or dangling link where a
    // template or static file would be is reported by the reader rather
    // than skipped without a word.
    std::error_code type_ec;
    if (!it->is_directory(type_ec)) out.push_back(it->path().lexically_relative(dir).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// kainjow's set() and push_back() copy their argument, so building nested
// data with them copies every subtree once per level above it (quadratic in
// depth, most of a build's time). Children are moved in instead, through
// the library's own containers: the const_casts reach storage the data
// object owns and that is not const.
mus::data& child_slot(mus::data& object, const std::string& key) {
  object.set(key, mus::data{mus::data::type::bool_false});
  return const_cast<mus::data&>(*object.get(key));
}

// From a const context the strings are copied; from one the caller gives
// up (TemplateSet::render's json&&), they are moved: a page's HTML
// fragments (rendered Markdown) are not copied a second time.
template <class Json>
mus::data to_data(Json& j) {
  constexpr bool take = !std::is_const_v<Json>;
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mus::data d{mus::data::type::object};
      for (auto&& item : j.items()) {
        const std::string& k = item.key();
        auto& v = item.value();
        // Empty strings and nulls are left out, so {{#key}} is false for them
        // and {{key}} prints nothing.
        if (v.is_null() || (v.is_string() && v.template get_ref<const std::string&>().empty())) continue;
        // Mustache cannot test a list for emptiness; every list `x` also
        // gives a boolean `has_x` for wrappers such as <ul>.
        if (v.is_array()) d.set("has_" + k, mus::data{!v.empty()});
        child_slot(d, k) = to_data(v);
      }
      return d;
    }
    case nlohmann::json::value_t::array: {
      mus::data list{mus::data::type::list};
      auto& items = const_cast<mus::basic_list<std::string>&>(list.list_value());
      items.reserve(j.size());  // no reallocation: basic_data's move is not noexcept, so it would copy
      for (auto& v : j) items.push_back(to_data(v));
      return list;
    }
    case nlohmann::json::value_t::string:
      if constexpr (take) return mus::data{std::move(j.template get_ref<std::string&>())};
      else return mus::data{j.template get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean: return mus::data{j.template get<bool>()};
    case nlohmann::json::value_t::null: return mus::data{false};
    default: return mus::data{j.dump()};  // numbers, as JSON writes them
  }
}

}  // namespace

struct ParsedTemplate {
  mus::mustache engine;
};

struct TemplateSet::Cache {
  std::mutex mutex;
  std::map<std::string, std::string, std::less<>> texts;
  std::map<std::string, std::unique_ptr<ParsedTemplate>, std::less<>> parsed;
};

TemplateSet::TemplateSet() : cache_(std::make_unique<Cache>()) {}
TemplateSet::~TemplateSet() = default;
TemplateSet::TemplateSet(TemplateSet&&) noexcept = default;
TemplateSet& TemplateSet::operator=(TemplateSet&&) noexcept = default;

void TemplateSet::add(std::string name, std::string text, std::string origin) {
  origins_[name] = std::move(origin);
  templates_[std::move(name)] = std::move(text);
  std::lock_guard lock(cache_->mutex);
  cache_->texts.clear();
  cache_->parsed.clear();
}

std::uint64_t TemplateSet::fingerprint() const {
  std::uint64_t h = hash_text(theme_dir_);
  for (const auto& [name, text] : templates_) h = hash_mix(hash_mix(hash_mix(h, name), text), origins_.at(name));
  return h;
}

TemplateSet TemplateSet::load(const std::string& root, const std::string& theme_dir, Diagnostics& diags) {
  TemplateSet set;
  set.theme_dir_ = theme_dir + "/templates";
  for (const std::string& dir : {set.theme_dir_, std::string{"content/templates"}}) {
    for (const auto& rel : list_files(root, dir, diags)) {
      if (rel.size() <= k_template_ext.size() || rel.substr(rel.size() - k_template_ext.size()) != k_template_ext)
        continue;
      const std::string shown = display_path(root, dir + "/" + rel);
      if (auto text = read_confined_file(root, dir + "/" + rel, shown, diags))
        set.add(rel.substr(0, rel.size() - k_template_ext.size()), std::move(*text), shown);
    }
  }
  return set;
}

std::optional<std::string> template_excess(std::string_view text) {
  if (text.size() > k_max_template_bytes)
    return "expands (with its partials) to " + std::to_string(text.size()) + " bytes; the limit is " +
           std::to_string(k_max_template_bytes);
  // A changed delimiter would hide sections from the count below.
  if (text.find("{{=") != std::string_view::npos)
    return "sets its own delimiters ({{=...=}}), which sitrep does not support; use {{ }}";
  int depth = 0;
  for (std::size_t open = 0; (open = text.find("{{", open)) != std::string_view::npos; open += 2) {
    const char kind = open + 2 < text.size() ? text[open + 2] : '\0';
    if (kind == '#' || kind == '^') {
      if (++depth > k_max_template_nesting)
        return "sections nest more than " + std::to_string(k_max_template_nesting) + " deep";
    } else if (kind == '/') {
      depth = std::max(0, depth - 1);
    }
  }
  return std::nullopt;
}

const std::string* TemplateSet::expanded(const std::string& name, Diagnostics& diags, int depth) const {
  {
    std::lock_guard lock(cache_->mutex);
    if (auto it = cache_->texts.find(name); it != cache_->texts.end()) return &it->second;
  }
  auto source = templates_.find(name);
  if (source == templates_.end()) {
    diags.report(theme_dir_ + "/" + name + ".mustache", {}, "missing-template",
                 "template '" + name + "' is not in content/templates or " + theme_dir_);
    return nullptr;
  }
  if (depth > 8) {
    diags.report(origins_.at(name), {}, "template-error", "partials nest more than 8 deep (a cycle?)");
    return nullptr;
  }
  std::string out;
  const std::string& text = source->second;
  std::size_t pos = 0;
  for (std::size_t open; (open = text.find("{{>", pos)) != std::string::npos;) {
    const std::size_t close = text.find("}}", open);
    if (close == std::string::npos) break;  // the engine reports the syntax error
    out.append(text, pos, open - pos);
    std::string partial = text.substr(open + 3, close - open - 3);
    partial.erase(0, partial.find_first_not_of(' '));
    partial.erase(partial.find_last_not_of(' ') + 1);
    if (const std::string* body = expanded(partial, diags, depth + 1)) out += *body;
    pos = close + 2;
    if (out.size() > k_max_template_bytes) {  // partials repeating partials: stop before memory runs out
      diags.report(origins_.at(name), {}, "template-error",
                   "expands (with its partials) to over " + std::to_string(k_max_template_bytes) + " bytes");
      return nullptr;
    }
  }
  out.append(text, pos, std::string::npos);
  std::lock_guard lock(cache_->mutex);
  return &cache_->texts.emplace(name, std::move(out)).first->second;
}

const ParsedTemplate* TemplateSet::parsed(const std::string& name, Diagnostics& diags) const {
  {
    std::lock_guard lock(cache_->mutex);
    if (auto it = cache_->parsed.find(name); it != cache_->parsed.end()) return it->second.get();
  }
  const std::string* text = expanded(name, diags);
  if (!text) return nullptr;
  if (auto why = template_excess(*text)) {
    diags.report(origins_.at(name), {}, "template-error", *why);
    return nullptr;
  }
  auto tmpl = std::make_unique<ParsedTemplate>(ParsedTemplate{mus::mustache{*text}});
  if (!tmpl->engine.is_valid()) {
    diags.report(origins_.at(name), {}, "template-error", tmpl->engine.error_message());
    return nullptr;
  }
  std::lock_guard lock(cache_->mutex);
  // Two threads may parse the same template at once; the first one is kept.
  return cache_->parsed.emplace(name, std::move(tmpl)).first->second.get();
}

template <class Data>
std::string TemplateSet::render_data(std::string_view name, const Data& data, Diagnostics& diags) const {
  const ParsedTemplate* tmpl = parsed(std::string{name}, diags);
  if (!tmpl) return {};
  // See parsed(): rendering does not change the shared template.
  auto& engine = const_cast<mus::mustache&>(tmpl->engine);
  std::string out = engine.render(data);
  if (!engine.is_valid()) diags.report(origins_.at(std::string{name}), {}, "template-error", engine.error_message());
  // Every page, feed, sitemap and SVG comes from a template: one place
  // keeps them all well-formed whatever control characters content holds.
  return replace_forbidden_xml_chars(std::move(out));
}

std::string TemplateSet::render(std::string_view name, const nlohmann::json& context, Diagnostics& diags) const {
  return render_data(name, to_data(context), diags);
}

std::string TemplateSet::render(std::string_view name, nlohmann::json&& context, Diagnostics& diags) const {
  return render_data(name, to_data(context), diags);
}

std::vector<StaticFile> load_static_files(const std::string& root, const std::string& theme_dir, Diagnostics& diags) {
  std::map<std::string, StaticFile> files;  // later folders replace earlier ones
  const std::string theme_static = theme_dir + "/static";
  for (const std::string& dir : {theme_static, std::string{"content/static"}}) {
    for (const auto& rel : list_files(root, dir, diags)) {
      const ConfinedPath confined = resolve_inside(root, dir + "/" + rel);
      if (!confined.path) {
        report_unconfined(display_path(root, dir + "/" + rel), confined.reason, confined.rule, diags);
        continue;
      }
      // Any bytes and any size (images, fonts), but only a regular file.
      auto bytes = read_regular_file(*confined.path, display_path(root, dir + "/" + rel),
                                     std::numeric_limits<std::size_t>::max(), diags);
      if (!bytes) continue;
      StaticFile& f = files[rel];
      f.path = rel;
      f.bytes = std::move(*bytes);
      f.theme_asset = f.theme_asset || dir == theme_static;
    }
  }
  std::vector<StaticFile> out;
  for (auto& [path, file] : files) out.push_back(std::move(file));
  return out;
}

}  // namespace sitrep
