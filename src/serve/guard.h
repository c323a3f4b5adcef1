// An httplib::Server whose connections are bounded against hostile clients.
//
// cpp-httplib 0.11 (Debian 12) gives each connection a worker thread and bounds only the time
// between two reads: a client that sends its headers a byte every few seconds (slowloris), or
// never finishes its body, holds a worker for as long as it likes, and it reads any number of
// header lines and any chunked body without a size limit. GuardedServer reads each request
// through its own stream that enforces, per request:
//
//   - a deadline: the request line, headers and body must all arrive within `request_timeout`
//     of the request's first byte (else 408 and the connection is closed);
//   - at most `max_header_bytes` of request line and headers (else 431);
//   - at most `max_body_bytes` of body as sent, chunk framing included (else 413), which also
//     bounds a chunked body or one without a length;
//
// and closes a connection that stays idle `keep_alive` between requests. Replies written by
// the guard are JSON errors like the API's own; the connection is then closed (its unread
// input drained for a moment first, so the client sees the reply rather than a reset).
//
// A pre-routing handler (which runs once the headers are in, before the body is read) calls
// `headers_done()` to tell the guard the headers are complete, and `close_after_reply()` to
// refuse a request without reading the body it announced.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>

namespace sitrep::serve {

struct ConnectionLimits {
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds keep_alive{5000};  // idle time allowed between two requests
  std::chrono::milliseconds idle_read{5000};   // idle time allowed inside one request
  std::size_t max_header_bytes = 64u << 10;
  std::size_t max_body_bytes = 32u << 20;
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}
  const ConnectionLimits& limits() const { return limits_; }
  void set_limits(const ConnectionLimits& limits) { limits_ = limits; }

  // For handlers on the current worker thread (no-ops outside a guarded request).
  static void headers_done();       // what follows counts as body
  static void close_after_reply();  // do not read the rest of this request; close after the reply

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
};

}  // namespace sitrep::serve
