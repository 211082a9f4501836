// Fuzz target: the preview server's request-path handling. The input is a
// request target as a client sends it; it is split and percent-decoded the
// way cpp-httplib does before sitrep sees it, then resolved and looked up
// in the example site built in memory. Whatever the spelling, a path that
// resolves names a file of the in-memory tree: no "..", no absolute path,
// no backslash or NUL (abort otherwise, which libFuzzer reports).
#include <httplib.h>

#include <cstdlib>

#include "serve/preview.h"
#include "tests/fuzz/harness.h"
#include "write/publish.h"

using namespace sitrep;

namespace {
const Preview& preview() {
  static Preview* p = [] {
    auto* built = new Preview(SITREP_SOURCE_DIR, fuzz::fuzz_now());
    built->rebuild();
    return built;
  }();
  return *p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string target(fuzz::as_text(data, size));
  if (const auto q = target.find('?'); q != std::string::npos) target.resize(q);
  const std::string decoded = httplib::detail::decode_url(target, false);
  if (const auto file = resolve_url_path(decoded)) {
    if (!is_safe_output_path(*file) || file->find('\\') != std::string::npos ||
        file->find('\0') != std::string::npos || file->front() == '/')
      std::abort();
    // No segment may climb or stay: ".." and "." are never file names here
    // (a name that merely starts with dots, like "..x", is fine).
    for (std::size_t start = 0; start <= file->size();) {
      std::size_t end = file->find('/', start);
      if (end == std::string::npos) end = file->size();
      const std::string_view segment(file->data() + start, end - start);
      if (segment == ".." || segment == "." || segment.empty()) std::abort();
      start = end + 1;
    }
  }
  const PreviewResponse r = preview().get(decoded);
  // 400: a path no output can have (Preview::get refuses it before lookup).
  if (r.status != 200 && r.status != 400 && r.status != 404 && r.status != 500) std::abort();
  if (r.status == 400 && resolve_url_path(decoded)) std::abort();  // refused only what does not resolve
  return 0;
}
