// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -fPIC -DQT_NETWORK_LIB -I/usr/include/x86_64-linux-gnu/qt5/QtNetwork -I/usr/include/x86_64-linux-gnu/qt5 -DQT_CORE_LIB -I/usr/include/x86_64-linux-gnu/qt5/QtCore

// Qt 5.15 network requests against the real headers (the flags are those of
// `pkg-config --cflags Qt5Network`). In Qt 5.15 a request's transfer timeout
// defaults to 0, no timeout, unless the request or its manager sets one. A
// request or manager that comes from a factory or private getter of this
// file, or a request copied from a member template, is judged with where it
// came from. Nothing here needs moc. Hand-written timeouts below use other values than
// the fix's 30000, so a CHECK-FIXES line can only match an inserted one.

#include <QBuffer>
#include <QByteArray>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>

// ---- a manager made in the function -----------------------------------------

QByteArray blockingGet(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  QNetworkReply *reply = mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  QNetworkReply *reply = mgr.get(request);{{$}}
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  loop.exec();
  QByteArray body = reply->readAll();
  reply->deleteLater();
  return body;
}

void heapManager(const QUrl &url) {
  auto *mgr = new QNetworkAccessManager;
  QNetworkRequest request(url);
  mgr->get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr->get(request);{{$}}
}

void requestTimeout(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  request.setTransferTimeout(10000);
  mgr.get(request);
}

// No argument: QNetworkRequest::DefaultTransferTimeoutConstant, 30 seconds.
void requestDefaultTimeout(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  request.setTransferTimeout();
  mgr.get(request);
}

void requestTimeoutDisabled(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  request.setTransferTimeout(0);
  mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the timeout is disabled here
  // CHECK-FIXES: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.get(request);{{$}}
}

void managerTimeout(const QUrl &url) {
  QNetworkAccessManager mgr;
  mgr.setTransferTimeout(15000);
  QNetworkRequest request(url);
  mgr.get(request);
  mgr.get(QNetworkRequest(url));
}

void heapManagerTimeout(const QUrl &url) {
  auto *mgr = new QNetworkAccessManager;
  mgr->setTransferTimeout(15000);
  QNetworkRequest request(url);
  mgr->get(request);
}

