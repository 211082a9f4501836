#include "util/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sitrep {

bool with_mapped_file(const std::filesystem::path& path, bool populate,
                      const std::function<void(std::string_view bytes)>& use) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  void* mapped = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    mapped = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                    MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return false;
  const auto size = static_cast<std::size_t>(st.st_size);
  struct Unmap {  // also when `use` throws
    void* at;
    std::size_t size;
    ~Unmap() { ::munmap(at, size); }
  } unmap{mapped, size};
  use(std::string_view(static_cast<const char*>(mapped), size));
  return true;
}

}  // namespace sitrep
