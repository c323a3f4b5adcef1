#include "cli/watch.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/terminal.h"
#include "ingest/feed.h"
#include "ingest/http.h"
#include "serve/sha256.h"
#include "store/store.h"

namespace sitrep::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// A feed or a page is a response of at most this many bytes unless --max-bytes or
// $SITREP_MAX_BYTES says otherwise: far more than any feed or article page.
constexpr std::size_t kDefaultWatchBytes = 10u << 20;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The feed URLs named by the inputs, in order, each once. A file lists one URL per line
// (blank lines and lines starting with '#' are skipped). `problem` says what was wrong.
std::vector<std::string> feed_urls(const std::vector<std::string>& inputs, std::string& problem) {
  std::vector<std::string> urls;
  std::set<std::string> seen;
  auto add = [&](const std::string& url, const std::string& where) {
    if (!ingest::is_http_url(url)) {
      problem = where + "'" + url + "' is not an http or https URL (only those are watched)";
      return false;
    }
    if (seen.insert(url).second) urls.push_back(url);
    return true;
  };
  for (const auto& input : inputs) {
    if (input.find("://") != std::string::npos) {
      if (!add(input, "")) return {};
      continue;
    }
    std::ifstream file(input);
    if (!file) {
      problem = input + ": cannot read the feeds file (expected a feed URL or a file of them)";
      return {};
    }
    std::string line;
    for (int number = 1; std::getline(file, line); ++number) {
      line = trimmed(line);
      if (line.empty() || line.starts_with('#')) continue;
      if (line.starts_with('<')) {
        problem = input +
                  ": looks like a feed, not a list of feed URLs (read a feed file with "
                  "`sitrep ingest`)";
        return {};
      }
      if (!add(line, input + ":" + std::to_string(number) + ": ")) return {};
    }
  }
  return urls;
}

// What one poll did, over all feeds.
struct PollTally {
  std::size_t feeds = 0, unchanged = 0, failed_feeds = 0;
  std::size_t ingested = 0, known = 0, rejected = 0, failed = 0, skipped = 0;
  bool problems() const { return failed_feeds + rejected + failed > 0; }
};

class Watcher {
 public:
  Watcher(store::Store& store, const WatchOptions& options, const ingest::Limits& limits,
          Streams io)
      : store_(store),
        options_(options),
        limits_(limits),
        io_(io),
        ingester_(options.scope, limits) {}

  // One poll of every feed; an error only for a store failure (the run cannot go on).
  Result<PollTally> poll(const std::vector<std::string>& urls, const std::atomic<bool>* stop) {
    PollTally tally;
    for (const auto& url : urls) {
      if (stop && stop->load()) break;
      if (auto polled = poll_feed(url, tally, stop); !polled)
        return std::unexpected(polled.error());
    }
    if (tally.ingested > 0) {
      auto incidents = rebuild_incidents(store_);
      if (!incidents) return std::unexpected(incidents.error());
      incidents_ = incidents->incidents.size();
    } else if (!incidents_) {
      auto incidents = store_.incidents({});
      if (!incidents) return std::unexpected(incidents.error());
      incidents_ = incidents->size();
    }
    return tally;
  }

  std::size_t incidents() const { return incidents_.value_or(0); }

 private:
  void log(const std::string& url, const std::string& message) {
    io_.err << "sitrep: " << terminal_safe(url) << ": " << terminal_safe(message) << "\n";
  }

  ingest::HttpRequest request(const std::string& url) const {
    ingest::HttpRequest request;
    request.url = url;
    request.max_bytes = limits_.max_bytes;
    request.timeout_seconds = options_.timeout_seconds;
    request.max_redirects = options_.max_redirects;
    return request;
  }

