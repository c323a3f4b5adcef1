#include "serve/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/json.h"
#include "serve/alerts.h"
#include "serve/export.h"
#include "serve/merge_batch.h"
#include "serve/query.h"
#include "serve/sha256.h"
#include "store/store.h"

namespace sitrep::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What the read routes answer from: every incident, as of one reload. Reports are read from
// the store by the routes that show them (an incident's page, the tallies): holding all of
// them cost a read of every report per reload and most of the server's memory at 100,000.
struct Snapshot {
  std::vector<Incident> incidents;         // newest first, so a request need not sort
  std::vector<std::string> incident_json;  // incidents[i] serialised once, at reload
};

// One report per doc name, as the incident page and the tallies show them: of a name stored
// more than once, the last in the store's order (reports() order: doc, then document id).
std::map<std::string, Report> by_doc_name(std::vector<Report> reports) {
  std::map<std::string, Report> out;
  for (Report& r : reports) out[r.doc] = std::move(r);
  return out;
}

// Server-sent events: a bounded log of events with sequence numbers; each open stream sends
// what follows the last one it sent.
class EventBus {
 public:
  struct Event {
    long long seq;
    std::string name;
    std::string data;
  };
  void publish(std::string name, std::string data) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back({++last_, std::move(name), std::move(data)});
      if (events_.size() > 1000) events_.pop_front();
    }
    changed_.notify_all();
  }
  long long last() {
    std::lock_guard lock(mutex_);
    return last_;
  }
  // Waits up to `timeout` for events after `after`; empty on timeout or close.
  std::vector<Event> wait(long long after, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return closed_ || last_ > after; });
    std::vector<Event> out;
    for (const Event& e : events_)
      if (e.seq > after) out.push_back(e);
    return out;
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }
  bool closed() {
    std::lock_guard lock(mutex_);
    return closed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Event> events_;
  long long last_ = 0;
  bool closed_ = false;
};

const char* const kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  // A request's path or parameters (echoed in errors) need not be UTF-8: bytes that are not
  // are replaced (U+FFFD), where the default dump threw from the error handler and ended the
  // server (`GET /%c0%ae%c0%ae/x`).
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, const ApiError& error) {
  send_json(res, to_json(error), error.status);
}

std::string today() {
  return now_utc().substr(0, 10);
}

// The database file's state: changes whenever a commit lands (WAL or main file).
std::string file_signature(const std::string& db) {
  std::string signature;
  for (const std::string& path : {db, db + "-wal"}) {
    std::error_code ec;
    const auto time = fs::last_write_time(path, ec);
    const auto size = ec ? 0 : fs::file_size(path, ec);
    signature +=
        std::to_string(ec ? 0 : time.time_since_epoch().count()) + ":" + std::to_string(size) + ";";
  }
  return signature;
}

