#include <curl/curl.h>

CURLcode fetch(const char *Url) {
  CURL *Handle = curl_easy_init();
  curl_easy_setopt(Handle, CURLOPT_URL, Url);
  CURLcode Result = curl_easy_perform(Handle);
  curl_easy_cleanup(Handle);
  return Result;
}
