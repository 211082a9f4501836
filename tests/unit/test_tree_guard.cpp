// Where `sitrep build` may put its two trees (write/tree_guard.h).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "write/tree_guard.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

struct TempDir {
  fs::path root;
  TempDir() {
    root = fs::temp_directory_path() / ("sitrep-tree-guard-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "site-root/content");
  }
  ~TempDir() { fs::remove_all(root); }
  void touch(const fs::path& rel) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << "x";
  }
};

TreeTargets both(const fs::path& pub, const fs::path& internal) { return {pub, internal, true, true}; }

}  // namespace

TEST_CASE("tree guard: the default layout, side by side, is fine") {
  TempDir t;
  CHECK_FALSE(unsafe_tree_targets(both(t.root / "out/public", t.root / "out/internal"), t.root / "site-root"));
  t.touch("out/internal/.sitrep-internal");  // the internal tree a previous build wrote
  CHECK_FALSE(unsafe_tree_targets(both(t.root / "out/public", t.root / "out/internal"), t.root / "site-root"));
}

TEST_CASE("tree guard: the internal folder equal to or inside the public one, by any spelling") {
  TempDir t;
  const fs::path pub = t.root / "out/public";
  const std::string p = pub.generic_string();
  CHECK(unsafe_tree_targets(both(pub, t.root / "out/x/../public/"), t.root / "site-root") ==
        "refusing to write: the internal folder " + (t.root / "out/x/../public/").generic_string() +
            " is the public folder, so publishing " + p +
            " would publish the internal reports; give each tree its own folder with --public-dir and "
            "--internal-dir, side by side (the default is <out>/public and <out>/internal); nothing was written");
  CHECK(unsafe_tree_targets(both(pub, pub / "internal"), t.root / "site-root") ==
        "refusing to write: the internal folder " + p + "/internal is inside the public folder " + p +
            ", so publishing it would publish the internal reports; put the internal folder outside it with "
            "--internal-dir (the default is <out>/internal, beside <out>/public); nothing was written");
  // Through a symlink: "link" is the public folder under another name.
  fs::create_directories(pub);
  fs::create_directory_symlink(pub, t.root / "link");
  CHECK(unsafe_tree_targets(both(pub, t.root / "link/internal"), t.root / "site-root"));
  // --only public: the internal folder is not used, so it is not judged.
  CHECK_FALSE(unsafe_tree_targets({pub, pub / "internal", true, false}, t.root / "site-root"));
}

TEST_CASE("tree guard: the public folder inside the internal one") {
  TempDir t;
  const fs::path internal = t.root / "out/internal";
  CHECK(unsafe_tree_targets(both(internal / "public", internal), t.root / "site-root") ==
        "refusing to write: the public folder " + internal.generic_string() + "/public is inside the internal folder " +
            internal.generic_string() +
            ", and each build replaces the internal folder whole, deleting the public site in it; put the public "
            "folder outside it with --public-dir (the default is <out>/public, beside <out>/internal); nothing was "
            "written");
  // --only public inside an internal tree already on disk: found by its marker.
  t.touch("out/internal/.sitrep-internal");
  CHECK(unsafe_tree_targets({internal / "public", t.root / "elsewhere", true, false}, t.root / "site-root") ==
        "refusing to write: the public folder " + internal.generic_string() + "/public is inside an internal tree (" +
            fs::weakly_canonical(internal).generic_string() +
            "/.sitrep-internal), which is never to be published; choose a public folder outside it with "
            "--public-dir; nothing was written");
}

TEST_CASE("tree guard: an internal tree copied under the public folder") {
  TempDir t;
  const fs::path pub = t.root / "public";
  t.touch("public/index.html");
  t.touch("public/reports/b/.sitrep-internal");
  t.touch("public/reports/a/.sitrep-internal");
  const std::string p = pub.generic_string();
  // The first in path order, whatever order the directory is read in.
  CHECK(unsafe_tree_targets({pub, t.root / "internal", true, false}, t.root / "site-root") ==
        "refusing to write: the public folder " + p + " holds an internal tree (" + p +
            "/reports/a/.sitrep-internal), and publishing the folder would publish it; move that tree out of " + p +
            " (internal reports belong beside the public site) and build again; nothing was written");
  // --only internal writes nothing public, so the public folder is not searched.
  CHECK_FALSE(unsafe_tree_targets({pub, t.root / "internal", false, true}, t.root / "site-root"));

  // However deep, among thousands of folders (one per incident).
  fs::remove_all(pub / "reports");
  for (int i = 0; i < 2000; ++i) t.touch("public/incidents/INC-" + std::to_string(i) + "/index.html");
  CHECK_FALSE(unsafe_tree_targets({pub, t.root / "internal", true, false}, t.root / "site-root"));
  t.touch("public/incidents/INC-1234/old/copy/.sitrep-internal");
  const auto why = unsafe_tree_targets({pub, t.root / "internal", true, false}, t.root / "site-root");
  REQUIRE(why);
  CHECK(why->find("(" + p + "/incidents/INC-1234/old/copy/.sitrep-internal)") != std::string::npos);
}

TEST_CASE("tree guard: a symlink in the public folder to an internal tree") {
  TempDir t;
  t.touch("out/internal/.sitrep-internal");
  fs::create_directories(t.root / "out/public");
  fs::create_directory_symlink(t.root / "out/internal", t.root / "out/public/reports");
  const auto why =
      unsafe_tree_targets({t.root / "out/public", t.root / "out/internal", true, false}, t.root / "site-root");
  REQUIRE(why);
  CHECK(why->find("holds an internal tree (" + (t.root / "out/public/reports/.sitrep-internal").generic_string()) !=
        std::string::npos);
}

TEST_CASE("tree guard: a folder that holds or sits in the site's sources") {
  TempDir t;
  const fs::path site = t.root / "site-root";
  CHECK(unsafe_tree_targets(both(t.root, t.root / "out/internal"), site) ==
        "refusing to write: the public folder " + t.root.generic_string() + " holds the site's sources (" +
            site.generic_string() + "), and a build replaces that folder whole; choose another folder; nothing was "
            "written");
  CHECK(unsafe_tree_targets(both(t.root / "out/public", site / "content/internal"), site) ==
        "refusing to write: the internal folder " + site.generic_string() +
            "/content/internal is inside the site's content/, and a build replaces that folder whole; choose a "
            "folder outside content/, schemas/ and themes/; nothing was written");
  CHECK_FALSE(unsafe_tree_targets(both(site / "public", site / "site/internal"), site));
}

TEST_CASE("the internal marker is a root file of the tree") {
  const OutputFile marker = internal_marker_file();
  CHECK(marker.path == ".sitrep-internal");
  CHECK(marker.bytes.find("never be published") != std::string::npos);
}
