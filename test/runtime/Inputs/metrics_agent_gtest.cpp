// examples/metrics_agent.cpp under leakcheck (test/runtime/examples.test):
// built once from the example, where the agent's detached flusher outlives
// it and the test fails, and once from the file leak-tidy's fix-it makes,
// where the agent's jthread is stopped and joined and the test passes.

#include "leakcheck/gtest.h"

// The example's main, renamed, has no return statement, which only main
// may omit.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wreturn-type"
#define main metrics_agent_main
#include EXAMPLE_SOURCE
#undef main
#pragma clang diagnostic pop

TEST(MetricsAgent, DestroyedAgentLeavesNoThread) {
  std::FILE *Sink = std::fopen("/dev/null", "w");
  {
    MetricsAgent Agent(Sink);
    Agent.start();
    Agent.increment("requests");
  }
}

// The leaked flusher wakes after a second and flushes a destroyed agent:
// the report must come, and the process end, before it does.
int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  leakcheck::gtest::verify_each_test(
      leakcheck::Options().with_deadline(std::chrono::milliseconds(200)));
  return RUN_ALL_TESTS();
}
