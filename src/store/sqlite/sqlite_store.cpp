#include "store/sqlite/sqlite_store.h"

#include "core/clock.h"
#include "core/geo.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/json.h"

namespace sitrep::store {
namespace {

using nlohmann::json;

// Migration N (1-based) is kMigrations[N-1]. Append new migrations; never edit applied ones.
constexpr const char* kMigrations[] = {
    // 1: documents, reports, incidents and their satellites.
    R"sql(
CREATE TABLE documents (
  id TEXT PRIMARY KEY CHECK (id <> ''),
  doc TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  chars INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_doc ON documents(doc);
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='rowid');
CREATE TABLE reports (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  reports_attack INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE tallies (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  count INTEGER NOT NULL,
  qualifier TEXT, period_start TEXT, period_end TEXT, region TEXT, target TEXT
);
CREATE INDEX tallies_doc ON tallies(doc_id);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY CHECK (id <> ''),
  revision INTEGER NOT NULL,
  date TEXT,
  lat REAL,
  lon REAL,
  facility TEXT NOT NULL DEFAULT '',
  weapon TEXT NOT NULL DEFAULT 'unknown',
  background INTEGER NOT NULL DEFAULT 0,
  json TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(date);
CREATE INDEX incidents_latlon ON incidents(lat, lon);
CREATE INDEX incidents_facility ON incidents(facility);
CREATE INDEX incidents_weapon ON incidents(weapon);
CREATE TABLE claims (
  incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value INTEGER NOT NULL,
  doc TEXT NOT NULL,
  outlet TEXT, source TEXT
);
CREATE INDEX claims_incident ON claims(incident_id);
CREATE TABLE revisions (
  incident_id TEXT NOT NULL CHECK (incident_id <> ''),
  revision INTEGER NOT NULL,
  doc TEXT NOT NULL DEFAULT '',
  changes TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL DEFAULT '',
  UNIQUE (incident_id, revision)
);
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  filter TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE CASCADE,
  incident_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT '',
  delivered_at TEXT
);
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT ''
);
)sql",
    // 2: the alerts table becomes an outbox: one alert per subscription and incident revision,
    // with its delivery state; every attempt is kept.
    R"sql(
ALTER TABLE alerts ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE alerts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN next_attempt_at TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX alerts_once ON alerts(subscription_id, incident_id, revision);
CREATE INDEX alerts_due ON alerts(status, next_attempt_at);
CREATE TABLE alert_attempts (
  alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  outcome TEXT NOT NULL
);
)sql",
    // 3: watched feeds (`sitrep watch`): HTTP validators and poll outcomes per feed, and every
    // item seen, so that an item is fetched once across polls and restarts.
    R"sql(
CREATE TABLE feeds (
  url TEXT PRIMARY KEY CHECK (url <> ''),
  title TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL DEFAULT '',
  last_poll TEXT NOT NULL DEFAULT '',
  last_status TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  errors INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE feed_items (
  feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (key <> ''),
  link TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  doc_id TEXT NOT NULL DEFAULT '',
  seen_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (feed_url, key)
);
CREATE INDEX feed_items_link ON feed_items(link);
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// Turns free words into an FTS5 query that cannot be a syntax error: each word becomes a quoted
// string (all must match). Punctuation splits words, as the FTS tokenizer does.
std::string fts_query(const std::string& words) {
  std::string query, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!query.empty()) query += ' ';
    query += '"' + word + '"';
    word.clear();
  };
  for (unsigned char c : words) {
    if (std::isalnum(c) || c >= 0x80)
      word += static_cast<char>(c);
    else
      flush();
  }
  flush();
  return query;
}

// A prepared statement that finalizes itself.
class Statement {
 public:
  // `persistent`: kept for many uses (SQLite then allocates it outside its lookaside memory).
  Statement(sqlite3* db, const char* sql, bool persistent = false) {
    status_ = sqlite3_prepare_v3(db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt_,
                                 nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return status_ == SQLITE_OK; }
  Statement& bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
  Statement& bind(int index, long long value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<long long>(value)); }
  Statement& bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
  }
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    if (value) return bind(index, *value);
    sqlite3_bind_null(stmt_, index);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
  }
  long long integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int status_;
};

