// leakcheck in Catch2 (v2): a test case that leaves a thread running fails
// with the thread's name and stack (goleak's VerifyNone). Include this
// header in one source file of the test binary, after catch2/catch.hpp;
// it registers the listener. Define LEAKCHECK_CATCH2_OPTIONS() (returning
// leakcheck::Options) before including it to choose the options.

#ifndef LEAKCHECK_CATCH2_H
#define LEAKCHECK_CATCH2_H

#include "leakcheck/leakcheck.h"

#include <optional>

#ifndef LEAKCHECK_CATCH2_OPTIONS
#define LEAKCHECK_CATCH2_OPTIONS() ::leakcheck::Options()
#endif

namespace leakcheck::catch2 {

/// Takes a snapshot when a test case starts and verifies when its
/// outermost section (the test case's body) ends. Catch2 v2 counts a
/// failure added there in the test case's totals, which it computes after.
struct EachTestCase : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;

  void testCaseStarting(Catch::TestCaseInfo const &Info) override {
    TestCase = Info.name;
    Before.emplace();
  }

  void sectionEnded(Catch::SectionStats const &Stats) override {
    if (!Before || Stats.sectionInfo.name != TestCase)
      return;
    const Report Leaks = verify_none(*Before, LEAKCHECK_CATCH2_OPTIONS());
    if (!Leaks.ok())
      FAIL_CHECK(Leaks.str());
  }

  void testCaseEnded(Catch::TestCaseStats const &) override { Before.reset(); }

private:
  std::string TestCase;
  std::optional<Snapshot> Before;
};

} // namespace leakcheck::catch2

// Catch2 pastes the name into an identifier, so it must be unqualified.
using LeakcheckEachTestCase = leakcheck::catch2::EachTestCase;
CATCH_REGISTER_LISTENER(LeakcheckEachTestCase)

#endif
