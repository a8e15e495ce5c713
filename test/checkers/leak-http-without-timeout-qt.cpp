// RUN: %check_leak_tidy %s leak-http-without-timeout %t -- -- -std=c++17 -fPIC -DQT_NETWORK_LIB -I/usr/include/x86_64-linux-gnu/qt5/QtNetwork -I/usr/include/x86_64-linux-gnu/qt5 -DQT_CORE_LIB -I/usr/include/x86_64-linux-gnu/qt5/QtCore

// Qt 5.15 network requests against the real headers (the flags are those of
// `pkg-config --cflags Qt5Network`). In Qt 5.15 a request's transfer timeout
// defaults to 0, no timeout, unless the request or its manager sets one.
// Nothing here needs moc. Hand-written timeouts below use other values than
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
QNetworkRequest makeRequest(const QUrl &url);

void builtByUnknownFunction(const QUrl &url) {
  QNetworkAccessManager mgr;
  QNetworkRequest request = makeRequest(url);
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
