#include "serve/guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace sitrep::serve {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int millis(Clock::duration d) {
  const auto ms = std::chrono::duration_cast<milliseconds>(d).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 1 << 30));
}

// Waits until `fd` has input (or hangs up); false on timeout or error.
bool wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  int r;
  do r = ::poll(&p, 1, timeout_ms);
  while (r < 0 && errno == EINTR);
  return r > 0;
}

bool wait_writable(int fd, int timeout_ms) {
  pollfd p{fd, POLLOUT, 0};
  int r;
  do r = ::poll(&p, 1, timeout_ms);
  while (r < 0 && errno == EINTR);
  return r > 0 && (p.revents & POLLOUT);
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                     : ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  if (r != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof(text));
    port = ntohs(a->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text));
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

// One socket: input read ahead but not yet consumed carries over from request to request.
struct Connection {
  int fd;
  std::string buffer;
  std::size_t position = 0;
  bool refused = false;      // the guard answered; nothing more is read or written
  bool close_after = false;  // a handler refused the request without reading its body
  std::size_t buffered() const { return buffer.size() - position; }
};

// One request on a connection, read under the limits.
class RequestStream final : public httplib::Stream {
 public:
  // Created when the request's first byte is there: its deadline starts now.
  RequestStream(Connection& connection, const ConnectionLimits& limits)
      : c_(connection), limits_(limits), deadline_(Clock::now() + limits.request_timeout) {}

  void headers_done() { in_body_ = true; }
  bool started() const { return header_bytes_ > 0; }

  bool is_readable() const override {
    if (c_.refused) return false;
    return c_.buffered() > 0 || wait_readable(c_.fd, wait_ms());
  }

  bool is_writable() const override {
    return c_.refused || wait_writable(c_.fd, millis(limits_.idle_read));
  }

  ssize_t read(char* out, std::size_t size) override {
    if (c_.refused) return -1;
    if (c_.buffered() == 0) {
      if (!wait_readable(c_.fd, wait_ms())) {
        refuse(408, "the request did not arrive in time (a slow or stalled client)");
        return -1;
      }
      char chunk[16384];
      ssize_t n;
      do n = ::recv(c_.fd, chunk, sizeof(chunk), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      if (c_.position == c_.buffer.size()) c_.buffer.clear(), c_.position = 0;
      c_.buffer.append(chunk, static_cast<std::size_t>(n));
    }
    const std::size_t n = std::min(size, c_.buffered());
    std::memcpy(out, c_.buffer.data() + c_.position, n);
    c_.position += n;
    if (!in_body_) {
      header_bytes_ += n;
      if (header_bytes_ > limits_.max_header_bytes) {
        refuse(431, "request line and headers longer than " +
                        std::to_string(limits_.max_header_bytes) + " bytes");
        return -1;
      }
    } else {
      body_bytes_ += n;
      if (body_bytes_ > limits_.max_body_bytes) {
        refuse(413, "body longer than " + std::to_string(limits_.max_body_bytes) + " bytes");
        return -1;
      }
    }
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* data, std::size_t size) override {
    if (c_.refused) return static_cast<ssize_t>(size);  // the guard's reply was the answer
    return send_some(data, size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(c_.fd, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(c_.fd, false, ip, port);
  }
  socket_t socket() const override { return c_.fd; }

 private:
  // How long the next read may wait: the idle limit, and never past the request's deadline.
  int wait_ms() const {
    return millis(std::min<Clock::duration>(limits_.idle_read, deadline_ - Clock::now()));
  }

  ssize_t send_some(const char* data, std::size_t size) const {
    if (!wait_writable(c_.fd, millis(limits_.idle_read))) return -1;
    ssize_t n;
    do n = ::send(c_.fd, data, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  // Answers the request with `status` and an API error, then stops reading this connection.
  void refuse(int status, const std::string& message) {
    if (c_.refused) return;
    const char* reason = status == 408   ? "Request Timeout"
                         : status == 413 ? "Payload Too Large"
                                         : "Request Header Fields Too Large";
    std::string body = "{\"error\":\"" + message + "\",\"field\":null}";
    std::string reply =
        "HTTP/1.1 " + std::to_string(status) + " " + reason +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n" + body;
    // A connection that never began a request is closed without a word.
    if (started() || in_body_) {
      std::size_t sent = 0;
      while (sent < reply.size()) {
        const ssize_t n = send_some(reply.data() + sent, reply.size() - sent);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
    }
    c_.refused = true;
  }

  Connection& c_;
  const ConnectionLimits& limits_;
  Clock::time_point deadline_;
  std::size_t header_bytes_ = 0, body_bytes_ = 0;
  bool in_body_ = false;
};

thread_local RequestStream* current_stream = nullptr;
thread_local Connection* current_connection = nullptr;

// Closes after a reply: stop sending, read (and drop) what the client is still sending for a
// moment, so that closing does not reset the connection before the client read the reply.
void close_gracefully(int fd) {
  ::shutdown(fd, SHUT_WR);
  const auto until = Clock::now() + milliseconds(1000);
  std::size_t drained = 0;
  char sink[16384];
  while (drained < (64u << 20)) {
    const int left = millis(until - Clock::now());
    if (left <= 0 || !wait_readable(fd, left)) break;
    const ssize_t n = ::recv(fd, sink, sizeof(sink), 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

}  // namespace

void GuardedServer::headers_done() {
  if (current_stream) current_stream->headers_done();
}

void GuardedServer::close_after_reply() {
  if (current_connection) current_connection->close_after = true;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  Connection connection{sock};
  bool ok = false;
  std::size_t left = keep_alive_max_count_;
  while (left > 0 && !connection.refused && !connection.close_after) {
    // Wait for the next request in short slices, so that stop() ends an idle connection.
    if (connection.buffered() == 0) {
      const auto until = Clock::now() + limits_.keep_alive;
      bool ready = false;
      while (!ready && svr_sock_ != INVALID_SOCKET && Clock::now() < until)
        ready = wait_readable(sock, std::min(100, millis(until - Clock::now())));
      if (!ready) break;
    }
    RequestStream stream(connection, limits_);
    current_stream = &stream;
    current_connection = &connection;
    bool closed = false;
    ok = process_request(stream, left == 1, closed, nullptr);
    current_stream = nullptr;
    current_connection = nullptr;
    if (!ok || closed) break;
    --left;
  }
  if (connection.refused || connection.close_after) {
    close_gracefully(sock);
  } else {
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }
  return ok;
}

}  // namespace sitrep::serve
