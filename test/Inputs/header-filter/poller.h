// A header with a leak in an inline function: clang-tidy shows it only when
// the header filter selects this file, and leak-tidy looks for it only then.
#include <curl/curl.h>

inline bool poll(const char *Url) {
  CURL *Handle = curl_easy_init();
  if (!Handle)
    return false;
  curl_easy_setopt(Handle, CURLOPT_URL, Url);
  const bool Ok = curl_easy_perform(Handle) == CURLE_OK;
  curl_easy_cleanup(Handle);
  return Ok;
}
