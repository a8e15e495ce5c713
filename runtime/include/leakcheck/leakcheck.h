// leakcheck: the threads a test or a service leaves behind, at run time.
//
// The C++ form of Go's goleak: take a Snapshot of the process's threads,
// run the code under test, and verify_none() reports every thread that was
// not in the snapshot and is still running, with its name and its current
// stack. Linux only (it reads /proc/self/task and signals threads with
// tgkill). C++17; link LeakTidy::leakcheck. The thread-count gauge of a
// running service is leakcheck/monitor.h (C++20).

#ifndef LEAKCHECK_LEAKCHECK_H
#define LEAKCHECK_LEAKCHECK_H

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace leakcheck {

/// The threads of the process at one moment (goleak's IgnoreCurrent).
class Snapshot {
public:
  /// The threads running now.
  Snapshot();
  bool contains(pid_t Tid) const;
  const std::vector<pid_t> &tids() const { return Tids; }

private:
  std::vector<pid_t> Tids; // sorted
};

/// The thread ids of the process, read from /proc/self/task.
std::vector<pid_t> current_tids();

/// How many threads the process has: the goroutine gauge's C++ form.
std::size_t thread_count();

struct Frame {
  std::uintptr_t address = 0;
  std::string function; // demangled; empty when no symbol covers it
  std::string file;     // empty without debug information
  int line = 0;
  std::string module; // the executable or shared library
};

struct LeakedThread {
  pid_t tid = 0;
  std::string name;         // /proc/self/task/<tid>/comm (pthread_setname_np)
  std::vector<Frame> stack; // innermost first; empty when unavailable
  std::string stack_error;  // why the stack is empty
};

/// What verify_none ignores, in goleak's terms.
struct Options {
  /// How long verify_none waits for new threads to end before it reports
  /// them: a thread that ends just after the test is not a leak.
  std::chrono::milliseconds deadline{1000};
  /// Threads whose name (comm) is one of these.
  std::vector<std::string> ignored_names;
  /// Threads whose innermost function is one of these (IgnoreTopFunction).
  std::vector<std::string> ignored_top_functions;
  /// Threads with one of these functions anywhere on their stack
  /// (IgnoreAnyFunction).
  std::vector<std::string> ignored_any_functions;
  /// Also ignore the threads that well-known runtimes keep for the whole
  /// process (default_ignores()).
  bool use_default_ignores = true;

  Options &ignore_name(std::string Name);
  Options &ignore_top_function(std::string Function);
  Options &ignore_any_function(std::string Function);
  Options &with_deadline(std::chrono::milliseconds Deadline);
};

/// The runtime threads ignored by default: gRPC's, Asio's system thread
/// pool, glibc's timer helper.
const Options &default_ignores();

/// The threads verify_none found.
struct Report {
  std::vector<LeakedThread> leaked;
  bool ok() const { return leaked.empty(); }
  /// The goleak-style text: a first line with a hint naming the leak-tidy
  /// check that finds this kind of leak statically, when a stack has a
  /// shape one finds; then each thread with its stack.
  std::string str() const;
};

/// Every thread not in \p Before that is still running after up to
/// Options::deadline of retries, and not ignored (goleak's VerifyNone).
Report verify_none(const Snapshot &Before, const Options &Opts = Options());

/// The stack of one thread of this process, captured by the thread itself
/// in a signal handler (sent with tgkill) and symbolized here.
std::vector<Frame> stack_of(pid_t Tid, std::string *Error = nullptr);

} // namespace leakcheck

#endif
