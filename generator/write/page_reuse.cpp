#include "write/page_reuse.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "util/parallel.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// Changes with the record's form; the build id pins the fingerprints' meaning.
constexpr std::string_view k_magic = "sitrep-page-reuse-1";

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// A tree's folder as the record names it: absolute, links resolved, so
// `--out site` and `--out ./site` are one tree.
std::string key_of_target(const fs::path& target) {
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(target, ec), ec);
  return ec ? std::string{} : absolute.generic_string();
}

template <typename T>
bool take_number(std::string_view& line, T& value) {
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), value);
  if (error != std::errc{} || end == line.data() + line.size() || *end != ' ') return false;
  line.remove_prefix(static_cast<std::size_t>(end - line.data()) + 1);
  return true;
}

// The record is tens of thousands of lines of numbers written as the last
// step of every build: appended to one string, not through a stream.
template <typename T>
void put_decimal(std::string& out, T value) {
  char digits[24];
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// "leak <patterns> <inputs> <distinctive>": the distinctive set as one
// character per candidate, 1 or 0 ("-" for none).
void write_leak_scan(std::string& out, const LeakScanMemo& memo) {
  out += "leak ";
  put_decimal(out, memo.patterns);
  out += ' ';
  put_decimal(out, memo.inputs);
  out += ' ';
  if (memo.distinctive.empty()) out += '-';
  for (const bool d : memo.distinctive) out += d ? '1' : '0';
  out += "\nclean";
  for (const std::uint64_t h : memo.clean) {
    out += ' ';
    put_decimal(out, h);
  }
  out += '\n';
}

// "<fingerprint> <device> <inode> <size> <changed_ns> <path>"
void write_page_line(std::string& out, std::uint64_t fingerprint, const FileIdentity& id, const std::string& path) {
  put_decimal(out, fingerprint);
  for (const unsigned long long n : {id.device, id.inode, id.size}) {
    out += ' ';
    put_decimal(out, n);
  }
  out += ' ';
  put_decimal(out, id.changed_ns);
  out += ' ';
  out += path;
  out += '\n';
}

bool read_leak_scan(std::string_view line, LeakScanMemo& memo) {
  if (line.rfind("leak ", 0) != 0) return false;
  line.remove_prefix(5);
  if (!take_number(line, memo.patterns) || !take_number(line, memo.inputs) || line.empty()) return false;
  if (line == "-") return true;
  memo.distinctive.reserve(line.size());
  for (const char c : line) {
    if (c != '0' && c != '1') return false;
    memo.distinctive.push_back(c == '1');
  }
  return true;
}

bool read_clean(std::string_view line, std::vector<std::uint64_t>& clean) {
  if (line.rfind("clean", 0) != 0) return false;
  line.remove_prefix(5);
  while (!line.empty()) {
    if (line.front() != ' ') return false;
    line.remove_prefix(1);
    std::uint64_t h = 0;
    const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), h);
    if (error != std::errc{}) return false;
    clean.push_back(h);
    line.remove_prefix(static_cast<std::size_t>(end - line.data()));
  }
  return std::is_sorted(clean.begin(), clean.end());
}

}  // namespace

std::optional<fs::path> page_reuse_file(const std::string& root, const CacheLocation& where) {
  return cache_file_for(root, where, "pages", ".txt");
}

PageReuseRecord read_page_reuse(const fs::path& file) {
  PageReuseRecord record;
  std::ifstream in(file, std::ios::binary);
  if (!in) return record;
  std::string line;
  if (!std::getline(in, line) || line != k_magic) return {};
  if (!std::getline(in, line) || line != "build " + hex(binary_build_id())) return {};
  bool ended = false;
  while (std::getline(in, line)) {
    if (line == "end") {
      ended = true;
      break;
    }
    if (line.rfind("tree ", 0) == 0) {
      record.trees.push_back({line.substr(5), {}, {}});
      // Its leak scan memo, then its pages.
      LeakScanMemo& memo = record.trees.back().leak_scan;
      if (!std::getline(in, line) || !read_leak_scan(line, memo)) return {};
      if (!std::getline(in, line) || !read_clean(line, memo.clean)) return {};
      continue;
    }
    if (record.trees.empty()) return {};
    std::string_view rest = line;
    PageReuseRecord::Page page;
    FileIdentity& id = page.identity;
    if (!take_number(rest, page.fingerprint) || !take_number(rest, id.device) || !take_number(rest, id.inode) ||
        !take_number(rest, id.size) || !take_number(rest, id.changed_ns) || rest.empty())
      return {};
    page.path = std::string{rest};
    record.trees.back().pages.push_back(std::move(page));
  }
  // A record cut short (a full disk) is no record.
  return ended ? record : PageReuseRecord{};
}

