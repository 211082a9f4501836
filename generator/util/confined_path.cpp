#include "util/confined_path.h"

#include <system_error>

namespace sitrep {
namespace fs = std::filesystem;

std::optional<std::string> lexical_escape(std::string_view relative) {
  const fs::path p{std::string{relative}};
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return "is an absolute path";
  int depth = 0;
  for (const auto& part : p) {
    if (part == "..") {
      if (--depth < 0) return "leaves the site root";
    } else if (part != "." && !part.empty()) {
      ++depth;
    }
  }
  return std::nullopt;
}

namespace {

bool is_inside(const fs::path& base, const fs::path& path) {
  auto b = base.begin(), p = path.begin();
  for (; b != base.end(); ++b, ++p) {
    if (b->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *b) return false;
  }
  return true;
}

}  // namespace

bool is_within(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  const fs::path paths[] = {fs::absolute(path, ec).lexically_normal(), fs::weakly_canonical(path, ec)};
  const fs::path dirs[] = {fs::absolute(dir, ec).lexically_normal(), fs::weakly_canonical(dir, ec)};
  for (const auto& p : paths)
    for (const auto& d : dirs)
      if (!p.empty() && !d.empty() && is_inside(d, p)) return true;
  return false;
}

ConfinedPath resolve_inside(const fs::path& root, std::string_view relative) {
  if (auto why = lexical_escape(relative)) return {std::nullopt, *why, "outside-root"};
  std::error_code ec;
  const fs::path base = fs::canonical(root.empty() ? fs::path(".") : root, ec);
  if (ec) return {std::nullopt, "cannot read file: " + ec.message(), "file-unreadable"};
  const fs::path resolved = fs::weakly_canonical(base / fs::path(std::string{relative}), ec);
  if (ec) return {std::nullopt, "cannot read file: " + ec.message(), "file-unreadable"};
  if (!is_inside(base, resolved)) return {std::nullopt, "is a symbolic link to a file outside the site root", "outside-root"};
  return {resolved, {}, {}};
}

}  // namespace sitrep
