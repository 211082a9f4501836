// publish_trees (write/publish.h), its plan (write/publish_plan.h) and the
// folder steps under it (write/folder_at.h): all trees are written before
// any is swapped in, two trees in one folder are swapped in as one, and
// nothing is written through a link or over a file sitrep did not write.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "write/folder_at.h"
#include "write/publish.h"
#include "write/publish_plan.h"
#include "test_helpers.h"

namespace fs = std::filesystem;
using namespace sitrep;

namespace {

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

struct TempDir {
  fs::path root;
  explicit TempDir(const std::string& name) {
    root = fs::temp_directory_path() / ("sitrep-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempDir() { fs::remove_all(root); }
  void write(const fs::path& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  }
};

std::string messages(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.all()) out += x.path + ": " + x.message + (x.hint.empty() ? "" : " | " + x.hint) + "\n";
  return out;
}

}  // namespace

TEST_CASE("publish_trees swaps every tree in, or none when one cannot be written") {
  TempDir t("publish");
  const fs::path dir = t.root / "site";
  Diagnostics diags;
  const Outputs first_public{{"index.html", "v1"}, {"a/b/c.json", "{}"}}, first_internal{{"index.html", "i1"}};
  REQUIRE(publish_trees({{dir / "public", &first_public}, {dir / "internal", &first_internal}}, diags) ==
          Published::all);
  CHECK(read_all(dir / "public/a/b/c.json") == "{}");

  const Outputs second_public{{"index.html", "v2"}}, bad_internal{{"../escape.html", "x"}};
  CHECK(publish_trees({{dir / "public", &second_public}, {dir / "internal", &bad_internal}}, diags) ==
        Published::none);
  CHECK(diags.has_errors());
  CHECK(read_all(dir / "public/index.html") == "v1");  // not swapped: the other tree failed
  CHECK(read_all(dir / "internal/index.html") == "i1");
  CHECK_FALSE(fs::exists(dir / "escape.html"));

  Diagnostics clean;
  const Outputs third_internal{{"index.html", "i3"}};
  REQUIRE(publish_trees({{dir / "public", &second_public}, {dir / "internal", &third_internal}}, clean, {2}) ==
          Published::all);
  CHECK(read_all(dir / "public/index.html") == "v2");
  CHECK_FALSE(fs::exists(dir / "public/a/b/c.json"));  // the old tree is gone, not merged
  // The folder holds the two trees, its marker and the spare (the site
  // swapped out, write/spare_tree.h); no staging folder is left beside it.
  CHECK(entries(dir) == std::set<std::string>{".site.sitrep-spare", ".sitrep-output", "internal", "public"});
  CHECK(read_all(dir / ".site.sitrep-spare/site/public/index.html") == "v1");
  CHECK(entries(t.root) == std::set<std::string>{"site"});
}

namespace {

std::uint64_t inode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_ino;
}

OutputFile reused(const std::string& path) {
  OutputFile f{path, ""};
  f.reused = true;
  return f;
}

// Every file and folder under `dir` (relative paths; folders end in '/').
std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out.insert(fs::relative(e.path(), dir).generic_string() + (e.is_directory() && !e.is_symlink() ? "/" : ""));
  return out;
}

}  // namespace