// A temporary request cannot be given a timeout in place: no fix.
void temporaryRequest(const QUrl &url) {
  QNetworkAccessManager mgr;
  mgr.get(QNetworkRequest(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: get with a request that has no transfer timeout can wait forever for the server [leak-http-without-timeout]
}

// ---- the other operations ----------------------------------------------------

void otherOperations(const QUrl &url, const QByteArray &body) {
  QNetworkAccessManager mgr;
  QNetworkRequest postRequest(url);
  mgr.post(postRequest, body);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: post with request 'postRequest' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  postRequest.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.post(postRequest, body);{{$}}
  QBuffer upload;
  upload.setData(body);
  QNetworkRequest putRequest(url);
  mgr.put(putRequest, &upload);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: put with request 'putRequest' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  putRequest.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.put(putRequest, &upload);{{$}}
  QNetworkRequest deleteRequest(url);
  mgr.deleteResource(deleteRequest);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: deleteResource with request 'deleteRequest' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  deleteRequest.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.deleteResource(deleteRequest);{{$}}
  QNetworkRequest headRequest(url);
  mgr.head(headRequest);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: head with request 'headRequest' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  headRequest.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.head(headRequest);{{$}}
  QNetworkRequest patchRequest(url);
  mgr.sendCustomRequest(patchRequest, "PATCH", body);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: sendCustomRequest with request 'patchRequest' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  patchRequest.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.sendCustomRequest(patchRequest, "PATCH", body);{{$}}
  mgr.post(QNetworkRequest(url), body);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: post with a request that has no transfer timeout can wait forever for the server [leak-http-without-timeout]
}

// ---- a manager that is a data member ------------------------------------------

// Every use of `manager` is in this file and none sets a timeout.
class Fetcher {
public:
  Fetcher();
  QNetworkReply *fetch(const QUrl &url);

private:
  QNetworkAccessManager manager;
};

Fetcher::Fetcher() {
  manager.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

QNetworkReply *Fetcher::fetch(const QUrl &url) {
  QNetworkRequest request(url);
  request.setRawHeader("Accept", "application/json");
  return manager.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return manager.get(request);{{$}}
}

// The constructor gives the manager a timeout, which every request inherits.
class TimedFetcher {
public:
  TimedFetcher() { manager.setTransferTimeout(10000); }

  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return manager.get(request);
  }

  QNetworkReply *fetchTemporary(const QUrl &url) {
    return manager.get(QNetworkRequest(url));
  }

private:
  QNetworkAccessManager manager;
};

// ---- escapes ------------------------------------------------------------------

void requestParameter(const QNetworkRequest &request) {
  QNetworkAccessManager mgr;
  mgr.get(request);
}

// A copy keeps the original's transfer timeout, if it had one.
void copiedFromParameter(const QNetworkRequest &original) {
  QNetworkAccessManager mgr;
  QNetworkRequest request = original;
  request.setRawHeader("X-Trace", "1");
  mgr.get(request);
}

// Declared only: the request it builds may well have a timeout.
QNetworkRequest loadRequest(const QUrl &url);

void builtByUnknownFunction(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request = loadRequest(url);
  mgr.get(request);
}

// Declared only: it may well set a timeout.
void decorate(QNetworkRequest &request);

void passedToUnknownFunction(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  decorate(request);
  mgr.get(request);
}

// ---- no fix where the statement is not directly in a block --------------------

void unbracedIf(const QUrl &url, bool now) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  if (now)
    mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
}

// The constructor is in another file and may set the manager's timeout.
class RemoteFetcher {
public:
  RemoteFetcher();
  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return manager.get(request);
  }

private:
  QNetworkAccessManager manager;
};

// ---- hand-offs that cannot change the request ---------------------------------

// A copy, or a pointer to const, handed to an unseen function cannot give
// this request a timeout.
void logRequest(QNetworkRequest request);
void traceRequest(const QNetworkRequest *request);

void passedAsCopy(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  logRequest(request);
  traceRequest(&request);
  mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  traceRequest(&request);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.get(request);{{$}}
}

// A timeout on a copy is the copy's, not the original's.
void copiedIntoAnother(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request(url);
  QNetworkRequest saved = request;
  saved.setTransferTimeout(5000);
  mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  saved.setTransferTimeout(5000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.get(request);{{$}}
}

// ---- requests made by a factory of this file ----------------------------------

// The factory sets the timeout: it holds for every request it returns.
QNetworkRequest makeRequest(const QUrl &url) {
  QNetworkRequest request(url);
  request.setRawHeader("Accept", "application/json");
  request.setTransferTimeout(8000);
  return request;
}

void fromTimedFactory(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request = makeRequest(url);
  mgr.get(request);
}

// The factory builds the request in its return and sets no timeout: reported
// at the call, with a note at the factory's return. The fix belongs in the
// factory, where nothing names the request: none is offered.
QNetworkRequest plainRequest(const QUrl &url) { return QNetworkRequest(url); }

void fromUntimedFactory(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request = plainRequest(url);
  mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-7]]:49: note: 'plainRequest' makes it here without a timeout
  // CHECK-FIXES: {{^}}  QNetworkRequest request = plainRequest(url);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.get(request);{{$}}
}

// ---- a manager made on first use by a getter -----------------------------------

// A private getter is the member's own code: the manager it creates is
// followed through it, and neither it nor the request has a timeout.
class LazyClient : public QObject {
public:
  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return manager()->get(request);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    QNetworkRequest request(url);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    request.setTransferTimeout(30000);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return manager()->get(request);{{$}}
  }

private:
  QNetworkAccessManager *manager() {
    if (!m_manager)
      m_manager = new QNetworkAccessManager(this);
    return m_manager;
  }

  QNetworkAccessManager *m_manager = nullptr;
};

