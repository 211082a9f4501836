#pragma once
// What every fuzz target shares: the example site (the repo's content/,
// schemas/ and themes/), loaded once, and the whole pipeline after a
// parser — validate, then render both trees in memory — so an input that
// parses is also checked and rendered the way `sitrep build` would.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/model.h"
#include "util/diagnostic.h"
#include "util/source_file.h"
#include "util/time.h"

namespace sitrep::fuzz {

// The example site as load_site returns it (loaded on first use).
const Model& base_model();
// A clock inside the example's history, fixed so runs are reproducible.
TimePoint fuzz_now();
// Validates `model` and, when it has no errors, renders the whole site.
void validate_and_render(Model& model);
// One content item (incident, maintenance window, postmortem) through the
// same gate as a file read from disk, its parser, then validate and render
// with the example site: the body of the three item targets. `parse` is
// (text, path, diags) -> optional<Item>; `items` picks the model's vector.
template <class Parse, class Items>
void check_item(std::string_view text, const std::string& path, Parse parse, Items items);
// The input as text (libFuzzer hands bytes).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

template <class Parse, class Items>
void check_item(std::string_view text, const std::string& path, Parse parse, Items items) {
  const Model& base = base_model();
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return;
  auto item = parse(text, path, diags);
  if (!item || diags.has_errors()) return;
  Model model = base;
  model.sources.emplace(path, std::string(text));
  items(model).push_back(std::move(*item));
  validate_and_render(model);
}

}  // namespace sitrep::fuzz