TEST_CASE("the tree a swap took out is the next build's staging folder: only the published pages' own files kept") {
  TempDir t("spare");
  const fs::path dir = t.root / "site", spare = dir / ".site.sitrep-spare/site/public";
  Diagnostics diags;
  const auto publish = [&](const Outputs& pub, InodesByPath inodes = {}) {
    Publisher p({dir / "public", dir / "internal"}, diags);
    REQUIRE(p.open());
    p.expect_published(0, std::move(inodes));
    REQUIRE(p.write(0, pub));
    REQUIRE(p.write(1, {{"index.html", "i"}}));
    const Published done = p.finish();
    INFO(messages(diags));
    REQUIRE(done == Published::all);
    return p.kept();
  };
  const Outputs v1{{"a.html", "A"}, {"b/c.html", "C"}, {"gone/g.html", "G"}, {"d.html", "D1"}};
  CHECK(publish(v1) == 0);  // nothing published before: no spare either
  CHECK_FALSE(fs::exists(dir / ".site.sitrep-spare"));
  // The next build links its unchanged pages: the same inodes in both trees.
  CHECK(publish({reused("a.html"), reused("b/c.html"), reused("gone/g.html"), {"d.html", "D2"}}) == 0);
  REQUIRE(inode_of(spare / "a.html") == inode_of(dir / "public/a.html"));
  CHECK(read_all(spare / "d.html") == "D1");

  // What a hand or a killed build may have left in the spare.
  t.write("site/.site.sitrep-spare/site/public/extra.html", "not an output");
  fs::create_directory_symlink(t.root, spare / "link");
  fs::remove(spare / "b/c.html");
  t.write("site/.site.sitrep-spare/site/public/b/c.html", "C, but another file");
  fs::create_directories(spare / "e.html/inside");
  t.write("site/.site.sitrep-spare/site/public/f", "a file where a folder goes");
  t.write("site/.site.sitrep-spare/site/stray.txt", "beside the trees");

  const std::uint64_t a = inode_of(dir / "public/a.html");
  const InodesByPath published{{"a.html", a},
                                             {"b/c.html", inode_of(dir / "public/b/c.html")},
                                             {"d.html", inode_of(dir / "public/d.html")}};
  // a.html is the published page's own file: kept. b/c.html is another
  // file now: linked again. d.html was written anew last time: the spare's
  // is the old one, so linked. gone/ is no output any more.
  CHECK(publish({reused("a.html"), reused("b/c.html"), reused("d.html"), {"e.html", "E"}, {"f/h.html", "H"}},
                published) == 1);
  CHECK(messages(diags).empty());
  CHECK(listing(dir / "public") ==
        std::set<std::string>{"a.html", "b/", "b/c.html", "d.html", "e.html", "f/", "f/h.html"});
  CHECK(inode_of(dir / "public/a.html") == a);
  CHECK(read_all(dir / "public/b/c.html") == "C");
  CHECK(read_all(dir / "public/d.html") == "D2");
  CHECK(read_all(dir / "public/e.html") == "E");
  CHECK(entries(dir) == std::set<std::string>{".site.sitrep-spare", ".sitrep-output", "internal", "public"});
  CHECK(entries(t.root) == std::set<std::string>{"site"});

  // A publish dropped unfinished gives the spare back as it is.
  {
    Publisher dropped({dir / "public", dir / "internal"}, diags);
    REQUIRE(dropped.open());
    CHECK_FALSE(fs::exists(dir / ".site.sitrep-spare"));  // taken as the staging folder
    CHECK(dropped.write(0, {{"a.html", "A3"}}));
  }
  CHECK(fs::exists(dir / ".site.sitrep-spare/site/public"));
  CHECK(read_all(dir / "public/a.html") == "A");
  CHECK(entries(t.root) == std::set<std::string>{"site"});
  // And the next publish is right whatever the spare went through.
  CHECK(publish({{"a.html", "A4"}}) == 0);
  CHECK(listing(dir / "public") == std::set<std::string>{"a.html"});
  CHECK(read_all(dir / "public/a.html") == "A4");
}

