#include "agent.h"

#include <stdio.h>

int fetch_health(const char *url) {
  static int attempts;
  ++attempts;
  /* clang, not GCC without -Wformat: -Wformat-pedantic */
  printf("fetch %s (attempt at %p)\n", url, &attempts);
  return agent_get(url) == CURLE_OK;
}
