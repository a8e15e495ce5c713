// RUN: %check_leak_tidy --fix-notes %s leak-unstopped-timer %t -- -- -std=c++17 -fPIC -DQT_CORE_LIB -I/usr/include/x86_64-linux-gnu/qt5/QtCore -I/usr/include/x86_64-linux-gnu/qt5

// Qt 5.15 against the real QtCore headers: a QTimer made with `new` and no
// parent (`new QTimer`, `new QTimer()`, `new QTimer(nullptr)`), then started,
// that some path leaves without stopping or deleting it, fires and leaks
// forever. Warning at `new`, a note at the start call; in a non-static member
// function of a QObject subclass one more note whose fix (--fix-notes) gives
// the timer `this` as its parent. Qt timers get no exit notes. Silent: a
// parent, single-shot timers, stop/deleteLater/delete/setParent on every
// path, timers that escape (member, unknown function, lambda capture), and
// timers never started. connect() with the timer as sender is not an escape.
// Nothing here needs moc: no class has Q_OBJECT.

#include <QObject>
#include <QTimer>
#include <chrono>

void refresh();
void registerTimer(QTimer *timer);

// ---- free functions: no parent to give -------------------------------------------

void startPolling() {
  QTimer *t = new QTimer;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: QTimer 't' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+2]]:6: note: the timer is started here
  QObject::connect(t, &QTimer::timeout, &refresh);
  t->start(1000);
}

// Stopped on one branch only.
void maybeStopped(bool once) {
  QTimer *timer = new QTimer();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: QTimer 'timer' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:10: note: the timer is started here
  timer->start(std::chrono::milliseconds(250));
  if (once)
    timer->stop();
}

// ---- member functions of a QObject subclass: the parent fix -----------------------

class Poller : public QObject {
public:
  void begin();
  void beginEmpty();
  void beginNull();
  void beginAssigned();
  void beginBranch(bool quick);
  static void beginStatic();

  void withParent();
  void singleShot();
  void stopped();
  void deletedLater();
  void deleted();
  void reparented(QObject *owner);
  void kept();
  void handedOver();
  void captured();
  void neverStarted();

  void poll();

private:
  QTimer *m_timer = nullptr;
};

void Poller::begin() {
  auto *t = new QTimer;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: QTimer 't' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+4]]:6: note: the timer is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: give the timer a parent so that it is deleted with 'this'
  // CHECK-FIXES: {{^}}  auto *t = new QTimer(this);{{$}}
  QObject::connect(t, &QTimer::timeout, this, &Poller::poll);
  t->start(500);
}

void Poller::beginEmpty() {
  auto *t = new QTimer();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: QTimer 't' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+4]]:6: note: the timer is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: give the timer a parent so that it is deleted with 'this'
  // CHECK-FIXES: {{^}}  auto *t = new QTimer(this);{{$}}
  connect(t, &QTimer::timeout, this, &Poller::poll);
  t->start();
}

void Poller::beginNull() {
  QTimer *ticker = new QTimer(nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: QTimer 'ticker' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+5]]:11: note: the timer is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: give the timer a parent so that it is deleted with 'this'
  // CHECK-FIXES: {{^}}  QTimer *ticker = new QTimer(this);{{$}}
  ticker->setInterval(100);
  connect(ticker, &QTimer::timeout, this, &Poller::poll);
  ticker->start();
}

// Assigned to a local pointer declared earlier.
void Poller::beginAssigned() {
  QTimer *t;
  t = new QTimer;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: QTimer 't' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+4]]:6: note: the timer is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: give the timer a parent so that it is deleted with 'this'
  // CHECK-FIXES: {{^}}  t = new QTimer(this);{{$}}
  connect(t, &QTimer::timeout, this, &Poller::poll);
  t->start(50);
}

// Stopped on one branch only: still reported, with no exit notes.
void Poller::beginBranch(bool quick) {
  QTimer *t = new QTimer;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: QTimer 't' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+4]]:6: note: the timer is started here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: give the timer a parent so that it is deleted with 'this'
  // CHECK-FIXES: {{^}}  QTimer *t = new QTimer(this);{{$}}
  connect(t, &QTimer::timeout, this, &Poller::poll);
  t->start(quick ? 10 : 1000);
  if (quick) {
    t->stop();
    return;
  }
  refresh();
}

// A static member function has no `this` to give.
void Poller::beginStatic() {
  QTimer *t = new QTimer;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: QTimer 't' has no parent and is started but never stopped or deleted [leak-unstopped-timer]
  // CHECK-MESSAGES: :[[@LINE+1]]:6: note: the timer is started here
  t->start(1000);
}

// ---- silent ------------------------------------------------------------------------

void Poller::withParent() {
  auto *t = new QTimer(this);
  connect(t, &QTimer::timeout, this, &Poller::poll);
  t->start(500);
}

void Poller::singleShot() {
  auto *t = new QTimer;
  t->setSingleShot(true);
  connect(t, &QTimer::timeout, this, &Poller::poll);
  t->start(500);
}

void Poller::stopped() {
  auto *t = new QTimer;
  t->start(10);
  refresh();
  t->stop();
}

void Poller::deletedLater() {
  auto *t = new QTimer;
  t->start(10);
  refresh();
  t->deleteLater();
}

void Poller::deleted() {
  auto *t = new QTimer;
  t->start(10);
  refresh();
  delete t;
}

void Poller::reparented(QObject *owner) {
  auto *t = new QTimer;
  t->start(10);
  t->setParent(owner);
}

void Poller::kept() {
  auto *t = new QTimer;
  m_timer = t;
  t->start(100);
}

void Poller::handedOver() {
  auto *t = new QTimer;
  t->start(100);
  registerTimer(t);
}

void Poller::captured() {
  auto *t = new QTimer;
  connect(t, &QTimer::timeout, [t] {
    refresh();
    t->stop();
  });
  t->start(100);
}

void Poller::neverStarted() {
  auto *t = new QTimer;
  t->setInterval(100);
  connect(t, &QTimer::timeout, this, &Poller::poll);
}

void stoppedOnEveryPath(bool early) {
  QTimer *t = new QTimer;
  t->start(100);
  if (early) {
    t->stop();
    return;
  }
  refresh();
  delete t;
}
