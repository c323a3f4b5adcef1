// Store: where documents, reports and incidents live. One interface, two backends: SQLite
// (embedded default, "./sitrep.db") and PostgreSQL ("postgresql://..."). Every method is one
// transaction; a failure returns an Error and leaves what was stored intact.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/incident.h"
#include "core/report.h"

namespace sitrep::store {

struct StoredDocument {
  std::string id;  // ingest::document_id
  std::string doc, url, outlet, published, language, title;
  std::string text;  // clean text
  std::size_t chars = 0;
  std::string ingested_at;
};

// A document to store with its report (Store::put_documents).
struct NewDocument {
  StoredDocument document;
  Report report;
};

struct DocumentQuery {
  std::string words;              // FTS5 query words; empty = all
  std::vector<std::string> docs;  // only documents with these names; empty = all
};

// An API token as stored: only the SHA-256 of the token, never the token itself.
struct ApiToken {
  std::string hash;  // lowercase hex SHA-256
  std::string name;
  std::string created_at;
};

struct IncidentQuery {
  std::optional<std::string> since, until;  // YYYY-MM-DD inclusive
  std::optional<double> near_lat, near_lon, near_km;
  std::string facility;  // case-insensitive substring of the facility name
  std::string weapon;
  bool include_background = true;
};

// An alert subscription: incidents near a point or at a facility, optionally one weapon and a
// minimum number of impacts, delivered to a webhook as incident JSON or CAP 1.2 XML.
struct Subscription {
  long long id = 0;
  std::string name;
  std::optional<double> lat, lon, km;  // --near
  std::string facility;                // --facility (case-insensitive substring)
  std::string weapon;
  std::optional<int> min_impacted;
  std::string webhook;
  std::string format = "json";  // json | cap
  std::string created_at;
};

// One alert in the outbox: at most one per (subscription, incident, revision).
struct Alert {
  long long id = 0;
  long long subscription_id = 0;
  std::string incident_id;
  int revision = 1;
  std::string kind;  // new | update
  std::string created_at;
  std::string status = "pending";  // pending | delivered | failed
  int attempts = 0;
  std::string next_attempt_at;  // ISO 8601 UTC; due when <= now
  std::string last_error;
  std::optional<std::string> delivered_at;
};

// A watched feed (`sitrep watch`, `sitrep feeds`): its HTTP validators and how its polls went.
struct FeedState {
  std::string url;    // as given to `sitrep watch`; the key
  std::string title;  // the feed's title, the outlet of its items
  std::string etag;   // validators of the last 200 answer, sent back on the next poll
  std::string last_modified;
  std::string added_at;     // ISO 8601 UTC
  std::string last_poll;    // ISO 8601 UTC of the last poll, "" before the first
  std::string last_status;  // "200", "304" or "error"
  std::string last_error;   // what went wrong in the last poll (feed or page), "" when nothing
  long long errors = 0;     // problems over the feed's life: failed polls and failed pages
  long long items = 0;      // read only: items recorded for this feed (feed_items)
  long long ingested = 0;   // read only: of those, stored as new documents
};

// One item of a watched feed, keyed by (feed, key); key is its guid, else its link.
// status: "ingested" (stored as a new document), "known" (its text was already stored),
// "rejected" (beyond a limit, or not a page we read), "failed" (fetching it failed; retried on
// later polls while attempts < the watcher's limit). Only "failed" items are ever fetched again.
struct FeedItemState {
  std::string feed_url;
  std::string key;
  std::string link;  // absolute URL of the item's page ("" when the item has none)
  std::string title;
  std::string published;  // YYYY-MM-DD or ""
  std::string status;
  int attempts = 0;
  std::string last_error;
  std::string doc_id;   // the stored document, when ingested or known
  std::string seen_at;  // ISO 8601 UTC of the first time it was seen
};

// Held while a process merges (reads every report and the incidents, merges, saves the update).
// Two processes merging at once would each save a merge that lacks the other's new reports; the
// lock makes them take turns, so the last merge sees everything committed before it.
class MergeLock {
 public:
  MergeLock() = default;
  MergeLock(const MergeLock&) = delete;
  MergeLock& operator=(const MergeLock&) = delete;
  virtual ~MergeLock() = default;
};

class Store {
 public:
  virtual ~Store() = default;
  // Waits for and takes the database-wide merge lock (across processes and connections); it is
  // released when the returned guard is destroyed.
  virtual Result<std::unique_ptr<MergeLock>> lock_merge() = 0;
  // A value that changes whenever another process changes documents or incidents, for a server
  // polling for other processes' writes (it may also change for other writes of theirs).
  // nullopt where the database file's own signature (mtime and size of the file and its WAL)
  // is to tell it.
  virtual Result<std::optional<std::string>> change_stamp() { return std::optional<std::string>(); }
  // Stores a document and its report in one transaction. Returns false (and writes nothing)
  // when a document with the same id is already stored.
  virtual Result<bool> put_document(const StoredDocument& document, const Report& report) = 0;
  // Stores documents with their reports, in order; element i of the result is what
  // put_document would have returned for documents[i] (false: that id was stored already, by
  // another process or earlier in the list). SQLite writes them all in one transaction (all or
  // nothing), so that a batch pays one commit (a WAL write, a flush of the full-text index)
  // rather than one per document; the default stores each in its own transaction.
  virtual Result<std::vector<bool>> put_documents(const std::vector<NewDocument>& documents);
  // Whether a document with this id is stored; lets ingest skip extraction of known documents.
  virtual Result<bool> has_document(const std::string& id) = 0;
  // Gives the stored document `id` (and its report) this URL when it has none yet; true when it
  // was added. The same article read first without and then with its URL is one document.
  virtual Result<bool> add_document_url(const std::string& id, const std::string& url) = 0;
  virtual Result<std::vector<StoredDocument>> documents(const DocumentQuery& query) = 0;
  // Every stored report, by doc name then document id.
  virtual Result<std::vector<Report>> reports() = 0;
  // The reports merge::rebuild can make something of, in the order of reports(): those flagged
  // as reporting an attack, those that mention older attacks in passing (background), and every
  // report of a doc name stored more than once (the merge keeps one report per doc name, chosen
  // by content, so all of them are needed to choose). The others would give the merge nothing,
  // so a merge of these is the merge of reports(), without reading the rest back into memory.
  virtual Result<std::vector<Report>> merge_reports() = 0;
  // The reports of the documents with these names, in the order of reports(): what one
  // incident's page shows, without holding every report in memory.
  virtual Result<std::vector<Report>> reports_of(const std::vector<std::string>& docs) = 0;
  // The reports that state at least one tally, in the order of reports() (GET /api/tallies).
  virtual Result<std::vector<Report>> tally_reports() = 0;
  // Applies a merge::Update atomically: upserts incidents, deletes removed ones, appends
  // revisions, and queues the alerts the change calls for (as queue_alert does) in the same
  // transaction, so a process killed just after the commit cannot lose them.
  virtual Result<void> save_incidents(const std::vector<Incident>& incidents,
                                      const std::vector<std::string>& removed_ids,
                                      const std::vector<Revision>& revisions,
                                      const std::vector<Alert>& alerts = {}) = 0;
  virtual Result<std::vector<Incident>> incidents(const IncidentQuery& query) = 0;
  virtual Result<std::optional<Incident>> incident(const std::string& id) = 0;
  virtual Result<std::vector<Revision>> revisions(const std::string& incident_id) = 0;