TEST_CASE("Publisher: batches of one tree land in one staging tree; unfinished, nothing published changes") {
  TempDir t("publisher");
  const fs::path dir = t.root / "site";
  Diagnostics diags;
  const Outputs v1{{"index.html", "v1"}};
  REQUIRE(publish_trees({{dir / "public", &v1}, {dir / "internal", &v1}}, diags) == Published::all);

  {  // dropped after two batches of the internal tree: the previous site stays, no staging folder
    Publisher dropped({dir / "public", dir / "internal"}, diags);
    REQUIRE(dropped.open());
    CHECK(dropped.write(0, {{"index.html", "v2"}}));
    CHECK(dropped.write(1, {{"a/one.html", "1"}}));
    CHECK(entries(t.root).size() == 2);  // site and its staging folder
  }
  CHECK(read_all(dir / "public/index.html") == "v1");
  CHECK(entries(t.root) == std::set<std::string>{"site"});

  {  // a failed batch ends the publish: later writes are refused, finish swaps nothing in
    Publisher failing({dir / "public", dir / "internal"}, diags);
    REQUIRE(failing.open());
    CHECK(failing.write(1, {{"a/one.html", "1"}}));
    CHECK_FALSE(failing.write(1, {{"a/one.html", "again"}}));  // each path once
    CHECK(failing.failed());
    CHECK_FALSE(failing.write(0, {{"index.html", "v3"}}));
    CHECK(failing.finish() == Published::none);
  }
  CHECK(messages(diags).find("site/internal/a/one.html: cannot write") != std::string::npos);
  CHECK(read_all(dir / "internal/index.html") == "v1");
  CHECK(entries(t.root) == std::set<std::string>{"site"});

  Diagnostics clean;
  Publisher publisher({dir / "public", dir / "internal"}, clean);
  REQUIRE(publisher.open());
  CHECK(publisher.write(1, {{"a/one.html", "1"}}));
  CHECK(publisher.write(0, {{"index.html", "v4"}}));
  CHECK(publisher.write(1, {{"a/two.html", "2"}, {"b/three.html", "3"}}));  // folder a/ made once
  OutputFile streamed{"c/big.csv", ""};
  streamed.stream = [](const TextSink& text) {
    text("head\n");
    for (int i = 0; i < 300000; ++i) text("row\n");  // past the 1 MiB buffer
    text(std::string(1 << 21, 'x'));                 // larger than it
  };
  OutputFile second{"c/second.csv", ""};  // streamed beside the first
  second.stream = [](const TextSink& text) {
    for (int i = 0; i < 100000; ++i) text("second\n");
  };
  CHECK(publisher.write(1, {{"d.html", "4"}, std::move(streamed), std::move(second)}));
  REQUIRE(publisher.finish() == Published::all);
  CHECK(messages(clean).empty());
  CHECK(read_all(dir / "public/index.html") == "v4");
  CHECK(entries(dir / "internal") == std::set<std::string>{"a", "b", "c", "d.html"});
  const std::string big = read_all(dir / "internal/c/big.csv");
  CHECK(big.size() == 5 + 300000 * 4 + (1 << 21));
  CHECK(big.substr(0, 9) == "head\nrow\n");
  CHECK(big.back() == 'x');
  CHECK(read_all(dir / "internal/c/second.csv").size() == 100000 * 7);
  CHECK(entries(dir / "internal/a") == std::set<std::string>{"one.html", "two.html"});
  CHECK(entries(t.root) == std::set<std::string>{"site"});
}

TEST_CASE("plan: two trees in one folder are one unit; apart or alone, a unit each") {
  TempDir t("plan");
  const PublishPlan together = plan_publish({t.root / "site/public", t.root / "site/internal"}, {});
  REQUIRE(together.refusal.empty());
  REQUIRE(together.units.size() == 1);
  CHECK(together.units[0].parent == t.root);
  CHECK(together.units[0].name == "site");
  CHECK(together.units[0].holds_trees());
  CHECK(together.units[0].trees == std::vector<std::pair<std::string, std::size_t>>{{"public", 0}, {"internal", 1}});

  const PublishPlan apart = plan_publish({t.root / "www/public", t.root / "reports/internal"}, {});
  REQUIRE(apart.units.size() == 2);
  CHECK(apart.units[1].parent == t.root / "reports");
  CHECK(apart.units[1].name == "internal");
  CHECK_FALSE(apart.units[1].holds_trees());

  const PublishPlan alone = plan_publish({t.root / "site/public/"}, {});  // a trailing separator
  REQUIRE(alone.units.size() == 1);
  CHECK(alone.units[0].name == "public");
}