const LeakScanMemo* leak_memo_of(const PageReuseRecord& record, const fs::path& target) {
  const std::string key = key_of_target(target);
  for (const auto& t : record.trees)
    if (!key.empty() && t.target == key) return &t.leak_scan;
  return nullptr;
}

PageFingerprints still_published(const PageReuseRecord& record, const fs::path& target, unsigned threads,
                                 InodesByPath* inodes) {
  PageFingerprints out;
  const std::string key = key_of_target(target);
  const PageReuseRecord::Tree* tree = nullptr;
  for (const auto& t : record.trees)
    if (!key.empty() && t.target == key) tree = &t;
  if (!tree) return out;
  const Fd folder = open_folder(key);
  if (!folder) return out;
  std::vector<char> same(tree->pages.size(), 0);
  parallel_for(tree->pages.size(), threads, [&](std::size_t i) {
    const auto& page = tree->pages[i];
    const auto now = file_identity_at(folder.get(), page.path);
    same[i] = now && *now == page.identity;
  });
  out.reserve(tree->pages.size());
  if (inodes) inodes->reserve(tree->pages.size());
  for (std::size_t i = 0; i < same.size(); ++i)
    if (same[i]) {
      out.emplace(tree->pages[i].path, tree->pages[i].fingerprint);
      if (inodes) inodes->emplace(tree->pages[i].path, tree->pages[i].identity.inode);
    }
  return out;
}

bool write_page_reuse(const fs::path& file, const PageReuseRecord& previous, const std::vector<PublishedTree>& published,
                      unsigned threads) {
  std::string text;
  text.append(k_magic).append("\nbuild ").append(hex(binary_build_id())).append("\n");
  std::vector<std::string> written;
  for (const auto& tree : published) {
    const std::string key = key_of_target(tree.target);
    if (key.empty() || key.find('\n') != std::string::npos) continue;
    written.push_back(key);
    const Fd folder = open_folder(key);
    if (!folder) continue;
    // A file nothing touched since still_published checked it (no link,
    // no write: its change time too is as recorded) keeps its identity.
    std::unordered_map<std::string_view, const FileIdentity*> known;
    if (!tree.untouched.empty())
      for (const auto& before : previous.trees)
        if (before.target == key) {
          const std::unordered_set<std::string_view> untouched(tree.untouched.begin(), tree.untouched.end());
          known.reserve(untouched.size());
          for (const auto& page : before.pages)
            if (untouched.count(page.path)) known.emplace(page.path, &page.identity);
        }
    std::vector<std::optional<FileIdentity>> ids(tree.pages.size());
    parallel_for(tree.pages.size(), threads, [&](std::size_t i) {
      const auto it = known.find(tree.pages[i].path);
      ids[i] = it != known.end() ? std::optional<FileIdentity>(*it->second)
                                 : file_identity_at(folder.get(), tree.pages[i].path);
    });
    text.append("tree ").append(key).append("\n");
    write_leak_scan(text, tree.leak_scan);
    for (std::size_t i = 0; i < tree.pages.size(); ++i) {
      const auto& page = tree.pages[i];
      if (!ids[i] || page.path.find('\n') != std::string::npos) continue;
      write_page_line(text, page.fingerprint, *ids[i], page.path);
    }
  }
  // A tree this build left alone (`--only`, another --out) keeps its pages,
  // while its folder exists: one removed since (a throwaway --out) is
  // forgotten, so the record does not grow with every folder ever built.
  for (const auto& tree : previous.trees) {
    if (std::find(written.begin(), written.end(), tree.target) != written.end()) continue;
    if (!open_folder(tree.target)) continue;
    text.append("tree ").append(tree.target).append("\n");
    write_leak_scan(text, tree.leak_scan);
    for (const auto& page : tree.pages) write_page_line(text, page.fingerprint, page.identity, page.path);
  }
  text += "end\n";
  return replace_file(file, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

void note_pages(const Outputs& files, PublishedTree& tree, std::size_t& linked) {
  for (const auto& f : files) {
    if (f.fingerprint) tree.pages.push_back({f.path, f.fingerprint});
    linked += f.reused;
  }
}

}  // namespace sitrep