  // API tokens (`sitrep token`, `sitrep serve`).
  virtual Result<void> add_token(const ApiToken& token) = 0;
  virtual Result<std::vector<ApiToken>> tokens() = 0;
  // Deletes the tokens with this name or whose hash starts with it; returns how many.
  virtual Result<int> revoke_tokens(const std::string& name_or_hash) = 0;

  // Alert subscriptions and the alerts outbox (`sitrep subscribe`, `sitrep alerts`).
  virtual Result<long long> add_subscription(const Subscription& subscription) = 0;
  virtual Result<std::vector<Subscription>> subscriptions() = 0;
  // Deletes the subscription with this id or name; returns how many.
  virtual Result<int> delete_subscription(const std::string& id_or_name) = 0;
  // Queues an alert; false (and nothing written) when the subscription already has one for
  // this incident revision.
  virtual Result<bool> queue_alert(const Alert& alert) = 0;
  // Every alert, newest first; only those due for delivery at `due_at` when it is given.
  virtual Result<std::vector<Alert>> alerts(const std::optional<std::string>& due_at) = 0;
  // Records one delivery attempt (its outcome in status / next_attempt_at / last_error).
  virtual Result<void> record_attempt(const Alert& alert) = 0;

  // Watched feeds (`sitrep watch`, `sitrep feeds`).
  // The feed with this URL, nullopt when it was never watched.
  virtual Result<std::optional<FeedState>> feed(const std::string& url) = 0;
  // Every feed, in the order they were first watched, with their item counts.
  virtual Result<std::vector<FeedState>> feeds() = 0;
  // Inserts or replaces the feed's state (items and ingested are not written: they are counted).
  virtual Result<void> save_feed(const FeedState& feed) = 0;
  // The item (feed_url, key), nullopt when never seen.
  virtual Result<std::optional<FeedItemState>> feed_item(const std::string& feed_url,
                                                         const std::string& key) = 0;
  // Whether any feed's item with this page link was fetched and read already (status other
  // than "failed"): the same article listed by two feeds is fetched once.
  virtual Result<bool> feed_link_done(const std::string& link) = 0;
  // The feed's items with this status (all when empty), in the order they were first seen.
  virtual Result<std::vector<FeedItemState>> feed_items(const std::string& feed_url,
                                                        const std::string& status) = 0;
  // Inserts or replaces the item (the first seen_at is kept).
  virtual Result<void> save_feed_item(const FeedItemState& item) = 0;
};

// How a command uses the database. kReadOnly opens an existing SQLite file read-only (so a
// database on a read-only disk, or a file the user may only read, can be queried) and applies
// no migrations; a missing file is opened as kReadWrite would (created empty).
enum class Access { kReadWrite, kReadOnly };

// "postgresql://..." selects PostgreSQL; anything else is a SQLite file path.
Result<std::unique_ptr<Store>> open_store(const std::string& uri,
                                          Access access = Access::kReadWrite);

}  // namespace sitrep::store
