// Alerts end to end on loopback: a real server, a local webhook receiver started by the test,
// articles posted through the API. New and update alerts, no duplicate after a restart, retries
// after the receiver answers 500 twice, CAP 1.2 validated by xmllint against data/cap/cap-1.2.xsd,
// and a slow webhook that does not slow ingest.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/serve_commands.h"
#include "core/clock.h"
#include "serve/alerts.h"
#include "serve/server.h"
#include "serve/sha256.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

// Made up for these tests: one attack told by two outlets with different counts.
const char* const kFirst =
    "Rockets hit US base in Syria\n\nFour rockets struck the Conoco gas field base housing US "
    "forces in eastern Syria on Monday, a US official said. No one was hurt.\n";
const char* const kSecond =
    "Base in Syria attacked\n\nSix rockets were fired at the Conoco gas field base, which hosts "
    "US forces, on Monday, and two of them hit the base, a Syrian monitor said. Two soldiers "
    "were injured.\n";

// A webhook receiver on a free loopback port: records every POST; answers 500 to the first
// `failures` requests.
class Receiver {
 public:
  explicit Receiver(int failures = 0, std::chrono::milliseconds delay = 0ms)
      : failures_(failures), delay_(delay) {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      if (delay_.count()) std::this_thread::sleep_for(delay_);
      std::lock_guard lock(mutex_);
      bodies_.push_back(req.body);
      identifiers_.push_back(req.get_header_value("X-Sitrep-Alert"));
      types_.push_back(req.get_header_value("Content-Type"));
      times_.push_back(std::chrono::steady_clock::now());
      res.status = static_cast<int>(bodies_.size()) <= failures_ ? 500 : 200;
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::size_t count() {
    std::lock_guard lock(mutex_);
    return bodies_.size();
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }
  std::vector<std::string> identifiers() {
    std::lock_guard lock(mutex_);
    return identifiers_;
  }
  std::vector<std::chrono::steady_clock::time_point> times() {
    std::lock_guard lock(mutex_);
    return times_;
  }
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = 10s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (count() >= n) return true;
      std::this_thread::sleep_for(10ms);
    }
    return count() >= n;
  }

 private:
  httplib::Server server_;
  int failures_;
  std::chrono::milliseconds delay_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> bodies_, identifiers_, types_;
  std::vector<std::chrono::steady_clock::time_point> times_;
};

// A server on a free port over `db`, run on its own thread.
class Running {
 public:
  explicit Running(const std::string& db, std::chrono::milliseconds watch = 100ms) {
    sitrep::serve::ServeOptions options;
    options.db = db;
    options.port = 0;
    options.watch_interval = watch;
    options.delivery.first_retry = 50ms;
    options.delivery.poll = 20ms;
    options.delivery.max_attempts = 4;
    options.delivery.timeout = 2s;
    auto server = sitrep::serve::Server::open(options);
    if (!server) {
      ADD_FAILURE() << server.error().message;
      return;
    }
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->run(); });
    httplib::Client probe("127.0.0.1", server_->port());
    for (int i = 0; i < 100 && !probe.Get("/api/openapi.json"); ++i)
      std::this_thread::sleep_for(20ms);
  }
  ~Running() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return server_ ? server_->port() : 0; }

 private:
  std::unique_ptr<sitrep::serve::Server> server_;
  std::thread thread_;
};

class AlertsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_alerts_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "alerts.db").string();
    token_ = sitrep::cli::new_token();
    auto store = sitrep::store::open_store(db_);
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE((*store)->add_token({sitrep::serve::sha256_hex(token_), "t", sitrep::now_utc()}));
  }
  void TearDown() override { fs::remove_all(dir_); }

  long long subscribe(const std::string& webhook, const std::string& format,
                      const std::string& facility = "Conoco") {
    sitrep::store::Subscription s;
    s.name = "test-" + format;
    s.facility = facility;
    s.webhook = webhook;
    s.format = format;
    auto store = sitrep::store::open_store(db_);
    auto id = (*store)->add_subscription(s);
    EXPECT_TRUE(id.has_value());
    return id.value_or(0);
  }

  httplib::Result post(int port, const std::string& doc, const std::string& text,
                       const std::string& outlet, const std::string& published = "2025-02-04") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    const json body{{"doc", doc}, {"text", text}, {"outlet", outlet}, {"published", published}};
    return client.Post("/api/documents", {{"Authorization", "Bearer " + token_}}, body.dump(),
                       "application/json");
  }

  std::vector<sitrep::store::Alert> alerts() {
    return sitrep::store::open_store(db_).value()->alerts(std::nullopt).value();
  }

  // xmllint's verdict on `xml` against our CAP 1.2 schema: 0 when valid.
  int xmllint(const std::string& xml, const std::string& name) {
    const fs::path file = dir_ / name;
    std::ofstream(file) << xml;
    const std::string command = "xmllint --noout --schema '" SITREP_SOURCE_DIR
                                "/data/cap/cap-1.2.xsd' '" +
                                file.string() + "' 2>'" + file.string() + ".log'";
    return std::system(command.c_str());
  }

  fs::path dir_;
  std::string db_, token_;
};

TEST_F(AlertsTest, NewThenUpdateAndNoDuplicateAfterRestart) {
  Receiver receiver;
  subscribe(receiver.url(), "json");
  {
    Running server(db_);
    auto first = post(server.port(), "alert_a.txt", kFirst, "Wire A");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201) << first->body;
    ASSERT_TRUE(receiver.wait_for(1));
    const json alert = json::parse(receiver.bodies()[0]);
    EXPECT_EQ(alert["alert"]["kind"], "new");
    const std::string id = alert["incident"]["id"];
    EXPECT_EQ(alert["alert"]["incident_id"], id);

    auto second = post(server.port(), "alert_b.txt", kSecond, "Wire B");
    ASSERT_TRUE(second);
    ASSERT_EQ(second->status, 201) << second->body;
    ASSERT_TRUE(receiver.wait_for(2)) << "a second source changed the counts: an update is due";
    const json update = json::parse(receiver.bodies()[1]);
    EXPECT_EQ(update["alert"]["kind"], "update");
    EXPECT_EQ(update["incident"]["id"], id);
    EXPECT_GT(update["alert"]["revision"].get<int>(), alert["alert"]["revision"].get<int>());
    EXPECT_EQ(update["incident"]["reports"].size(), 2u);
  }
  // A restart on the same database, the same articles again and an unrelated change: nothing
  // is sent twice.
  {
    Running server(db_);
    auto again = post(server.port(), "alert_b.txt", kSecond, "Wire B");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
    std::this_thread::sleep_for(500ms);
  }
  EXPECT_EQ(receiver.count(), 2u);
  const auto outbox = alerts();
  ASSERT_EQ(outbox.size(), 2u);
  for (const auto& a : outbox) EXPECT_EQ(a.status, "delivered");
  // The outbox itself refuses a second alert for the same revision.
  auto store = sitrep::store::open_store(db_);
  EXPECT_FALSE((*store)->queue_alert(outbox[0]).value_or(true));
}

TEST_F(AlertsTest, AnIngestWhileNoServerRunsIsDeliveredByTheNextServer) {
  Receiver receiver;
  subscribe(receiver.url(), "json");
  // Ingest through the CLI path: the alert waits in the outbox.
  const fs::path article = dir_ / "cli_conoco.txt";
  std::ofstream(article) << kFirst;
  std::ostringstream out, err;
  sitrep::cli::IngestOptions ingest;
  ingest.db = db_;
  ingest.quiet = true;
  ingest.paths = {article.string()};
  ASSERT_EQ(sitrep::cli::run_ingest(ingest, {out, err}), 0) << err.str();
  ASSERT_EQ(alerts().size(), 1u);
  EXPECT_EQ(alerts()[0].status, "pending");
  EXPECT_EQ(receiver.count(), 0u);
  Running server(db_);
  ASSERT_TRUE(receiver.wait_for(1));
  EXPECT_EQ(json::parse(receiver.bodies()[0])["alert"]["kind"], "new");
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(receiver.count(), 1u);
}

