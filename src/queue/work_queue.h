// The work queue of distributed ingest: what `sitrep enqueue`, `sitrep worker` and
// `sitrep queue status` agree on over NATS JetStream (docs/DEPLOY.md).
//
// Requires: a nats-server with JetStream (`nats-server -js`). Adds: two streams, created when
// missing, and one durable pull consumer shared by every worker:
//
//   SITREP_DOCS  subject sitrep.docs  work-queue retention: a message is removed once a worker
//                acks it. One message per document: its body is the document as one JSONL
//                line (ingest::document_json), header Nats-Msg-Id = the document id (the hash
//                of its clean text), so the stream drops a copy enqueued again within the
//                duplicate window.
//   sitrep-workers  the durable pull consumer on SITREP_DOCS, explicit acks.
//   SITREP_DEAD  subject sitrep.dead  limits retention: documents that failed max-deliver
//                times, with their error, kept until someone removes them.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/error.h"
#include "queue/nats.h"

namespace sitrep::queue {

inline const std::string kStream = "SITREP_DOCS";
inline const std::string kSubject = "sitrep.docs";
inline const std::string kConsumer = "sitrep-workers";
inline const std::string kDeadStream = "SITREP_DEAD";
inline const std::string kDeadSubject = "sitrep.dead";

// Headers of a queued document (and of its dead letter).
inline const std::string kIdHeader = "Nats-Msg-Id";  // the document id; JetStream's dedup key
inline const std::string kDocHeader = "Sitrep-Doc";  // the document's name, for people
inline const std::string kErrorHeader = "Sitrep-Error";
inline const std::string kDeliveriesHeader = "Sitrep-Deliveries";
inline const std::string kFailedAtHeader = "Sitrep-Failed-At";

inline constexpr std::chrono::seconds kDefaultDuplicateWindow{24 * 3600};
inline constexpr std::chrono::seconds kDefaultAckWait{60};
// The most documents one worker holds unacked (stored, waiting for a merge), and the most the
// consumer lets all workers hold together.
inline constexpr std::size_t kMaxHeld = 1024;
inline constexpr int kMaxAckPending = 20000;

// "nats://HOST:PORT" (several comma-separated); an error says what was expected.
Result<void> check_queue_url(const std::string& url);

// Both streams, created when missing (an existing stream keeps its settings).
Result<void> ensure_streams(Connection& nats,
                            std::chrono::seconds duplicate_window = kDefaultDuplicateWindow);

// Publishes one document under its id; true when the stream already had it (a duplicate).
// A document too large for the server is a kInvalidInput error (the batch can go on); any
// other error is the queue's.
Result<bool> enqueue(Connection& nats, const std::string& id, const Document& document);

// Publishes `message` to the dead letters with `error`, then terminates it on the work queue
// (never delivered again). The dead letter keeps the body and the id and name headers.
Result<void> dead_letter(Connection& nats, Message& message, const std::string& error,
                         const std::string& failed_at);

struct DeadLetter {
  std::uint64_t sequence = 0;  // in SITREP_DEAD
  std::string id, doc, error, failed_at;
  std::uint64_t deliveries = 0;
};

struct QueueStatus {
  std::string url;
  bool exists = false;  // SITREP_DOCS exists (nothing was ever enqueued when not)
  StreamState stream;
  std::optional<ConsumerState> consumer;  // nullopt before the first worker started
  std::vector<DeadLetter> dead_letters;
};
Result<QueueStatus> queue_status(Connection& nats);

}  // namespace sitrep::queue
