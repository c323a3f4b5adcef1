#include "cli/queue_commands.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/terminal.h"
#include "ingest/ingest.h"
#include "queue/nats.h"
#include "queue/work_queue.h"
#include "store/store.h"

namespace sitrep::cli {
namespace {

using namespace std::chrono_literals;

int report_error(Streams io, const std::string& message) {
  io.err << "sitrep: " << terminal_safe(message) << "\n";
  return kExitRejected;
}

// JetStream's durations here are whole seconds, at least one (0 would mean "the default").
std::chrono::seconds whole_seconds(double seconds) {
  return std::max(std::chrono::seconds(1),
                  std::chrono::seconds(static_cast<long long>(seconds + 0.5)));
}

// Connects and makes sure both streams exist; the error names the URL.
Result<queue::Connection> open_queue(const std::string& url, std::chrono::seconds window) {
  if (auto ok = queue::check_queue_url(url); !ok) return std::unexpected(ok.error());
  auto nats = queue::Connection::connect(url);
  if (!nats) return nats;
  if (auto made = queue::ensure_streams(*nats, window); !made) return std::unexpected(made.error());
  return nats;
}

// What became of one message, decided while storing it; acted on once its batch is merged
// (acks only after the commit of the merge).
enum class Fate { kAck, kRetry, kDead };
struct Held {
  queue::Message message;
  Fate fate = Fate::kAck;
  std::string error;
};

// The messages a worker holds between their delivery and the merge that lets it ack them.
// A thread tells the server every `every` that they are still being worked on, so a long wait
// (a slow document, a long merge, the merge lock) does not hand them to another worker.
class HeldMessages {
 public:
  explicit HeldMessages(std::chrono::milliseconds every)
      : thread_([this, every] {
          std::unique_lock lock(mutex_);
          while (!cv_.wait_for(lock, every, [this] { return done_; }))
            for (auto& h : held_) (void)h.message.in_progress();  // a miss: one redelivery
        }) {}
  ~HeldMessages() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  HeldMessages(const HeldMessages&) = delete;
  HeldMessages& operator=(const HeldMessages&) = delete;

