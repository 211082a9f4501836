#pragma once
// Theme templates (mustache, through kainjow::mustache). Lookup order, as in
// Hugo: <root>/content/templates/<name>.mustache, then
// <root>/themes/<theme>/templates/<name>.mustache; a missing one is an error
// naming it. Contexts are JSON values, so renderers stay free of the
// template library and tests can inspect what a page is given.
// Conventions of the JSON -> mustache mapping: empty strings and nulls are
// absent; every array `x` also provides `has_x` (true when non-empty).
// Every HTML page's context has `assets`: the published (content-hashed)
// name of each theme static file, its path with '.' and '/' as '_'
// (`{{root}}{{assets.style_css}}`, render/static_assets.h).
// Partials ({{> name}}) are expanded into the including template before it
// is parsed; they may nest up to 8 deep.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/output.h"
#include "render/static_assets.h"
#include "util/diagnostic.h"

namespace sitrep {

struct ParsedTemplate;  // a kainjow::mustache object, kept out of this header

// Bounds on a template (after its partials are expanded), so an override in
// content/templates costs bounded time and memory: kainjow::mustache's parse
// grows with the square of section nesting (20 000 levels: 2.8 GB), and
// partials including partials grow exponentially. Themes stay far below.
inline constexpr std::size_t k_max_template_bytes = 4u << 20;
inline constexpr int k_max_template_nesting = 64;
// Why `text` is past those bounds, or nullopt.
std::optional<std::string> template_excess(std::string_view text);

class TemplateSet {
 public:
  TemplateSet();
  ~TemplateSet();
  TemplateSet(TemplateSet&&) noexcept;
  TemplateSet& operator=(TemplateSet&&) noexcept;

  // Reads every template of the theme and the site's overrides.
  static TemplateSet load(const std::string& root, const std::string& theme_dir, Diagnostics& diags);

  bool has(std::string_view name) const { return templates_.count(std::string{name}) > 0; }
  // Renders `name`; every template is also available as a partial {{> name}}.
  // Text from the context is HTML/XML-escaped unless written {{{ }}}.
  std::string render(std::string_view name, const nlohmann::json& context, Diagnostics& diags) const;
  // The same from a context the caller gives up: its strings are moved,
  // not copied, into the engine's data.
  std::string render(std::string_view name, nlohmann::json&& context, Diagnostics& diags) const;

  void add(std::string name, std::string text, std::string origin);

  // Changes when any template's name, text or origin changes (incremental rendering).
  std::uint64_t fingerprint() const;

 private:
  template <class Data>  // kainjow's data (defined in templates.cpp only)
  std::string render_data(std::string_view name, const Data& data, Diagnostics& diags) const;
  // The template's text with every {{> partial}} replaced by the partial's
  // own (expanded) text. Expanding once per template instead of letting the
  // engine re-parse a partial at every use (inside loops: thousands of
  // times per page) is what keeps 10 000-incident builds fast.
  const std::string* expanded(const std::string& name, Diagnostics& diags, int depth = 0) const;

  std::string theme_dir_;
  std::map<std::string, std::string, std::less<>> templates_;
  std::map<std::string, std::string, std::less<>> origins_;  // name -> file, for diagnostics
  // Parsed templates, made once per name and shared by every thread.
  // Rendering only reads the parsed tree: kainjow writes to the template
  // object only for lambdas and {{> partials}}, and contexts carry no
  // lambdas while partials are expanded before parsing.
  const ParsedTemplate* parsed(const std::string& name, Diagnostics& diags) const;

  struct Cache;  // expanded texts and parsed templates, behind a mutex
  std::unique_ptr<Cache> cache_;
};

// Static files: the theme's static/ folder, then the site's content/static/
// (a file there replaces the theme's file of the same path), sorted by path.
std::vector<StaticFile> load_static_files(const std::string& root, const std::string& theme_dir, Diagnostics& diags);

}  // namespace sitrep