TEST_CASE("a folder holding both trees and something sitrep did not write is refused, and left as it was") {
  TempDir t("foreign");
  t.write("site/public/index.html", "old");
  t.write("site/notes.txt", "mine");
  t.write("site/.public.new-77/x", "litter of an old version");  // recognised by name: not in the way
  const Outputs pub{{"index.html", "new"}}, internal{{"index.html", "i"}};
  const std::string s = t.root.generic_string() + "/site";
  const std::string want = "refusing to write: the output folder " + s + " holds " + s +
                           "/notes.txt, which sitrep did not write; a build replaces " + s + " whole, so that " + s +
                           "/public and " + s +
                           "/internal change together; move notes.txt out of " + s +
                           " (or build into a folder of its own with --out) and build again; nothing was written";
  CHECK(plan_publish({t.root / "site/public", t.root / "site/internal"}, {}).refusal == want);
  Diagnostics diags;
  CHECK(publish_trees({{t.root / "site/public", &pub}, {t.root / "site/internal", &internal}}, diags) ==
        Published::none);
  CHECK(messages(diags) == s + "/public: " + want + "\n");
  CHECK(read_all(t.root / "site/notes.txt") == "mine");
  CHECK(read_all(t.root / "site/public/index.html") == "old");

  // Alone (--only public), the tree is its own unit and the folder beside it is not judged.
  Diagnostics alone;
  CHECK(publish_trees({{t.root / "site/public", &pub}}, alone) == Published::all);
  CHECK(read_all(t.root / "site/public/index.html") == "new");
  CHECK(read_all(t.root / "site/notes.txt") == "mine");
  CHECK_FALSE(fs::exists(t.root / "site/.public.new-77"));  // old litter beside the unit: cleaned

  fs::remove(t.root / "site/notes.txt");
  Diagnostics both;
  CHECK(publish_trees({{t.root / "site/public", &pub}, {t.root / "site/internal", &internal}}, both) ==
        Published::all);
  // The folder swapped out is kept as the spare: the one thing in site/ besides the trees and the marker.
  CHECK(entries(t.root / "site") == std::set<std::string>{".site.sitrep-spare", ".sitrep-output", "internal", "public"});
  CHECK(plan_publish({t.root / "site/public", t.root / "site/internal"}, {}).refusal.empty());
}

