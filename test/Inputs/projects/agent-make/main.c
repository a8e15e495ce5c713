#include "agent.h"
#include "config.h"

int fetch_health(const char *url);

int main(void) {
  start_poller();
  return fetch_health(AGENT_URL) ? 0 : 1;
}
