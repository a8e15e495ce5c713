#include "agent.h"

#include <pthread.h>
#include <unistd.h>

static void *poll_forever(void *arg) {
  (void)arg;
  for (;;) {
    agent_get("http://localhost/poll");
    sleep(5);
  }
  return NULL;
}

void start_poller(void) {
  pthread_t tid;
  pthread_create(&tid, NULL, poll_forever, NULL);
  pthread_detach(tid);
}
