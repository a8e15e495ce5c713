#ifndef AGENT_H
#define AGENT_H

#include <curl/curl.h>

/* Every request the agent makes goes through here. */
static inline CURLcode agent_get(const char *url) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url);
  CURLcode result = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return result;
}

void start_poller(void);
unsigned crc8(const char *data);

#endif
