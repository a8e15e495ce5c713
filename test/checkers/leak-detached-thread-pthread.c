// RUN: %check_leak_tidy %s leak-detached-thread %t -- -- -std=c11 -pthread

// pthreads, in C, with the real <pthread.h>: pthread_detach on a thread id,
// a thread that detaches itself, and a detached creation attribute.

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_bool running = 1;

static void *pollForever(void *arg) {
  (void)arg;
  for (;;) {
    sleep(1);
  }
  return NULL;
}

void startDetached(void) {
  pthread_t tid;
  pthread_create(&tid, NULL, pollForever, NULL);
  pthread_detach(tid);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread 'tid' is detached but its loop never checks a stop token [leak-detached-thread]
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: this loop never ends: its condition is always true and no path leaves it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: check an atomic stop flag in the loop and join the thread with pthread_join() on shutdown instead of detaching it
}

static void *selfDetaching(void *arg) {
  (void)arg;
  pthread_detach(pthread_self());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread running 'selfDetaching' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: this loop never ends
  while (1)
    sleep(1);
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: check an atomic stop flag
}

void startWithAttribute(void) {
  pthread_attr_t attr;
  pthread_t tid;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&tid, &attr, pollForever, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread 'tid' is detached but its loop never checks a stop token
  // CHECK-MESSAGES: :[[@LINE-32]]:3: note: this loop never ends
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: check an atomic stop flag
  pthread_attr_destroy(&attr);
}

// ---- silent ---------------------------------------------------------------

static void *pollWhileRunning(void *arg) {
  (void)arg;
  while (1) {
    if (!atomic_load(&running))
      break;
    sleep(1);
  }
  return NULL;
}

static void *exitsThread(void *arg) {
  (void)arg;
  for (;;) {
    if (!atomic_load(&running))
      pthread_exit(NULL);
  }
}

void startStoppable(void) {
  pthread_t a, b, c;
  pthread_create(&a, NULL, pollWhileRunning, NULL);
  pthread_detach(a);
  pthread_create(&b, NULL, exitsThread, NULL);
  pthread_detach(b);
  // Joined, not detached.
  pthread_create(&c, NULL, pollForever, NULL);
  pthread_join(c, NULL);
}

void joinableAttribute(void) {
  pthread_attr_t attr;
  pthread_t tid;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
  pthread_create(&tid, &attr, pollForever, NULL);
  pthread_join(tid, NULL);
}

// A thread id from elsewhere: its body cannot be seen.
void detachUnknown(pthread_t tid) { pthread_detach(tid); }
