#include <malloc.h>

#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  // A build allocates hundreds of megabytes in small pieces, on every core.
  // glibc's default grows the heap 128 KiB at a time (and a thread's arena
  // one page at a time, an mprotect each); asking for 64 MiB at a time cut
  // `check` at 10 000 incidents by a tenth. Only address space is reserved:
  // pages count toward memory once touched.
  mallopt(M_TOP_PAD, 64 << 20);
  // mimalloc (generator/CMakeLists.txt) is left in 4 KiB pages. Asking it for
  // 2 MiB pages once took a tenth off `check`, but on a virtual machine that
  // hands free memory back to its host (free page reporting, as on the
  // machine the benchmark runs on) a huge page is mostly taken from memory
  // the host has already reclaimed, and zeroing it then stalls: a full
  // rebuild at 10 000 incidents took 0.85-1.8 s with huge pages and
  // 0.86-1.0 s without, 7-15 MB less at its peak (tests/bench/RESULTS.md).
  return sitrep::run_cli(argc, argv, std::cout, std::cerr);
}
