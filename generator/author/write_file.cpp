#include "author/write_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// Writes all of `text` to a file that must not exist yet ("x": O_EXCL, so two
// people running `new` at once cannot both win).
bool write_exclusive(const fs::path& path, std::string_view text, std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "wbx");
  if (!f) {
    error = errno == EEXIST ? "exists" : std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  if (written && flushed && closed) return true;
  error = std::strerror(errno);
  std::error_code ec;
  fs::remove(path, ec);
  return false;
}

}  // namespace

bool create_file(const NewFile& file, Diagnostics& diags) {
  const fs::path path{file.path};
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  if (ec) {
    diags.report(file.path, {}, "write-failed", "cannot create folder: " + ec.message());
    return false;
  }
  std::string error;
  if (write_exclusive(path, file.text, error)) return true;
  if (error == "exists")
    diags.report(file.path, {}, "write-failed", "file already exists; sitrep new never overwrites a file",
                 "move it away or edit it by hand");
  else
    diags.report(file.path, {}, "write-failed", "cannot write file: " + error);
  return false;
}

bool replace_file(const NewFile& file, std::string_view expected, Diagnostics& diags) {
  const fs::path path{file.path};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream current;
  current << in.rdbuf();
  if (!in || current.str() != expected) {
    diags.report(file.path, {}, "write-failed", "file changed on disk since it was read; nothing was written",
                 "run the command again");
    return false;
  }
  const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".new-" + std::to_string(::getpid()));
  std::string error;
  if (!write_exclusive(temp, file.text, error)) {
    diags.report(file.path, {}, "write-failed", "cannot write " + temp.string() + ": " + error);
    return false;
  }
  std::error_code ec;
  fs::permissions(temp, fs::status(path, ec).permissions(), ec);  // keep the file's mode
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    diags.report(file.path, {}, "write-failed", "cannot replace file: " + ec.message());
    return false;
  }
  return true;
}

}  // namespace sitrep
