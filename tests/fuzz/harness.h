#pragma once
// What every fuzz target shares: the example site (the repo's content/,
// schemas/ and themes/), loaded once, and the whole pipeline after a
// parser — validate, then render both trees in memory — so an input that
// parses is also checked and rendered the way `sitrep build` would.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/model.h"
#include "util/diagnostic.h"
#include "util/time.h"

namespace sitrep::fuzz {

// The example site as load_site returns it (loaded on first use).
const Model& base_model();
// A clock inside the example's history, fixed so runs are reproducible.
TimePoint fuzz_now();
// Validates `model` and, when it has no errors, renders the whole site.
void validate_and_render(Model& model);
// The input as text (libFuzzer hands bytes).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sitrep::fuzz
