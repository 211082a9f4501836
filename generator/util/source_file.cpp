#include "util/source_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "util/confined_path.h"
#include "util/utf8.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// No NUL, nothing outside 7-bit ASCII (one pass GCC vectorises).
bool is_plain_ascii(std::string_view s) {
  unsigned char bad = 0;
  for (const char c : s) bad |= static_cast<unsigned char>(static_cast<unsigned char>(c) - 1) >= 0x7f;
  return bad == 0;
}

}  // namespace

bool check_source_text(std::string_view text, const std::string& display_path, Diagnostics& diags) {
  if (text.size() > k_max_file_bytes) {
    diags.report(display_path, {}, "file-too-large",
                 "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(k_max_file_bytes));
    return false;
  }
  std::uint32_t line = 1, col = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (i == line_start) {
      // Most lines are short plain ASCII: judged whole, they are skipped to
      // their newline; any other line is walked character by character to
      // find where the problem is.
      const std::size_t end = std::min(text.find('\n', i), text.size());
      if (end - i <= k_max_line_bytes && is_plain_ascii(text.substr(i, end - i))) {
        if (end == text.size()) break;
        i = end;
      }
    }
    const char c = text[i];
    if (c == '\0') {
      diags.report(display_path, {line, col}, "binary-file", "file contains a NUL byte; is it a binary file?");
      return false;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      diags.report(display_path, {line, col}, "invalid-utf8", "invalid UTF-8 byte sequence");
      return false;
    }
    if (c == '\n') {
      ++line;
      col = 1;
      line_start = i + 1;
    } else {
      ++col;
      if (i + 1 - line_start > k_max_line_bytes) {
        diags.report(display_path, {line, 1}, "file-too-large",
                     "line is longer than " + std::to_string(k_max_line_bytes) + " bytes");
        return false;
      }
    }
    i += n;
  }
  return true;
}

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

}  // namespace

std::optional<std::string> read_regular_file(const fs::path& file, const std::string& display_path,
                                             std::size_t max_bytes, Diagnostics& diags) {
  // A FIFO waits for a writer in open() and read() (forever, in CI). The
  // path is judged first, then the file is opened without blocking and
  // judged again by what was opened, so one swapped in between is caught
  // too. O_NONBLOCK does not change how a regular file reads.
  const auto not_regular = [&](mode_t mode) {
    diags.report(display_path, {}, "file-unreadable", "is " + kind_of(mode) + ", not a regular file; it was not read",
                 "content, schemas, templates and static files must be regular files");
  };
  std::error_code ec;
  const auto status = fs::status(file, ec);  // follows symlinks; loops give ELOOP
  if (ec) {
    diags.report(display_path, {}, "file-unreadable", "cannot read file: " + ec.message());
    return std::nullopt;
  }
  if (fs::is_directory(status)) {
    diags.report(display_path, {}, "file-unreadable", "expected a file but found a directory");
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {  // judged before opening: opening a device can act on it
    struct stat st {};
    not_regular(::stat(file.c_str(), &st) == 0 ? st.st_mode : mode_t{});
    return std::nullopt;
  }
  const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    diags.report(display_path, {}, "file-unreadable", "cannot open file");
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    diags.report(display_path, {}, "file-unreadable", "cannot read file: " + std::generic_category().message(errno));
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {  // swapped since the check above
    not_regular(st.st_mode);
    return std::nullopt;
  }
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes) {
    diags.report(display_path, {}, "file-too-large",
                 "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes));
    return std::nullopt;
  }
  // Read to the end, but never past the limit: the file may grow meanwhile.
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      diags.report(display_path, {}, "file-unreadable", "cannot read file: " + std::generic_category().message(errno));
      return std::nullopt;
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      diags.report(display_path, {}, "file-too-large",
                   "file grew past " + std::to_string(max_bytes) + " bytes while it was read");
      return std::nullopt;
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

std::optional<std::string> read_source_file(const fs::path& file, const std::string& display_path,
                                            Diagnostics& diags) {
  auto text = read_regular_file(file, display_path, k_max_file_bytes, diags);
  if (!text || !check_source_text(*text, display_path, diags)) return std::nullopt;
  return text;
}

void report_unconfined(const std::string& display_path, const std::string& reason, const std::string& rule,
                       Diagnostics& diags) {
  if (rule == "outside-root")
    diags.report(display_path, {}, rule, reason + "; it was not read",
                 "sitrep reads only files inside the site root: copy the file into the site, or point the link at a "
                 "file inside the root");
  else
    diags.report(display_path, {}, rule, reason);
}

std::optional<std::string> read_confined_bytes(const fs::path& root, std::string_view relative,
                                               const std::string& display_path, Diagnostics& diags,
                                               const PlainFolders* plain) {
  const ConfinedPath confined = resolve_inside(root, relative, plain);
  if (!confined.path) {
    report_unconfined(display_path, confined.reason, confined.rule, diags);
    return std::nullopt;
  }
  return read_regular_file(*confined.path, display_path, k_max_file_bytes, diags);
}

std::optional<std::string> read_confined_file(const fs::path& root, std::string_view relative,
                                              const std::string& display_path, Diagnostics& diags) {
  auto text = read_confined_bytes(root, relative, display_path, diags);
  if (!text || !check_source_text(*text, display_path, diags)) return std::nullopt;
  return text;
}

std::string_view line_of(std::string_view text, std::uint32_t line) {
  if (line == 0) return {};
  std::size_t start = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  auto end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  auto out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

}  // namespace sitrep
