#include "author/message_templates.h"

#include <kainjow/mustache.hpp>

#include <filesystem>

#include "load/load_site.h"
#include "model/text.h"
#include "util/source_file.h"

namespace sitrep {
namespace fs = std::filesystem;
namespace mus = kainjow::mustache;

namespace {

std::string template_name(std::string_view status) { return "update_" + std::string{status}; }

// Blank lines left by empty sections are folded, so a template can keep one
// optional sentence per paragraph without leaving holes in the message.
}  // namespace

std::string tidy_message(const std::string& text) {
  std::string out;
  std::size_t newlines = 0;
  for (const char c : trim(text)) {
    if (c == '\n' && ++newlines > 2) continue;
    if (c != '\n') newlines = 0;
    out += c;
  }
  return out;
}

namespace {

std::optional<std::string> find_template(const Model& model, const std::string& file, std::string& shown) {
  const std::string root = model.root.empty() ? "." : model.root;
  const std::string theme_dir = model.site.themes_dir + "/" + model.site.theme + "/templates";
  for (const std::string& dir : {std::string{"content/templates"}, theme_dir}) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(root) / dir / file, ec)) continue;
    shown = display_path(model.root, dir + "/" + file);
    return dir + "/" + file;
  }
  shown = display_path(model.root, theme_dir + "/" + file);
  return std::nullopt;
}

}  // namespace

std::optional<TemplateSource> read_message_template(const Model& model, std::string_view name, Diagnostics& diags) {
  const std::string file = std::string{name} + ".mustache";
  std::string shown;
  const auto found = find_template(model, file, shown);
  if (!found) {
    diags.report(shown, {}, "missing-template", "no template " + file + " in content/templates or the theme",
                 "add " + shown + " (or content/templates/" + file + ")");
    return std::nullopt;
  }
  auto text = read_confined_file(model.root.empty() ? "." : model.root, *found, shown, diags);
  if (!text) return std::nullopt;
  return TemplateSource{std::move(*text), shown};
}

MessageTemplates MessageTemplates::load(const Model& model, Diagnostics& diags) {
  MessageTemplates set;
  const std::string theme_dir = model.site.themes_dir + "/" + model.site.theme + "/templates";
  set.theme_dir_ = theme_dir;
  const std::string root = model.root.empty() ? "." : model.root;
  for (const auto& status : k_update_statuses) {
    const std::string file = template_name(status) + ".mustache";
    // The site's own copy wins over the theme's (Hugo's lookup order).
    for (const std::string& dir : {std::string{"content/templates"}, theme_dir}) {
      std::error_code ec;
      if (!fs::is_regular_file(fs::path(root) / dir / file, ec)) continue;
      const std::string shown = display_path(model.root, dir + "/" + file);
      if (auto text = read_confined_file(root, dir + "/" + file, shown, diags))
        set.add(status, std::move(*text), shown);
      break;
    }
  }
  return set;
}

void MessageTemplates::add(std::string status, std::string text, std::string origin) {
  origins_[status] = origin.empty() ? template_name(status) : std::move(origin);
  texts_[std::move(status)] = std::move(text);
}

std::optional<std::string> MessageTemplates::render(std::string_view status, const MessageVars& vars,
                                                    Diagnostics& diags) const {
  auto it = texts_.find(status);
  if (it == texts_.end()) {
    diags.report(theme_dir_ + "/" + template_name(status) + ".mustache", {}, "missing-template",
                 "no message template for status '" + std::string{status} + "' in content/templates or " + theme_dir_,
                 "write the message yourself (--message) or add the template");
    return std::nullopt;
  }
  mus::mustache tmpl{it->second};
  if (!tmpl.is_valid()) {
    diags.report(origins_.at(it->first), {}, "template-error", tmpl.error_message());
    return std::nullopt;
  }
  // Plain text: the message is Markdown in a TOML file, escaped later by the
  // page renderer like every other message.
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  mus::data data{mus::data::type::object};
  for (const auto& [key, value] : {std::pair{"title", &vars.title}, std::pair{"components", &vars.components},
                                   std::pair{"next_update_by", &vars.next_update_by}})
    if (!value->empty()) data.set(key, *value);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    diags.report(origins_.at(it->first), {}, "template-error", tmpl.error_message());
    return std::nullopt;
  }
  return tidy_message(out);
}

}  // namespace sitrep
