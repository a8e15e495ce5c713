// Named as protoc names its output: never searched, whatever the header
// filter selects, since nobody edits generated code.
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
