// Fuzz target: the load cache's decoder (load/model_codec.h) and file
// header (load/load_cache_file.h). A cache file is checked by its hashes
// before it is decoded, so random bytes would stop there; this target
// starts from the example site's real encoding instead and applies the
// input as edits to it (set, insert or drop bytes, cut or drop parts), then
// decodes. Whatever the bytes, the decoder throws CodecError or returns;
// it never reads out of bounds or allocates without limit.
#include "load/load_cache_file.h"
#include "load/model_codec.h"
#include "tests/fuzz/harness.h"

using namespace sitrep;

namespace {

const std::vector<std::string>& example_parts() {
  static const std::vector<std::string> parts = [] {
    Diagnostics diags;
    LoadCache cache;
    const Model model = load_site({SITREP_SOURCE_DIR, 1}, diags, &cache);
    std::vector<std::string> out;
    encode_load_parts(cache, model, [&](std::string_view part) { out.emplace_back(part); });
    return out;
  }();
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> parts = example_parts();
  // Each 4 bytes are one edit: what, which part, where (16 bits, scaled).
  for (std::size_t i = 0; i + 4 <= size; i += 4) {
    if (parts.empty()) break;
    std::string& part = parts[data[i + 1] % parts.size()];
    const std::size_t at = part.empty() ? 0 : (data[i + 2] << 8 | data[i + 3]) * part.size() / 65536;
    switch (data[i] % 5) {
      case 0: if (!part.empty()) part[at] = static_cast<char>(data[i + 3]); break;
      case 1: part.insert(part.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(data[i + 2])); break;
      case 2: if (!part.empty()) part.erase(at, 1); break;
      case 3: part.resize(at); break;
      case 4: parts.erase(parts.begin() + data[i + 1] % parts.size()); break;
    }
  }
  try {
    decode_load_parts({parts.begin(), parts.end()}, 1);
  } catch (const CodecError&) {
  }
  // And the raw input as a whole cache file: its header is checked first.
  load_cache_from_bytes(fuzz::as_text(data, size), 1);
  return 0;
}