  Result<void> poll_feed(const std::string& url, PollTally& tally, const std::atomic<bool>* stop) {
    ++tally.feeds;
    auto known = store_.feed(url);
    if (!known) return std::unexpected(known.error());
    store::FeedState state = known->value_or(store::FeedState{});
    state.url = url;
    if (state.added_at.empty()) state.added_at = now_utc();
    state.last_error.clear();

    ingest::HttpRequest get = request(url);
    get.etag = state.etag;
    get.last_modified = state.last_modified;
    auto response = ingest::http_get(get);
    state.last_poll = now_utc();
    std::optional<ingest::Feed> feed;
    std::string base = url;
    if (!response) {
      feed_failed(state, tally, url, response.error().message);
    } else if (response->not_modified()) {
      state.last_status = "304";
      ++tally.unchanged;
    } else {
      auto parsed = ingest::read_feed(response->body, url, limits_.max_entity_bytes);
      if (!parsed) {
        feed_failed(state, tally, url, parsed.error().message);
      } else {
        feed = std::move(*parsed);
        state.last_status = std::to_string(response->status);
        if (!feed->title.empty()) state.title = feed->title;
        // The validators are kept only once the feed was read: a feed that failed is fetched
        // whole next time.
        state.etag = response->etag;
        state.last_modified = response->last_modified;
        base = response->effective_url;
      }
    }
    // The feed row first: its items refer to it.
    if (auto saved = store_.save_feed(state); !saved) return saved;

    std::set<std::string> done;  // item keys handled in this poll
    if (feed) {
      for (const auto& entry : feed->entries) {
        if (stop && stop->load()) break;
        auto handled = handle_entry(state, base, entry, tally, done);
        if (!handled) return handled;
      }
    }
    // Pages that failed on an earlier poll are tried again, even when the feed did not change.
    auto failed = store_.feed_items(url, "failed");
    if (!failed) return std::unexpected(failed.error());
    for (auto& item : *failed) {
      if (stop && stop->load()) break;
      if (done.contains(item.key) || item.attempts >= options_.max_attempts) continue;
      ingest::FeedEntry entry;
      entry.link = item.link;
      entry.title = item.title;
      entry.published = item.published;
      if (auto fetched = fetch_item(state, item, entry, tally); !fetched) return fetched;
    }
    return store_.save_feed(state);
  }

  void feed_failed(store::FeedState& state, PollTally& tally, const std::string& url,
                   const std::string& message) {
    log(url, message);
    state.last_status = "error";
    state.last_error = message;
    ++state.errors;
    ++tally.failed_feeds;
  }

  // The key an entry is remembered by: its guid, else its page's URL, else its content's hash.
  static std::string key_of(const ingest::FeedEntry& entry, const std::string& link) {
    if (!entry.guid.empty()) return entry.guid;
    if (!link.empty()) return link;
    return "sha256:" + serve::sha256_hex(entry.title + "\n" + entry.body);
  }

  Result<void> handle_entry(store::FeedState& state, const std::string& base,
                            const ingest::FeedEntry& entry, PollTally& tally,
                            std::set<std::string>& done) {
    std::string link;
    if (!entry.link.empty()) {
      link = ingest::resolve_url(base, entry.link);
      if (link.empty()) link = entry.link;  // kept as written; rejected below
    }
    const std::string key = key_of(entry, link);
    if (!done.insert(key).second) return {};  // listed twice in one feed
    auto seen = store_.feed_item(state.url, key);
    if (!seen) return std::unexpected(seen.error());
    if (*seen && (*seen)->status != "failed") {
      ++tally.skipped;
      return {};
    }
    store::FeedItemState item = seen->value_or(store::FeedItemState{});
    if (*seen && item.attempts >= options_.max_attempts) {
      ++tally.skipped;
      return {};
    }
    item.feed_url = state.url;
    item.key = key;
    item.link = link;
    item.title = entry.title;
    item.published = entry.published;
    if (!link.empty() && !ingest::is_http_url(link)) {
      item.status = "rejected";
      item.last_error = "the item's link is not an http or https URL";
      problem(state, link, item.last_error);
      ++tally.rejected;
      return store_.save_feed_item(item);
    }
    // The same page listed by another feed (or under another guid) was read already.
    if (!link.empty()) {
      auto read = store_.feed_link_done(link);
      if (!read) return std::unexpected(read.error());
      if (*read) {
        item.status = "known";
        ++tally.known;
        return store_.save_feed_item(item);
      }
    }
    return fetch_item(state, item, entry, tally);
  }