// The getter gives the manager a timeout: every request through it is safe.
class TimedLazyClient : public QObject {
public:
  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return manager()->get(request);
  }

private:
  QNetworkAccessManager *manager() {
    if (!m_manager) {
      m_manager = new QNetworkAccessManager(this);
      m_manager->setTransferTimeout(12000);
    }
    return m_manager;
  }

  QNetworkAccessManager *m_manager = nullptr;
};

// A public getter hands the manager out: its callers may set a timeout.
class SharedManagerClient : public QObject {
public:
  QNetworkAccessManager *manager() {
    if (!m_manager)
      m_manager = new QNetworkAccessManager(this);
    return m_manager;
  }

  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return manager()->get(request);
  }

private:
  QNetworkAccessManager *m_manager = nullptr;
};

// ---- requests copied from a member template ------------------------------------

// The copy carries the template's settings, and the class never gives the
// template a timeout: neither the source nor the copy has one.
class TemplateClient {
public:
  TemplateClient() { m_defaults.setRawHeader("Accept", "application/json"); }

  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(m_defaults);
    request.setUrl(url);
    return m_manager.get(request);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    request.setUrl(url);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    request.setTransferTimeout(30000);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return m_manager.get(request);{{$}}
  }

private:
  QNetworkAccessManager m_manager;
  QNetworkRequest m_defaults;
};

// The same with copy-initialisation.
class AssignedTemplateClient {
public:
  QNetworkReply *post(const QUrl &url, const QByteArray &body) {
    QNetworkRequest request = m_defaults;
    request.setUrl(url);
    return m_manager.post(request, body);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: post with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    QNetworkRequest request = m_defaults;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    request.setUrl(url);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    request.setTransferTimeout(30000);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return m_manager.post(request, body);{{$}}
  }

private:
  QNetworkAccessManager m_manager;
  QNetworkRequest m_defaults;
};

// The class sets the template's timeout (in its constructor): every copy has
// it.
class TimedTemplateClient {
public:
  TimedTemplateClient() { m_defaults.setTransferTimeout(12000); }

  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(m_defaults);
    request.setUrl(url);
    return m_manager.get(request);
  }

private:
  QNetworkAccessManager m_manager;
  QNetworkRequest m_defaults;
};

// The template has none, but the copy is given one.
class CopyTimedClient {
public:
  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(m_defaults);
    request.setUrl(url);
    request.setTransferTimeout(11000);
    return m_manager.get(request);
  }

private:
  QNetworkAccessManager m_manager;
  QNetworkRequest m_defaults;
};

// ---- a member manager initialised with braces ----------------------------------

// `m_manager{new QNetworkAccessManager(this)}` makes the manager as the
// parenthesised form does: it is known to have no timeout.
class BracedClient : public QObject {
public:
  BracedClient() : m_manager{new QNetworkAccessManager(this)} {}

  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return m_manager->get(request);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
    // CHECK-FIXES: {{^}}    QNetworkRequest request(url);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    request.setTransferTimeout(30000);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return m_manager->get(request);{{$}}
  }

private:
  QNetworkAccessManager *m_manager;
};

// The same manager, given a timeout in the constructor's body.
class TimedBracedClient : public QObject {
public:
  TimedBracedClient() : m_manager{new QNetworkAccessManager(this)} {
    m_manager->setTransferTimeout(9000);
  }

  QNetworkReply *fetch(const QUrl &url) {
    QNetworkRequest request(url);
    return m_manager->get(request);
  }

private:
  QNetworkAccessManager *m_manager;
};

// ---- a factory that returns a named local --------------------------------------

// The factory sets no timeout on the request it names and returns: both
// callers are reported, each with a note at the factory's return, and the
// fix goes once into the factory, where it serves every caller.
QNetworkRequest makeJsonRequest(const QUrl &url) {
  QNetworkRequest r(url);
  r.setRawHeader("Accept", "application/json");
  return r;
  // CHECK-FIXES: {{^}}  r.setRawHeader("Accept", "application/json");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  r.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return r;{{$}}
}

