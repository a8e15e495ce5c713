// Listing the process's threads, deciding which are leaks, and the report.

#include "leakcheck/leakcheck.h"
#include "stacks.h"

#include <dirent.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

namespace leakcheck {

std::vector<pid_t> current_tids() {
  std::vector<pid_t> Tids;
  DIR *Tasks = ::opendir("/proc/self/task");
  if (!Tasks)
    return Tids;
  while (const dirent *Entry = ::readdir(Tasks)) {
    char *End = nullptr;
    const long Tid = std::strtol(Entry->d_name, &End, 10);
    if (End != Entry->d_name && *End == '\0')
      Tids.push_back(static_cast<pid_t>(Tid));
  }
  ::closedir(Tasks);
  std::sort(Tids.begin(), Tids.end());
  return Tids;
}

std::size_t thread_count() { return current_tids().size(); }

Snapshot::Snapshot() : Tids(current_tids()) {}

bool Snapshot::contains(pid_t Tid) const {
  return std::binary_search(Tids.begin(), Tids.end(), Tid);
}

Options &Options::ignore_name(std::string Name) {
  ignored_names.push_back(std::move(Name));
  return *this;
}
Options &Options::ignore_top_function(std::string Function) {
  ignored_top_functions.push_back(std::move(Function));
  return *this;
}
Options &Options::ignore_any_function(std::string Function) {
  ignored_any_functions.push_back(std::move(Function));
  return *this;
}
Options &Options::with_deadline(std::chrono::milliseconds Deadline) {
  deadline = Deadline;
  return *this;
}

const Options &default_ignores() {
  static const Options Defaults = [] {
    Options O;
    O.use_default_ignores = false;
    // Found by running each runtime and listing the threads left after its
    // objects were destroyed (docs/leakcheck.md).
    // gRPC's executors and timers: gone about a second after its last
    // object in most runs, kept for the whole process in others.
    for (const char *Name :
         {"default-executo", "resolver-execut", "grpc_global_tim",
          "event_engine", "timer_manager", "grpcpp_sync_ser"})
      O.ignore_name(Name);
    // Asio's system_context pool, which no call stops.
    O.ignore_any_function("asio::detail::posix_thread::func<asio::system_"
                          "context::thread_function>::run")
        .ignore_any_function("boost::asio::detail::posix_thread::func<boost::"
                             "asio::system_context::thread_function>::run");
    return O;
  }();
  return Defaults;
}

namespace {

std::string threadName(pid_t Tid) {
  std::ifstream Comm("/proc/self/task/" + std::to_string(Tid) + "/comm");
  std::string Name;
  std::getline(Comm, Name);
  return Name;
}

// A demangled name without its parameter list and qualifiers:
// "ns::Pool<int>::run" for "ns::Pool<int>::run(int) const".
std::string withoutParameters(const std::string &Symbol) {
  std::size_t End = Symbol.size();
  for (const char *Qualifier : {" const", " volatile", " &&", " &"})
    if (End >= std::strlen(Qualifier) &&
        Symbol.compare(End - std::strlen(Qualifier), std::strlen(Qualifier),
                       Qualifier) == 0)
      End -= std::strlen(Qualifier);
  if (End == 0 || Symbol[End - 1] != ')')
    return Symbol;
  int Depth = 0;
  for (std::size_t I = End; I-- > 0;) {
    if (Symbol[I] == ')')
      ++Depth;
    else if (Symbol[I] == '(' && --Depth == 0)
      return Symbol.substr(0, I);
  }
  return Symbol;
}

// A function as a user names it: the whole demangled name, or that name
// without its parameter list.
bool sameFunction(const std::string &Symbol, const std::string &Wanted) {
  return !Symbol.empty() &&
         (Symbol == Wanted || withoutParameters(Symbol) == Wanted);
}

bool anyOf(const std::vector<std::string> &Names, const std::string &Symbol) {
  return std::any_of(Names.begin(), Names.end(), [&](const std::string &N) {
    return sameFunction(Symbol, N);
  });
}

bool ignoredBy(const Options &O, const LeakedThread &T) {
  if (std::find(O.ignored_names.begin(), O.ignored_names.end(), T.name) !=
      O.ignored_names.end())
    return true;
  if (!T.stack.empty() &&
      anyOf(O.ignored_top_functions, T.stack.front().function))
    return true;
  return std::any_of(T.stack.begin(), T.stack.end(), [&](const Frame &F) {
    return anyOf(O.ignored_any_functions, F.function);
  });
}

// A thread waiting for signals in sigtimedwait, sigwaitinfo or sigwait:
// glibc's helper for SIGEV_THREAD timers, which timer_create starts once and
// nothing stops, or a daemon's signal thread. Both block every signal, so
// neither gives a stack; the kernel says which call they wait in.
bool waitsForSignals(pid_t Tid) {
  std::ifstream Syscall("/proc/self/task/" + std::to_string(Tid) + "/syscall");
  long Number = -1;
  return (Syscall >> Number) && Number == SYS_rt_sigtimedwait;
}

bool ignored(const Options &O, const LeakedThread &T) {
  return ignoredBy(O, T) ||
         (O.use_default_ignores && ignoredBy(default_ignores(), T));
}

bool ignoresFunctions(const Options &O) {
  return !O.ignored_top_functions.empty() || !O.ignored_any_functions.empty() ||
         O.use_default_ignores;
}

// The threads not in Before and not ignored, with their names, and with
// their stacks when WithStacks or when a function would make them ignored.
// A thread once ignored stays so (Ignored): a pool thread is still that
// pool's while it runs a task.
std::vector<LeakedThread> newThreads(const Snapshot &Before, const Options &O,
                                     bool WithStacks,
                                     std::set<pid_t> &Ignored) {
  std::vector<LeakedThread> Found;
  std::unique_ptr<Symbolizer> Symbols;
  for (const pid_t Tid : current_tids()) {
    if (Before.contains(Tid) || Ignored.count(Tid))
      continue;
    if (O.use_default_ignores && waitsForSignals(Tid)) {
      Ignored.insert(Tid);
      continue;
    }
    LeakedThread T;
    T.tid = Tid;
    T.name = threadName(Tid);
    if (WithStacks || ignoresFunctions(O)) {
      if (!Symbols)
        Symbols = std::make_unique<Symbolizer>();
      const RawStack Raw = capture_stack(Tid);
      T.stack = Symbols->symbolize(Raw);
      T.stack_error = Raw.error;
    }
    if (ignored(O, T))
      Ignored.insert(Tid);
    else
      Found.push_back(std::move(T));
  }
  return Found;
}

bool hasFrame(const LeakedThread &T, const char *Fragment) {
  return std::any_of(T.stack.begin(), T.stack.end(), [&](const Frame &F) {
    return F.function.find(Fragment) != std::string::npos;
  });
}

// The leak-tidy check that finds a leak of this shape statically, if the
// stack has a shape one of them knows; a hint, so worded as one.
std::string hintFor(const LeakedThread &T) {
  if (hasFrame(T, "curl_easy_perform") || hasFrame(T, "curl_multi_"))
    return "a libcurl transfer still waiting: leak-http-without-timeout "
           "finds transfers without a timeout";
  if (hasFrame(T, "boost::fibers::"))
    return "a Boost.Fiber scheduler still running: leak-detached-thread "
           "finds detached fibers whose loop cannot be told to stop";
  if (hasFrame(T, "io_context::run") || hasFrame(T, "scheduler::run"))
    return "an Asio io_context still running: leak-unstopped-timer finds "
           "timers that re-arm forever, leak-detached-thread coroutines "
           "that loop forever";
  // libstdc++'s thread entry has no exported name; its frame is the one
  // in libstdc++ right under the thread's own code.
  if (hasFrame(T, "std::thread::_State_impl") ||
      std::any_of(T.stack.begin(), T.stack.end(), [](const Frame &F) {
        return F.function.empty() &&
               F.module.find("libstdc++") != std::string::npos;
      }))
    return "a std::thread still running: leak-detached-thread finds "
           "detached threads whose loop cannot be told to stop";
  return "";
}

} // namespace

Report verify_none(const Snapshot &Before, const Options &Opts) {
  const auto Deadline = std::chrono::steady_clock::now() + Opts.deadline;
  std::set<pid_t> Ignored;
  auto Backoff = std::chrono::milliseconds(1);
  while (std::chrono::steady_clock::now() < Deadline &&
         !newThreads(Before, Opts, /*WithStacks=*/false, Ignored).empty()) {
    std::this_thread::sleep_for(Backoff);
    Backoff = std::min(Backoff * 2, std::chrono::milliseconds(50));
  }
  Report Result;
  Result.leaked = newThreads(Before, Opts, /*WithStacks=*/true, Ignored);
  return Result;
}

std::string Report::str() const {
  if (leaked.empty())
    return "";
  std::ostringstream Out;
  std::string Hint;
  for (const LeakedThread &T : leaked)
    if (Hint.empty())
      Hint = hintFor(T);
  Out << "leakcheck: " << leaked.size()
      << (leaked.size() == 1 ? " thread" : " threads")
      << " still running that the test started";
  if (!Hint.empty())
    Out << " (hint: " << Hint << ")";
  Out << "\n";
  for (const LeakedThread &T : leaked) {
    Out << "\nthread " << T.tid << " \"" << T.name << "\":\n";
    if (T.stack.empty())
      Out << "  (no stack: " << T.stack_error << ")\n";
    for (const Frame &F : T.stack) {
      Out << "  " << (F.function.empty() ? "??" : F.function);
      if (!F.file.empty())
        Out << " at " << F.file << ":" << F.line;
      else if (!F.module.empty())
        Out << " in " << F.module;
      Out << "\n";
    }
  }
  return Out.str();
}

} // namespace leakcheck
