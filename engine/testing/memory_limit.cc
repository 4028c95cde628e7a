// File: engine/testing/memory_limit.cc
//
// A forked child under an address-space limit (memory_limit.h).

#include "testing/memory_limit.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

namespace iameval::testing {
namespace {

// The process's address space now, in bytes (/proc/self/statm's first field).
size_t AddressSpaceBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

int InChildUnderMemoryLimit(size_t headroom, const std::function<int()>& body) {
  const pid_t pid = fork();
  if (pid == 0) {
    rlimit limit;
    limit.rlim_cur = limit.rlim_max = AddressSpaceBytes() + headroom;
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(kNoMemoryLimit);
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace iameval::testing