  // Fetches the item's page (or takes the entry's own content when it links to none) and
  // ingests it; records the outcome on the item.
  Result<void> fetch_item(store::FeedState& state, store::FeedItemState& item,
                          const ingest::FeedEntry& entry, PollTally& tally) {
    Result<Document> document = invalid_input("");
    if (item.link.empty()) {
      document = ingest::entry_document(entry, state.title, state.url + "#" + item.key);
    } else {
      ++item.attempts;
      auto page = ingest::http_get(request(item.link));
      if (!page) {
        // A timeout or a server error may pass; a 404, a redirect loop, a page beyond the size
        // limit will not.
        const bool retried =
            page.error().kind == Error::Kind::kIo && item.attempts < options_.max_attempts;
        item.status = retried ? "failed" : "rejected";
        item.last_error = page.error().message;
        problem(state, item.link,
                item.last_error + (retried ? " (tried again on the next poll)" : ""));
        ++(retried ? tally.failed : tally.rejected);
        return store_.save_feed_item(item);
      }
      document = ingest::page_document(std::move(page->body), page->content_type, item.link,
                                       state.title, entry.published);
    }
    if (!document) {
      item.status = "rejected";
      item.last_error = document.error().message;
      problem(state, item.link.empty() ? item.key : item.link, item.last_error);
      ++tally.rejected;
      return store_.save_feed_item(item);
    }
    for (const auto& warning : document->warnings)
      io_.err << "sitrep: warning: " << terminal_safe(document->doc) << ": "
              << terminal_safe(warning) << "\n";
    auto outcome = ingester_.add(store_, *document, io_.err);
    if (!outcome) return std::unexpected(outcome.error());
    item.doc_id = outcome->id;
    if (!outcome->rejected.empty()) {
      item.status = "rejected";
      item.last_error = outcome->rejected;
      problem(state, document->doc, item.last_error);
      ++tally.rejected;
    } else {
      item.status = outcome->added ? "ingested" : "known";
      item.last_error.clear();
      ++(outcome->added ? tally.ingested : tally.known);
    }
    return store_.save_feed_item(item);
  }

  void problem(store::FeedState& state, const std::string& url, const std::string& message) {
    log(url, message);
    state.last_error = url + ": " + message;
    ++state.errors;
  }

  store::Store& store_;
  const WatchOptions& options_;
  ingest::Limits limits_;
  Streams io_;
  Ingester ingester_;
  std::optional<std::size_t> incidents_;
};

// Sleeps until `until`, waking early when `stop` is set.
void sleep_until(Clock::time_point until, const std::atomic<bool>* stop) {
  while (Clock::now() < until) {
    if (stop && stop->load()) return;
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds(100), until - Clock::now()));
  }
}

std::string cell(const std::string& raw, std::size_t width, bool right = false) {
  std::string text = terminal_safe(raw);
  std::size_t chars = 0, bytes = 0;
  for (; bytes < text.size(); ++bytes) {
    if ((static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) continue;
    if (chars == width) break;
    ++chars;
  }
  if (bytes < text.size()) {
    // Cut on a character boundary, the last kept character replaced by '~'.
    std::size_t cut = bytes;
    do --cut;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
    return text.substr(0, cut) + "~";
  }
  const std::string pad(width - chars, ' ');
  return right ? pad + text : text + pad;
}

// "2026-03-10T14:05:03Z" as "2026-03-10 14:05:03".
std::string readable_time(std::string time) {
  if (time.empty()) return "never";
  if (time.size() > 10 && time[10] == 'T') time[10] = ' ';
  if (time.ends_with('Z')) time.pop_back();
  return time;
}

}  // namespace

std::optional<double> parse_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(value) || value <= 0) return std::nullopt;
  const std::string unit(end);
  double scale = 0;
  if (unit.empty() || unit == "s")
    scale = 1;
  else if (unit == "m")
    scale = 60;
  else if (unit == "h")
    scale = 3600;
  else if (unit == "d")
    scale = 86400;
  else
    return std::nullopt;
  return value * scale;
}

