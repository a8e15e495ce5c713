// Capturing another thread's stack: the thread records its own return
// addresses in a signal handler, sent with tgkill, into a buffer allocated
// beforehand; this side waits a bounded time and symbolizes them with libdw.

#include "stacks.h"

#include <cxxabi.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

namespace leakcheck {
namespace {

constexpr int MaxFrames = 64;
// How long a thread has to answer: a thread that has the signal blocked, or
// never runs, gets no stack rather than a hung test.
constexpr std::chrono::milliseconds AnswerTimeout{200};

// One request at a time (RequestLock); the handler writes only here.
struct Request {
  std::atomic<pid_t> Target{0};
  std::atomic<bool> Done{false};
  void *Frames[MaxFrames];
  int Count = 0;
  std::uintptr_t InterruptedAt = 0;
};
Request Pending;
std::mutex RequestLock;

pid_t currentTid() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

std::uintptr_t interruptedPc(void *Context) {
  const auto *UC = static_cast<const ucontext_t *>(Context);
#if defined(__x86_64__)
  return static_cast<std::uintptr_t>(UC->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<std::uintptr_t>(UC->uc_mcontext.pc);
#else
  (void)UC;
  return 0;
#endif
}

// Async-signal-safe: atomics, gettid, and backtrace(), whose one unsafe
// step (loading the unwinder) installHandler() has already done.
void onStackRequest(int, siginfo_t *, void *Context) {
  const int SavedErrno = errno;
  if (Pending.Target.load(std::memory_order_acquire) == currentTid() &&
      !Pending.Done.load(std::memory_order_acquire)) {
    Pending.Count = ::backtrace(Pending.Frames, MaxFrames);
    Pending.InterruptedAt = interruptedPc(Context);
    Pending.Done.store(true, std::memory_order_release);
  }
  errno = SavedErrno;
}

int stackSignal() { return SIGRTMAX - 1; }

// The handler stays installed: a request that timed out may still be
// delivered later, and the default action of a real-time signal is to end
// the process.
void installHandler() {
  static std::once_flag Once;
  std::call_once(Once, [] {
    void *Warm[1];
    ::backtrace(Warm, 1);
    struct sigaction Action;
    std::memset(&Action, 0, sizeof Action);
    Action.sa_sigaction = onStackRequest;
    Action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&Action.sa_mask);
    ::sigaction(stackSignal(), &Action, nullptr);
  });
}

std::string demangle(const char *Name) {
  int Status = 0;
  std::unique_ptr<char, decltype(&std::free)> Demangled(
      abi::__cxa_demangle(Name, nullptr, nullptr, &Status), &std::free);
  return Status == 0 && Demangled ? Demangled.get() : Name;
}

} // namespace

RawStack capture_stack(pid_t Tid) {
  RawStack Result;
  if (Tid == currentTid()) {
    Result.error = "the calling thread";
    return Result;
  }
  installHandler();
  std::lock_guard<std::mutex> Guard(RequestLock);
  Pending.Done.store(false, std::memory_order_release);
  Pending.Count = 0;
  Pending.Target.store(Tid, std::memory_order_release);
  if (::syscall(SYS_tgkill, ::getpid(), Tid, stackSignal()) != 0) {
    Pending.Target.store(0, std::memory_order_release);
    Result.error = "the thread has ended";
    return Result;
  }
  const auto Give = std::chrono::steady_clock::now() + AnswerTimeout;
  while (!Pending.Done.load(std::memory_order_acquire) &&
         std::chrono::steady_clock::now() < Give)
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  // From here on a late signal finds no target and records nothing.
  Pending.Target.store(0, std::memory_order_release);
  if (!Pending.Done.load(std::memory_order_acquire)) {
    Result.error = "no answer within 200 ms: the thread blocks the signal "
                   "(SIGRTMAX-1) or does not run";
    return Result;
  }
  // The frames above the interrupted instruction are the handler's and the
  // kernel's signal trampoline.
  int First = 0;
  const auto InterruptedAt = Pending.InterruptedAt;
  for (int I = 0; I < Pending.Count; ++I)
    if (reinterpret_cast<std::uintptr_t>(Pending.Frames[I]) == InterruptedAt) {
      First = I;
      break;
    }
  for (int I = First; I < Pending.Count; ++I)
    Result.addresses.push_back(
        reinterpret_cast<std::uintptr_t>(Pending.Frames[I]));
  return Result;
}

Symbolizer::Symbolizer() {
  static const Dwfl_Callbacks Callbacks = {
      dwfl_linux_proc_find_elf, dwfl_standard_find_debuginfo, nullptr, nullptr};
  Session = dwfl_begin(&Callbacks);
  if (Session && (dwfl_linux_proc_report(Session, ::getpid()) != 0 ||
                  dwfl_report_end(Session, nullptr, nullptr) != 0)) {
    dwfl_end(Session);
    Session = nullptr;
  }
}

Symbolizer::~Symbolizer() {
  if (Session)
    dwfl_end(Session);
}

namespace {
// The file and line of Lookup in Module, or false. libdw finds the unit by
// .debug_aranges, which Clang emits only when asked (-gdwarf-aranges); so
// without them it searches the units' address ranges.
bool sourceLine(Dwfl_Module *Module, Dwarf_Addr Lookup, Frame &Result) {
  if (Dwfl_Line *Line = dwfl_module_getsrc(Module, Lookup)) {
    if (const char *File = dwfl_lineinfo(Line, nullptr, &Result.line, nullptr,
                                         nullptr, nullptr)) {
      Result.file = File;
      return true;
    }
  }
  Dwarf_Addr Bias = 0;
  for (Dwarf_Die *Unit = dwfl_module_nextcu(Module, nullptr, &Bias); Unit;
       Unit = dwfl_module_nextcu(Module, Unit, &Bias)) {
    const Dwarf_Addr InUnit = Lookup - Bias;
    Dwarf_Addr Base = 0, Start = 0, End = 0;
    for (ptrdiff_t Next = dwarf_ranges(Unit, 0, &Base, &Start, &End); Next > 0;
         Next = dwarf_ranges(Unit, Next, &Base, &Start, &End)) {
      if (InUnit < Start || InUnit >= End)
        continue;
      Dwarf_Line *Line = dwarf_getsrc_die(Unit, InUnit);
      const char *File = Line ? dwarf_linesrc(Line, nullptr, nullptr) : nullptr;
      if (!File || dwarf_lineno(Line, &Result.line) != 0)
        return false;
      Result.file = File;
      return true;
    }
  }
  return false;
}
} // namespace

Frame Symbolizer::describe(std::uintptr_t Address, bool IsReturnAddress) const {
  // Addresses are below 2^63: the low bit says which lookup it was.
  const std::uintptr_t Key = Address * 2 + (IsReturnAddress ? 1 : 0);
  if (const auto Known = Named.find(Key); Known != Named.end())
    return Known->second;
  Frame Result = name(Address, IsReturnAddress);
  Named.emplace(Key, Result);
  return Result;
}

Frame Symbolizer::name(std::uintptr_t Address, bool IsReturnAddress) const {
  Frame Result;
  Result.address = Address;
  if (!Session)
    return Result;
  // A return address is the instruction after the call; its line is the
  // next statement's.
  const Dwarf_Addr Lookup = IsReturnAddress ? Address - 1 : Address;
  Dwfl_Module *Module = dwfl_addrmodule(Session, Lookup);
  if (!Module)
    return Result;
  if (const char *ModuleName =
          dwfl_module_info(Module, nullptr, nullptr, nullptr, nullptr, nullptr,
                           nullptr, nullptr))
    Result.module = ModuleName;
  if (const char *Name = dwfl_module_addrname(Module, Lookup))
    Result.function = demangle(Name);
  sourceLine(Module, Lookup, Result);
  return Result;
}

std::vector<Frame> Symbolizer::symbolize(const RawStack &Stack) const {
  std::vector<Frame> Frames;
  for (std::size_t I = 0; I < Stack.addresses.size(); ++I)
    Frames.push_back(describe(Stack.addresses[I], I != 0));
  return Frames;
}

std::vector<Frame> stack_of(pid_t Tid, std::string *Error) {
  const RawStack Raw = capture_stack(Tid);
  if (Error)
    *Error = Raw.error;
  return Symbolizer().symbolize(Raw);
}

} // namespace leakcheck
