#include <malloc.h>

#include <iostream>

#include "cli/app.h"

#ifdef SITREP_MIMALLOC
#include <mimalloc.h>
#endif

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
#ifdef SITREP_MIMALLOC
  // Pages a phase frees go back to the system after 2 ms, not mimalloc's
  // 25: a build's phases free megabytes just before the next one allocates
  // as much on other threads, and with the longer delay both were in the
  // peak. Public rebuild at 10 000 incidents, 11-13 pairs (tests/bench/
  // RESULTS.md): 163 -> 158 MB, wall 0.99x; at 0 ms 150 MB but 0.88x
  // (a decommit per freed page), at 1 ms 157 MB and 0.95x.
  mi_option_set(mi_option_decommit_delay, 2);
#endif
  return sitrep::run_cli(argc, argv, std::cout, std::cerr);
}