TEST_F(AlertsTest, AnAlertQueuedBeforeTheSnapshotCatchesUpIsStillDelivered) {
  Receiver receiver;
  subscribe(receiver.url(), "json");
  Running server(db_, /*watch=*/60s);  // the snapshot will not see the ingest below
  const fs::path article = dir_ / "behind.txt";
  std::ofstream(article) << kFirst;
  std::ostringstream out, err;
  sitrep::cli::IngestOptions ingest;
  ingest.db = db_;
  ingest.quiet = true;
  ingest.paths = {article.string()};
  ASSERT_EQ(sitrep::cli::run_ingest(ingest, {out, err}), 0) << err.str();
  ASSERT_TRUE(receiver.wait_for(1, 5s))
      << "status: " << alerts().front().status << " " << alerts().front().last_error;
  EXPECT_EQ(json::parse(receiver.bodies()[0])["alert"]["kind"], "new");
}

TEST_F(AlertsTest, RetriesWithBackoffAfterTwoFailures) {
  Receiver receiver(/*failures=*/2);
  subscribe(receiver.url(), "json");
  Running server(db_);
  auto res = post(server.port(), "alert_retry.txt", kFirst, "Wire A");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  ASSERT_TRUE(receiver.wait_for(3));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(receiver.count(), 3u) << "delivered on the third try, then no more";
  const auto ids = receiver.identifiers();
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(ids[1], ids[2]);
  // Exponential backoff: the second wait is longer than the first (50 ms, then 100 ms).
  const auto t = receiver.times();
  EXPECT_GE(t[1] - t[0], 45ms);
  EXPECT_GE(t[2] - t[1], 95ms);
  std::optional<sitrep::store::Alert> alert;
  for (int i = 0; i < 100 && (!alert || alert->status != "delivered"); ++i) {
    std::this_thread::sleep_for(20ms);
    alert = alerts().front();
  }
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->status, "delivered");
  EXPECT_EQ(alert->attempts, 3);
  // `sitrep alerts` lists it with its status.
  std::ostringstream out, err;
  sitrep::cli::AlertsOptions options;
  options.db = db_;
  EXPECT_EQ(sitrep::cli::run_alerts(options, {out, err}), 0) << err.str();
  EXPECT_NE(out.str().find("delivered"), std::string::npos) << out.str();
}

TEST_F(AlertsTest, GivesUpAfterTheLimitAndRecordsTheError) {
  Receiver receiver(/*failures=*/100);
  subscribe(receiver.url(), "json");
  Running server(db_);
  ASSERT_EQ(post(server.port(), "alert_dead.txt", kFirst, "Wire A")->status, 201);
  ASSERT_TRUE(receiver.wait_for(4));
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(receiver.count(), 4u) << "max_attempts is 4";
  const auto outbox = alerts();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].status, "failed");
  EXPECT_EQ(outbox[0].last_error, "HTTP 500");
}

