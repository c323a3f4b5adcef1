#include "cli/queue_commands.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

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

std::chrono::seconds whole_seconds(double seconds) {
  return std::chrono::seconds(static_cast<long long>(seconds + 0.5));
}

// Connects and makes sure both streams exist; the error names the URL.
Result<queue::Connection> open_queue(const std::string& url, std::chrono::seconds window) {
  if (auto ok = queue::check_queue_url(url); !ok) return std::unexpected(ok.error());
  auto nats = queue::Connection::connect(url);
  if (!nats) return nats;
  if (auto made = queue::ensure_streams(*nats, window); !made) return std::unexpected(made.error());
  return nats;
}

// Tells the server every `every` that the batch is still being worked on, so a long batch (a
// slow document, a wait for the merge lock) is not handed to another worker meanwhile. The
// messages are only read here; they are settled after stop().
class KeepAlive {
 public:
  KeepAlive(std::vector<queue::Message>& messages, std::chrono::milliseconds every)
      : thread_([this, &messages, every] {
          std::unique_lock lock(mutex_);
          while (!cv_.wait_for(lock, every, [this] { return done_; }))
            for (auto& m : messages) (void)m.in_progress();  // a miss means one redelivery
        }) {}
  ~KeepAlive() { stop(); }
  KeepAlive(const KeepAlive&) = delete;
  KeepAlive& operator=(const KeepAlive&) = delete;
  void stop() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

struct WorkerCounts {
  std::size_t stored = 0, known = 0, retried = 0, dead = 0, batches = 0, incidents = 0;
};

// What became of one message of a batch, decided while storing; acted on once the batch is
// merged (acks only after the commit).
enum class Fate { kAck, kRetry, kDead };
struct Settlement {
  Fate fate = Fate::kAck;
  std::string error;
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
                           whole_seconds(options.ack_wait_seconds)};
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
  while (!stopping() && !fatal) {
    auto batch = subscription->fetch(options.batch, 1000ms);
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
      if (!options.drain) continue;
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
    std::vector<Settlement> settlements(batch->size());
    bool merge_needed = false;
    {
      KeepAlive keep_alive(*batch, keep_alive_every);
      for (std::size_t i = 0; i < batch->size() && !fatal; ++i) {
        queue::Message& message = (*batch)[i];
        Settlement& settlement = settlements[i];
        // Delivered more often than allowed without ever being settled: a worker died or
        // stalled on it each time. It is not tried again.
        if (message.deliveries() > static_cast<std::uint64_t>(options.max_deliver)) {
          settlement = {Fate::kDead, "delivered " + std::to_string(message.deliveries()) +
                                         " times without an answer (a worker died or stalled "
                                         "on it)"};
          continue;
        }
        const std::string name = message.header(queue::kDocHeader);
        auto document = ingest::parse_document_json(
            message.data(), "queue message " + std::to_string(message.stream_sequence()));
        if (!document) {  // can never succeed
          settlement = {Fate::kDead, document.error().message};
          continue;
        }
        auto outcome = ingester.add(**store, *document, io.err);
        if (!outcome) {
          fatal = outcome.error().message;
          break;
        }
        if (!outcome->rejected.empty()) {
          settlement = {message.deliveries() >= static_cast<std::uint64_t>(options.max_deliver)
                            ? Fate::kDead
                            : Fate::kRetry,
                        outcome->rejected};
          continue;
        }
        (outcome->added ? counts.stored : counts.known) += 1;
        // A redelivered document may have been stored by a worker that died before merging.
        merge_needed = merge_needed || outcome->added || message.deliveries() > 1;
      }
      if (!fatal && merge_needed) {
        auto merged = rebuild_incidents(**store);
        if (!merged)
          fatal = merged.error().message;
        else
          counts.incidents = merged->incidents.size();
      }
    }
    // Settle: a failure of the database leaves every message to be delivered again.
    for (std::size_t i = 0; i < batch->size(); ++i) {
      queue::Message& message = (*batch)[i];
      const Settlement& settlement = settlements[i];
      if (fatal) {
        (void)message.nak();
        continue;
      }
      Result<void> settled;
      switch (settlement.fate) {
        case Fate::kAck:
          settled = message.ack();
          break;
        case Fate::kRetry:
          ++counts.retried;
          io.err << "sitrep: " << terminal_safe(settlement.error) << " (delivery "
                 << message.deliveries() << " of " << options.max_deliver << "; retried)\n";
          settled =
              message.nak(std::chrono::milliseconds(500) * static_cast<long>(message.deliveries()));
          break;
        case Fate::kDead:
          ++counts.dead;
          io.err << "sitrep: " << terminal_safe(settlement.error) << " (delivery "
                 << message.deliveries() << "; moved to the dead letters)\n";
          settled = queue::dead_letter(*nats, message, settlement.error, now_utc());
          break;
      }
      // An ack that did not arrive means one more delivery, which finds the document stored.
      if (!settled) io.err << "sitrep: " << terminal_safe(settled.error().message) << "\n";
    }
  }
  if (!options.quiet)
    io.err << "worker: " << counts.stored << " stored, " << counts.known << " already known, "
           << counts.retried << " retried, " << counts.dead << " dead-lettered, " << counts.batches
           << " batches; " << counts.incidents << " incidents\n";
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
