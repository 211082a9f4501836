#include <malloc.h>
#ifdef SITREP_MIMALLOC
#include <mimalloc.h>
#endif

#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  // A build allocates hundreds of megabytes in small pieces, on every core.
  // glibc's default grows the heap 128 KiB at a time (and a thread's arena
  // one page at a time, an mprotect each); asking for 64 MiB at a time cut
  // `check` at 10 000 incidents by a tenth. Only address space is reserved:
  // pages count toward memory once touched.
  mallopt(M_TOP_PAD, 64 << 20);
#ifdef SITREP_MIMALLOC
  // The same for mimalloc (generator/CMakeLists.txt): its memory in 2 MiB
  // pages where the kernel allows (transparent huge pages on madvise), so a
  // few hundred megabytes are not faulted in 4 KiB at a time; about a tenth
  // off `check` at 10 000 incidents (tests/bench/RESULTS.md).
  mi_option_enable(mi_option_large_os_pages);
#endif
  return sitrep::run_cli(argc, argv, std::cout, std::cerr);
}
