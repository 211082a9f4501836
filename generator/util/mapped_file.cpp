#include "util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sitrep {

MappedBytes::~MappedBytes() { ::munmap(const_cast<void*>(at_), size_); }

void MappedBytes::let_go() const { ::madvise(const_cast<void*>(at_), size_, MADV_DONTNEED); }

std::shared_ptr<const MappedBytes> map_file(const std::filesystem::path& path, bool populate) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return nullptr;
  struct stat st {};
  void* mapped = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    mapped = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                    MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return nullptr;
  return std::make_shared<const MappedBytes>(mapped, static_cast<std::size_t>(st.st_size));
}

bool with_mapped_file(const std::filesystem::path& path, bool populate,
                      const std::function<void(std::string_view bytes)>& use) {
  const auto mapped = map_file(path, populate);  // unmapped on return, also when `use` throws
  if (!mapped) return false;
  use(mapped->bytes());
  return true;
}

}  // namespace sitrep
