// Distributed ingest over NATS JetStream (src/queue, docs/DEPLOY.md): `sitrep enqueue` reads
// documents as `sitrep ingest` does and publishes them to the work queue; `sitrep worker`
// pulls them and stores them through the same Ingester and merge; `sitrep queue status` shows
// the queue and its dead letters. Same contract as cli/commands.h (options in, exit status
// out, output on the given streams).
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace sitrep::cli {

struct EnqueueOptions {
  std::string queue;  // nats://HOST:PORT
  std::string manifest;
  LimitOptions limits;  // as for ingest: a document beyond them is rejected here, not queued
  std::vector<std::string> paths;
  double duplicate_window_seconds = 24 * 3600;  // when the stream is created by this call
  bool quiet = false;
};
// Publishes every document read from `paths` under its id (the hash of its clean text).
// Prints "enqueue: P published, D duplicates, R rejected" on `err`. Exit status 0, 1 when
// some input was rejected or the queue failed, 2 for a usage error.
int run_enqueue(const EnqueueOptions& options, Streams io);

struct WorkerOptions {
  std::string queue;
  std::string db;
  int batch = 32;                // documents per pull, stored then merged once
  int max_deliver = 5;           // a document failing this many times goes to the dead letters
  double ack_wait_seconds = 60;  // when the consumer is created by this worker
  bool drain = false;            // exit once the work queue is empty
  LimitOptions limits;
  std::string scope;
  bool quiet = false;
};
// Pulls documents until `stop` becomes true (main sets it on SIGINT / SIGTERM; the current
// batch is finished first) or, with `drain`, until the queue is empty. Each batch is stored
// document by document, merged once, and only then acked. Prints "worker: ..." on `err` at the
// end. Exit status 0; 1 when the database or the queue failed (unsettled documents are
// delivered again to another worker); 2 for a usage error.
int run_worker(const WorkerOptions& options, Streams io, const std::atomic<bool>* stop = nullptr);

struct QueueStatusOptions {
  std::string queue;
  std::string format = "table";  // table | json
};
// Pending, in flight, redelivered, consumers, and every dead letter with its error.
int run_queue_status(const QueueStatusOptions& options, Streams io);

}  // namespace sitrep::cli