TEST_CASE("nothing is written through a link: the output folder, a tree, a folder on the way, a staging name") {
  TempDir t("links");
  fs::create_directories(t.root / "elsewhere");
  const Outputs pub{{"index.html", "new"}}, internal{{"index.html", "i"}};
  const std::string r = t.root.generic_string();
  const std::string link_hint =
      " is a symbolic link, and sitrep never writes through a link in its output; remove the link, or name the "
      "folder it points to with --out, --public-dir or --internal-dir; nothing was written";

  fs::create_directory_symlink(t.root / "elsewhere", t.root / "site");
  CHECK(plan_publish({t.root / "site/public", t.root / "site/internal"}, {}).refusal ==
        "refusing to write: " + r + "/site" + link_hint);
  Diagnostics d1;
  CHECK(publish_trees({{t.root / "site/public", &pub}, {t.root / "site/internal", &internal}}, d1) ==
        Published::none);
  CHECK(fs::is_symlink(t.root / "site"));
  CHECK(fs::is_empty(t.root / "elsewhere"));
  // Alone, below the site root: the link on the way is found.
  CHECK(plan_publish({t.root / "site/public"}, t.root).refusal == "refusing to write: " + r + "/site" + link_hint);
  fs::remove(t.root / "site");

  fs::create_directories(t.root / "site");
  fs::create_directory_symlink(t.root / "elsewhere", t.root / "site/public");
  CHECK(plan_publish({t.root / "site/public", t.root / "site/internal"}, {}).refusal ==
        "refusing to write: " + r + "/site/public" + link_hint);
  CHECK(plan_publish({t.root / "site/public"}, {}).refusal == "refusing to write: " + r + "/site/public" + link_hint);
  fs::remove(t.root / "site/public");

  t.write("site/internal", "a file");
  CHECK(plan_publish({t.root / "site/public", t.root / "site/internal"}, {}).refusal ==
        "refusing to write: " + r +
            "/site/internal is not a folder, and a build replaces it whole; move it away (sitrep deletes nothing it "
            "did not write) and build again; nothing was written");
  fs::remove(t.root / "site/internal");

  // A staging name taken by a link (made before the build, with this pid).
  const std::string staging = staging_name("site", static_cast<long>(::getpid()));
  fs::create_directory_symlink(t.root / "elsewhere", t.root / staging);
  Diagnostics d2;
  CHECK(publish_trees({{t.root / "site/public", &pub}, {t.root / "site/internal", &internal}}, d2) ==
        Published::none);
  CHECK(messages(d2) == r + "/" + staging + ": cannot create the staging folder: something sitrep did not make is " +
                            "in the way | remove " + r + "/" + staging +
                            " and build again; the previous site is unchanged\n");
  CHECK(fs::is_symlink(t.root / staging));
  CHECK(fs::is_empty(t.root / "elsewhere"));
  CHECK(fs::is_empty(t.root / "site"));
}

TEST_CASE("staging folders a killed build left are deleted by the next one; nothing else is") {
  TempDir t("stale");
  t.write(".site.sitrep-new-11/.sitrep-staging", "marker");
  t.write(".site.sitrep-new-11/site/public/index.html", "half written");
  fs::create_directories(t.root / ".site.sitrep-new-12");          // killed before its marker
  t.write(".site.sitrep-new-13/keep.txt", "no marker: not ours");  // kept
  fs::create_directory_symlink(t.root / ".site.sitrep-new-13", t.root / ".site.sitrep-new-14");  // a link: kept
  t.write(".site.new-15/x", "looks like an old staging name, but 'site' is not a tree here");  // kept
  const Outputs pub{{"index.html", "new"}}, internal{{"index.html", "i"}};
  Diagnostics diags;
  REQUIRE(publish_trees({{t.root / "site/public", &pub}, {t.root / "site/internal", &internal}}, diags) ==
          Published::all);
  CHECK(entries(t.root) ==
        std::set<std::string>{".site.new-15", ".site.sitrep-new-13", ".site.sitrep-new-14", "site"});
  CHECK(read_all(t.root / ".site.sitrep-new-13/keep.txt") == "no marker: not ours");
}

TEST_CASE("a tree built alone also deletes what a killed build of both left above its folder") {
  TempDir t("stale-above");
  t.write(".site.sitrep-new-21/.sitrep-staging", "marker");
  t.write(".site.sitrep-new-21/site/public/index.html", "half written");
  t.write(".www.sitrep-new-22/.sitrep-staging", "marker of another folder's build: kept");
  const Outputs pub{{"index.html", "new"}};
  Diagnostics diags;
  REQUIRE(publish_trees({{t.root / "site/public", &pub}}, diags) == Published::all);
  CHECK(entries(t.root) == std::set<std::string>{".www.sitrep-new-22", "site"});
  CHECK(entries(t.root / "site") == std::set<std::string>{"public"});
}

