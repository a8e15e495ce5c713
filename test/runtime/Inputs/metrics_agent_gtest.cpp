// examples/metrics_agent.cpp under leakcheck (test/runtime/examples.test):
// built once from the example, where the agent's detached flusher outlives
// it and the test fails, and once from the file leak-tidy's fix-it makes,
// where the agent's jthread is stopped and joined and the test passes.

#include "leakcheck/gtest.h"

#define main metrics_agent_main
#include EXAMPLE_SOURCE
#undef main

TEST(MetricsAgent, DestroyedAgentLeavesNoThread) {
  std::FILE *Sink = std::fopen("/dev/null", "w");
  {
    MetricsAgent Agent(Sink);
    Agent.start();
    Agent.increment("requests");
  }
  // The leaked flusher still writes to Sink: keep it open.
}

LEAKCHECK_GTEST_MAIN_EACH_TEST()