void fetchJson(const QUrl &url) {
  auto *mgr = new QNetworkAccessManager;
  mgr->get(makeJsonRequest(url));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: get with request 'r' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'makeJsonRequest' makes it here without a timeout
  // CHECK-FIXES: {{^}}void fetchJson(const QUrl &url) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto *mgr = new QNetworkAccessManager;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr->get(makeJsonRequest(url));{{$}}
}

void postJson(const QUrl &url, const QByteArray &body) {
  auto *mgr = new QNetworkAccessManager;
  mgr->post(makeJsonRequest(url), body);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: post with request 'r' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-MESSAGES: :[[@LINE-20]]:3: note: 'makeJsonRequest' makes it here without a timeout
  // CHECK-FIXES: {{^}}void postJson(const QUrl &url, const QByteArray &body) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto *mgr = new QNetworkAccessManager;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr->post(makeJsonRequest(url), body);{{$}}
}

// Silent: the factory sets the timeout on the request it returns.
QNetworkRequest makeTimedJsonRequest(const QUrl &url) {
  QNetworkRequest r(url);
  r.setRawHeader("Accept", "application/json");
  r.setTransferTimeout(7000);
  return r;
}

void fetchTimedJson(const QUrl &url) {
  auto *mgr = new QNetworkAccessManager;
  mgr->get(makeTimedJsonRequest(url));
}

// ---- Qt's app-wide hook: every request of a manager subclass goes through
// its createRequest override -----------------------------------------------

class TimedManager : public QNetworkAccessManager {
protected:
  QNetworkReply *createRequest(Operation op, const QNetworkRequest &original,
                               QIODevice *data) override {
    QNetworkRequest request(original);
    request.setTransferTimeout(15000);
    return QNetworkAccessManager::createRequest(op, request, data);
  }
};

void viaTimedManager(const QUrl &url) {
  TimedManager mgr;
  QNetworkRequest request(url);
  mgr.get(request);
}

// Inherited from a base that sets one.
class LoggingManager : public TimedManager {};

void viaLoggingManager(const QUrl &url) {
  auto *mgr = new LoggingManager;
  mgr->get(QNetworkRequest(url));
}

// The manager's own default, set in its constructor.
class DefaultTimedManager : public QNetworkAccessManager {
public:
  DefaultTimedManager() { setTransferTimeout(20000); }
};

void viaDefaultTimed(const QUrl &url) {
  DefaultTimedManager mgr;
  QNetworkRequest request(url);
  mgr.get(request);
}

// An override that passes the request on as it came: reported there, once,
// and not at each call through it.
class PassThroughManager : public QNetworkAccessManager {
protected:
  QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                               QIODevice *data) override {
    // CHECK-MESSAGES: :[[@LINE-2]]:18: warning: 'createRequest' of 'PassThroughManager' passes every request on without a transfer timeout, so each can wait forever for the server [leak-http-without-timeout]
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: set one on a copy of the request (setTransferTimeout) and pass the copy on: every request of the manager goes through here
    return QNetworkAccessManager::createRequest(op, request, data);
  }
};

void viaPassThrough(const QUrl &url) {
  PassThroughManager mgr;
  QNetworkRequest request(url);
  mgr.get(request);
  mgr.post(request, QByteArray("ping"));
}

// An override defined in another file may set a timeout: silent.
class ElsewhereManager : public QNetworkAccessManager {
protected:
  QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                               QIODevice *data) override;
};

void viaElsewhereManager(const QUrl &url) {
  ElsewhereManager mgr;
  QNetworkRequest request(url);
  mgr.get(request);
}

// A subclass without an override is a plain manager.
class PlainManager : public QNetworkAccessManager {};

void viaPlainManager(const QUrl &url) {
  PlainManager mgr;
  QNetworkRequest request(url);
  mgr.get(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: get with request 'request' has no transfer timeout and can wait forever for the server [leak-http-without-timeout]
  // CHECK-FIXES: {{^}}  request.setTransferTimeout(30000);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mgr.get(request);{{$}}
}
