#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "util/confined_path.h"

using namespace sitrep;
namespace fs = std::filesystem;

TEST_CASE("lexical_escape: relative and inside as written") {
  CHECK_FALSE(lexical_escape("themes"));
  CHECK_FALSE(lexical_escape("schemas/severity.toml"));
  CHECK_FALSE(lexical_escape("a/../b"));
  CHECK_FALSE(lexical_escape("./a"));
  CHECK(lexical_escape("/etc/passwd") == "is an absolute path");
  CHECK(lexical_escape("../themes") == "leaves the site root");
  CHECK(lexical_escape("a/../../b") == "leaves the site root");
  CHECK(lexical_escape("..") == "leaves the site root");
}

TEST_CASE("resolve_inside: symlinks are followed only while they stay inside the root") {
  const fs::path base = fs::temp_directory_path() / ("sitrep-confined-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "root/content");
  fs::create_directories(base / "outside");
  std::ofstream(base / "root/content/a.toml") << "a";
  std::ofstream(base / "outside/secret") << "s";
  fs::create_symlink("a.toml", base / "root/content/inside.toml");
  fs::create_symlink(base / "outside/secret", base / "root/content/out.toml");
  fs::create_directory_symlink(base / "outside", base / "root/linked");
  const fs::path root = base / "root";

  CHECK(resolve_inside(root, "content/a.toml").path == fs::canonical(root / "content/a.toml"));
  CHECK(resolve_inside(root, "content/inside.toml").path == fs::canonical(root / "content/a.toml"));
  CHECK(resolve_inside(root, "content/missing.toml").path);  // its reader says it is missing

  const ConfinedPath out = resolve_inside(root, "content/out.toml");
  CHECK_FALSE(out.path);
  CHECK(out.reason == "is a symbolic link to a file outside the site root");
  CHECK(out.rule == "outside-root");
  CHECK_FALSE(resolve_inside(root, "linked/secret").path);
  CHECK_FALSE(resolve_inside(root, "../outside/secret").path);
  CHECK(resolve_inside(root, "/etc/passwd").reason == "is an absolute path");
  fs::remove_all(base);
}

TEST_CASE("PlainFolders: a folder checked once per load, its files' own names still checked") {
  const fs::path base = fs::temp_directory_path() / ("sitrep-plain-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "root/content/incidents/2024");
  fs::create_directories(base / "outside/2024");
  std::ofstream(base / "root/content/incidents/2024/a.toml") << "a";
  std::ofstream(base / "outside/secret") << "s";
  std::ofstream(base / "outside/2024/b.toml") << "b";
  fs::create_symlink(base / "outside/secret", base / "root/content/incidents/2024/out.toml");
  fs::create_directory_symlink(base / "outside/2024", base / "root/content/incidents/2025");
  const fs::path root = base / "root";
  const PlainFolders plain(root, {"content/incidents/2024/a.toml", "content/incidents/2024/out.toml",
                                  "content/incidents/2025/b.toml", "content/incidents/../incidents/2024/a.toml"});
  CHECK(plain.holds("content/incidents/2024/a.toml"));
  CHECK(plain.holds("content/incidents/2024/other.toml"));
  CHECK_FALSE(plain.holds("content/incidents/2025/b.toml"));  // a link on the way: never plain
  CHECK_FALSE(plain.holds("content/incidents/../incidents/2024/a.toml"));  // not written plainly
  CHECK_FALSE(plain.holds("content/incidents/a.toml"));  // a folder no file of the load was in

  CHECK(resolve_inside(root, "content/incidents/2024/a.toml", &plain).path ==
        fs::canonical(root / "content/incidents/2024/a.toml"));
  // In a plain folder, a link to outside is still refused, and a folder
  // that is a link still goes through the full resolution.
  const ConfinedPath out = resolve_inside(root, "content/incidents/2024/out.toml", &plain);
  CHECK_FALSE(out.path);
  CHECK(out.rule == "outside-root");
  CHECK_FALSE(resolve_inside(root, "content/incidents/2025/b.toml", &plain).path);
  fs::remove_all(base);
}

TEST_CASE("resolved_path and is_inside: one folder by any spelling, and what lies below it") {
  const fs::path base = fs::temp_directory_path() / ("sitrep-resolved-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "real/sub");
  fs::create_directory_symlink(base / "real", base / "link");
  const fs::path real = fs::canonical(base / "real");
  CHECK(resolved_path(base / "link") == real);
  CHECK(resolved_path(base / "real/sub/../") == real);
  CHECK(resolved_path(base / "link/missing/x") == real / "missing/x");  // resolved as far as it exists
  CHECK(is_inside(real, real));
  CHECK(is_inside(real / "", real / "sub"));  // a trailing separator on the base
  CHECK_FALSE(is_inside(real / "sub", real));
  CHECK_FALSE(is_inside(real, base / "realm"));  // components, not characters
  fs::remove_all(base);
}

TEST_CASE("symlink_below: the first link on the way from a base folder to a path") {
  const fs::path base = fs::temp_directory_path() / ("sitrep-symlink-below-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "root/site/public");
  fs::create_directories(base / "elsewhere/public");
  fs::create_directory_symlink(base / "elsewhere", base / "root/out");
  const fs::path root = base / "root";
  CHECK_FALSE(symlink_below(root, root / "site/public"));
  CHECK_FALSE(symlink_below(root, root / "site/missing/public"));
  CHECK(symlink_below(root, root / "out/public") == root / "out");
  CHECK(symlink_below(root, root / "x/../out/public/") == root / "out");  // lexically normal first
  CHECK_FALSE(symlink_below(root, base / "elsewhere/public"));  // not below the base: not judged
  fs::remove_all(base);
}
