// HTTP GET with libcurl for feeds and the pages they link to: http and https only, redirects
// capped, a timeout and a size limit per response, and conditional GET (ETag / Last-Modified).
// Used by `sitrep watch` (cli/watch.h) and by URL inputs of ingest (sources.h fetch_url).
#pragma once

#include <cstddef>
#include <string>

#include "core/error.h"

namespace sitrep::ingest {

struct HttpRequest {
  std::string url;
  std::size_t max_bytes = 10u << 20;  // a longer body is refused (decompressed bytes)
  double timeout_seconds = 30;        // the whole response, connection included
  long max_redirects = 5;             // more is an error ("too many redirects")
  // Validators from the previous response; when given, a 304 answer means "unchanged".
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since
};

struct HttpResponse {
  long status = 0;            // 200, 304 ... (never >= 400: those are errors)
  std::string body;           // empty for 304
  std::string etag;           // of the final response, "" when absent
  std::string last_modified;  // of the final response, "" when absent
  std::string content_type;
  std::string effective_url;  // after redirects
  bool not_modified() const { return status == 304; }
};

// One GET. An error (its message does not repeat the URL: callers name it) for: a scheme other
// than http/https, a connection or TLS failure, the timeout, more redirects than allowed, a body
// larger than max_bytes, an HTTP status >= 400. Its kind says whether trying again later may
// help: kIo (connection, timeout, HTTP 5xx, 408, 429) may pass; kNotFound (other HTTP 4xx) and
// kInvalidInput (scheme, redirects, size) are final.
Result<HttpResponse> http_get(const HttpRequest& request);

// True for "http://..." and "https://..." (scheme case-insensitive).
bool is_http_url(const std::string& url);

// `reference` resolved against `base` (a feed's relative item link); "" when it cannot be.
std::string resolve_url(const std::string& base, const std::string& reference);

}  // namespace sitrep::ingest
