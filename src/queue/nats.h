// A small C++ face on the NATS C client (libnats) for what sitrep's work queue needs: a
// connection with its JetStream context, streams and durable pull consumers created when
// missing, publishing with a message id (JetStream's de-duplication), fetching, ack / nak /
// term, and the state of a stream and a consumer.
//
//   auto nats = queue::Connection::connect("nats://127.0.0.1:4222");
//   if (!nats) return std::unexpected(nats.error());   // "nats://...: cannot connect: ..."
//   auto duplicate = nats->publish("sitrep.docs", body, {{"Nats-Msg-Id", id}});
//
// Every handle is owned (RAII: connection, context, subscription, message); every fallible call
// returns Result<T> whose message names the server URL and what was being done. No exception.
// Thread safety: libnats connections are thread-safe. A Message's data may be read on one thread
// while another marks it in progress (HeldMessages in cli/queue_commands.cpp does); it is
// settled (ack / nak / term) by one thread, once. A Connection's and a PullSubscription's own
// methods are called by one thread at a time.
// ClientLibrary releases libnats' global state at the end of a command (leak checkers see none).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sitrep::queue {

// Shared by a connection, its subscriptions and their messages (defined in nats.cpp).
struct ConnectionState;

// Frees libnats' global state (threads, caches) when it goes out of scope; declare it before
// any Connection in a command so that it is destroyed last.
class ClientLibrary {
 public:
  ClientLibrary() = default;
  ~ClientLibrary();
  ClientLibrary(const ClientLibrary&) = delete;
  ClientLibrary& operator=(const ClientLibrary&) = delete;
};

using Headers = std::map<std::string, std::string>;

// One message delivered by a pull consumer. Settle it exactly once: ack (done), nak (deliver
// again, after `delay`), term (never again), or in_progress (keep it, the work goes on).
class Message {
 public:
  std::string_view data() const;
  std::string header(const std::string& name) const;        // "" when absent
  std::uint64_t deliveries() const { return deliveries_; }  // 1 on the first delivery
  std::uint64_t stream_sequence() const { return stream_sequence_; }
  Result<void> ack();
  Result<void> nak(std::chrono::milliseconds delay = {});
  Result<void> term();
  Result<void> in_progress();

  struct Deleter {
    void operator()(void* msg) const;
  };

 private:
  friend class PullSubscription;
  std::shared_ptr<ConnectionState> connection_;
  std::unique_ptr<void, Deleter> msg_;  // natsMsg*
  std::uint64_t deliveries_ = 0, stream_sequence_ = 0;
};

// A message as a stream holds it (read back with Connection::stream_messages).
struct StoredMessage {
  std::uint64_t sequence = 0;
  std::string data;
  Headers headers;
};

enum class Retention { kLimits, kWorkQueue };

struct StreamSpec {
  std::string name;
  std::string subject;
  Retention retention = Retention::kLimits;
  std::chrono::seconds duplicate_window{120};  // ids seen within it are not stored again
};

struct ConsumerSpec {
  std::string stream;
  std::string durable;                // shared by every worker: each message goes to one of them
  std::chrono::seconds ack_wait{60};  // unacked this long: delivered again
  int max_ack_pending = 1000;
};

struct StreamState {
  std::uint64_t messages = 0, bytes = 0, first_sequence = 0, last_sequence = 0;
  std::int64_t consumers = 0;
  std::chrono::seconds duplicate_window{0};
};

struct ConsumerState {
  std::uint64_t pending = 0;       // not yet delivered
  std::int64_t ack_pending = 0;    // delivered, not yet acked (in flight)
  std::int64_t redelivered = 0;    // in flight and delivered more than once
  std::int64_t waiting_pulls = 0;  // fetch requests waiting at the server
  std::chrono::seconds ack_wait{0};
};

class PullSubscription {
 public:
  // Up to `batch` messages; waits at most `wait` for the first. Empty when none came.
  Result<std::vector<Message>> fetch(int batch, std::chrono::milliseconds wait);

  struct Deleter {
    void operator()(void* sub) const;
  };

 private:
  friend class Connection;
  std::shared_ptr<ConnectionState> connection_;
  std::unique_ptr<void, Deleter> sub_;  // natsSubscription*
};

class Connection {
 public:
  // `url`: nats://HOST:PORT (several comma-separated for a cluster). Reconnects on its own
  // for a while when the server restarts.
  static Result<Connection> connect(const std::string& url,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(5));
  const std::string& url() const;
  // The largest message body the server accepts (its max_payload, 1 MiB by default).
  std::size_t max_payload() const;

  // Creates the stream when it does not exist; an existing one is used as it is.
  Result<void> ensure_stream(const StreamSpec& spec);
  // Creates the durable pull consumer when it does not exist (several workers may race here).
  Result<void> ensure_consumer(const ConsumerSpec& spec);
  // Binds to the durable consumer made by ensure_consumer.
  Result<PullSubscription> pull_subscribe(const std::string& stream, const std::string& durable);

  // Publishes to JetStream and waits for the stream's ack. A "Nats-Msg-Id" header asks for
  // de-duplication: true when the stream already had a message with that id in its window.
  Result<bool> publish(const std::string& subject, std::string_view data, const Headers& headers);

  // nullopt when there is no such stream / consumer.
  Result<std::optional<StreamState>> stream_state(const std::string& stream);
  Result<std::optional<ConsumerState>> consumer_state(const std::string& stream,
                                                      const std::string& durable);
  // Every message the stream holds, oldest first (meant for small streams: the dead letters).
  Result<std::vector<StoredMessage>> stream_messages(const std::string& stream);

 private:
  std::shared_ptr<ConnectionState> state_;
};

}  // namespace sitrep::queue