std::string string_member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One article of a POST body as a Document; the error names the field ("[1].text").
ApiResult<Document> document_from_json(const json& object, const std::string& where) {
  auto bad = [&](const std::string& field, const std::string& message) {
    return std::unexpected(ApiError{400, where + field + ": " + message, where + field});
  };
  if (!object.is_object())
    return std::unexpected(ApiError{400,
                                    (where.empty() ? std::string("body") : where) +
                                        ": expected an object {\"doc\", \"text\"|\"html\", "
                                        "\"url\", \"outlet\", \"published\"}",
                                    where.empty() ? "body" : where});
  for (const char* key : {"doc", "text", "html", "url", "outlet", "published"}) {
    const auto it = object.find(key);
    if (it != object.end() && !it->is_string() && !it->is_null())
      return bad(key, "expected a string");
  }
  Document document;
  document.doc = string_member(object, "doc");
  if (document.doc.empty()) return bad("doc", "required: a name for the article");
  const std::string html = string_member(object, "html"), text = string_member(object, "text");
  if (!html.empty() && !text.empty()) return bad("html", "give either text or html, not both");
  document.is_html = !html.empty();
  document.raw = document.is_html ? html : text;
  if (document.raw.find_first_not_of(" \t\r\n") == std::string::npos)
    return bad("text", "required: the article's text (or html)");
  document.url = string_member(object, "url");
  document.outlet = string_member(object, "outlet");
  const std::string published = string_member(object, "published");
  if (!published.empty()) {
    if (published.size() < 10 || !cli::is_iso_date(published.substr(0, 10)) ||
        (published.size() > 10 && published[10] != 'T' && published[10] != ' '))
      return bad("published", "expected a date YYYY-MM-DD, got '" + published + "'");
    document.published = published.substr(0, 10);
  }
  return document;
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<store::Store> store;
  GuardedServer http{ConnectionLimits{}};
  int port = 0;
  std::vector<std::string> routes;

  std::shared_mutex snapshot_mutex;
  std::shared_ptr<const Snapshot> snapshot;
  std::mutex reload_mutex;  // one reload at a time
  std::string signature;

  std::mutex ingest_mutex;  // one POST at a time through the ingest path
  using MergeOutcome = Result<std::shared_ptr<const merge::Update>>;
  MergeBatch<MergeOutcome> merges;  // the merges after POSTs, one for all that wait
  std::mutex subscriptions_mutex;   // one subscription added at a time (names are unique)
  cli::Ingester ingester;

  EventBus events;
  std::unique_ptr<Deliverer> deliverer;
  std::atomic<bool> stopping{false};
  std::thread watcher;
  std::mutex watcher_mutex;
  std::condition_variable watcher_wake;

  std::shared_ptr<const Snapshot> current() {
    std::shared_lock lock(snapshot_mutex);
    return snapshot;
  }

  // What tells the watcher that another process wrote: the store's change stamp (PostgreSQL),
  // else the database file's signature (SQLite). A failed read counts as no change.
  std::string data_signature() {
    auto stamp = store->change_stamp();
    if (!stamp) return signature;
    return *stamp ? **stamp : file_signature(options.db);
  }

  // Reloads the snapshot from the store and publishes what changed as events. `merged`: the
  // update a merge in this process has just committed, taken as it is rather than read back;
  // the caller holds the merge lock, so no other merge has landed since.
  Result<void> reload(const merge::Update* merged = nullptr) {
    std::lock_guard lock(reload_mutex);
    auto next = std::make_shared<Snapshot>();
    std::vector<Incident> loaded;
    signature = data_signature();
    if (!merged) {
      auto incidents = store->incidents({});
      if (!incidents) return std::unexpected(incidents.error());
      loaded = std::move(*incidents);
    }
    // Sorted by index, then copied or moved once into place: sorting the large Incident values
    // themselves moved each many times (15 % of a reload of 100,000).
    const std::vector<Incident>& source = merged ? merged->incidents : loaded;
    std::vector<std::size_t> order(source.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return newer_first(source[a], source[b]); });
    next->incidents.reserve(source.size());
    for (std::size_t n : order)
      next->incidents.push_back(merged ? source[n] : std::move(loaded[n]));
    auto previous = current();
    // An incident equal to one of the last snapshot keeps its serialised JSON: after one POST,
    // serialising each of 100,000 incidents again was a quarter of the reload.
    std::unordered_map<std::string_view, std::size_t> before_at;
    if (previous)
      for (std::size_t n = 0; n < previous->incidents.size(); ++n)
        before_at.emplace(previous->incidents[n].id, n);
    next->incident_json.reserve(next->incidents.size());
    for (const Incident& i : next->incidents) {
      const auto it = before_at.find(i.id);
      if (it != before_at.end() && previous->incidents[it->second] == i)
        next->incident_json.push_back(previous->incident_json[it->second]);
      else
        next->incident_json.push_back(sitrep::to_json(i).dump());
    }
    {
      // Published after the swap, so a client that refetches on the event sees the change.
      std::unique_lock write(snapshot_mutex);
      snapshot = next;
    }
    if (previous) {
      // Alerts are queued in the outbox before anyone hears of the change (ingest queued them
      // already when it ran in this process or another; the outbox drops what it holds).
      (void)queue_alerts(*store, previous->incidents, next->incidents);
      if (deliverer) deliverer->notify();
      for (const Incident& i : next->incidents) {
        const auto it = before_at.find(i.id);
        const char* kind = it == before_at.end()                                    ? "new"
                           : previous->incidents[it->second].revision != i.revision ? "revision"
                                                                                    : "";
        if (!*kind) continue;
        events.publish("incident", json{{"kind", kind},
                                        {"id", i.id},
                                        {"revision", i.revision},
                                        {"incident", sitrep::to_json(i)}}
                                       .dump());
      }
    }
    return {};
  }

  void watch() {
    std::unique_lock lock(watcher_mutex);
    while (!stopping) {
      watcher_wake.wait_for(lock, options.watch_interval, [&] { return stopping.load(); });
      if (stopping) break;
      lock.unlock();
      std::string now;
      {
        std::lock_guard reload_lock(reload_mutex);
        now = data_signature();
        if (now == signature) now.clear();
      }
      if (!now.empty()) (void)reload();  // a failed reload keeps the last good snapshot
      lock.lock();
    }
  }

  void add(const std::string& method, const std::string& path, const std::string& pattern,
           httplib::Server::Handler handler) {
    routes.push_back(method + " " + path);
    if (method == "GET") http.Get(pattern, std::move(handler));
    if (method == "POST") http.Post(pattern, std::move(handler));
    if (method == "DELETE") http.Delete(pattern, std::move(handler));
  }

  // Bearer token check: 401 without one, 403 for one we do not know.
  std::optional<ApiError> authorize(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0)
      return ApiError{401, "this route needs 'Authorization: Bearer TOKEN' (sitrep token create)",
                      "Authorization"};
    const std::string hash = sha256_hex(header.substr(prefix.size()));
    auto tokens = store->tokens();
    if (!tokens) return ApiError{500, tokens.error().message, ""};
    for (const auto& t : *tokens)
      if (t.hash == hash) return std::nullopt;
    return ApiError{403, "unknown or revoked token", "Authorization"};
  }

  ApiResult<std::set<std::string>> matching_docs(const Filter& filter) {
    std::set<std::string> docs;
    if (filter.q.empty()) return docs;
    auto found = store->documents({filter.q, {}});
    if (!found) return std::unexpected(ApiError{500, found.error().message, ""});
    for (const auto& d : *found) docs.insert(d.doc);
    return docs;
  }

  // The filtered incidents for a request, or the error to answer.
  ApiResult<std::pair<std::shared_ptr<const Snapshot>, std::vector<const Incident*>>> selected(
      const httplib::Request& req, Filter& filter, bool paged) {
    auto parsed = parse_filter(req.params, paged);
    if (!parsed) return std::unexpected(parsed.error());
    filter = std::move(*parsed);
    auto docs = matching_docs(filter);
    if (!docs) return std::unexpected(docs.error());
    auto snap = current();
    auto list = select(snap->incidents, filter, *docs);
    return std::pair{snap, std::move(list)};
  }

  void get_incidents(const httplib::Request& req, httplib::Response& res) {
    Filter filter;
    auto chosen = selected(req, filter, true);
    if (!chosen) return send_error(res, chosen.error());
    Page page = paginate(chosen->second, filter);
    // The page is assembled from the incidents' JSON text serialised at reload.
    const Snapshot& snap = *chosen->first;
    std::string body = "{\"incidents\":[";
    for (std::size_t n = 0; n < page.items.size(); ++n) {
      if (n) body += ',';
      body += snap.incident_json[static_cast<std::size_t>(page.items[n] - snap.incidents.data())];
    }
    body += "],\"count\":" + std::to_string(page.items.size()) +
            ",\"total\":" + std::to_string(chosen->second.size()) + ",\"next_cursor\":" +
            (page.next_cursor ? json(*page.next_cursor).dump() : std::string("null")) + "}";
    res.set_content(body, "application/json");
  }

  void get_export(const httplib::Request& req, httplib::Response& res, bool csv) {
    Filter filter;
    auto chosen = selected(req, filter, false);
    if (!chosen) return send_error(res, chosen.error());
    std::vector<Incident> list;
    for (const Incident* i : chosen->second) list.push_back(*i);
    if (csv)
      res.set_content(incidents_csv(list), "text/csv; charset=utf-8");
    else
      res.set_content(incidents_geojson(list), "application/geo+json");
  }

  void get_incident(const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    auto snap = current();
    const auto it = std::find_if(snap->incidents.begin(), snap->incidents.end(),
                                 [&](const Incident& i) { return i.id == id; });
    if (it == snap->incidents.end())
      return send_error(res, {404, "no incident with id '" + id + "'", "id"});
    const Incident& incident = *it;
    auto documents = store->documents({"", incident.reports});
    if (!documents) return send_error(res, {500, documents.error().message, ""});
    auto stored = store->reports_of(incident.reports);
    if (!stored) return send_error(res, {500, stored.error().message, ""});
    const auto by_doc = by_doc_name(std::move(*stored));
    json reports = json::array();
    for (const std::string& doc : incident.reports) {
      json row{{"doc", doc}};
      for (const auto& d : *documents) {
        if (d.doc != doc) continue;
        row.update(json{{"id", d.id},
                        {"outlet", d.outlet},
                        {"url", d.url},
                        {"published", d.published},
                        {"title", d.title},
                        {"language", d.language},
                        {"text", d.text}});
      }
      const auto r = by_doc.find(doc);
      row["report"] = r == by_doc.end() ? json(nullptr) : sitrep::to_json(r->second);
      reports.push_back(std::move(row));
    }
    json claims = json::array();
    const auto figures = incident.figures();
    for (const auto& [field, figure] : figures) {
      if (!*figure) continue;
      for (const Claim& c : (*figure)->claims) {
        json claim{{"field", field},     {"value", c.value},   {"doc", c.doc},
                   {"outlet", c.outlet}, {"source", c.source}, {"evidence", nullptr}};
        const auto r = by_doc.find(c.doc);
        if (r != by_doc.end() && r->second.main) {
          const auto e = r->second.main->evidence.find(field);
          if (e != r->second.main->evidence.end()) claim["evidence"] = sitrep::to_json(e->second);
        }
        claims.push_back(std::move(claim));
      }
    }
    auto revisions = store->revisions(id);
    if (!revisions) return send_error(res, {500, revisions.error().message, ""});
    json history = json::array();
    for (const Revision& r : *revisions)
      history.push_back(
          {{"revision", r.revision}, {"doc", r.doc}, {"changes", r.changes}, {"at", r.at}});
    send_json(res, json{{"incident", sitrep::to_json(incident)},
                        {"reports", reports},
                        {"claims", claims},
                        {"revisions", history}});
  }

  void post_documents(const httplib::Request& req, httplib::Response& res) {
    if (auto refused = authorize(req)) return send_error(res, *refused);
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return send_error(res, {400, "body: not valid JSON", "body"});
    std::vector<Document> documents;
    if (body.is_array()) {
      if (body.empty()) return send_error(res, {400, "body: an empty array", "body"});
      if (body.size() > options.max_batch)
        return send_error(res, {413,
                                "body: at most " + std::to_string(options.max_batch) +
                                    " articles in one request, got " + std::to_string(body.size()),
                                "body"});
      for (std::size_t n = 0; n < body.size(); ++n) {
        auto d = document_from_json(body[n], "[" + std::to_string(n) + "].");
        if (!d) return send_error(res, d.error());
        documents.push_back(std::move(*d));
      }
    } else {
      auto d = document_from_json(body, "");
      if (!d) return send_error(res, d.error());
      documents.push_back(std::move(*d));
    }

    std::vector<cli::Ingester::Outcome> outcomes;
    {
      std::lock_guard lock(ingest_mutex);
      std::ostringstream log;
      for (const Document& d : documents) {
        auto outcome = ingester.add(*store, d, log);
        if (!outcome) return send_error(res, {500, d.doc + ": " + outcome.error().message, ""});
        outcomes.push_back(std::move(*outcome));
      }
    }
    // The documents are committed; the merge that answers this POST may also answer others
    // that arrived meanwhile (MergeBatch), and the next POST is ingested while it runs.
    const auto merged = merges.merged([this] { return merge_and_reload(); });
    if (!merged) return send_error(res, {500, merged.error().message, ""});
    const merge::Update& update = **merged;
    json rows = json::array();
    bool any_added = false;
    for (std::size_t n = 0; n < documents.size(); ++n) {
      const auto& o = outcomes[n];
      any_added |= o.added;
      json ids = json::array();
      for (const Incident& i : update.incidents)
        if (std::find(i.reports.begin(), i.reports.end(), documents[n].doc) != i.reports.end())
          ids.push_back(i.id);
      for (const auto& [id, docs] : update.mentioned_in)
        if (std::find(docs.begin(), docs.end(), documents[n].doc) != docs.end()) ids.push_back(id);
      if (!o.rejected.empty()) {
        rows.push_back(json{{"doc", documents[n].doc}, {"added", false}, {"error", o.rejected}});
        continue;
      }
      rows.push_back(json{{"doc", documents[n].doc},
                          {"id", o.id},
                          {"added", o.added},
                          {"report", o.added ? sitrep::to_json(o.report) : json(nullptr)},
                          {"incidents", ids}});
    }
    send_json(res, json{{"documents", rows}}, any_added ? 201 : 200);
  }

  // Merges every stored report and reloads the snapshot; run by one POST for all that wait.
  MergeOutcome merge_and_reload() {
    // The snapshot is swapped while the merge lock is held: were it swapped after, another
    // process's merge could land in between, the watcher load it, and this older one replace it.
    Result<void> reloaded;
    auto update = cli::rebuild_incidents(
        *store, [&](const merge::Update& saved) { reloaded = reload(&saved); });
    if (!update) return std::unexpected(update.error());
    if (!reloaded) return std::unexpected(reloaded.error());
    return std::make_shared<const merge::Update>(std::move(*update));
  }

  void get_events(const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    auto last = std::make_shared<long long>(events.last());
    res.set_chunked_content_provider("text/event-stream", [this, last](std::size_t,
                                                                       httplib::DataSink& sink) {
      if (stopping) return false;
      auto batch = events.wait(*last, std::chrono::seconds(15));
      if (stopping || !sink.is_writable()) return false;
      std::string out;
      for (const auto& e : batch) {
        out += "id: " + std::to_string(e.seq) + "\nevent: " + e.name + "\ndata: " + e.data + "\n\n";
        *last = e.seq;
      }
      if (out.empty()) out = ": keep-alive\n\n";
      return sink.write(out.data(), out.size());
    });
  }

  static ApiResult<store::Subscription> subscription_from_json(const json& body) {
    auto bad = [](const std::string& field, const std::string& message) {
      return std::unexpected(ApiError{400, field + ": " + message, field});
    };
    if (!body.is_object()) return bad("body", "expected an object");
    for (const char* key : {"name", "near", "facility", "weapon", "webhook", "format"})
      if (body.contains(key) && !body[key].is_string() && !body[key].is_null())
        return bad(key, "expected a string");
    store::Subscription s;
    s.name = string_member(body, "name");
    if (s.name.empty()) return bad("name", "required");
    const std::string near = string_member(body, "near");
    s.facility = string_member(body, "facility");
    if (near.empty() == s.facility.empty()) return bad("near", "give either near or facility");
    if (!near.empty()) {
      auto n = cli::parse_near(near);
      if (!n) return bad("near", "expected LAT,LON,KM (e.g. 33.3,44.4,25), got '" + near + "'");
      s.lat = n->lat, s.lon = n->lon, s.km = n->km;
    }
    s.weapon = string_member(body, "weapon");
    if (!s.weapon.empty()) {
      Params probe{{"weapon", s.weapon}};
      if (auto f = parse_filter(probe, false); !f) return std::unexpected(f.error());
    }
    if (body.contains("min_impacted") && !body["min_impacted"].is_null()) {
      // A non-negative integer literal is unsigned in nlohmann::json; a negative one signed.
      const json& k = body["min_impacted"];
      if (!k.is_number_unsigned() || k.get<std::uint64_t>() > INT_MAX)
        return bad("min_impacted", "expected a whole number from 0 to " + std::to_string(INT_MAX));
      s.min_impacted = static_cast<int>(k.get<std::uint64_t>());
    }
    s.webhook = string_member(body, "webhook");
    if (s.webhook.rfind("http://", 0) != 0 && s.webhook.rfind("https://", 0) != 0)
      return bad("webhook", "expected an http:// or https:// URL");
    s.format = body.contains("format") && body["format"].is_string()
                   ? body["format"].get<std::string>()
                   : "json";
    if (s.format != "json" && s.format != "cap") return bad("format", "expected json or cap");
    s.created_at = now_utc();
    return s;
  }

  static json subscription_json(const store::Subscription& s) {
    json near = nullptr;
    if (s.lat && s.lon && s.km) near = {{"lat", *s.lat}, {"lon", *s.lon}, {"km", *s.km}};
    return json{{"id", s.id},
                {"name", s.name},
                {"near", near},
                {"facility", s.facility.empty() ? json(nullptr) : json(s.facility)},
                {"weapon", s.weapon.empty() ? json(nullptr) : json(s.weapon)},
                {"min_impacted", s.min_impacted ? json(*s.min_impacted) : json(nullptr)},
                {"webhook", s.webhook},
                {"format", s.format},
                {"created_at", s.created_at}};
  }

  void register_subscription_routes() {
    add("POST", "/api/subscriptions", R"(/api/subscriptions)", [this](const auto& req, auto& res) {
      if (auto refused = authorize(req)) return send_error(res, *refused);
      const json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded()) return send_error(res, {400, "body: not valid JSON", "body"});
      auto s = subscription_from_json(body);
      if (!s) return send_error(res, s.error());
      // Names are unique: DELETE takes one, and two of a name would both go.
      std::lock_guard lock(subscriptions_mutex);
      auto existing = store->subscriptions();
      if (!existing) return send_error(res, {500, existing.error().message, ""});
      for (const auto& other : *existing)
        if (other.name == s->name)
          return send_error(res, {409,
                                  "a subscription named '" + s->name + "' exists (id " +
                                      std::to_string(other.id) + "); delete it first",
                                  "name"});
      auto id = store->add_subscription(*s);
      if (!id) return send_error(res, {500, id.error().message, ""});
      s->id = *id;
      send_json(res, subscription_json(*s), 201);
    });
    add("GET", "/api/subscriptions", R"(/api/subscriptions)", [this](const auto& req, auto& res) {
      if (auto refused = authorize(req)) return send_error(res, *refused);
      auto list = store->subscriptions();
      if (!list) return send_error(res, {500, list.error().message, ""});
      json out = json::array();
      for (const auto& s : *list) out.push_back(subscription_json(s));
      send_json(res, out);
    });
    add("DELETE", "/api/subscriptions/{id}", R"(/api/subscriptions/([^/]+))",
        [this](const auto& req, auto& res) {
          if (auto refused = authorize(req)) return send_error(res, *refused);
          const std::string id = req.matches[1];
          auto removed = store->delete_subscription(id);
          if (!removed) return send_error(res, {500, removed.error().message, ""});
          if (*removed == 0) return send_error(res, {404, "no subscription '" + id + "'", "id"});
          send_json(res, json{{"deleted", *removed}});
        });
    add("GET", "/api/alerts", R"(/api/alerts)", [this](const auto& req, auto& res) {
      if (auto refused = authorize(req)) return send_error(res, *refused);
      auto list = store->alerts(std::nullopt);
      if (!list) return send_error(res, {500, list.error().message, ""});
      json out = json::array();
      for (const auto& a : *list) out.push_back(outbox_row(a));
      send_json(res, out);
    });
  }

  void register_routes() {
    register_subscription_routes();
    add("GET", "/api/incidents", R"(/api/incidents)",
        [this](const auto& req, auto& res) { get_incidents(req, res); });
    add("GET", "/api/incidents.geojson", R"(/api/incidents\.geojson)",
        [this](const auto& req, auto& res) { get_export(req, res, false); });
    add("GET", "/api/incidents.csv", R"(/api/incidents\.csv)",
        [this](const auto& req, auto& res) { get_export(req, res, true); });
    add("GET", "/api/incidents/{id}", R"(/api/incidents/([^/]+))",
        [this](const auto& req, auto& res) { get_incident(req, res); });
    add("GET", "/api/facilities", R"(/api/facilities)", [this](const auto&, auto& res) {
      send_json(res, facilities_json(current()->incidents, today()));
    });
    add("GET", "/api/facilities/{name}", R"(/api/facilities/([^/]+))",
        [this](const auto& req, auto& res) {
          const std::string name = req.matches[1];
          auto found = facility_json(current()->incidents, name, today());
          if (!found)
            return send_error(res, {404, "no incident at facility '" + name + "'", "name"});
          send_json(res, *found);
        });
    add("GET", "/api/tallies", R"(/api/tallies)", [this](const auto&, auto& res) {
      auto snap = current();
      // Every report of each name that has a tally report, then one per name as before.
      auto with_tallies = store->tally_reports();
      if (!with_tallies) return send_error(res, {500, with_tallies.error().message, ""});
      std::vector<std::string> names;
      for (const Report& r : *with_tallies) names.push_back(r.doc);
      names.erase(std::unique(names.begin(), names.end()), names.end());
      auto all_of_names = store->reports_of(names);
      if (!all_of_names) return send_error(res, {500, all_of_names.error().message, ""});
      std::vector<Report> reports;
      for (auto& [doc, r] : by_doc_name(std::move(*all_of_names))) reports.push_back(std::move(r));
      send_json(res, cli::tally_rows(reports, snap->incidents));
    });
    add("GET", "/api/stats", R"(/api/stats)", [this](const auto& req, auto& res) {
      Filter filter;
      auto chosen = selected(req, filter, false);
      if (!chosen) return send_error(res, chosen.error());
      send_json(res, stats_json(chosen->second));
    });
    add("POST", "/api/documents", R"(/api/documents)",
        [this](const auto& req, auto& res) { post_documents(req, res); });
    add("GET", "/api/events", R"(/api/events)",
        [this](const auto& req, auto& res) { get_events(req, res); });
    add("GET", "/api/openapi.json", R"(/api/openapi\.json)",
        [](const auto&, auto& res) { res.set_content(openapi_document(), "application/json"); });
  }

  static bool needs_token(const httplib::Request& req) {
    if (req.method == "POST")
      return req.path == "/api/documents" || req.path == "/api/subscriptions";
    if (req.method == "DELETE") return req.path.starts_with("/api/subscriptions/");
    return req.method == "GET" && (req.path == "/api/subscriptions" || req.path == "/api/alerts");
  }

  // Runs once the headers are in, before any body is read: a request refused here (a length
  // beyond the limit, a missing or unknown token) costs no body, and its connection is closed
  // since the body it announced is left unread.
  httplib::Server::HandlerResponse before_body(const httplib::Request& req,
                                               httplib::Response& res) {
    GuardedServer::headers_done();
    const bool announces_body =
        req.has_header("Transfer-Encoding") ||
        (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
    auto refuse = [&](const ApiError& error) {
      send_error(res, error);
      if (announces_body) {
        res.set_header("Connection", "close");
        GuardedServer::close_after_reply();
      }
      return httplib::Server::HandlerResponse::Handled;
    };
    if (req.has_header("Content-Length")) {
      const std::string length = req.get_header_value("Content-Length");
      const std::size_t limit = options.connection.max_body_bytes;
      if (req.get_header_value_count("Content-Length") > 1 || length.empty() ||
          length.find_first_not_of("0123456789") != std::string::npos)
        return refuse({400, "Content-Length: expected one number of bytes", "Content-Length"});
      if (length.size() > 15 || std::stoull(length) > limit)
        return refuse(
            {413, "body: " + length + " bytes, more than the limit of " + std::to_string(limit),
             "Content-Length"});
    }
    if (needs_token(req))
      if (auto refused = authorize(req)) return refuse(*refused);
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void configure() {
    // Each open event stream holds a worker for as long as the page stays open.
    http.new_task_queue = [] { return new httplib::ThreadPool(64); };
    http.set_limits(options.connection);
    http.set_payload_max_length(options.connection.max_body_bytes);
    http.set_keep_alive_timeout(
        std::chrono::duration_cast<std::chrono::seconds>(options.connection.keep_alive).count());
    http.set_pre_routing_handler(
        [this](const auto& req, auto& res) { return before_body(req, res); });
    http.set_tcp_nodelay(true);  // no 40 ms Nagle / delayed-ACK stall on small responses
    http.set_keep_alive_max_count(1000);
    register_routes();
    if (!options.web_dir.empty() && fs::is_directory(options.web_dir)) {
      const fs::path vendor = options.vendor_dir;
      const std::pair<const char*, fs::path> mounts[] = {
          {"/vendor/leaflet", vendor / "leaflet" / "dist"},
          {"/vendor/markercluster", vendor / "leaflet.markercluster" / "dist"},
          {"/vendor/topojson-client", vendor / "topojson-client" / "dist"},
          {"/vendor/world-atlas", vendor / "world-atlas"},
          {"/vendor/uplot", vendor / "uplot" / "dist"}};
      for (const auto& [at, dir] : mounts)
        if (fs::is_directory(dir)) http.set_mount_point(at, dir.string());
      http.set_mount_point("/", options.web_dir);
    }
    http.set_post_routing_handler([](const auto&, auto& res) {
      res.set_header("Content-Security-Policy", kContentSecurityPolicy);
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          const bool not_found = res.status == 404;
          ApiError error{res.status,
                         not_found ? "no route " + req.method + " " + req.path
                                   : "request refused (HTTP " + std::to_string(res.status) + ")",
                         ""};
          send_json(res, to_json(error), res.status);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
          std::string message = "internal error";
          try {
            if (error) std::rethrow_exception(error);
          } catch (const std::exception& e) {
            message += std::string(": ") + e.what();
          } catch (...) {
          }
          send_json(res, to_json(ApiError{500, message, ""}), 500);
        });
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  stop();
  if (impl_->watcher.joinable()) impl_->watcher.join();
}

Result<std::unique_ptr<Server>> Server::open(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.web_dir.empty()) impl->options.web_dir = SITREP_SOURCE_DIR "/web";
  if (impl->options.vendor_dir.empty())
    impl->options.vendor_dir = (fs::path(impl->options.web_dir) / ".." / "node_modules").string();
  auto store = store::open_store(options.db);
  // A database the server may only read is still served: the GETs work, writes answer 500.
  if (!store && store.error().message.find("readonly") != std::string::npos)
    store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) return std::unexpected(store.error());
  impl->store = std::move(*store);
  if (options.load_lexicon)
    if (auto ready = impl->ingester.prepare(); !ready) return std::unexpected(ready.error());
  if (auto loaded = impl->reload(); !loaded) return std::unexpected(loaded.error());
  impl->deliverer = std::make_unique<Deliverer>(*impl->store, options.delivery);
  impl->configure();
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host);
  } else {
    impl->port = impl->http.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (impl->port <= 0)
    return fail(Error::Kind::kIo, "cannot listen on " + options.host + ":" +
                                      std::to_string(options.port) +
                                      " (in use, or not an address of this machine)");
  Impl* raw = impl.get();
  impl->watcher = std::thread([raw] { raw->watch(); });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const {
  return impl_->port;
}

void Server::run() {
  if (!impl_->stopping) impl_->http.listen_after_bind();
}

void Server::stop() {
  impl_->stopping = true;
  if (impl_->deliverer) impl_->deliverer->stop();
  impl_->events.close();
  impl_->watcher_wake.notify_all();
  impl_->http.stop();
}

std::vector<std::string> Server::routes() const {
  return impl_->routes;
}

}  // namespace sitrep::serve