// Releases the flock by closing its descriptor.
class FileLock final : public MergeLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() override { ::close(fd_); }

 private:
  int fd_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    statements_.clear();  // finalized before the connection closes
    // The last connection to close checkpoints the WAL; a close error is not actionable here.
    sqlite3_close_v2(db_);
  }

  // flock on a sidecar "<db>-merge-lock" file: SQLite's own locks are per transaction, and the
  // merge spans several. (Not on the database file itself: closing any descriptor of it would
  // drop SQLite's POSIX locks held by this process.) An in-memory database has one connection.
  Result<std::unique_ptr<MergeLock>> lock_merge() override {
    if (path_.empty() || path_ == ":memory:") return std::make_unique<MergeLock>();
    const std::string lock_path = path_ + "-merge-lock";
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
      return fail(Error::Kind::kStore,
                  lock_path + ": cannot open the merge lock: " + std::strerror(errno));
    while (::flock(fd, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      const int code = errno;
      ::close(fd);
      return fail(Error::Kind::kStore,
                  lock_path + ": cannot take the merge lock: " + std::strerror(code));
    }
    return std::make_unique<FileLock>(fd);
  }

  // What a server polls to learn that another process wrote: SQLite's data_version, which
  // changes when another connection commits and never for this connection's own writes. The
  // server takes its own changes in as it makes them; a stamp that also moved when it recorded
  // an alert delivery made it reload everything after each POST (100,000 incidents: seconds).
  Result<std::optional<std::string>> change_stamp() override {
    std::lock_guard lock(mutex_);
    Statement version(db_, "PRAGMA data_version");
    if (!version.ok() || version.step() != SQLITE_ROW) return error("reading the data version");
    return std::optional<std::string>("data_version:" + std::to_string(version.integer(0)));
  }

  // A read-only connection writes nothing: no journal mode switch, no migrations; it only
  // checks that the file is at this build's schema.
  Result<void> initialize_read_only() {
    sqlite3_busy_timeout(db_, 30000);
    Statement version(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!version.ok() || version.step() != SQLITE_ROW)
      return error("reading schema version (not a sitrep database?)");
    const long long found = version.integer(0);
    if (found < kSchemaVersion)
      return fail(Error::Kind::kStore,
                  path_ + ": database schema version " + std::to_string(found) +
                      " is older than this sitrep's " + std::to_string(kSchemaVersion) +
                      "; open it once with write access (e.g. sitrep ingest) to migrate it");
    return {};
  }

  Result<void> initialize() {
    // First, so that even switching to WAL waits for another process's lock instead of failing.
    sqlite3_busy_timeout(db_, 30000);
    // cache_size: 16 MiB of pages rather than SQLite's 2 MB. Ingest looks up and inserts each
    // document's id at a random place of the id index and adds to the full-text index; past
    // ~20,000 documents those pages no longer fit the default cache, and every miss is a read
    // system call (30k ingest: 347k preads and 522k pwrites with the default, 166k and 404k
    // with this; docs/PERFORMANCE.md).
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON",
                               "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-16384"}) {
      if (auto r = exec(pragma); !r) return r;
    }
    return migrate();
  }

  Result<bool> put_document(const StoredDocument& document, const Report& report) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    if (auto r = tx.begin(); !r) return std::unexpected(r.error());
    auto added = insert_document(document, report);
    if (!added || !*added) return added;  // tx rolls back: nothing was written
    if (auto r = tx.commit(); !r) return std::unexpected(r.error());
    return true;
  }

  Result<std::vector<bool>> put_documents(const std::vector<NewDocument>& documents) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    if (auto r = tx.begin(); !r) return std::unexpected(r.error());
    std::vector<bool> out;
    out.reserve(documents.size());
    for (const NewDocument& d : documents) {
      auto added = insert_document(d.document, d.report);
      if (!added) return std::unexpected(added.error());  // tx rolls back: nothing was written
      out.push_back(*added);
    }
    if (auto r = tx.commit(); !r) return std::unexpected(r.error());
    return out;
  }

  Result<bool> has_document(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Reused exists(*this, "SELECT 1 FROM documents WHERE id = ?");
    if (!exists->ok()) return error("checking document");
    exists->bind(1, id);
    const int status = exists->step();
    if (status == SQLITE_ROW) return true;
    if (status != SQLITE_DONE) return error("checking document");
    return false;
  }

  Result<bool> add_document_url(const std::string& id, const std::string& url) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    if (auto r = tx.begin(); !r) return std::unexpected(r.error());
    Statement update(db_, "UPDATE documents SET url = ? WHERE id = ? AND url = ''");
    if (!update.ok()) return error("adding a URL to document " + id);
    update.bind(1, url).bind(2, id);
    if (update.step() != SQLITE_DONE) return error("adding a URL to document " + id);
    if (sqlite3_changes(db_) == 0) return false;  // tx rolls back: nothing was written
    // The report carries the document's URL too (incident sources link to it).
    Statement report(db_, "UPDATE reports SET json = json_set(json, '$.url', ?) WHERE doc_id = ?");
    if (!report.ok()) return error("adding a URL to the report of " + id);
    report.bind(1, url).bind(2, id);
    if (report.step() != SQLITE_DONE) return error("adding a URL to the report of " + id);
    if (auto r = tx.commit(); !r) return std::unexpected(r.error());
    return true;
  }

  Result<std::vector<StoredDocument>> documents(const DocumentQuery& query) override {
    std::lock_guard lock(mutex_);
    const std::string match = fts_query(query.words);
    const bool search = !match.empty();
    const char* sql =
        search ? "SELECT d.id, d.doc, d.url, d.outlet, d.published, d.language, d.title, d.text, "
                 "d.chars, d.ingested_at FROM documents_fts f JOIN documents d ON d.rowid = "
                 "f.rowid WHERE documents_fts MATCH ? ORDER BY f.rank, d.doc"
               : "SELECT id, doc, url, outlet, published, language, title, text, chars, "
                 "ingested_at FROM documents ORDER BY published, doc, id";
    std::string named;  // the same query limited to some document names
    if (!query.docs.empty()) {
      named = std::string("SELECT * FROM (") + sql + ") WHERE doc IN (";
      for (std::size_t i = 0; i < query.docs.size(); ++i) named += i ? ",?" : "?";
      named += ")";
      sql = named.c_str();
    }
    Statement select(db_, sql);
    if (!select.ok()) return error("listing documents");
    int index = 1;
    if (search) select.bind(index++, match);
    for (const std::string& doc : query.docs) select.bind(index++, doc);
    std::vector<StoredDocument> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      StoredDocument d;
      d.id = select.text(0);
      d.doc = select.text(1);
      d.url = select.text(2);
      d.outlet = select.text(3);
      d.published = select.text(4);
      d.language = select.text(5);
      d.title = select.text(6);
      d.text = select.text(7);
      d.chars = static_cast<std::size_t>(select.integer(8));
      d.ingested_at = select.text(9);
      out.push_back(std::move(d));
    }
    if (status != SQLITE_DONE) return error("listing documents");
    return out;
  }

  Result<std::vector<Report>> reports() override {
    return select_reports("SELECT doc_id, json FROM reports ORDER BY doc, doc_id");
  }

  Result<std::vector<Report>> merge_reports() override {
    // A report without background mentions is stored with `"background":[]` (to_json, dumped
    // compact); a quote inside a JSON string is escaped, so nothing else can match it, and a
    // report written otherwise is read (a superset is still the same merge).
    return select_reports(
        "SELECT doc_id, json FROM reports WHERE reports_attack <> 0 "
        "OR instr(json, '\"background\":[]') = 0 "
        "OR doc IN (SELECT doc FROM reports GROUP BY doc HAVING COUNT(*) > 1) "
        "ORDER BY doc, doc_id");
  }

  Result<std::vector<Report>> reports_of(const std::vector<std::string>& docs) override {
    // A few hundred names per statement (SQLite bounds the parameters of one), then in the
    // order of reports(): by doc, then document id, compared bytewise as SQLite does.
    constexpr std::size_t kPerStatement = 500;
    std::vector<Report> out;
    for (std::size_t from = 0; from < docs.size(); from += kPerStatement) {
      const std::size_t count = std::min(kPerStatement, docs.size() - from);
      std::string sql = "SELECT doc_id, json FROM reports WHERE doc IN (";
      for (std::size_t i = 0; i < count; ++i) sql += i ? ",?" : "?";
      sql += ")";
      const std::vector<std::string> names(docs.begin() + from, docs.begin() + from + count);
      auto some = select_reports(sql.c_str(), names);
      if (!some) return some;
      for (Report& r : *some) out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const Report& a, const Report& b) {
      return std::tie(a.doc, a.doc_id) < std::tie(b.doc, b.doc_id);
    });
    return out;
  }

  Result<std::vector<Report>> tally_reports() override {
    return select_reports(
        "SELECT doc_id, json FROM reports WHERE doc_id IN (SELECT doc_id FROM tallies) "
        "ORDER BY doc, doc_id");
  }

  Result<void> save_incidents(const std::vector<Incident>& incidents,
                              const std::vector<std::string>& removed_ids,
                              const std::vector<Revision>& revisions,
                              const std::vector<Alert>& alerts) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    if (auto r = tx.begin(); !r) return r;

    Statement remove(db_, "DELETE FROM incidents WHERE id = ?");
    if (!remove.ok()) return error("removing incidents");
    for (const std::string& id : removed_ids) {
      remove.reset();
      remove.bind(1, id);
      if (remove.step() != SQLITE_DONE) return error("removing incident " + id);
    }

    Statement upsert(db_,
                     "INSERT INTO incidents (id, revision, date, lat, lon, facility, weapon, "
                     "background, json) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                     "revision=excluded.revision, date=excluded.date, lat=excluded.lat, "
                     "lon=excluded.lon, facility=excluded.facility, weapon=excluded.weapon, "
                     "background=excluded.background, json=excluded.json");
    Statement clear_claims(db_, "DELETE FROM claims WHERE incident_id = ?");
    Statement claim(db_,
                    "INSERT INTO claims (incident_id, field, value, doc, outlet, source) "
                    "VALUES (?,?,?,?,?,?)");
    if (!upsert.ok() || !clear_claims.ok() || !claim.ok()) return error("saving incidents");
    for (const Incident& incident : incidents) {
      upsert.reset();
      upsert.bind(1, incident.id)
          .bind(2, incident.revision)
          .bind(3, incident.date)
          .bind(4, incident.lat)
          .bind(5, incident.lon)
          .bind(6, incident.facility)
          .bind(7, incident.weapon)
          .bind(8, incident.background ? 1 : 0)
          .bind(9, to_json(incident).dump());
      if (upsert.step() != SQLITE_DONE) return error("saving incident " + incident.id);
      clear_claims.reset();
      clear_claims.bind(1, incident.id);
      if (clear_claims.step() != SQLITE_DONE) return error("saving claims of " + incident.id);
      const auto figures = incident.figures();
      for (const auto& [field, figure] : figures) {
        if (!*figure) continue;
        for (const Claim& c : (*figure)->claims) {
          claim.reset();
          claim.bind(1, incident.id)
              .bind(2, field)
              .bind(3, c.value)
              .bind(4, c.doc)
              .bind(5, c.outlet)
              .bind(6, c.source);
          if (claim.step() != SQLITE_DONE) return error("saving claims of " + incident.id);
        }
      }
    }

    // A revision already recorded (same incident and number) is kept as first written.
    Statement revision(db_,
                       "INSERT INTO revisions (incident_id, revision, doc, changes, at) "
                       "VALUES (?,?,?,?,?) ON CONFLICT(incident_id, revision) DO NOTHING");
    if (!revision.ok()) return error("saving revisions");
    for (const Revision& r : revisions) {
      revision.reset();
      revision.bind(1, r.incident_id)
          .bind(2, r.revision)
          .bind(3, r.doc)
          .bind(4, r.changes)
          .bind(5, r.at.empty() ? now_utc() : r.at);
      if (revision.step() != SQLITE_DONE)
        return error("saving revision " + std::to_string(r.revision) + " of incident '" +
                     r.incident_id + "'");
    }
    for (const Alert& a : alerts)
      if (auto queued = insert_alert(a); !queued) return std::unexpected(queued.error());
    return tx.commit();
  }

  Result<std::vector<Incident>> incidents(const IncidentQuery& query) override {
    std::lock_guard lock(mutex_);
    std::string sql = "SELECT json FROM incidents WHERE 1=1";
    // Bound values in order; strings and doubles only.
    std::vector<std::string> strings;
    std::vector<double> doubles;
    struct Bind {
      bool is_text;
      std::size_t index;
    };
    std::vector<Bind> binds;
    auto text_param = [&](std::string value) {
      strings.push_back(std::move(value));
      binds.push_back({true, strings.size() - 1});
    };
    auto real_param = [&](double value) {
      doubles.push_back(value);
      binds.push_back({false, doubles.size() - 1});
    };
    if (query.since) sql += " AND date >= ?", text_param(*query.since);
    if (query.until) sql += " AND date <= ?", text_param(*query.until);
    if (!query.facility.empty())
      sql += " AND instr(lower(facility), lower(?)) > 0", text_param(query.facility);
    if (!query.weapon.empty()) sql += " AND lower(weapon) = lower(?)", text_param(query.weapon);
    if (!query.include_background) sql += " AND background = 0";
    const bool near = query.near_lat && query.near_lon && query.near_km;
    if (near) {
      // Bounding box prefilter; the exact great-circle test follows in C++.
      const double lat = *query.near_lat, lon = *query.near_lon, km = *query.near_km;
      const double dlat = km / 110.574;
      sql += " AND lat BETWEEN ? AND ?";
      real_param(lat - dlat);
      real_param(lat + dlat);
      const double cos_lat = std::cos(lat * M_PI / 180.0);
      if (cos_lat > 1e-6) {
        const double dlon = km / (111.320 * cos_lat);
        if (lon - dlon >= -180 && lon + dlon <= 180) {
          sql += " AND lon BETWEEN ? AND ?";
          real_param(lon - dlon);
          real_param(lon + dlon);
        }
      }
    }
    sql += " ORDER BY date IS NULL, date, id";
    Statement select(db_, sql.c_str());
    if (!select.ok()) return error("querying incidents");
    for (std::size_t i = 0; i < binds.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (binds[i].is_text)
        select.bind(index, strings[binds[i].index]);
      else
        select.bind(index, doubles[binds[i].index]);
    }
    std::vector<Incident> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      auto incident = parse_incident(select.text(0));
      if (!incident) return std::unexpected(incident.error());
      if (near) {
        if (!incident->lat || !incident->lon) continue;
        if (distance_km(*query.near_lat, *query.near_lon, *incident->lat, *incident->lon) >
            *query.near_km)
          continue;
      }
      out.push_back(std::move(*incident));
    }
    if (status != SQLITE_DONE) return error("querying incidents");
    return out;
  }

  Result<std::optional<Incident>> incident(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT json FROM incidents WHERE id = ?");
    if (!select.ok()) return error("reading incident " + id);
    select.bind(1, id);
    const int status = select.step();
    if (status == SQLITE_DONE) return std::optional<Incident>();
    if (status != SQLITE_ROW) return error("reading incident " + id);
    auto incident = parse_incident(select.text(0));
    if (!incident) return std::unexpected(incident.error());
    return std::optional<Incident>(std::move(*incident));
  }

  Result<std::vector<Revision>> revisions(const std::string& incident_id) override {
    std::lock_guard lock(mutex_);
    Statement select(db_,
                     "SELECT incident_id, revision, doc, changes, at FROM revisions WHERE "
                     "incident_id = ? ORDER BY revision");
    if (!select.ok()) return error("reading revisions of " + incident_id);
    select.bind(1, incident_id);
    std::vector<Revision> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(Revision{select.text(0), static_cast<int>(select.integer(1)), select.text(2),
                             select.text(3), select.text(4)});
    }
    if (status != SQLITE_DONE) return error("reading revisions of " + incident_id);
    return out;
  }

  Result<void> add_token(const ApiToken& token) override {
    std::lock_guard lock(mutex_);
    Statement insert(db_, "INSERT INTO tokens (token_hash, name, created_at) VALUES (?,?,?)");
    if (!insert.ok()) return error("storing token");
    insert.bind(1, token.hash).bind(2, token.name).bind(3, token.created_at);
    if (insert.step() != SQLITE_DONE) return error("storing token");
    return {};
  }

  Result<std::vector<ApiToken>> tokens() override {
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT token_hash, name, created_at FROM tokens ORDER BY created_at");
    if (!select.ok()) return error("reading tokens");
    std::vector<ApiToken> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW)
      out.push_back(ApiToken{select.text(0), select.text(1), select.text(2)});
    if (status != SQLITE_DONE) return error("reading tokens");
    return out;
  }

  Result<int> revoke_tokens(const std::string& name_or_hash) override {
    std::lock_guard lock(mutex_);
    Statement remove(db_,
                     "DELETE FROM tokens WHERE name = ?1 OR (length(?1) >= 8 AND "
                     "substr(token_hash, 1, length(?1)) = ?1)");
    if (!remove.ok()) return error("revoking tokens");
    remove.bind(1, name_or_hash);
    if (remove.step() != SQLITE_DONE) return error("revoking tokens");
    return sqlite3_changes(db_);
  }

  Result<long long> add_subscription(const Subscription& s) override {
    std::lock_guard lock(mutex_);
    json filter{{"name", s.name},
                {"facility", s.facility},
                {"weapon", s.weapon},
                {"format", s.format},
                {"lat", s.lat ? json(*s.lat) : json(nullptr)},
                {"lon", s.lon ? json(*s.lon) : json(nullptr)},
                {"km", s.km ? json(*s.km) : json(nullptr)},
                {"min_impacted", s.min_impacted ? json(*s.min_impacted) : json(nullptr)}};
    Statement insert(db_,
                     "INSERT INTO subscriptions (kind, target, filter, created_at) "
                     "VALUES ('webhook', ?, ?, ?)");
    if (!insert.ok()) return error("storing subscription");
    insert.bind(1, s.webhook)
        .bind(2, filter.dump())
        .bind(3, s.created_at.empty() ? now_utc() : s.created_at);
    if (insert.step() != SQLITE_DONE) return error("storing subscription");
    return static_cast<long long>(sqlite3_last_insert_rowid(db_));
  }

  Result<std::vector<Subscription>> subscriptions() override {
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT id, target, filter, created_at FROM subscriptions ORDER BY id");
    if (!select.ok()) return error("reading subscriptions");
    std::vector<Subscription> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      Subscription s;
      s.id = select.integer(0);
      s.webhook = select.text(1);
      s.created_at = select.text(3);
      const json f = json::parse(select.text(2), nullptr, false);
      if (f.is_object()) {
        s.name = f.value("name", "");
        s.facility = f.value("facility", "");
        s.weapon = f.value("weapon", "");
        s.format = f.value("format", "json");
        if (f.contains("lat") && f["lat"].is_number()) s.lat = f["lat"].get<double>();
        if (f.contains("lon") && f["lon"].is_number()) s.lon = f["lon"].get<double>();
        if (f.contains("km") && f["km"].is_number()) s.km = f["km"].get<double>();
        if (f.contains("min_impacted") && f["min_impacted"].is_number())
          s.min_impacted = f["min_impacted"].get<int>();
      }
      out.push_back(std::move(s));
    }
    if (status != SQLITE_DONE) return error("reading subscriptions");
    return out;
  }

  Result<int> delete_subscription(const std::string& id_or_name) override {
    std::lock_guard lock(mutex_);
    Statement remove(db_,
                     "DELETE FROM subscriptions WHERE CAST(id AS TEXT) = ?1 OR "
                     "json_extract(filter, '$.name') = ?1");
    if (!remove.ok()) return error("deleting subscription");
    remove.bind(1, id_or_name);
    if (remove.step() != SQLITE_DONE) return error("deleting subscription");
    return sqlite3_changes(db_);
  }

  Result<bool> queue_alert(const Alert& a) override {
    std::lock_guard lock(mutex_);
    return insert_alert(a);
  }

  // queue_alert's insert, for a caller that holds the mutex (and maybe a transaction).
  Result<bool> insert_alert(const Alert& a) {
    Statement insert(
        db_,
        "INSERT INTO alerts (subscription_id, incident_id, revision, kind, created_at, "
        "status, attempts, next_attempt_at) VALUES (?,?,?,?,?, 'pending', 0, ?) "
        "ON CONFLICT(subscription_id, incident_id, revision) DO NOTHING");
    if (!insert.ok()) return error("queueing alert");
    const std::string now = a.created_at.empty() ? now_utc() : a.created_at;
    insert.bind(1, a.subscription_id)
        .bind(2, a.incident_id)
        .bind(3, a.revision)
        .bind(4, a.kind)
        .bind(5, now)
        .bind(6, std::string());  // due at once
    if (insert.step() != SQLITE_DONE) return error("queueing alert");
    return sqlite3_changes(db_) > 0;
  }

  Result<std::vector<Alert>> alerts(const std::optional<std::string>& due_at) override {
    std::lock_guard lock(mutex_);
    const char* sql =
        due_at ? "SELECT id, subscription_id, incident_id, revision, kind, created_at, status, "
                 "attempts, next_attempt_at, last_error, delivered_at FROM alerts WHERE status = "
                 "'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
               : "SELECT id, subscription_id, incident_id, revision, kind, created_at, status, "
                 "attempts, next_attempt_at, last_error, delivered_at FROM alerts ORDER BY id DESC";
    Statement select(db_, sql);
    if (!select.ok()) return error("reading alerts");
    if (due_at) select.bind(1, *due_at);
    std::vector<Alert> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      Alert a;
      a.id = select.integer(0);
      a.subscription_id = select.integer(1);
      a.incident_id = select.text(2);
      a.revision = static_cast<int>(select.integer(3));
      a.kind = select.text(4);
      a.created_at = select.text(5);
      a.status = select.text(6);
      a.attempts = static_cast<int>(select.integer(7));
      a.next_attempt_at = select.text(8);
      a.last_error = select.text(9);
      if (!select.is_null(10)) a.delivered_at = select.text(10);
      out.push_back(std::move(a));
    }
    if (status != SQLITE_DONE) return error("reading alerts");
    return out;
  }

  Result<void> record_attempt(const Alert& a) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    if (auto r = tx.begin(); !r) return r;
    Statement update(db_,
                     "UPDATE alerts SET status = ?, attempts = ?, next_attempt_at = ?, "
                     "last_error = ?, delivered_at = ? WHERE id = ?");
    Statement attempt(db_, "INSERT INTO alert_attempts (alert_id, at, outcome) VALUES (?,?,?)");
    if (!update.ok() || !attempt.ok()) return error("recording alert attempt");
    update.bind(1, a.status)
        .bind(2, a.attempts)
        .bind(3, a.next_attempt_at)
        .bind(4, a.last_error)
        .bind(5, a.delivered_at)
        .bind(6, a.id);
    if (update.step() != SQLITE_DONE) return error("recording alert attempt");
    attempt.bind(1, a.id)
        .bind(2, now_utc())
        .bind(3, a.status == "delivered" ? std::string("delivered") : a.last_error);
    if (attempt.step() != SQLITE_DONE) return error("recording alert attempt");
    return tx.commit();
  }

  Result<std::optional<FeedState>> feed(const std::string& url) override {
    auto all = select_feeds(url);
    if (!all) return std::unexpected(all.error());
    if (all->empty()) return std::optional<FeedState>();
    return std::optional<FeedState>(std::move(all->front()));
  }

  Result<std::vector<FeedState>> feeds() override { return select_feeds(std::nullopt); }

  Result<void> save_feed(const FeedState& f) override {
    std::lock_guard lock(mutex_);
    Statement upsert(db_,
                     "INSERT INTO feeds (url, title, etag, last_modified, added_at, last_poll, "
                     "last_status, last_error, errors) VALUES (?,?,?,?,?,?,?,?,?) "
                     "ON CONFLICT(url) DO UPDATE SET title = excluded.title, etag = excluded.etag, "
                     "last_modified = excluded.last_modified, last_poll = excluded.last_poll, "
                     "last_status = excluded.last_status, last_error = excluded.last_error, "
                     "errors = excluded.errors");
    if (!upsert.ok()) return error("storing feed " + f.url);
    upsert.bind(1, f.url)
        .bind(2, f.title)
        .bind(3, f.etag)
        .bind(4, f.last_modified)
        .bind(5, f.added_at.empty() ? now_utc() : f.added_at)
        .bind(6, f.last_poll)
        .bind(7, f.last_status)
        .bind(8, f.last_error)
        .bind(9, f.errors);
    if (upsert.step() != SQLITE_DONE) return error("storing feed " + f.url);
    return {};
  }

  Result<std::optional<FeedItemState>> feed_item(const std::string& feed_url,
                                                 const std::string& key) override {
    auto items = select_feed_items(feed_url, "", key);
    if (!items) return std::unexpected(items.error());
    if (items->empty()) return std::optional<FeedItemState>();
    return std::optional<FeedItemState>(std::move(items->front()));
  }

  Result<bool> feed_link_done(const std::string& link) override {
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT 1 FROM feed_items WHERE link = ? AND status <> 'failed' LIMIT 1");
    if (!select.ok()) return error("reading feed items");
    select.bind(1, link);
    const int status = select.step();
    if (status == SQLITE_ROW) return true;
    if (status != SQLITE_DONE) return error("reading feed items");
    return false;
  }

  Result<std::vector<FeedItemState>> feed_items(const std::string& feed_url,
                                                const std::string& status) override {
    return select_feed_items(feed_url, status, "");
  }

  Result<void> save_feed_item(const FeedItemState& i) override {
    std::lock_guard lock(mutex_);
    Statement upsert(
        db_,
        "INSERT INTO feed_items (feed_url, key, link, title, published, status, attempts, "
        "last_error, doc_id, seen_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(feed_url, key) DO UPDATE SET link = excluded.link, title = excluded.title, "
        "published = excluded.published, status = excluded.status, attempts = excluded.attempts, "
        "last_error = excluded.last_error, doc_id = excluded.doc_id");
    if (!upsert.ok()) return error("storing feed item " + i.key);
    upsert.bind(1, i.feed_url)
        .bind(2, i.key)
        .bind(3, i.link)
        .bind(4, i.title)
        .bind(5, i.published)
        .bind(6, i.status)
        .bind(7, i.attempts)
        .bind(8, i.last_error)
        .bind(9, i.doc_id)
        .bind(10, i.seen_at.empty() ? now_utc() : i.seen_at);
    if (upsert.step() != SQLITE_DONE) return error("storing feed item " + i.key);
    return {};
  }

 private:
  Result<std::vector<Report>> select_reports(const char* sql,
                                             const std::vector<std::string>& parameters = {}) {
    std::lock_guard lock(mutex_);
    Statement select(db_, sql);
    if (!select.ok()) return error("reading reports");
    int index = 1;
    for (const std::string& p : parameters) select.bind(index++, p);
    std::vector<Report> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      auto report = parse_report(select.text(1));
      if (!report)
        return fail(Error::Kind::kStore, path_ + ": report of document " + select.text(0) + ": " +
                                             report.error().message);
      report->doc_id = select.text(0);
      out.push_back(std::move(*report));
    }
    if (status != SQLITE_DONE) return error("reading reports");
    return out;
  }

  Result<std::vector<FeedState>> select_feeds(const std::optional<std::string>& url) {
    std::lock_guard lock(mutex_);
    std::string sql =
        "SELECT f.url, f.title, f.etag, f.last_modified, f.added_at, f.last_poll, "
        "f.last_status, f.last_error, f.errors, "
        "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url), "
        "(SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status = 'ingested') "
        "FROM feeds f";
    sql += url ? " WHERE f.url = ?" : " ORDER BY f.added_at, f.rowid";
    Statement select(db_, sql.c_str());
    if (!select.ok()) return error("reading feeds");
    if (url) select.bind(1, *url);
    std::vector<FeedState> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      FeedState f;
      f.url = select.text(0);
      f.title = select.text(1);
      f.etag = select.text(2);
      f.last_modified = select.text(3);
      f.added_at = select.text(4);
      f.last_poll = select.text(5);
      f.last_status = select.text(6);
      f.last_error = select.text(7);
      f.errors = select.integer(8);
      f.items = select.integer(9);
      f.ingested = select.integer(10);
      out.push_back(std::move(f));
    }
    if (status != SQLITE_DONE) return error("reading feeds");
    return out;
  }

  Result<std::vector<FeedItemState>> select_feed_items(const std::string& feed_url,
                                                       const std::string& status_filter,
                                                       const std::string& key) {
    std::lock_guard lock(mutex_);
    Statement select(db_,
                     "SELECT feed_url, key, link, title, published, status, attempts, last_error, "
                     "doc_id, seen_at FROM feed_items WHERE feed_url = ?1 AND (?2 = '' OR status "
                     "= ?2) AND (?3 = '' OR key = ?3) ORDER BY seen_at, rowid");
    if (!select.ok()) return error("reading feed items");
    select.bind(1, feed_url).bind(2, status_filter).bind(3, key);
    std::vector<FeedItemState> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      FeedItemState i;
      i.feed_url = select.text(0);
      i.key = select.text(1);
      i.link = select.text(2);
      i.title = select.text(3);
      i.published = select.text(4);
      i.status = select.text(5);
      i.attempts = static_cast<int>(select.integer(6));
      i.last_error = select.text(7);
      i.doc_id = select.text(8);
      i.seen_at = select.text(9);
      out.push_back(std::move(i));
    }
    if (status != SQLITE_DONE) return error("reading feed items");
    return out;
  }

  // A statement prepared once per connection and reset (bindings cleared) when the guard goes:
  // preparing the statements of put_document for every document was ~6 % of ingest. Keyed by
  // the SQL literal's address; used under mutex_.
  class Reused {
   public:
    Reused(SqliteStore& store, const char* sql) {
      auto& slot = store.statements_[sql];
      if (!slot) slot = std::make_unique<Statement>(store.db_, sql, /*persistent=*/true);
      statement_ = slot.get();
    }
    ~Reused() { statement_->reset(); }
    Reused(const Reused&) = delete;
    Reused& operator=(const Reused&) = delete;
    Statement* operator->() { return statement_; }

   private:
    Statement* statement_;
  };

  // put_document's writes, inside the caller's transaction: false (nothing written) when the id
  // is stored already.
  Result<bool> insert_document(const StoredDocument& document, const Report& report) {
    {
      Reused exists(*this, "SELECT 1 FROM documents WHERE id = ?");
      if (!exists->ok()) return error("checking document");
      exists->bind(1, document.id);
      const int status = exists->step();
      if (status == SQLITE_ROW) return false;
      if (status != SQLITE_DONE) return error("checking document");
    }
    Reused insert(*this,
                  "INSERT INTO documents (id, doc, url, outlet, published, language, title, "
                  "text, chars, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
    if (!insert->ok()) return error("storing document " + document.doc);
    const std::size_t chars = document.chars ? document.chars : utf8_length(document.text);
    insert->bind(1, document.id)
        .bind(2, document.doc)
        .bind(3, document.url)
        .bind(4, document.outlet)
        .bind(5, document.published)
        .bind(6, document.language)
        .bind(7, document.title)
        .bind(8, document.text)
        .bind(9, static_cast<long long>(chars))
        .bind(10, document.ingested_at.empty() ? now_utc() : document.ingested_at);
    if (insert->step() != SQLITE_DONE) return error("storing document " + document.doc);
    const long long rowid = sqlite3_last_insert_rowid(db_);

    Reused fts(*this, "INSERT INTO documents_fts (rowid, title, text) VALUES (?,?,?)");
    if (!fts->ok()) return error("indexing document " + document.doc);
    fts->bind(1, rowid).bind(2, document.title).bind(3, document.text);
    if (fts->step() != SQLITE_DONE) return error("indexing document " + document.doc);

    Report stored = report;
    stored.doc_id = document.id;
    Reused rep(*this, "INSERT INTO reports (doc_id, doc, reports_attack, json) VALUES (?,?,?,?)");
    if (!rep->ok()) return error("storing report of " + document.doc);
    rep->bind(1, document.id)
        .bind(2, stored.doc)
        .bind(3, stored.reports_attack ? 1 : 0)
        .bind(4, to_json(stored).dump());
    if (rep->step() != SQLITE_DONE) return error("storing report of " + document.doc);

    Reused tally(*this,
                 "INSERT INTO tallies (doc_id, count, qualifier, period_start, period_end, "
                 "region, target) VALUES (?,?,?,?,?,?,?)");
    if (!tally->ok()) return error("storing tallies of " + document.doc);
    for (const Tally& t : report.tallies) {
      tally->reset();
      tally->bind(1, document.id)
          .bind(2, t.count)
          .bind(3, t.qualifier)
          .bind(4, t.period_start)
          .bind(5, t.period_end)
          .bind(6, t.region)
          .bind(7, t.target);
      if (tally->step() != SQLITE_DONE) return error("storing tallies of " + document.doc);
    }
    return true;
  }

  // BEGIN IMMEDIATE ... COMMIT, rolled back on scope exit unless committed.
  class Transaction {
   public:
    explicit Transaction(SqliteStore& store) : store_(store) {}
    ~Transaction() {
      if (open_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Result<void> begin() {
      if (auto r = store_.exec("BEGIN IMMEDIATE"); !r) return r;
      open_ = true;
      return {};
    }
    Result<void> commit() {
      if (auto r = store_.exec("COMMIT"); !r) return r;
      open_ = false;
      return {};
    }

   private:
    SqliteStore& store_;
    bool open_ = false;
  };

  static std::size_t utf8_length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }

  Result<Report> parse_report(const std::string& text) const {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return fail(Error::Kind::kStore, "stored report is not valid JSON");
    return report_from_json(j);
  }

  Result<Incident> parse_incident(const std::string& text) const {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
      return fail(Error::Kind::kStore, path_ + ": stored incident is not valid JSON");
    auto incident = incident_from_json(j);
    if (!incident) return fail(Error::Kind::kStore, path_ + ": " + incident.error().message);
    return incident;
  }

  std::unexpected<Error> error(const std::string& what) const {
    return fail(Error::Kind::kStore, path_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

  Result<void> exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      return fail(Error::Kind::kStore, path_ + ": " + text);
    }
    return {};
  }

  Result<void> migrate() {
    if (auto r = exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                      "applied_at TEXT NOT NULL)");
        !r)
      return r;
    for (int version = 1; version <= kSchemaVersion; ++version) {
      Transaction tx(*this);
      if (auto r = tx.begin(); !r) return r;
      // Checked inside the write transaction so two processes opening at once cannot both apply.
      Statement applied(db_, "SELECT 1 FROM schema_version WHERE version = ?");
      if (!applied.ok()) return error("reading schema version");
      applied.bind(1, version);
      const int status = applied.step();
      if (status == SQLITE_ROW) continue;
      if (status != SQLITE_DONE) return error("reading schema version");
      if (auto r = exec(kMigrations[version - 1]); !r) {
        return fail(Error::Kind::kStore,
                    r.error().message + " (migration " + std::to_string(version) + ")");
      }
      Statement record(db_, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
      if (!record.ok()) return error("recording migration");
      record.bind(1, version).bind(2, now_utc());
      if (record.step() != SQLITE_DONE) return error("recording migration");
      if (auto r = tx.commit(); !r) return r;
    }
    return {};
  }

  sqlite3* db_;
  std::string path_;
  std::mutex mutex_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;  // see Reused
};

}  // namespace