int run_watch(const WatchOptions& options, Streams io, const std::atomic<bool>* stop) {
  LimitOptions limit_options = options.limits;
  limit_options.timeout.reset();  // --timeout is the HTTP one here
  auto limits = resolve_limits(limit_options);
  if (!limits) {
    io.err << "sitrep: " << limits.error().message << "\n";
    return kExitUsage;
  }
  const char* env_bytes = std::getenv("SITREP_MAX_BYTES");
  if (options.limits.max_bytes == 0 && !(env_bytes && *env_bytes))
    limits->max_bytes = kDefaultWatchBytes;
  std::string problem;
  std::vector<std::string> urls = feed_urls(options.inputs, problem);
  if (!problem.empty()) {
    io.err << "sitrep: " << terminal_safe(problem) << "\n";
    return kExitUsage;
  }
  if (urls.empty()) {
    io.err << "sitrep: no feed to watch\n";
    return kExitUsage;
  }
  auto store = store::open_store(options.db);
  if (!store) {
    io.err << "sitrep: " << store.error().message << "\n";
    return kExitRejected;
  }
  Watcher watcher(**store, options, *limits, io);
  const auto period = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(options.every_seconds));
  bool problems = false;
  for (;;) {
    const auto start = Clock::now();
    auto tally = watcher.poll(urls, stop);
    if (!tally) {
      io.err << "sitrep: " << tally.error().message << "\n";
      return kExitRejected;
    }
    problems = problems || tally->problems();
    if (!options.quiet)
      io.err << "watch: " << tally->feeds << " feed" << (tally->feeds == 1 ? "" : "s") << " ("
             << tally->unchanged << " unchanged, " << tally->failed_feeds << " failed); "
             << tally->ingested << " new, " << tally->known << " already known, " << tally->rejected
             << " rejected, " << tally->failed << " to retry; " << watcher.incidents()
             << " incidents\n"
             << std::flush;
    if (options.once || (stop && stop->load())) break;
    sleep_until(start + period, stop);
    if (stop && stop->load()) break;
    // A feeds file is read again before every poll, so feeds can be added without a restart.
    std::string reread_problem;
    auto reread = feed_urls(options.inputs, reread_problem);
    if (reread_problem.empty() && !reread.empty())
      urls = std::move(reread);
    else if (!reread_problem.empty())
      io.err << "sitrep: " << terminal_safe(reread_problem) << " (keeping the previous list)\n";
  }
  return options.once && problems ? kExitRejected : kExitOk;
}

int run_feeds(const FeedsOptions& options, Streams io) {
  auto store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) {
    io.err << "sitrep: " << store.error().message << "\n";
    return kExitRejected;
  }
  auto feeds = (*store)->feeds();
  if (!feeds) {
    io.err << "sitrep: " << feeds.error().message << "\n";
    return kExitRejected;
  }
  if (options.format == "json") {
    json array = json::array();
    for (const auto& f : *feeds)
      array.push_back(
          json{{"url", f.url},
               {"title", f.title},
               {"added_at", f.added_at},
               {"last_poll", f.last_poll.empty() ? json(nullptr) : json(f.last_poll)},
               {"last_status", f.last_status},
               {"last_error", f.last_error.empty() ? json(nullptr) : json(f.last_error)},
               {"errors", f.errors},
               {"items", f.items},
               {"ingested", f.ingested},
               {"etag", f.etag},
               {"last_modified", f.last_modified}});
    io.out << array.dump(2) << "\n";
    return kExitOk;
  }
  io.out << "LAST POLL           HTTP   ITEMS    NEW ERRORS TITLE            URL\n";
  for (const auto& f : *feeds) {
    io.out << cell(readable_time(f.last_poll), 19) << " " << cell(f.last_status, 5) << " "
           << cell(std::to_string(f.items), 6, true) << " "
           << cell(std::to_string(f.ingested), 6, true) << " "
           << cell(std::to_string(f.errors), 6, true) << " "
           << cell(f.title.empty() ? "-" : f.title, 16) << " " << terminal_safe(f.url) << "\n";
    if (!f.last_error.empty()) io.out << "  last error: " << terminal_safe(f.last_error) << "\n";
  }
  io.out << feeds->size() << " feed" << (feeds->size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

}  // namespace sitrep::cli
