// `sitrep watch`: polls RSS and Atom feeds over HTTP, fetches each new item's page and ingests
// it through the Ingester (cli/commands.h); `sitrep feeds`: the feeds' state. Same contract as
// cli/commands.h (options in, exit status out, output on the given streams).
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace sitrep::cli {

struct WatchOptions {
  std::string db;
  std::vector<std::string> inputs;  // feed URLs, or files listing feed URLs (one per line)
  double every_seconds = 300;       // time between the starts of two polls
  bool once = false;                // one poll, then exit
  double timeout_seconds = 30;      // one HTTP response (feed or page), connection included
  long max_redirects = 5;           // per request
  int max_attempts = 3;             // a page that fails is fetched again on later polls, up to this
  LimitOptions limits;              // max_bytes (default 10 MiB here), HTML and entity limits;
                                    // limits.timeout is not read (see timeout_seconds)
  std::string scope;                // as for ingest
  bool quiet = false;               // no summary line per poll
};

// Polls every feed, then (unless `once`) again every `every_seconds` until `stop` becomes true
// (main sets it on SIGINT / SIGTERM). A feed or page that fails is named on `err` with its URL
// and skipped; the state of every feed and item is kept in the database. Exit status with
// `once`: 0 when every feed and page was read, 1 when some failed; 2 for a usage error
// (a feeds file that cannot be read, a URL that is not http or https).
int run_watch(const WatchOptions& options, Streams io, const std::atomic<bool>* stop = nullptr);

struct FeedsOptions {
  std::string db;
  std::string format = "table";  // table | json
};
// Each watched feed with its last poll, its items and its errors.
int run_feeds(const FeedsOptions& options, Streams io);

// "90", "90s", "5m", "1h", "1d" (also "1.5m") in seconds; nullopt when malformed or not > 0.
std::optional<double> parse_duration(const std::string& text);

}  // namespace sitrep::cli