int sqlite_schema_version() {
  return kSchemaVersion;
}

namespace {
Result<std::unique_ptr<Store>> open_once(const std::string& path);

Result<std::unique_ptr<Store>> open_read_only(const std::string& path, bool immutable) {
  std::string name = path;
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX;
  if (immutable) {
    name = "file:";
    for (unsigned char c : path) {
      if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') {
        name += static_cast<char>(c);
      } else {
        char escaped[4];
        std::snprintf(escaped, sizeof escaped, "%%%02X", c);
        name += escaped;
      }
    }
    name += "?immutable=1";
    flags |= SQLITE_OPEN_URI;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return fail(Error::Kind::kStore, path + ": cannot open database read-only: " + message);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  if (auto r = store->initialize_read_only(); !r) return std::unexpected(r.error());
  return std::unique_ptr<Store>(std::move(store));
}
}  // namespace

// Two processes creating the same new database race on switching it to WAL, and SQLite answers
// "database is locked" there without waiting on the busy handler; so opening retries for a while.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, Access access) {
  std::error_code ec;
  if (access == Access::kReadOnly && std::filesystem::exists(path, ec)) {
    // A WAL database needs its -shm file; where it cannot be created (a read-only folder or
    // disk) SQLite can only read the file as immutable, which it then is for us.
    auto store = open_read_only(path, false);
    if (!store && store.error().message.find("readonly") != std::string::npos)
      store = open_read_only(path, true);
    return store;
  }
  Result<std::unique_ptr<Store>> result = open_once(path);
  for (int attempt = 0;
       attempt < 100 && !result && result.error().message.find("locked") != std::string::npos;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + 5 * attempt));
    result = open_once(path);
  }
  return result;
}

namespace {
Result<std::unique_ptr<Store>> open_once(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return fail(Error::Kind::kStore, path + ": cannot open database: " + message);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  if (auto r = store->initialize(); !r) return std::unexpected(r.error());
  return std::unique_ptr<Store>(std::move(store));
}
}  // namespace

}  // namespace sitrep::store
