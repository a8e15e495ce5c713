// leakcheck in GoogleTest: a test that leaves a thread running fails with
// the thread's name and stack (goleak's VerifyNone), or the whole binary
// does at its end (goleak's VerifyTestMain).
//
//   int main(int argc, char **argv) {
//     testing::InitGoogleTest(&argc, argv);
//     leakcheck::gtest::verify_each_test();      // or
//     verify_each_test(options) return RUN_ALL_TESTS();
//   }
//
// or, instead of writing main (and instead of linking gtest_main):
//
//   LEAKCHECK_GTEST_MAIN_EACH_TEST()   // every test
//   LEAKCHECK_GTEST_MAIN()             // once, after all tests

#ifndef LEAKCHECK_GTEST_H
#define LEAKCHECK_GTEST_H

#include "leakcheck/leakcheck.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <utility>

namespace leakcheck::gtest {

/// Takes a snapshot before each test and verifies after it. A leak fails
/// that test: GoogleTest calls OnTestEnd before its printer reports the
/// result, while the test's result still takes failures.
class EachTest : public ::testing::EmptyTestEventListener {
public:
  explicit EachTest(Options O = Options()) : Opts(std::move(O)) {}

  void OnTestStart(const ::testing::TestInfo &) override { Before.emplace(); }

  void OnTestEnd(const ::testing::TestInfo &) override {
    if (!Before)
      return;
    const Report Leaks = verify_none(*Before, Opts);
    Before.reset();
    if (!Leaks.ok())
      ADD_FAILURE() << Leaks.str();
  }

private:
  Options Opts;
  std::optional<Snapshot> Before;
};

/// Appends an EachTest listener; GoogleTest owns and deletes it.
inline void verify_each_test(Options O = Options()) {
  ::testing::UnitTest::GetInstance()->listeners().Append(
      new EachTest(std::move(O)));
}

/// Runs all tests, then verifies the threads against a snapshot taken
/// before them; a leak makes the exit status 1.
inline int run_all_tests_and_verify(const Options &O = Options()) {
  const Snapshot Before;
  const int Status = RUN_ALL_TESTS();
  const Report Leaks = verify_none(Before, O);
  if (Leaks.ok())
    return Status;
  std::fprintf(stderr, "%s", Leaks.str().c_str());
  return 1;
}

} // namespace leakcheck::gtest

#define LEAKCHECK_GTEST_MAIN()                                                 \
  int main(int argc, char **argv) {                                            \
    ::testing::InitGoogleTest(&argc, argv);                                    \
    return ::leakcheck::gtest::run_all_tests_and_verify();                     \
  }

#define LEAKCHECK_GTEST_MAIN_EACH_TEST()                                       \
  int main(int argc, char **argv) {                                            \
    ::testing::InitGoogleTest(&argc, argv);                                    \
    ::leakcheck::gtest::verify_each_test();                                    \
    return RUN_ALL_TESTS();                                                    \
  }

#endif
