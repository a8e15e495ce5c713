// Capturing and symbolizing the stacks of the process's threads.

#ifndef LEAKCHECK_STACKS_H
#define LEAKCHECK_STACKS_H

#include "leakcheck/leakcheck.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

struct Dwfl;

namespace leakcheck {

/// The return addresses of one thread, innermost (the interrupted
/// instruction) first, or why there are none.
struct RawStack {
  std::vector<std::uintptr_t> addresses;
  std::string error;
};

/// Asks thread \p Tid, with a signal, to record its own stack, and waits a
/// bounded time for it.
RawStack capture_stack(pid_t Tid);

/// Names, files and lines of addresses in this process (libdw). It reads
/// the process's mappings when made, so make one per report.
class Symbolizer {
public:
  Symbolizer();
  ~Symbolizer();
  Symbolizer(const Symbolizer &) = delete;
  Symbolizer &operator=(const Symbolizer &) = delete;

  Frame describe(std::uintptr_t Address, bool IsReturnAddress) const;
  std::vector<Frame> symbolize(const RawStack &Stack) const;

private:
  Frame name(std::uintptr_t Address, bool IsReturnAddress) const;

  Dwfl *Session = nullptr;
  // Threads of one pool share their frames: each address is named once.
  mutable std::unordered_map<std::uintptr_t, Frame> Named;
};

} // namespace leakcheck

#endif