TEST_F(AlertsTest, CapAlertsValidateAgainstTheSchema) {
  Receiver receiver;
  subscribe(receiver.url(), "cap");
  Running server(db_);
  ASSERT_EQ(post(server.port(), "cap_a.txt", kFirst, "Wire A")->status, 201);
  ASSERT_TRUE(receiver.wait_for(1));
  ASSERT_EQ(post(server.port(), "cap_b.txt", kSecond, "Wire B")->status, 201);
  ASSERT_TRUE(receiver.wait_for(2));
  const auto bodies = receiver.bodies();
  const std::string& alert = bodies[0];
  const std::string& update = bodies[1];
  EXPECT_EQ(xmllint(alert, "alert.xml"), 0) << alert;
  EXPECT_EQ(xmllint(update, "update.xml"), 0) << update;
  EXPECT_NE(alert.find("<msgType>Alert</msgType>"), std::string::npos);
  EXPECT_NE(alert.find("<status>Actual</status>"), std::string::npos);
  EXPECT_NE(alert.find("<category>Security</category>"), std::string::npos);
  EXPECT_NE(alert.find("<certainty>Likely</certainty>"), std::string::npos) << "one source";
  EXPECT_NE(alert.find("<circle>"), std::string::npos);
  EXPECT_NE(update.find("<msgType>Update</msgType>"), std::string::npos);
  EXPECT_NE(update.find("<certainty>Observed</certainty>"), std::string::npos) << "two outlets";
  // The update references the first alert by sender,identifier,sent.
  const auto id_start = alert.find("<identifier>") + 12;
  const std::string first_id = alert.substr(id_start, alert.find("</identifier>") - id_start);
  EXPECT_NE(update.find("<references>sitrep," + first_id + ","), std::string::npos) << update;
  // The schema does refuse what CAP does not allow.
  std::string broken = alert;
  broken.replace(broken.find("<status>Actual"), 14, "<status>Real");
  EXPECT_NE(xmllint(broken, "broken.xml"), 0);
  std::string zulu = alert;
  const auto sent = zulu.find("+00:00</sent>");
  ASSERT_NE(sent, std::string::npos);
  zulu.replace(sent, 6, "Z");
  EXPECT_NE(xmllint(zulu, "zulu.xml"), 0) << "CAP times carry an offset, not Z";
}

TEST_F(AlertsTest, CircleGrowsWhenOnlyTheCityIsKnown) {
  sitrep::Incident incident;
  incident.id = "inc-2025-01-01-baghdad";
  incident.date = "2025-01-01";
  incident.lat = 33.3;
  incident.lon = 44.4;
  incident.geo_precision = "facility";
  sitrep::store::Alert alert;
  alert.incident_id = incident.id;
  alert.kind = "new";
  alert.created_at = "2025-01-01T10:00:00Z";
  const std::string precise = sitrep::serve::cap_xml(incident, alert, {}, 1);
  incident.geo_precision = "city";
  const std::string city = sitrep::serve::cap_xml(incident, alert, {}, 1);
  EXPECT_NE(precise.find("<circle>33.3000,44.4000 1.0</circle>"), std::string::npos) << precise;
  EXPECT_NE(city.find("<circle>33.3000,44.4000 15.0</circle>"), std::string::npos) << city;
  EXPECT_EQ(xmllint(city, "city.xml"), 0);
}

TEST_F(AlertsTest, ASlowWebhookDoesNotSlowIngest) {
  Receiver receiver(0, /*delay=*/1500ms);
  subscribe(receiver.url(), "json");
  Running server(db_);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(post(server.port(), "slow_a.txt", kFirst, "Wire A")->status, 201);
  ASSERT_EQ(post(server.port(), "slow_b.txt", kSecond, "Wire B")->status, 201);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);
  EXPECT_TRUE(receiver.wait_for(1, 5s));
}

