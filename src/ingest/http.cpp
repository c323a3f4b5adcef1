#include "ingest/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "ingest/text_util.h"

namespace sitrep::ingest {
namespace {

void global_init() {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* body;
  std::size_t max_bytes;
  bool overflow = false;
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  if (sink->body->size() + bytes > sink->max_bytes) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, bytes);
  return bytes;
}

// The value of header `name` in the last response (after redirects), "" when absent.
std::string header(CURL* curl, const char* name) {
  struct curl_header* found = nullptr;
  if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &found) != CURLHE_OK || found == nullptr)
    return "";
  return std::string(detail::trim(found->value));
}

std::string describe_bytes(std::size_t bytes) {
  std::string text = std::to_string(bytes) + " bytes";
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
    text = std::to_string(bytes >> 20) + " MiB (" + text + ")";
  return text;
}

// A header line may not carry CR or LF from a stored validator.
bool header_safe(const std::string& value) {
  return value.find_first_of("\r\n") == std::string::npos;
}

}  // namespace

bool is_http_url(const std::string& url) {
  const std::string head = detail::ascii_lower(url.substr(0, 8));
  return head.starts_with("http://") || head.starts_with("https://");
}

std::string resolve_url(const std::string& base, const std::string& reference) {
  global_init();
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), &curl_url_cleanup);
  if (!url) return "";
  if (curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return "";
  // Against a base, a relative reference is resolved; an absolute one replaces it.
  if (curl_url_set(url.get(), CURLUPART_URL, reference.c_str(), CURLU_NON_SUPPORT_SCHEME) !=
      CURLUE_OK)
    return "";
  char* text = nullptr;
  if (curl_url_get(url.get(), CURLUPART_URL, &text, 0) != CURLUE_OK) return "";
  std::string out = text;
  curl_free(text);
  return out;
}

Result<HttpResponse> http_get(const HttpRequest& request) {
  if (!is_http_url(request.url))
    return invalid_input("not an http or https URL (only those are fetched)");
  global_init();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return fail(Error::Kind::kIo, "cannot initialise libcurl");
  HttpResponse response;
  Sink sink{&response.body, request.max_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  const long timeout_ms = std::max(1L, static_cast<long>(request.timeout_seconds * 1000));
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, request.max_redirects);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 10'000L));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "sitrep/" SITREP_VERSION);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  // A declared length beyond the limit is refused before any of the body is read.
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr,
                                                                      &curl_slist_free_all);
  auto add_header = [&](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  if (!request.etag.empty() && header_safe(request.etag))
    add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty() && header_safe(request.last_modified))
    add_header("If-Modified-Since: " + request.last_modified);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode code = curl_easy_perform(c);
  const std::string limit = describe_bytes(request.max_bytes);
  if ((code == CURLE_WRITE_ERROR && sink.overflow) || code == CURLE_FILESIZE_EXCEEDED)
    return invalid_input("response larger than the limit of " + limit + " (--max-bytes)");
  if (code == CURLE_TOO_MANY_REDIRECTS)
    return invalid_input("too many redirects (more than " + std::to_string(request.max_redirects) +
                         ")");
  if (code == CURLE_OPERATION_TIMEDOUT) {
    std::string seconds = std::to_string(request.timeout_seconds);
    seconds.erase(seconds.find_last_not_of('0') + 1);
    if (seconds.ends_with('.')) seconds.pop_back();
    return fail(Error::Kind::kIo, "no complete response within " + seconds + " s (--timeout)");
  }
  if (code == CURLE_UNSUPPORTED_PROTOCOL)
    return invalid_input("redirected to a URL that is not http or https");
  if (code != CURLE_OK) {
    const std::string why = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return fail(Error::Kind::kIo, "fetch failed (" + why + ")");
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  // 408 (timeout), 429 (too many requests) and 5xx may pass; other 4xx answers are final.
  if (response.status >= 500 || response.status == 408 || response.status == 429)
    return fail(Error::Kind::kIo, "HTTP " + std::to_string(response.status));
  if (response.status >= 400)
    return fail(Error::Kind::kNotFound, "HTTP " + std::to_string(response.status));
  if (response.status >= 300 && response.status != 304)
    return fail(Error::Kind::kIo,
                "HTTP " + std::to_string(response.status) + " without a usable Location");
  response.etag = header(c, "ETag");
  response.last_modified = header(c, "Last-Modified");
  response.content_type = header(c, "Content-Type");
  char* effective = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
    response.effective_url = effective;
  else
    response.effective_url = request.url;
  if (response.not_modified()) response.body.clear();
  return response;
}

}  // namespace sitrep::ingest
