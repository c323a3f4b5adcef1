#include "queue/work_queue.h"

#include <algorithm>
#include <charconv>

#include "ingest/ingest.h"

namespace sitrep::queue {
namespace {

// A header value is one line of text; an error message can hold anything.
std::string header_safe(const std::string& text, std::size_t limit = 2000) {
  std::string out;
  out.reserve(std::min(text.size(), limit));
  for (char c : text) {
    if (out.size() >= limit) break;
    out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
  }
  return out;
}

std::uint64_t to_number(const std::string& text) {
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string header_of(const Headers& headers, const std::string& name) {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

}  // namespace

Result<void> check_queue_url(const std::string& url) {
  std::size_t start = 0;
  while (start <= url.size()) {
    std::size_t comma = url.find(',', start);
    if (comma == std::string::npos) comma = url.size();
    const std::string one = url.substr(start, comma - start);
    if (!one.starts_with("nats://") || one.size() == 7)
      return fail(
          Error::Kind::kUsage,
          "--queue: expected nats://HOST:PORT (e.g. nats://127.0.0.1:4222), got '" + url + "'");
    start = comma + 1;
  }
  return {};
}

Result<void> ensure_streams(Connection& nats, std::chrono::seconds duplicate_window) {
  StreamSpec work{kStream, kSubject, Retention::kWorkQueue, duplicate_window};
  if (auto made = nats.ensure_stream(work); !made) return made;
  StreamSpec dead{kDeadStream, kDeadSubject, Retention::kLimits, duplicate_window};
  return nats.ensure_stream(dead);
}

Result<bool> enqueue(Connection& nats, const std::string& id, const Document& document) {
  const std::string body = ingest::document_json(document);
  // Headers travel in the same message; a few hundred bytes are kept for them.
  if (body.size() + 512 > nats.max_payload())
    return invalid_input(document.doc + ": " + std::to_string(body.size()) +
                         " bytes as a queue message, more than the server's max_payload (" +
                         std::to_string(nats.max_payload()) + " bytes at " + nats.url() +
                         "; raise it in nats-server.conf)");
  return nats.publish(kSubject, body, {{kIdHeader, id}, {kDocHeader, header_safe(document.doc)}});
}

Result<void> dead_letter(Connection& nats, Message& message, const std::string& error,
                         const std::string& failed_at) {
  Headers headers{{kIdHeader, message.header(kIdHeader)},
                  {kDocHeader, message.header(kDocHeader)},
                  {kErrorHeader, header_safe(error)},
                  {kDeliveriesHeader, std::to_string(message.deliveries())},
                  {kFailedAtHeader, failed_at}};
  // The same document dead-lettered twice (a redelivery raced the first) is kept once.
  if (headers[kIdHeader].empty())
    headers[kIdHeader] = "seq-" + std::to_string(message.stream_sequence());
  auto published = nats.publish(kDeadSubject, message.data(), headers);
  if (!published) return std::unexpected(published.error());
  return message.term();
}

Result<QueueStatus> queue_status(Connection& nats) {
  QueueStatus status;
  status.url = nats.url();
  auto stream = nats.stream_state(kStream);
  if (!stream) return std::unexpected(stream.error());
  status.exists = stream->has_value();
  if (*stream) status.stream = **stream;
  auto consumer = nats.consumer_state(kStream, kConsumer);
  if (!consumer) return std::unexpected(consumer.error());
  status.consumer = *consumer;
  auto dead = nats.stream_messages(kDeadStream);
  if (!dead) return std::unexpected(dead.error());
  for (const auto& m : *dead)
    status.dead_letters.push_back(
        {m.sequence, header_of(m.headers, kIdHeader), header_of(m.headers, kDocHeader),
         header_of(m.headers, kErrorHeader), header_of(m.headers, kFailedAtHeader),
         to_number(header_of(m.headers, kDeliveriesHeader))});
  return status;
}

}  // namespace sitrep::queue