  // Adds a fetched batch; returns the index of its first message.
  std::size_t add(std::vector<queue::Message>&& batch) {
    std::lock_guard lock(mutex_);
    const std::size_t first = held_.size();
    for (auto& m : batch) held_.push_back({std::move(m), Fate::kAck, {}});
    return first;
  }
  // Decides the fate of message `i` (its message is not touched).
  void decide(std::size_t i, Fate fate, std::string error) {
    std::lock_guard lock(mutex_);
    held_[i].fate = fate;
    held_[i].error = std::move(error);
  }
  queue::Message& message(std::size_t i) {  // read-only use on the worker's thread
    std::lock_guard lock(mutex_);
    return held_[i].message;
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return held_.size();
  }
  // Everything held, to be settled; the set is empty afterwards.
  std::vector<Held> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(held_, {});
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::vector<Held> held_;
  std::thread thread_;  // last: starts once the members above exist
};

struct WorkerCounts {
  std::size_t stored = 0, known = 0, retried = 0, dead = 0, batches = 0, merges = 0, incidents = 0;
};

}  // namespace

int run_enqueue(const EnqueueOptions& options, Streams io) {
  auto limits = resolve_limits(options.limits);
  if (!limits) {
    io.err << "sitrep: " << limits.error().message << "\n";
    return kExitUsage;
  }
  if (auto ok = queue::check_queue_url(options.queue); !ok) {
    io.err << "sitrep: " << ok.error().message << "\n";
    return kExitUsage;
  }
  queue::ClientLibrary library;
  auto nats = open_queue(options.queue, whole_seconds(options.duplicate_window_seconds));
  if (!nats) return report_error(io, nats.error().message);
  // The id is the hash of the clean text (ingest::document_id), so a document is cleaned here;
  // extraction, the costly part, is left to the workers.
  Analyser analyser(nullptr, *limits);
  std::size_t published = 0, duplicates = 0, rejected = 0;
  std::optional<std::string> fatal;  // the queue failed: the rest is read but not sent
  const ingest::DocumentSink each = [&](Document&& document) {
    if (fatal) return;
    auto clean = analyser.clean(document);
    if (!clean) {
      io.err << "sitrep: " << terminal_safe(clean.error().message) << "\n";
      ++rejected;
      return;
    }
    auto duplicate = queue::enqueue(*nats, ingest::document_id(document, *clean), document);
    if (!duplicate && duplicate.error().kind == Error::Kind::kInvalidInput) {
      io.err << "sitrep: " << terminal_safe(duplicate.error().message) << "\n";
      ++rejected;
      return;
    }
    if (!duplicate) {
      fatal = document.doc + ": " + duplicate.error().message;
      return;
    }
    (*duplicate ? duplicates : published) += 1;
  };
  Inputs inputs = read_inputs(options.manifest, options.paths, *limits, io, &each);
  if (inputs.usage_error) return kExitUsage;
  if (fatal) return report_error(io, *fatal);
  rejected += inputs.loaded.errors.size();
  if (!options.quiet)
    io.err << "enqueue: " << published << " published, " << duplicates << " duplicates, "
           << rejected << " rejected\n";
  return rejected == 0 ? kExitOk : kExitRejected;
}

int run_worker(const WorkerOptions& options, Streams io, const std::atomic<bool>* stop) {
  auto limits = resolve_limits(options.limits);
  if (!limits) {
    io.err << "sitrep: " << limits.error().message << "\n";
    return kExitUsage;
  }
  if (auto ok = queue::check_queue_url(options.queue); !ok) {
    io.err << "sitrep: " << ok.error().message << "\n";
    return kExitUsage;
  }
  if (options.batch < 1 || options.max_deliver < 1) {
    io.err << "sitrep: --batch and --max-deliver must be at least 1\n";
    return kExitUsage;
  }
  auto store = store::open_store(options.db);
  if (!store) return report_error(io, store.error().message);
  // The lexicon is compiled before the first pull, not while holding messages.
  Ingester ingester(options.scope, *limits);
  if (auto ready = ingester.prepare(); !ready) return report_error(io, ready.error().message);

  queue::ClientLibrary library;
  auto nats = open_queue(options.queue, queue::kDefaultDuplicateWindow);
  if (!nats) return report_error(io, nats.error().message);
  queue::ConsumerSpec spec{queue::kStream, queue::kConsumer,
                           whole_seconds(options.ack_wait_seconds), queue::kMaxAckPending};
  if (auto made = nats->ensure_consumer(spec); !made) return report_error(io, made.error().message);
  // The consumer's own ack wait rules (another worker may have created it with another).
  auto consumer = nats->consumer_state(queue::kStream, queue::kConsumer);
  if (!consumer || !*consumer)
    return report_error(io, consumer
                                ? options.queue + ": consumer " + queue::kConsumer + " vanished"
                                : consumer.error().message);
  const auto keep_alive_every = std::max<std::chrono::milliseconds>(
      std::chrono::duration_cast<std::chrono::milliseconds>((*consumer)->ack_wait) / 3, 200ms);
  auto subscription = nats->pull_subscribe(queue::kStream, queue::kConsumer);
  if (!subscription) return report_error(io, subscription.error().message);

  WorkerCounts counts;
  int fetch_failures = 0;
  std::optional<std::string> fatal;
  const auto stopping = [&] { return stop != nullptr && stop->load(); };
  HeldMessages held(keep_alive_every);
  // A merge reads every stored report, so its cost grows with the database: merging after every
  // pull would make a worker quadratic. Documents are stored as they come and merged once the
  // work since the last merge took kMergeShare times as long as that merge did (merging takes
  // at most a fifth of the time), or when the queue runs dry, the held set is full, or the
  // worker stops.
  constexpr double kMergeShare = 4;
  const std::size_t max_held =
      std::min<std::size_t>(static_cast<std::size_t>(options.batch) * 32, queue::kMaxHeld);
  bool merge_needed = false;
  auto work_started = std::chrono::steady_clock::now();
  std::chrono::duration<double> last_merge{0};

  // Merges (when something new was stored) and settles every held message.
  const auto merge_and_settle = [&] {
    if (!fatal && merge_needed) {
      const auto merge_started = std::chrono::steady_clock::now();
      auto merged = rebuild_incidents(**store);
      ++counts.merges;
      if (!merged)
        fatal = merged.error().message;
      else
        counts.incidents = merged->incidents.size();
      last_merge = std::chrono::steady_clock::now() - merge_started;
      merge_needed = false;
    }
    for (Held& h : held.take()) {
      // A failure of the database leaves every message to be delivered again.
      if (fatal) {
        (void)h.message.nak();
        continue;
      }
      Result<void> settled;
      switch (h.fate) {
        case Fate::kAck:
          settled = h.message.ack();
          break;
        case Fate::kRetry:
          ++counts.retried;
          io.err << "sitrep: " << terminal_safe(h.error) << " (delivery " << h.message.deliveries()
                 << " of " << options.max_deliver << "; retried)\n";
          settled = h.message.nak(std::chrono::milliseconds(500) *
                                  static_cast<long>(h.message.deliveries()));
          break;
        case Fate::kDead:
          ++counts.dead;
          io.err << "sitrep: " << terminal_safe(h.error) << " (delivery " << h.message.deliveries()
                 << "; moved to the dead letters)\n";
          settled = queue::dead_letter(*nats, h.message, h.error, now_utc());
          break;
      }
      // An ack that did not arrive means one more delivery, which finds the document stored.
      if (!settled) io.err << "sitrep: " << terminal_safe(settled.error().message) << "\n";
    }
    work_started = std::chrono::steady_clock::now();
  };

  while (!stopping() && !fatal) {
    auto batch = subscription->fetch(options.batch, held.size() > 0 ? 200ms : 1000ms);
    if (!batch) {
      // The client reconnects by itself; a server gone for good ends the worker.
      if (++fetch_failures >= 30) {
        fatal = batch.error().message;
        break;
      }
      std::this_thread::sleep_for(1s);
      continue;
    }
    fetch_failures = 0;
    if (batch->empty()) {
      if (held.size() > 0) merge_and_settle();
      if (!options.drain || fatal) continue;
      // Empty means nothing waiting and nothing in flight anywhere: a message held by a worker
      // that died comes back after the ack wait, and a draining worker waits for it.
      auto state = nats->stream_state(queue::kStream);
      if (!state) {
        fatal = state.error().message;
        break;
      }
      if (!*state || (*state)->messages == 0) break;
      continue;
    }
    ++counts.batches;
    const std::size_t first = held.add(std::move(*batch));
    for (std::size_t i = first; i < held.size() && !fatal; ++i) {
      queue::Message& message = held.message(i);
      // Delivered far more often than allowed without ever being settled: a worker died or
      // stalled on it each time. It is not tried again. (The margin: nats-server 2.9 can deliver
      // a message twice when a pull expires as it is sent, counting deliveries twice or even
      // backwards, nats-server#5305; a document that merely fails is dead-lettered below with
      // its own error.)
      if (message.deliveries() > 2 * static_cast<std::uint64_t>(options.max_deliver)) {
        held.decide(i, Fate::kDead,
                    "delivered " + std::to_string(message.deliveries()) +
                        " times without an answer (a worker died or stalled on it)");
        continue;
      }
      auto document = ingest::parse_document_json(
          message.data(), "queue message " + std::to_string(message.stream_sequence()));
      if (!document) {  // can never succeed
        held.decide(i, Fate::kDead, document.error().message);
        continue;
      }
      auto outcome = ingester.add(**store, *document, io.err);
      if (!outcome) {
        fatal = outcome.error().message;
        break;
      }
      if (!outcome->rejected.empty()) {
        held.decide(i,
                    message.deliveries() >= static_cast<std::uint64_t>(options.max_deliver)
                        ? Fate::kDead
                        : Fate::kRetry,
                    outcome->rejected);
        continue;
      }
      (outcome->added ? counts.stored : counts.known) += 1;
      // A redelivered document may have been stored by a worker that died before merging.
      merge_needed = merge_needed || outcome->added || message.deliveries() > 1;
    }
    if (fatal || stopping() || held.size() >= max_held ||
        std::chrono::steady_clock::now() - work_started >= kMergeShare * last_merge)
      merge_and_settle();
  }
  if (held.size() > 0) merge_and_settle();
  if (!options.quiet)
    io.err << "worker: " << counts.stored << " stored, " << counts.known << " already known, "
           << counts.retried << " retried, " << counts.dead << " dead-lettered, " << counts.batches
           << " batches, " << counts.merges << " merges; " << counts.incidents << " incidents\n";
  if (fatal) return report_error(io, *fatal);
  return kExitOk;
}

int run_queue_status(const QueueStatusOptions& options, Streams io) {
  if (auto ok = queue::check_queue_url(options.queue); !ok) {
    io.err << "sitrep: " << ok.error().message << "\n";
    return kExitUsage;
  }
  queue::ClientLibrary library;
  auto nats = queue::Connection::connect(options.queue);
  if (!nats) return report_error(io, nats.error().message);
  auto status = queue::queue_status(*nats);
  if (!status) return report_error(io, status.error().message);
  const std::uint64_t pending =
      status->consumer ? status->consumer->pending : status->stream.messages;
  const std::int64_t in_flight = status->consumer ? status->consumer->ack_pending : 0;
  const std::int64_t redelivered = status->consumer ? status->consumer->redelivered : 0;
  if (options.format == "json") {
    nlohmann::json dead = nlohmann::json::array();
    for (const auto& d : status->dead_letters)
      dead.push_back({{"id", d.id},
                      {"doc", d.doc},
                      {"error", d.error},
                      {"deliveries", d.deliveries},
                      {"failed_at", d.failed_at}});
    nlohmann::json out{{"queue", status->url},
                       {"stream", queue::kStream},
                       {"exists", status->exists},
                       {"messages", status->stream.messages},
                       {"pending", pending},
                       {"in_flight", in_flight},
                       {"redelivered", redelivered},
                       {"consumers", status->stream.consumers},
                       {"duplicate_window_seconds", status->stream.duplicate_window.count()},
                       {"dead_letters", dead}};
    io.out << out.dump(2) << "\n";
    return kExitOk;
  }
  if (!status->exists) {
    io.out << "queue " << status->url << ": no stream " << queue::kStream
           << " yet (nothing enqueued)\n";
  } else {
    char line[160];
    io.out << "queue " << status->url << "  stream " << queue::kStream << " (" << queue::kSubject
           << ", work queue, duplicate window " << status->stream.duplicate_window.count()
           << " s)\n";
    std::snprintf(line, sizeof line, "  pending      %8llu  waiting for a worker\n",
                  static_cast<unsigned long long>(pending));
    io.out << line;
    std::snprintf(line, sizeof line, "  in flight    %8lld  delivered, not yet acked\n",
                  static_cast<long long>(in_flight));
    io.out << line;
    std::snprintf(line, sizeof line, "  redelivered  %8lld  in flight after an earlier try\n",
                  static_cast<long long>(redelivered));
    io.out << line;
    std::snprintf(line, sizeof line, "  consumers    %8lld  %s\n",
                  static_cast<long long>(status->stream.consumers),
                  status->consumer
                      ? ("durable " + queue::kConsumer + ", " +
                         std::to_string(status->consumer->waiting_pulls) + " pulls waiting")
                            .c_str()
                      : "no worker has started yet");
    io.out << line;
  }
  io.out << "dead letters: " << status->dead_letters.size() << "\n";
  for (const auto& d : status->dead_letters)
    io.out << "  " << terminal_safe(d.id) << "  " << terminal_safe(d.doc) << "  " << d.deliveries
           << " deliveries  " << terminal_safe(d.failed_at) << "\n    " << terminal_safe(d.error)
           << "\n";
  return kExitOk;
}

}  // namespace sitrep::cli
