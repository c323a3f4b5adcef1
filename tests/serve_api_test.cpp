// The HTTP API over real HTTP on loopback: a server on a free port of 127.0.0.1, started and
// stopped by the suite, on a database ingested from examples/articles. Every route, every
// filter, pagination, tokens required and refused, bad input, and the OpenAPI document checked
// against the routes the server answers. Every test runs on SQLite and on PostgreSQL (a real
// server, tests/pg_server.h).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/serve_commands.h"
#include "core/clock.h"
#include "pg_server.h"
#include "serve/query.h"
#include "serve/server.h"
#include "serve/sha256.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using sitrep::serve::Server;

// Made up for this test: an attack the examples do not tell, so posting it adds an incident.
const char* const kNewArticle =
    "Rockets hit US base in Syria\n\nFour rockets struck the Conoco gas field base housing US "
    "forces in eastern Syria on Monday, a US official said. No one was hurt.\n";

enum class Backend { kSqlite, kPostgres };

class ServeApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  // One server per backend, started by the first test that needs it and kept for the suite.
  struct Instance {
    std::string db, token;
    Server* server = nullptr;
    std::thread* thread = nullptr;
  };

  void SetUp() override {
    std::string db;
    if (GetParam() == Backend::kPostgres) {
      auto* postgres = sitrep::testing::PgServer::shared();
      if (!postgres) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
      if (!instances_[GetParam()].server) db = postgres->create_database("t_serve_api");
    } else {
      db = (dir_ / "api.db").string();
    }
    Instance& instance = instances_[GetParam()];
    if (!instance.server) start(instance, db);
    ASSERT_TRUE(instance.server) << "the server did not start";
    db_ = instance.db;
    token_ = instance.token;
    server_ = instance.server;
  }

  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sitrep_serve_api_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  // Ingests examples/articles into `db`, adds a token and starts a server on it.
  static void start(Instance& instance, const std::string& db) {
    instance.db = db;
    std::ostringstream out, err;
    sitrep::cli::IngestOptions ingest;
    ingest.db = db;
    ingest.quiet = true;
    ingest.manifest = SITREP_SOURCE_DIR "/examples/articles/manifest.jsonl";
    ingest.paths = {SITREP_SOURCE_DIR "/examples/articles"};
    ASSERT_EQ(sitrep::cli::run_ingest(ingest, {out, err}), 0) << err.str();
    instance.token = sitrep::cli::new_token();
    auto store = sitrep::store::open_store(db);
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->add_token(
        {sitrep::serve::sha256_hex(instance.token), "test", sitrep::now_utc()}));

    sitrep::serve::ServeOptions options;
    options.db = db;
    options.port = 0;
    options.watch_interval = std::chrono::milliseconds(100);
    auto server = Server::open(options);
    ASSERT_TRUE(server.has_value()) << server.error().message;
    instance.server = server->release();
    Server* raw = instance.server;
    instance.thread = new std::thread([raw] { raw->run(); });
    // Wait until it answers.
    httplib::Client client("127.0.0.1", raw->port());
    for (int i = 0; i < 100 && !client.Get("/api/openapi.json"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  static void TearDownTestSuite() {
    for (auto& [backend, instance] : instances_) {
      if (instance.server) instance.server->stop();
      if (instance.thread) instance.thread->join();
      delete instance.thread;
      delete instance.server;
    }
    instances_.clear();
    server_ = nullptr;
    fs::remove_all(dir_);
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    return c;
  }

  // GET and parse; fails the test on a transport error.
  static std::pair<int, json> get(const std::string& path) {
    auto res = client().Get(path);
    if (!res) {
      ADD_FAILURE() << "GET " << path << ": no answer";
      return {0, json()};
    }
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  static httplib::Result post(const std::string& body, const std::string& token) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return client().Post("/api/documents", headers, body, "application/json");
  }

  static std::vector<std::string> ids(const json& page) {
    std::vector<std::string> out;
    for (const auto& i : page["incidents"]) out.push_back(i["id"]);
    return out;
  }

  static std::vector<std::string> all_ids(const std::string& query) {
    auto [status, page] = get("/api/incidents?limit=1000" + query);
    EXPECT_EQ(status, 200) << query << ": " << page.dump();
    return ids(page);
  }

  static inline fs::path dir_;
  static inline std::map<Backend, Instance> instances_;
  // The current test's backend's.
  static inline std::string db_, token_;
  static inline Server* server_ = nullptr;
};

TEST_P(ServeApiTest, IncidentsNewestFirstWithTotals) {
  auto [status, page] = get("/api/incidents");
  ASSERT_EQ(status, 200);
  ASSERT_GE(page["incidents"].size(), 4u);
  EXPECT_EQ(page["count"], page["incidents"].size());
  EXPECT_EQ(page["total"], page["incidents"].size());
  EXPECT_TRUE(page["next_cursor"].is_null());
  std::string previous = "9999-12-31";
  for (const auto& i : page["incidents"]) {
    if (i["date"].is_null()) continue;
    EXPECT_LE(i["date"].get<std::string>(), previous);
    previous = i["date"];
  }
}

TEST_P(ServeApiTest, EveryFilterNarrowsTheList) {
  const auto all = all_ids("");
  auto [s1, full] = get("/api/incidents?limit=1000");
  std::set<std::string> weapons, countries;
  for (const auto& i : full["incidents"]) {
    weapons.insert(i["weapon"]);
    countries.insert(i["country"]);
  }
  ASSERT_GE(weapons.size(), 2u);
  for (const std::string& weapon : weapons) {
    auto [s, page] = get("/api/incidents?weapon=" + weapon);
    ASSERT_EQ(s, 200);
    ASSERT_FALSE(page["incidents"].empty()) << weapon;
    EXPECT_LT(page["incidents"].size(), all.size()) << weapon;
    for (const auto& i : page["incidents"]) EXPECT_EQ(i["weapon"], weapon);
  }
  auto [s2, iq] = get("/api/incidents?country=iq");
  ASSERT_EQ(s2, 200);
  ASSERT_FALSE(iq["incidents"].empty());
  for (const auto& i : iq["incidents"]) EXPECT_EQ(i["country"], "IQ");

  auto [s3, since] = get("/api/incidents?since=2024-05-17&until=2024-05-31");
  ASSERT_EQ(s3, 200);
  ASSERT_FALSE(since["incidents"].empty());
  EXPECT_LT(since["incidents"].size(), all.size());
  for (const auto& i : since["incidents"]) {
    EXPECT_GE(i["date"].get<std::string>(), "2024-05-17");
    EXPECT_LE(i["date"].get<std::string>(), "2024-05-31");
  }

  auto [s4, embassy] = get("/api/incidents?facility=embassy%20baghdad");
  ASSERT_EQ(s4, 200);
  ASSERT_FALSE(embassy["incidents"].empty());
  for (const auto& i : embassy["incidents"]) EXPECT_EQ(i["facility"], "US Embassy Baghdad");

  // Baghdad, 30 km: the embassy is in, al-Tanf and Ain al-Asad are not.
  auto [s5, near] = get("/api/incidents?near=33.30,44.40,30");
  ASSERT_EQ(s5, 200);
  ASSERT_FALSE(near["incidents"].empty());
  for (const auto& i : near["incidents"]) {
    EXPECT_NEAR(i["lat"].get<double>(), 33.3, 0.3);
    EXPECT_NEAR(i["lon"].get<double>(), 44.4, 0.3);
  }

  auto [s6, actor] = get("/api/incidents?actor=iran");
  ASSERT_EQ(s6, 200);
  ASSERT_FALSE(actor["incidents"].empty());
  EXPECT_LT(actor["incidents"].size(), all.size());
  for (const auto& i : actor["incidents"]) {
    std::string names = i["suspected"].dump() + i["claimed_by"].dump();
    EXPECT_NE(names.find("Iran"), std::string::npos) << names;
  }

  // Full text: "C-RAM" is only in the embassy reports.
  auto [s7, q] = get("/api/incidents?q=C-RAM");
  ASSERT_EQ(s7, 200);
  ASSERT_FALSE(q["incidents"].empty());
  for (const auto& i : q["incidents"]) EXPECT_EQ(i["facility"], "US Embassy Baghdad");
  auto [s8, none] = get("/api/incidents?q=zzyzxnotaword");
  ASSERT_EQ(s8, 200);
  EXPECT_TRUE(none["incidents"].empty());
}

TEST_P(ServeApiTest, CursorPagesCoverEverythingOnce) {
  const auto all = all_ids("");
  std::vector<std::string> walked;
  std::string path = "/api/incidents?limit=2";
  for (int pages = 0; pages < 50; ++pages) {
    auto [status, page] = get(path);
    ASSERT_EQ(status, 200);
    EXPECT_LE(page["incidents"].size(), 2u);
    for (const auto& id : ids(page)) walked.push_back(id);
    if (page["next_cursor"].is_null()) break;
    path = "/api/incidents?limit=2&cursor=" + page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(walked, all);
  // A filter keeps applying across pages.
  auto [s, first] = get("/api/incidents?limit=1&country=IQ");
  ASSERT_EQ(s, 200);
  ASSERT_FALSE(first["next_cursor"].is_null());
  auto [s2, second] =
      get("/api/incidents?limit=1&country=IQ&cursor=" + first["next_cursor"].get<std::string>());
  ASSERT_EQ(s2, 200);
  ASSERT_EQ(second["incidents"].size(), 1u);
  EXPECT_EQ(second["incidents"][0]["country"], "IQ");
  EXPECT_NE(second["incidents"][0]["id"], first["incidents"][0]["id"]);
}

TEST_P(ServeApiTest, BadParametersAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {"since=2024-02-30", "since"}, {"until=yesterday", "until"},
      {"near=33,44", "near"},        {"near=100,44,5", "near"},
      {"weapon=laser", "weapon"},    {"country=IRQ", "country"},
      {"limit=0", "limit"},          {"limit=1001", "limit"},
      {"limit=ten", "limit"},        {"cursor=%21%21", "cursor"},
      {"weapons=drone", "weapons"},  {"since=2024-06-01&until=2024-05-01", "until"}};
  for (const auto& [query, field] : cases) {
    auto [status, body] = get(std::string("/api/incidents?") + query);
    EXPECT_EQ(status, 400) << query;
    EXPECT_EQ(body["field"], field) << query << ": " << body.dump();
    EXPECT_NE(body["error"].get<std::string>().find(field), std::string::npos) << body.dump();
  }
  auto [s1, csv] = get("/api/incidents.csv?weapon=laser");
  EXPECT_EQ(s1, 400);
  EXPECT_EQ(csv["field"], "weapon");
  auto [s2, stats] = get("/api/stats?limit=5");
  EXPECT_EQ(s2, 400);
  EXPECT_EQ(stats["field"], "limit");
  auto [s3, missing] = get("/api/nowhere");
  EXPECT_EQ(s3, 404);
  EXPECT_TRUE(missing.contains("error"));
}

TEST_P(ServeApiTest, IncidentWithReportsClaimsEvidenceAndRevisions) {
  auto [s, page] = get("/api/incidents?facility=embassy");
  ASSERT_EQ(s, 200);
  std::string id;
  for (const auto& i : page["incidents"])
    if (i["reports"].size() >= 2) id = i["id"];
  ASSERT_FALSE(id.empty()) << "the examples tell the embassy attack in two reports";
  auto [status, detail] = get("/api/incidents/" + id);
  ASSERT_EQ(status, 200);
  EXPECT_EQ(detail["incident"]["id"], id);
  ASSERT_EQ(detail["reports"].size(), detail["incident"]["reports"].size());
  for (const auto& r : detail["reports"]) {
    EXPECT_FALSE(r["text"].get<std::string>().empty());
    EXPECT_FALSE(r["outlet"].get<std::string>().empty());
    EXPECT_TRUE(r["report"].is_object());
  }
  ASSERT_FALSE(detail["claims"].empty());
  std::set<std::string> outlets;
  for (const auto& c : detail["claims"]) {
    outlets.insert(c["outlet"].get<std::string>());
    ASSERT_TRUE(c["evidence"].is_object()) << c.dump();
    const std::string sentence = c["evidence"]["text"];
    // The evidence sentence is in its report's text at the offsets given.
    for (const auto& r : detail["reports"])
      if (r["doc"] == c["doc"]) {
        const std::string text = r["text"];
        const std::size_t start = c["evidence"]["start"], end = c["evidence"]["end"];
        ASSERT_LE(end, text.size());
        EXPECT_EQ(text.substr(start, end - start), sentence);
      }
  }
  EXPECT_GE(outlets.size(), 2u);
  ASSERT_TRUE(detail["revisions"].is_array());

  auto [s404, missing] = get("/api/incidents/inc-1999-01-01-nowhere");
  EXPECT_EQ(s404, 404);
  EXPECT_EQ(missing["field"], "id");
}

TEST_P(ServeApiTest, FacilitiesAndThreatHistory) {
  auto [s, list] = get("/api/facilities");
  ASSERT_EQ(s, 200);
  ASSERT_TRUE(list.is_array());
  ASSERT_FALSE(list.empty());
  std::string embassy;
  for (const auto& f : list)
    if (f["name"] == "US Embassy Baghdad") embassy = f["name"];
  ASSERT_FALSE(embassy.empty());
  auto [s2, f] = get("/api/facilities/us%20embassy%20baghdad");
  ASSERT_EQ(s2, 200);
  EXPECT_EQ(f["name"], "US Embassy Baghdad");
  ASSERT_FALSE(f["attacks_per_month"].empty());
  int per_month = 0;
  for (const auto& m : f["attacks_per_month"]) per_month += m["attacks"].get<int>();
  EXPECT_LE(per_month, f["attacks"].get<int>());
  EXPECT_FALSE(f["weapon_mix"].empty());
  EXPECT_TRUE(f["interception"].contains("rate"));
  EXPECT_TRUE(f["days_since_last_attack"].is_number());
  EXPECT_EQ(f["incidents"].size(), f["attacks"].get<std::size_t>());
  auto [s3, missing] = get("/api/facilities/Nowhere%20Base");
  EXPECT_EQ(s3, 404);
  EXPECT_EQ(missing["field"], "name");
}

TEST_P(ServeApiTest, TalliesStatsAndExports) {
  auto [s1, tallies] = get("/api/tallies");
  ASSERT_EQ(s1, 200);
  ASSERT_FALSE(tallies.empty()) << "e14 is a tally article";
  EXPECT_TRUE(tallies[0].contains("sitrep_count"));
  const auto all = all_ids("");
  auto [s2, stats] = get("/api/stats");
  ASSERT_EQ(s2, 200);
  EXPECT_EQ(stats["incidents"], all.size());
  int by_weapon = 0, by_week = 0;
  for (const auto& [w, n] : stats["by_weapon"].items()) by_weapon += n.get<int>();
  for (const auto& week : stats["by_week"]) by_week += week["incidents"].get<int>();
  EXPECT_EQ(by_weapon, static_cast<int>(all.size()));
  EXPECT_EQ(by_week + stats["undated"].get<int>(), static_cast<int>(all.size()));
  auto [s3, drones] = get("/api/stats?weapon=drone");
  ASSERT_EQ(s3, 200);
  EXPECT_EQ(drones["by_weapon"].size(), 1u);

  auto geo = client().Get("/api/incidents.geojson?country=IQ");
  ASSERT_TRUE(geo);
  ASSERT_EQ(geo->status, 200);
  const json fc = json::parse(geo->body);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  EXPECT_EQ(fc["features"].size(), all_ids("&country=IQ").size());
  auto csv = client().Get("/api/incidents.csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("event_id_cnty,", 0), 0u);
  std::size_t lines = 0;
  for (std::size_t p = 0; (p = csv->body.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  EXPECT_EQ(lines, all.size() + 1);
}

TEST_P(ServeApiTest, PostNeedsAKnownToken) {
  const std::string body = json{{"doc", "t.txt"}, {"text", kNewArticle}}.dump();
  auto none = post(body, "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(json::parse(none->body)["field"], "Authorization");
  auto wrong = post(body, "sitrep_0000000000000000000000000000000000000000");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);

  // A revoked token is refused too.
  auto store = sitrep::store::open_store(db_);
  ASSERT_TRUE(store.has_value());
  const std::string other = sitrep::cli::new_token();
  ASSERT_TRUE((*store)->add_token({sitrep::serve::sha256_hex(other), "short-lived", "x"}));
  auto bad_json = post("{", other);
  ASSERT_TRUE(bad_json);
  EXPECT_EQ(bad_json->status, 400) << "accepted while the token exists";
  ASSERT_EQ((*store)->revoke_tokens("short-lived").value_or(0), 1);
  auto revoked = post(body, other);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 403);
}

TEST_P(ServeApiTest, PostRefusesBadArticlesNamingTheField) {
  const std::pair<std::string, std::string> cases[] = {
      {"{", "body"},
      {"42", "body"},
      {"[]", "body"},
      {R"({"text": "Rockets hit a base."})", "doc"},
      {R"({"doc": "a.txt"})", "text"},
      {R"({"doc": "a.txt", "text": "   "})", "text"},
      {R"({"doc": 7, "text": "x"})", "doc"},
      {R"({"doc": "a.txt", "text": "x", "published": "last Tuesday"})", "published"},
      {R"([{"doc": "a.txt", "text": "x"}, {"doc": "b.txt"}])", "[1].text"}};
  for (const auto& [body, field] : cases) {
    auto res = post(body, token_);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    const json error = json::parse(res->body, nullptr, false);
    EXPECT_EQ(error["field"], field) << body << ": " << res->body;
  }
  // Nothing of a refused batch was stored.
  auto docs = sitrep::store::open_store(db_).value()->documents({"", {"a.txt"}});
  ASSERT_TRUE(docs.has_value());
  EXPECT_TRUE(docs->empty());
}

TEST_P(ServeApiTest, PostIngestsMergesAndAnswersWithTheIncident) {
  const std::string body = json{
      {"doc", "api_conoco.txt"},
      {"text", kNewArticle},
      {"outlet", "Test Wire"},
      {"published",
       "2025-02-04"}}.dump();
  auto res = post(body, token_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json answer = json::parse(res->body);
  ASSERT_EQ(answer["documents"].size(), 1u);
  const json& row = answer["documents"][0];
  EXPECT_TRUE(row["added"].get<bool>());
  EXPECT_TRUE(row["report"]["reports_attack"].get<bool>());
  ASSERT_EQ(row["incidents"].size(), 1u);
  const std::string id = row["incidents"][0];
  auto [status, detail] = get("/api/incidents/" + id);
  ASSERT_EQ(status, 200);
  EXPECT_EQ(detail["incident"]["reports"][0], "api_conoco.txt");
  EXPECT_EQ(detail["reports"][0]["outlet"], "Test Wire");
  // The same article again: known, nothing added, same incident.
  auto again = post(body, token_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  EXPECT_FALSE(json::parse(again->body)["documents"][0]["added"].get<bool>());
  // The CLI sees what the API stored.
  std::ostringstream out, err;
  sitrep::cli::ShowOptions show;
  show.db = db_;
  show.id = id;
  EXPECT_EQ(sitrep::cli::run_show(show, {out, err}), 0) << err.str();
}

TEST_P(ServeApiTest, EventsStreamAnnouncesNewIncidents) {
  std::atomic<bool> connected = false, seen = false;
  std::string received;
  std::thread listener([&] {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(20, 0);
    c.Get(
        "/api/events",
        [&](const httplib::Response& r) {
          connected = r.status == 200;
          return true;
        },
        [&](const char* data, std::size_t size) {
          received.append(data, size);
          if (received.find("event: incident") != std::string::npos &&
              received.find("inc-2025-03-") != std::string::npos) {
            seen = true;
            return false;
          }
          return true;
        });
  });
  for (int i = 0; i < 200 && !connected; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(connected);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string body = json{
      {"doc", "api_events.txt"},
      // Not kNewArticle alone: PostIngests... may have stored that text in this server already.
      {"text", std::string(kNewArticle) + "The base was quiet by evening.\n"},
      {"url", "https://example.com/events"},
      {"published",
       "2025-03-04"}}.dump();
  auto res = post(body, token_);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  listener.join();
  EXPECT_TRUE(seen.load()) << received;
}

TEST_P(ServeApiTest, OpenApiDocumentsExactlyTheRoutesAnswered) {
  auto [status, doc] = get("/api/openapi.json");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + path);
    }
  const auto served = server_->routes();
  const std::set<std::string> answered(served.begin(), served.end());
  for (const auto& r : answered) EXPECT_TRUE(documented.contains(r)) << r << " is not documented";
  for (const auto& r : documented) EXPECT_TRUE(answered.contains(r)) << r << " is not served";

  // Every documented route answers with something other than "no such route".
  const std::string id = all_ids("").front();
  for (const auto& route : documented) {
    const std::string method = route.substr(0, route.find(' '));
    std::string path = route.substr(route.find(' ') + 1);
    if (auto p = path.find("{id}"); p != std::string::npos) path.replace(p, 4, id);  // incidents
    if (auto p = path.find("{name}"); p != std::string::npos)
      path.replace(p, 6, "US%20Embassy%20Baghdad");
    if (method == "GET" && path == "/api/events") continue;  // a stream: checked above
    const httplib::Headers auth{{"Authorization", "Bearer " + token_}};
    const std::string subscription =
        json{{"name", "probe"}, {"facility", "Embassy"}, {"webhook", "http://127.0.0.1:9/"}}.dump();
    httplib::Result res{nullptr, httplib::Error::Unknown};
    if (method == "GET")
      res = client().Get(path, auth);
    else if (method == "POST" && path == "/api/documents")
      res = post(json{{"doc", "openapi_probe.txt"}, {"text", "Nothing happened today."}}.dump(),
                 token_);
    else if (method == "POST")
      res = client().Post(path, auth, subscription, "application/json");
    else if (method == "DELETE") {
      client().Post("/api/subscriptions", auth, subscription, "application/json");
      res = client().Delete(path.substr(0, path.rfind('/') + 1) + "probe", auth);
    }
    ASSERT_TRUE(res) << route;
    EXPECT_GE(res->status, 200) << route;
    EXPECT_LT(res->status, 300) << route << ": " << res->body;
  }
}

TEST_P(ServeApiTest, PagesCarryAContentSecurityPolicyWithoutInlineScripts) {
  auto res = client().Get("/api/stats");
  ASSERT_TRUE(res);
  const std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  const std::string scripts = csp.substr(csp.find("script-src"));
  EXPECT_EQ(scripts.substr(0, scripts.find(';')).find("unsafe"), std::string::npos) << csp;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServeApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "sqlite" : "postgres";
                         });

TEST(ServeQuery, CursorRoundTripsAndRefusesGarbage) {
  using sitrep::serve::Cursor;
  const Cursor c{"2024-05-16", "inc-2024-05-16-ain-al-asad-air-base"};
  auto back = sitrep::serve::decode_cursor(sitrep::serve::encode_cursor(c));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->date, c.date);
  EXPECT_EQ(back->id, c.id);
  EXPECT_FALSE(sitrep::serve::decode_cursor("not a cursor").has_value());
  EXPECT_FALSE(sitrep::serve::decode_cursor(sitrep::serve::encode_cursor({"2024-13-01", "x"})));
}

// select() keeps the snapshot's order (newest first, undated last) and stops at `since`.
TEST(ServeQuery, SelectKeepsOrderAndStopsAtSince) {
  auto incident = [](const std::string& id, std::optional<std::string> date,
                     const std::string& weapon) {
    sitrep::Incident i;
    i.id = id;
    i.date = std::move(date);
    i.weapon = weapon;
    return i;
  };
  std::vector<sitrep::Incident> snapshot = {
      incident("e", "2024-05-20", "drone"), incident("d", "2024-05-10", "rocket"),
      incident("c", "2024-05-10", "drone"), incident("b", "2024-04-01", "drone"),
      incident("a", std::nullopt, "drone"),
  };
  std::sort(snapshot.begin(), snapshot.end(), sitrep::serve::newer_first);
  auto ids = [&](const sitrep::serve::Filter& filter) {
    std::string out;
    for (const sitrep::Incident* i : sitrep::serve::select(snapshot, filter, {})) out += i->id;
    return out;
  };
  sitrep::serve::Filter all;
  EXPECT_EQ(ids(all), "edcba");
  sitrep::serve::Filter since = all;
  since.query.since = "2024-05-10";
  EXPECT_EQ(ids(since), "edc");
  since.query.weapon = "drone";
  EXPECT_EQ(ids(since), "ec");
  sitrep::serve::Filter until = all;
  until.query.until = "2024-05-10";
  EXPECT_EQ(ids(until), "dcb");
}

TEST(ServeQuery, WeeksStartOnMonday) {
  EXPECT_EQ(sitrep::serve::week_of("2024-09-10"), "2024-09-09");  // a Tuesday
  EXPECT_EQ(sitrep::serve::week_of("2024-09-09"), "2024-09-09");
  EXPECT_EQ(sitrep::serve::week_of("2024-01-07"), "2024-01-01");  // a Sunday
  EXPECT_EQ(sitrep::serve::week_of("soon"), "");
  EXPECT_EQ(sitrep::serve::days_between("2024-02-28", "2024-03-01"), 2);
}

TEST(ServeSha256, KnownDigests) {
  using sitrep::serve::sha256_hex;
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding spills into a second block.
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

}  // namespace