// POSTs that arrive together share merges (serve/merge_batch.h): each answer must still name
// the incident its own article made, and each attack gets its one alert.
TEST_F(AlertsTest, PostsArrivingTogetherEachGetTheirOwnIncident) {
  Receiver receiver;
  subscribe(receiver.url(), "json");
  Running server(db_);
  constexpr int kPosts = 6;
  std::vector<std::string> answered(kPosts);
  std::vector<std::thread> clients;
  for (int n = 0; n < kPosts; ++n)
    clients.emplace_back([&, n] {
      // A week apart: six attacks, not six reports of one.
      const char* const kPublished[] = {"2025-03-03", "2025-03-10", "2025-03-17",
                                        "2025-03-24", "2025-03-31", "2025-04-07"};
      auto r =
          post(server.port(), "burst_" + std::to_string(n) + ".txt",
               std::string(kFirst) + "Item " + std::to_string(n) + ".\n", "Wire A", kPublished[n]);
      if (!r || r->status != 201) return;
      const json body = json::parse(r->body);
      const json& ids = body["documents"][0]["incidents"];
      if (ids.size() == 1) answered[n] = ids[0];
    });
  for (auto& c : clients) c.join();
  std::set<std::string> distinct;
  for (int n = 0; n < kPosts; ++n) {
    EXPECT_FALSE(answered[n].empty()) << "post " << n << " named no incident of its own";
    distinct.insert(answered[n]);
  }
  EXPECT_EQ(distinct.size(), static_cast<std::size_t>(kPosts));
  // The snapshot the answers came from shows each incident (the merge's own incidents are
  // taken into it, not read back).
  httplib::Client client("127.0.0.1", server.port());
  for (const std::string& id : distinct) {
    auto got = client.Get("/api/incidents/" + id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->status, 200) << id;
  }
  ASSERT_TRUE(receiver.wait_for(kPosts));
  std::set<std::string> alerted;
  for (const auto& body : receiver.bodies()) alerted.insert(json::parse(body)["incident"]["id"]);
  EXPECT_EQ(alerted, distinct);
}

TEST_F(AlertsTest, OnlyMatchingSubscriptionsAreAlerted) {
  Receiver elsewhere, here;
  subscribe(elsewhere.url(), "json", "Nowhere Base");
  subscribe(here.url(), "json");
  Running server(db_);
  ASSERT_EQ(post(server.port(), "match_a.txt", kFirst, "Wire A")->status, 201);
  ASSERT_TRUE(here.wait_for(1));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(elsewhere.count(), 0u);
}

