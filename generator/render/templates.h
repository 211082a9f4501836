#pragma once
// Theme templates (mustache, through kainjow::mustache). Lookup order, as in
// Hugo: <root>/content/templates/<name>.mustache, then
// <root>/themes/<theme>/templates/<name>.mustache; a missing one is an error
// naming it. Contexts are JSON values, so renderers stay free of the
// template library and tests can inspect what a page is given.
// Conventions of the JSON -> mustache mapping: empty strings and nulls are
// absent; every array `x` also provides `has_x` (true when non-empty).
#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <string_view>

#include "render/output.h"
#include "util/diagnostic.h"

namespace sitrep {

class TemplateSet {
 public:
  // Reads every template of the theme and the site's overrides.
  static TemplateSet load(const std::string& root, const std::string& theme_dir, Diagnostics& diags);

  bool has(std::string_view name) const { return templates_.count(std::string{name}) > 0; }
  // Renders `name`; every template is also available as a partial {{> name}}.
  // Text from the context is HTML/XML-escaped unless written {{{ }}}.
  std::string render(std::string_view name, const nlohmann::json& context, Diagnostics& diags) const;

  void add(std::string name, std::string text, std::string origin);

 private:
  std::string theme_dir_;
  std::map<std::string, std::string, std::less<>> templates_;
  std::map<std::string, std::string, std::less<>> origins_;  // name -> file, for diagnostics
};

// Static files: the theme's static/ folder, then the site's content/static/
// (a file there replaces the theme's file of the same path).
Outputs load_static_files(const std::string& root, const std::string& theme_dir, Diagnostics& diags);

}  // namespace sitrep
