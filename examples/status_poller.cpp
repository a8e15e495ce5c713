// A status poller: asks an upstream service for its health over HTTP and
// reports whether it answered 200.
//
// The leak: the transfer has no timeout. When the upstream accepts the
// connection and then stalls (a hung process, a dropped packet behind a
// NAT), curl_easy_perform waits forever, and so does the thread that called
// it, holding its connection and everything on its stack.

#include <curl/curl.h>
#include <string>

namespace {

size_t discardBody(char *, size_t Size, size_t Count, void *) {
  return Size * Count;
}

} // namespace

bool upstreamHealthy(const std::string &Url) {
  CURL *Handle = curl_easy_init();
  if (!Handle)
    return false;
  curl_easy_setopt(Handle, CURLOPT_URL, Url.c_str());
  curl_easy_setopt(Handle, CURLOPT_WRITEFUNCTION, discardBody);
  long Status = 0;
  if (curl_easy_perform(Handle) == CURLE_OK)
    curl_easy_getinfo(Handle, CURLINFO_RESPONSE_CODE, &Status);
  curl_easy_cleanup(Handle);
  return Status == 200;
}

// Safe: this probe gives up after two seconds.
bool upstreamReachable(const std::string &Url) {
  CURL *Handle = curl_easy_init();
  if (!Handle)
    return false;
  curl_easy_setopt(Handle, CURLOPT_URL, Url.c_str());
  curl_easy_setopt(Handle, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(Handle, CURLOPT_TIMEOUT_MS, 2000L);
  const bool Reached = curl_easy_perform(Handle) == CURLE_OK;
  curl_easy_cleanup(Handle);
  return Reached;
}

int main(int Argc, char **Argv) {
  const std::string Url = Argc > 1 ? Argv[1] : "http://localhost:8080/health";
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const bool Healthy = upstreamReachable(Url) && upstreamHealthy(Url);
  curl_global_cleanup();
  return Healthy ? 0 : 1;
}