TEST_F(AlertsTest, SubscriptionsThroughTheApiNeedAToken) {
  Running server(db_);
  httplib::Client client("127.0.0.1", server.port());
  const json body{{"name", "embassy"},
                  {"near", "33.2986,44.3958,5"},
                  {"webhook", "http://127.0.0.1:9/hook"},
                  {"format", "cap"}};
  auto refused = client.Post("/api/subscriptions", body.dump(), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  const httplib::Headers auth{{"Authorization", "Bearer " + token_}};
  auto made = client.Post("/api/subscriptions", auth, body.dump(), "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 201) << made->body;
  EXPECT_EQ(json::parse(made->body)["near"]["km"], 5.0);
  for (const auto& [bad, field] : std::vector<std::pair<json, std::string>>{
           {{{"name", "x"}, {"webhook", "http://h/"}}, "near"},
           {{{"name", "x"}, {"near", "1,2"}, {"webhook", "http://h/"}}, "near"},
           {{{"name", "x"}, {"facility", "Erbil"}, {"webhook", "ftp://h/"}}, "webhook"},
           {{{"name", "x"}, {"facility", "Erbil"}, {"webhook", "http://h/"}, {"format", "rss"}},
            "format"},
           {{{"name", "x"}, {"facility", "Erbil"}, {"webhook", "http://h/"}, {"weapon", "laser"}},
            "weapon"},
           {{{"facility", "Erbil"}, {"webhook", "http://h/"}}, "name"}}) {
    auto res = client.Post("/api/subscriptions", auth, bad.dump(), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad.dump();
    EXPECT_EQ(json::parse(res->body)["field"], field) << res->body;
  }
  auto list = client.Get("/api/subscriptions", auth);
  ASSERT_TRUE(list);
  ASSERT_EQ(json::parse(list->body).size(), 1u);
  auto gone = client.Delete("/api/subscriptions/embassy", auth);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 200);
  auto missing = client.Delete("/api/subscriptions/embassy", auth);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  // And through the CLI.
  std::ostringstream out, err;
  sitrep::cli::SubscribeOptions cli;
  cli.db = db_;
  cli.name = "erbil";
  cli.facility = "Erbil";
  cli.webhook = "http://127.0.0.1:9/hook";
  EXPECT_EQ(sitrep::cli::run_subscribe(cli, {out, err}), 0) << err.str();
  sitrep::cli::SubscriptionsOptions list_options;
  list_options.db = db_;
  EXPECT_EQ(sitrep::cli::run_subscriptions(list_options, {out, err}), 0);
  EXPECT_NE(out.str().find("erbil"), std::string::npos);
  // A name already taken is refused (DELETE by name would remove both).
  std::ostringstream again;
  EXPECT_EQ(sitrep::cli::run_subscribe(cli, {out, again}), sitrep::cli::kExitUsage);
  EXPECT_NE(again.str().find("exists"), std::string::npos) << again.str();
  cli.facility.clear();
  EXPECT_EQ(sitrep::cli::run_subscribe(cli, {out, err}), sitrep::cli::kExitUsage);
}

}  // namespace

namespace {

sitrep::Incident sample() {
  sitrep::Incident i;
  i.id = "inc-2025-02-03-conoco-gas-field-base";
  i.date = "2025-02-03";
  i.facility = "Conoco Gas Field Base";
  i.lat = 35.2;
  i.lon = 40.3;
  i.weapon = "rocket";
  i.launched = sitrep::Figure{4, 4, 4, {{4, "a.txt", "Wire A", "US official"}}};
  i.impacted = sitrep::Figure{1, 1, 1, {{1, "a.txt", "Wire A", "US official"}}};
  i.reports = {"a.txt"};
  return i;
}

TEST(AlertRules, WhatCountsAsAMaterialChange) {
  const sitrep::Incident before = sample();
  sitrep::Incident after = before;
  after.revision = 2;
  after.reports.push_back("b.txt");  // another report that adds nothing
  EXPECT_FALSE(sitrep::serve::material_change(before, after));
  after.damage = "minor";
  EXPECT_FALSE(sitrep::serve::material_change(before, after));
  sitrep::Incident count = before;
  count.launched->claims.push_back({6, "b.txt", "Wire B", "monitor"});
  count.launched->high = 6;
  EXPECT_TRUE(sitrep::serve::material_change(before, count));
  sitrep::Incident claim = before;
  claim.impacted->claims[0].source = "Iraqi security source";  // same figure, another source
  EXPECT_TRUE(sitrep::serve::material_change(before, claim));
  sitrep::Incident casualties = before;
  casualties.injured = sitrep::Figure{2, 2, 2, {{2, "b.txt", "Wire B", ""}}};
  EXPECT_TRUE(sitrep::serve::material_change(before, casualties));
  sitrep::Incident blamed = before;
  blamed.claimed_by = {"Islamic Resistance in Iraq"};
  EXPECT_TRUE(sitrep::serve::material_change(before, blamed));
}

TEST(AlertRules, SubscriptionsMatchByAreaWeaponAndImpacts) {
  const sitrep::Incident incident = sample();
  sitrep::store::Subscription near;
  near.lat = 35.25;
  near.lon = 40.3;
  near.km = 10;
  EXPECT_TRUE(sitrep::serve::matches(near, incident));
  near.km = 2;
  EXPECT_FALSE(sitrep::serve::matches(near, incident));
  sitrep::store::Subscription facility;
  facility.facility = "conoco";
  EXPECT_TRUE(sitrep::serve::matches(facility, incident));
  facility.weapon = "drone";
  EXPECT_FALSE(sitrep::serve::matches(facility, incident));
  facility.weapon = "rocket";
  facility.min_impacted = 2;
  EXPECT_FALSE(sitrep::serve::matches(facility, incident));
  facility.min_impacted = 1;
  EXPECT_TRUE(sitrep::serve::matches(facility, incident));
}

}  // namespace