TEST_CASE("a write error names the file and leaves the previous site, and no staging folder") {
  TempDir t("write-error");
  const Outputs first{{"index.html", "v1"}}, internal{{"index.html", "i"}};
  Diagnostics ok;
  REQUIRE(publish_trees({{t.root / "site/public", &first}, {t.root / "site/internal", &internal}}, ok) ==
          Published::all);
  // "a" is made a folder (for a/b.html) before the file "a" is written.
  const Outputs clash{{"a", "file"}, {"a/b.html", "x"}};
  Diagnostics diags;
  CHECK(publish_trees({{t.root / "site/public", &clash}, {t.root / "site/internal", &internal}}, diags) ==
        Published::none);
  const std::string r = t.root.generic_string();
  CHECK(messages(diags) ==
        r + "/site/public/a: cannot write: File exists | build again once " + r +
            " can be written; the previous site is unchanged\n");
  CHECK(read_all(t.root / "site/public/index.html") == "v1");
  CHECK(entries(t.root) == std::set<std::string>{"site"});

  // A parent path through a file: ENOTDIR, named.
  t.write("afile", "x");
  Diagnostics nodir;
  CHECK(publish_trees({{t.root / "afile/site/public", &first}}, nodir) == Published::none);
  CHECK(messages(nodir) == r + "/afile/site/public: cannot create folder: " + r + "/afile is a file, not a folder | move " +
                               r + "/afile away, or choose another --out; the previous site is unchanged\n");
}

TEST_CASE("staging names") {
  CHECK(staging_name("site", 1234) == ".site.sitrep-new-1234");
  CHECK(is_staging_name(".site.sitrep-new-1234"));
  CHECK(is_staging_name(".my.site.sitrep-new-1"));
  CHECK_FALSE(is_staging_name(".site.sitrep-new-"));
  CHECK_FALSE(is_staging_name(".site.sitrep-new-12a"));
  CHECK_FALSE(is_staging_name("site.sitrep-new-12"));
  CHECK_FALSE(is_staging_name("..sitrep-new-12"));
  CHECK(is_staging_name(".site.sitrep-new-12", "site"));
  CHECK_FALSE(is_staging_name(".site.sitrep-new-12", "public"));
  CHECK_FALSE(is_staging_name(".my.site.sitrep-new-12", "site"));
  CHECK(is_legacy_staging_name(".public.new-99", "public"));
  CHECK_FALSE(is_legacy_staging_name(".public.new-99", "internal"));
  CHECK_FALSE(is_legacy_staging_name(".public.new-", "public"));
}

TEST_CASE("folder steps: created never over a file or through a link, deleted without following a link") {
  TempDir t("folder-at");
  t.write("outside/secret", "s");
  t.write("tree/a/b.txt", "b");
  fs::create_directory_symlink(t.root / "outside", t.root / "tree/a/link");
  fs::create_symlink(t.root / "outside/secret", t.root / "tree/file-link");
  const Fd dir = open_folder(t.root.string());
  REQUIRE(dir);
  CHECK(entry_kind(dir.get(), "tree") == EntryKind::folder);
  CHECK(entry_kind(dir.get(), "nothing") == EntryKind::missing);
  const Fd tree = open_folder_at(dir.get(), "tree");
  CHECK(entry_kind(tree.get(), "file-link") == EntryKind::link);
  CHECK_FALSE(open_folder_at(tree.get(), "a/link"));  // O_NOFOLLOW
  CHECK(write_new_file_at(tree.get(), "file-link", "x") == EEXIST);
  CHECK(write_new_file_at(tree.get(), "a/b.txt", "x") == EEXIST);
  CHECK(read_all(t.root / "outside/secret") == "s");
  CHECK(write_new_file_at(tree.get(), "new.txt", "n") == 0);
  CHECK(folder_entries(tree.get()) == std::vector<std::string>{"a", "file-link", "new.txt"});
  CHECK(remove_tree_at(dir.get(), "tree", 2) == 0);
  CHECK_FALSE(fs::exists(t.root / "tree"));
  CHECK(read_all(t.root / "outside/secret") == "s");
}
