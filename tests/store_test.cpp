// Store: round trips, duplicates, filters, revisions, atomicity, migrations, the merge lock; every
// test runs against SQLite and against a real PostgreSQL server (tests/pg_server.h).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "core/json.h"
#include "lexicon/lexicon.h"
#include "merge/merge.h"
#include "pg_server.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace sitrep::store {
namespace {

namespace fs = std::filesystem;

enum class Backend { kSqlite, kPostgres };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgres";
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test.begin(), test.end(), '/', '_');  // the backend follows a '/'
    dir_ = fs::temp_directory_path() /
           ("sitrep_store_test_" + std::to_string(::getpid()) + "_" + test);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == Backend::kSqlite) {
      path_ = (dir_ / "test.db").string();
      name_ = "test.db";
      return;
    }
    auto* server = sitrep::testing::PgServer::shared();
    if (!server) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
    name_ = sitrep::testing::PgServer::test_database();
    path_ = server->create_database(name_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> open() {
    auto store = open_store(path_);
    EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
    return store ? std::move(*store) : nullptr;
  }

  // The schema_version table: how many rows, and the highest version.
  std::pair<int, int> schema_versions() {
    const char* sql = "SELECT count(*), max(version) FROM schema_version";
    if (GetParam() == Backend::kPostgres) {
      pqxx::connection connection(path_);
      pqxx::read_transaction tx(connection);
      auto row = tx.exec1(sql);
      return {row[0].as<int>(), row[1].as<int>()};
    }
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    std::pair<int, int> out{sqlite3_column_int(stmt, 0), sqlite3_column_int(stmt, 1)};
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }
  int schema_version() const {
    return GetParam() == Backend::kSqlite ? sqlite_schema_version() : postgres_schema_version();
  }

  static StoredDocument document(const std::string& id, const std::string& name,
                                 const std::string& text) {
    StoredDocument d;
    d.id = id;
    d.doc = name;
    d.url = "https://example.org/" + name;
    d.outlet = "Example Wire";
    d.published = "2024-05-02";
    d.language = "en";
    d.title = "Title of " + name;
    d.text = text;
    return d;
  }

  static Report report(const std::string& name, int launched) {
    Report r;
    r.doc = name;
    r.published = "2024-05-02";
    r.reports_attack = true;
    Attack a;
    a.date = "2024-05-01";
    a.facility = "Camp Example";
    a.weapon = "drone";
    a.launched = launched;
    a.suspected = {"Iran-aligned militias"};
    a.evidence["launched"] = Evidence{"Three drones were launched.", 10, 37, "a spokesman"};
    r.main = a;
    Tally t;
    t.count = 40;
    t.qualifier = "more than";
    t.region = "Iraq and Syria";
    r.tallies.push_back(t);
    return r;
  }

  static Incident incident(const std::string& id, const std::string& date, double lat, double lon,
                           const std::string& facility, const std::string& weapon) {
    Incident i;
    i.id = id;
    i.date = date;
    i.lat = lat;
    i.lon = lon;
    i.facility = facility;
    i.weapon = weapon;
    i.reports = {"a.txt"};
    Figure f;
    f.best = f.low = 2;
    f.high = 5;
    f.claims = {Claim{2, "a.txt", "Wire", "official"}, Claim{5, "b.txt", "", ""}};
    i.launched = f;
    return i;
  }

  fs::path dir_;
  std::string path_;  // file path or URI
  std::string name_;  // what error messages name: the file or the database
};

TEST_P(StoreTest, DocumentAndReportRoundTrip) {
  auto store = open();
  ASSERT_TRUE(store);
  auto put = store->put_document(document("d-1", "one.txt", "Rockets hit the compound."),
                                 report("one.txt", 3));
  ASSERT_TRUE(put.has_value()) << put.error().message;
  EXPECT_TRUE(*put);

  auto docs = store->documents({});
  ASSERT_TRUE(docs.has_value());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].id, "d-1");
  EXPECT_EQ((*docs)[0].doc, "one.txt");
  EXPECT_EQ((*docs)[0].outlet, "Example Wire");
  EXPECT_EQ((*docs)[0].title, "Title of one.txt");
  EXPECT_EQ((*docs)[0].chars, std::string("Rockets hit the compound.").size());
  EXPECT_FALSE((*docs)[0].ingested_at.empty());

  auto reports = store->reports();
  ASSERT_TRUE(reports.has_value());
  ASSERT_EQ(reports->size(), 1u);
  const Report& r = (*reports)[0];
  EXPECT_EQ(r.doc, "one.txt");
  EXPECT_EQ(r.doc_id, "d-1");
  ASSERT_TRUE(r.main);
  EXPECT_EQ(r.main->launched, 3);
  EXPECT_EQ(r.main->weapon, "drone");
  EXPECT_EQ(r.main->evidence.at("launched").source, "a spokesman");
  ASSERT_EQ(r.tallies.size(), 1u);
  EXPECT_EQ(r.tallies[0].count, 40);
}

TEST_P(StoreTest, DuplicateDocumentReturnsFalseAndWritesNothing) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(*store->put_document(document("d-1", "one.txt", "first text"), report("one.txt", 3)));
  EXPECT_TRUE(*store->has_document("d-1"));
  EXPECT_FALSE(*store->has_document("d-2"));
  auto again =
      store->put_document(document("d-1", "renamed.txt", "other text"), report("renamed.txt", 9));
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again);
  auto docs = store->documents({});
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].doc, "one.txt");
  auto reports = store->reports();
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].main->launched, 3);
  // The second text was not indexed either.
  EXPECT_TRUE(store->documents({"other"})->empty());
}

// put_documents() stores a batch as put_document() would one by one: a document stored already,
// or earlier in the same batch, is not stored again; on SQLite a failing batch stores nothing.
TEST_P(StoreTest, PutDocumentsIsPutDocumentForEach) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(*store->put_document(document("d-1", "one.txt", "first text"), report("one.txt", 3)));
  auto put =
      store->put_documents({{document("d-2", "two.txt", "second text"), report("two.txt", 4)},
                            {document("d-1", "again.txt", "other text"), report("again.txt", 9)},
                            {document("d-3", "three.txt", "third text"), report("three.txt", 5)},
                            {document("d-3", "twice.txt", "third again"), report("twice.txt", 6)}});
  ASSERT_TRUE(put.has_value()) << put.error().message;
  EXPECT_EQ(*put, (std::vector<bool>{true, false, true, false}));
  auto reports = store->reports();
  ASSERT_EQ(reports->size(), 3u);
  EXPECT_EQ((*reports)[0].doc, "one.txt");
  EXPECT_EQ((*reports)[1].doc, "three.txt");
  EXPECT_EQ((*reports)[1].main->launched, 5);
  EXPECT_EQ((*reports)[1].tallies.size(), 1u);
  EXPECT_EQ((*reports)[2].doc, "two.txt");
  EXPECT_EQ(store->documents({"third"})->size(), 1u);  // indexed
  EXPECT_TRUE(store->documents({"other"})->empty());
  EXPECT_TRUE(store->put_documents({})->empty());

  if (GetParam() != Backend::kSqlite) return;
  // One transaction: the bad document (no id) takes the good one before it along.
  auto bad =
      store->put_documents({{document("d-4", "four.txt", "fourth text"), report("four.txt", 1)},
                            {document("", "x.txt", "text"), report("x.txt", 1)}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_FALSE(*store->has_document("d-4"));
  EXPECT_EQ(store->reports()->size(), 3u);
  // The store is still usable after the failure.
  EXPECT_EQ(
      *store->put_documents({{document("d-4", "four.txt", "fourth text"), report("four.txt", 1)}}),
      std::vector<bool>{true});
}

// merge_reports() leaves out only what the merge cannot use: reports that are not attacks and
// mention no older attack, unless their doc name is stored more than once.
TEST_P(StoreTest, MergeReportsAreThoseTheMergeCanUse) {
  auto store = open();
  ASSERT_TRUE(store);
  auto put = [&](const std::string& id, const Report& r) {
    auto stored = store->put_document(document(id, r.doc, "text of " + id), r);
    ASSERT_TRUE(stored.has_value()) << stored.error().message;
    ASSERT_TRUE(*stored);
  };
  put("d-1", report("attack.txt", 3));
  Report quiet = report("quiet.txt", 1);  // not an attack, no background: left out
  quiet.reports_attack = false;
  put("d-2", quiet);
  Report past = quiet;  // not an attack, but mentions an older one
  past.doc = "past.txt";
  BackgroundAttack older;
  older.date = "2023-12-08";
  older.facility = "US Embassy Baghdad";
  older.country = "IQ";
  older.weapon = "rocket";
  // Quoting the key in a text does not hide the report (quotes in a JSON string are escaped).
  older.evidence.text = R"(The embassy was hit by rockets in December ("background":[]).)";
  past.background.push_back(older);
  put("d-3", past);
  // One doc name twice, once as an attack and once not: the merge keeps one of them by content,
  // so both are read.
  Report twin = report("twin.txt", 2);
  put("d-4", twin);
  Report twin_quiet = quiet;
  twin_quiet.doc = "twin.txt";
  put("d-5", twin_quiet);
  Report text_only = quiet;  // a quote of the key in a non-attack report is not a background
  text_only.doc = "zz-quiet.txt";
  text_only.main->evidence["date"] = Evidence{R"("background":[{"x":1}])", 0, 10, ""};
  put("d-6", text_only);

  auto all = store->reports();
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 6u);
  auto some = store->merge_reports();
  ASSERT_TRUE(some.has_value()) << some.error().message;
  std::vector<std::string> ids;
  for (const Report& r : *some) ids.push_back(r.doc_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"d-1", "d-3", "d-4", "d-5"}));
  ASSERT_EQ((*some)[1].background.size(), 1u);

  // The same merge either way.
  const auto attach =
      merge::AttachModel::load_default(sitrep::lexicon::Lexicon::default_data_dir());
  ASSERT_TRUE(attach.has_value()) << attach.error().message;
  const auto from_all = merge::rebuild(*all, {}, "2024-05-03T00:00:00Z", *attach);
  const auto from_some = merge::rebuild(*some, {}, "2024-05-03T00:00:00Z", *attach);
  auto dump = [](const merge::Update& u) {
    nlohmann::json out = nlohmann::json::array();
    for (const Incident& i : u.incidents) out.push_back(to_json(i));
    return out.dump();
  };
  EXPECT_FALSE(from_all.incidents.empty());
  EXPECT_EQ(dump(from_all), dump(from_some));
  EXPECT_EQ(from_all.mentioned_in, from_some.mentioned_in);
}

// What the server reads per request instead of holding every report (an incident's page, the
// tallies): the reports of some names, in the order of reports(), and those with tallies.
TEST_P(StoreTest, ReportsOfNamesAndReportsWithTallies) {
  auto store = open();
  ASSERT_TRUE(store);
  std::vector<NewDocument> batch;
  auto add = [&](const std::string& id, const std::string& name, bool tally) {
    Report r = report(name, 2);
    if (!tally) r.tallies.clear();
    batch.push_back({document(id, name, "text of " + id), r});
  };
  add("d-1", "a.txt", true);
  add("d-2", "b.txt", false);
  add("d-4", "c.txt", false);  // one name twice: both are read, by document id
  add("d-3", "c.txt", true);
  // More names than one SQLite statement takes at once.
  std::vector<std::string> many;
  for (int n = 0; n < 620; ++n) {
    const std::string name = "many-" + std::to_string(1000 + n) + ".txt";
    add("m-" + std::to_string(n), name, false);
    many.push_back(name);
  }
  auto stored = store->put_documents(batch);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;

  auto ids = [](const Result<std::vector<Report>>& reports) {
    std::vector<std::string> out;
    EXPECT_TRUE(reports.has_value()) << reports.error().message;
    if (reports)
      for (const Report& r : *reports) out.push_back(r.doc_id);
    return out;
  };
  EXPECT_EQ(ids(store->reports_of({"c.txt", "missing.txt", "a.txt"})),
            (std::vector<std::string>{"d-1", "d-3", "d-4"}));
  EXPECT_TRUE(ids(store->reports_of({})).empty());
  many.push_back("b.txt");
  const auto all_many = ids(store->reports_of(many));
  ASSERT_EQ(all_many.size(), 621u);
  EXPECT_EQ(all_many.front(), "d-2");  // "b.txt" sorts before "many-..."
  EXPECT_EQ(all_many[1], "m-0");
  EXPECT_EQ(all_many.back(), "m-619");
  EXPECT_EQ(ids(store->tally_reports()), (std::vector<std::string>{"d-1", "d-3"}));
}

// A server polls change_stamp() to learn that another process wrote. Its own writes must not
// move it (a stamp that moved when the server recorded an alert delivery, or stored a POST's
// document, made it reload every incident after each POST); another connection's merge must.
TEST_P(StoreTest, ChangeStampMovesForOtherConnectionsMerges) {
  auto server = open();
  auto other = open();
  ASSERT_TRUE(server && other);
  auto stamp = [&] {
    auto s = server->change_stamp();
    EXPECT_TRUE(s.has_value()) << s.error().message;
    EXPECT_TRUE(s && *s) << "a stamp, not the file signature";
    return s && *s ? **s : std::string();
  };
  const std::string before = stamp();
  ASSERT_TRUE(
      *server->put_document(document("d-1", "one.txt", "first text"), report("one.txt", 3)));
  ASSERT_TRUE(cli::rebuild_incidents(*server).has_value());
  const std::string after_own = stamp();
  EXPECT_EQ(after_own, stamp()) << "nothing happened in between";
  ASSERT_TRUE(
      *server->put_document(document("d-3", "three.txt", "third text"), report("three.txt", 4)));
  EXPECT_EQ(stamp(), after_own) << "the server's own document, stored while no merge ran";
  ASSERT_TRUE(
      *other->put_document(document("d-2", "two.txt", "second text"), report("two.txt", 5)));
  ASSERT_TRUE(cli::rebuild_incidents(*other).has_value());
  EXPECT_NE(stamp(), after_own) << "another connection changed the incidents";
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(before, after_own);  // its own merge too (PostgreSQL's stamp is the incidents')
  }
}

// A merge that changes nothing writes nothing: after one new article most of thousands of
// incidents are as they were, and rewriting each was ~13 % of a POST. (SQLite: another
// connection's data_version moves with any commit that changed a page.)
TEST_P(StoreTest, AMergeThatChangesNothingWritesNothing) {
  if (GetParam() != Backend::kSqlite) GTEST_SKIP() << "observed through SQLite's data_version";
  auto store = open();
  auto watcher = open();
  ASSERT_TRUE(store && watcher);
  for (int n = 0; n < 3; ++n) {
    Report r = report("doc-" + std::to_string(n) + ".txt", 2 + n);
    r.main->date = "2024-0" + std::to_string(n + 1) + "-01";  // three attacks
    ASSERT_TRUE(*store->put_document(
        document("d-" + std::to_string(n), r.doc, "text " + std::to_string(n)), r));
  }
  auto first = cli::rebuild_incidents(*store);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_EQ(first->incidents.size(), 3u);
  const auto stamp = **watcher->change_stamp();
  auto second = cli::rebuild_incidents(*store);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->incidents.size(), 3u);
  EXPECT_EQ(**watcher->change_stamp(), stamp) << "an unchanged merge rewrote the incidents";
  auto incidents = watcher->incidents({});
  ASSERT_TRUE(incidents.has_value());
  EXPECT_EQ(incidents->size(), 3u);
}

TEST_P(StoreTest, FullTextSearchOverTextAndTitle) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(*store->put_document(document("d-1", "one.txt", "Katyusha rockets struck Baghdad."),
                                   report("one.txt", 2)));
  ASSERT_TRUE(*store->put_document(document("d-2", "two.txt", "Drones were downed over Erbil."),
                                   report("two.txt", 1)));
  auto hits = store->documents({"rockets"});
  ASSERT_TRUE(hits.has_value()) << hits.error().message;
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].doc, "one.txt");
  // Title words are searchable; punctuation in the query is not an FTS syntax error.
  auto titled = store->documents({"\"two.txt\" ("});
  ASSERT_TRUE(titled.has_value()) << titled.error().message;
  ASSERT_EQ(titled->size(), 1u);
  EXPECT_EQ((*titled)[0].doc, "two.txt");
  EXPECT_TRUE(store->documents({"mortar"})->empty());
}

TEST_P(StoreTest, IncidentRoundTripAndFilters) {
  auto store = open();
  ASSERT_TRUE(store);
  std::vector<Incident> incidents = {
      incident("inc-a", "2023-12-08", 33.2986, 44.3958, "US Embassy Baghdad", "rocket"),
      incident("inc-b", "2024-09-10", 33.27, 44.24, "Baghdad Diplomatic Support Center", "rocket"),
      incident("inc-c", "2024-01-28", 33.32, 38.69, "Tower 22", "drone"),
      incident("inc-d", "2024-02-01", 36.19, 43.96, "Erbil Air Base", "drone"),
  };
  incidents[3].background = true;
  ASSERT_TRUE(store->save_incidents(incidents, {}, {}).has_value());

  auto all = store->incidents({});
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].id, "inc-a");  // ordered by date
  ASSERT_TRUE((*all)[0].launched);
  EXPECT_EQ((*all)[0].launched->high, 5);
  EXPECT_EQ((*all)[0].launched->claims.size(), 2u);

  auto ids = [&](const IncidentQuery& q) {
    std::vector<std::string> out;
    auto r = store->incidents(q);
    EXPECT_TRUE(r.has_value());
    if (r)
      for (const auto& i : *r) out.push_back(i.id);
    return out;
  };
  IncidentQuery since;
  since.since = "2024-01-28";
  EXPECT_EQ(ids(since), (std::vector<std::string>{"inc-c", "inc-d", "inc-b"}));
  IncidentQuery range;
  range.since = "2024-01-01";
  range.until = "2024-02-01";
  EXPECT_EQ(ids(range), (std::vector<std::string>{"inc-c", "inc-d"}));
  IncidentQuery facility;
  facility.facility = "baghdad";
  EXPECT_EQ(ids(facility), (std::vector<std::string>{"inc-a", "inc-b"}));
  IncidentQuery weapon;
  weapon.weapon = "drone";
  EXPECT_EQ(ids(weapon), (std::vector<std::string>{"inc-c", "inc-d"}));
  // Embassy to BDSC is about 14.5 km: 10 km around the embassy keeps only the embassy.
  IncidentQuery near;
  near.near_lat = 33.2986;
  near.near_lon = 44.3958;
  near.near_km = 10;
  EXPECT_EQ(ids(near), (std::vector<std::string>{"inc-a"}));
  near.near_km = 20;
  EXPECT_EQ(ids(near), (std::vector<std::string>{"inc-a", "inc-b"}));
  IncidentQuery no_background;
  no_background.include_background = false;
  EXPECT_EQ(ids(no_background).size(), 3u);

  auto one = store->incident("inc-c");
  ASSERT_TRUE(one.has_value());
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ((*one)->facility, "Tower 22");
  auto none = store->incident("inc-zzz");
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
}

TEST_P(StoreTest, RevisionsUpsertsAndRemovals) {
  auto store = open();
  ASSERT_TRUE(store);
  Incident a = incident("inc-a", "2023-12-08", 33.3, 44.4, "US Embassy Baghdad", "rocket");
  Incident b = incident("inc-b", "2023-12-08", 33.3, 44.4, "US Embassy Baghdad", "rocket");
  ASSERT_TRUE(store->save_incidents({a, b}, {}, {Revision{"inc-a", 1, "a.txt", "new", ""}}));
  a.revision = 2;
  a.reports = {"a.txt", "b.txt"};
  ASSERT_TRUE(store->save_incidents(
      {a}, {"inc-b"}, {Revision{"inc-a", 2, "b.txt", "+report b.txt", "2024-01-01T00:00:00Z"}}));
  auto all = store->incidents({});
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].revision, 2);
  EXPECT_EQ((*all)[0].reports.size(), 2u);
  auto history = store->revisions("inc-a");
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].revision, 1);
  EXPECT_FALSE((*history)[0].at.empty());
  EXPECT_EQ((*history)[1].changes, "+report b.txt");
  EXPECT_EQ((*history)[1].at, "2024-01-01T00:00:00Z");
  EXPECT_TRUE(store->revisions("inc-b")->empty());
}

// The alerts a change calls for are queued in the change's own transaction: with it when it
// commits, never without it (a process killed between two transactions used to lose them).
TEST_P(StoreTest, AlertsAreQueuedWithTheIncidents) {
  auto store = open();
  ASSERT_TRUE(store);
  sitrep::store::Subscription s;
  s.name = "all";
  s.lat = 33.3, s.lon = 44.4, s.km = 50;
  s.webhook = "http://127.0.0.1:9/";
  auto id = store->add_subscription(s);
  ASSERT_TRUE(id.has_value());
  sitrep::store::Alert alert;
  alert.subscription_id = *id;
  alert.incident_id = "inc-a";
  alert.kind = "new";
  Incident a = incident("inc-a", "2023-12-08", 33.3, 44.4, "US Embassy Baghdad", "rocket");

  // A save that fails (a revision without an incident id) queues nothing.
  auto bad = store->save_incidents({a}, {}, {Revision{"", 1, "a.txt", "oops", ""}}, {alert});
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(store->alerts(std::nullopt)->empty());

  ASSERT_TRUE(store->save_incidents({a}, {}, {Revision{"inc-a", 1, "a.txt", "new", ""}}, {alert}));
  auto queued = store->alerts(std::nullopt);
  ASSERT_TRUE(queued.has_value());
  ASSERT_EQ(queued->size(), 1u);
  EXPECT_EQ((*queued)[0].incident_id, "inc-a");
  EXPECT_EQ((*queued)[0].status, "pending");
  // Saved again (a rerun), the outbox keeps one.
  ASSERT_TRUE(store->save_incidents({a}, {}, {}, {alert}));
  EXPECT_EQ(store->alerts(std::nullopt)->size(), 1u);
}

TEST_P(StoreTest, FailingSaveLeavesEarlierDataIntact) {
  auto store = open();
  ASSERT_TRUE(store);
  Incident a = incident("inc-a", "2023-12-08", 33.3, 44.4, "US Embassy Baghdad", "rocket");
  ASSERT_TRUE(store->save_incidents({a}, {}, {Revision{"inc-a", 1, "a.txt", "new", ""}}));

  // The incidents are written first; the bad revision (no incident id) fails afterwards, so the
  // whole save must roll back.
  Incident changed = a;
  changed.revision = 2;
  changed.facility = "Somewhere Else";
  Incident extra = incident("inc-x", "2024-01-01", 1, 1, "X", "drone");
  auto bad = store->save_incidents({changed, extra}, {}, {Revision{"", 2, "b.txt", "oops", ""}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().kind, Error::Kind::kStore);
  EXPECT_NE(bad.error().message.find(name_), std::string::npos) << bad.error().message;

  auto all = store->incidents({});
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].facility, "US Embassy Baghdad");
  EXPECT_EQ((*all)[0].revision, 1);
  EXPECT_EQ(store->revisions("inc-a")->size(), 1u);

  // A document with an empty id is refused and leaves nothing behind.
  auto bad_doc = store->put_document(document("", "x.txt", "text"), report("x.txt", 1));
  EXPECT_FALSE(bad_doc.has_value());
  EXPECT_TRUE(store->documents({})->empty());
  EXPECT_TRUE(store->reports()->empty());
  // The store is still usable after a failure.
  EXPECT_TRUE(*store->put_document(document("d-1", "x.txt", "text"), report("x.txt", 1)));
}

TEST_P(StoreTest, ReopenKeepsDataAndMigrationsAreIdempotent) {
  {
    auto store = open();
    ASSERT_TRUE(store);
    ASSERT_TRUE(*store->put_document(document("d-1", "one.txt", "text one"), report("one.txt", 3)));
    ASSERT_TRUE(store->save_incidents(
        {incident("inc-a", "2023-12-08", 33.3, 44.4, "US Embassy Baghdad", "rocket")}, {}, {}));
  }
  for (int round = 0; round < 2; ++round) {
    auto store = open();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->documents({})->size(), 1u);
    EXPECT_EQ(store->reports()->size(), 1u);
    EXPECT_EQ(store->incidents({})->size(), 1u);
    EXPECT_EQ(store->documents({"one"})->size(), 1u);
  }
  // Each migration is recorded exactly once.
  EXPECT_EQ(schema_versions(), std::make_pair(schema_version(), schema_version()));
}

// Two connections (as two processes would have): the second waits until the first lets go.
TEST_P(StoreTest, MergeLockMakesASecondConnectionWait) {
  auto first = open();
  auto second = open();
  ASSERT_TRUE(first && second);
  auto held = first->lock_merge();
  ASSERT_TRUE(held.has_value()) << held.error().message;
  std::atomic<bool> taken = false;
  std::thread waiter([&] {
    auto lock = second->lock_merge();
    EXPECT_TRUE(lock.has_value());
    taken = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(taken) << "the second connection took the lock while the first held it";
  held->reset();
  waiter.join();
  EXPECT_TRUE(taken);
  auto again = first->lock_merge();  // released by the waiter's guard going away
  EXPECT_TRUE(again.has_value());
}

// Several processes opening a database sitrep never saw, at once: each migration is applied once
// and every open succeeds (SQLite: the write transaction; PostgreSQL: the advisory lock).
TEST_P(StoreTest, ConcurrentOpensApplyEachMigrationOnce) {
  std::vector<std::thread> openers;
  std::atomic<int> opened = 0;
  for (int i = 0; i < 4; ++i)
    openers.emplace_back([&] {
      auto store = open_store(path_);
      EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
      if (store) ++opened;
    });
  for (auto& t : openers) t.join();
  EXPECT_EQ(opened, 4);
  EXPECT_EQ(schema_versions(), std::make_pair(schema_version(), schema_version()));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backend_name);

TEST(StoreOpen, BadLocationsAreErrors) {
  const fs::path dir =
      fs::temp_directory_path() / ("sitrep_store_open_" + std::to_string(::getpid()));
  auto missing_dir = open_store((dir / "no" / "such" / "dir" / "x.db").string());
  ASSERT_FALSE(missing_dir.has_value());
  EXPECT_NE(missing_dir.error().message.find("x.db"), std::string::npos);
  // Nothing listens on port 1: the error names the server, never the password.
  for (const char* uri : {"postgresql://sitrep:s3cret@127.0.0.1:1/sitrep",
                          "postgres://127.0.0.1:1/sitrep?password=s3cret&connect_timeout=5"}) {
    auto pg = open_store(uri);
    ASSERT_FALSE(pg.has_value());
    EXPECT_EQ(pg.error().kind, Error::Kind::kStore);
    EXPECT_NE(pg.error().message.find("127.0.0.1:1/sitrep"), std::string::npos)
        << pg.error().message;
    EXPECT_EQ(pg.error().message.find("s3cret"), std::string::npos) << pg.error().message;
  }
}

// The PostgreSQL store answers a text search as SQLite's FTS5 table does: the same documents in
// the same order (bm25), words folded the same way (case, diacritics, punctuation).
TEST(StoreSearch, PostgresFindsWhatSqliteFinds) {
  auto* server = sitrep::testing::PgServer::shared();
  if (!server) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
  const fs::path dir =
      fs::temp_directory_path() / ("sitrep_store_search_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto sqlite = open_store((dir / "search.db").string());
  auto postgres = open_store(server->create_database("t_store_search"));
  ASSERT_TRUE(sqlite.has_value() && postgres.has_value());
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"Rockets over Baghdad", "Two rockets struck near the embassy. Rockets, again."},
      {"Drone attack", "A drone struck Erbil air base; no rockets were fired."},
      {"Café report", "In the CAFÉ near Kyiv’s centre a drone was downed."},
      {"Long article", "rockets " + std::string(200, 'x') + " and many other words follow here"},
      {"Quiet day", "Nothing happened at al-Asad air base today."},
  };
  for (std::size_t i = 0; i < texts.size(); ++i) {
    StoredDocument d;
    d.id = "d-" + std::to_string(i);
    d.doc = "doc" + std::to_string(i) + ".txt";
    d.title = texts[i].first;
    d.text = texts[i].second;
    Report r;
    r.doc = d.doc;
    ASSERT_TRUE(*(*sqlite)->put_document(d, r));
    ASSERT_TRUE(*(*postgres)->put_document(d, r));
  }
  auto docs = [](Store& store, const DocumentQuery& query) {
    std::vector<std::string> out;
    auto found = store.documents(query);
    EXPECT_TRUE(found.has_value()) << (found ? "" : found.error().message);
    if (found)
      for (const auto& d : *found) out.push_back(d.doc);
    return out;
  };
  for (const char* words : {"rockets", "ROCKETS struck", "cafe", "café kyiv", "kyiv’s", "air base",
                            "al-asad", "drone", "\"two.txt\" (", "mortar", "", "x"}) {
    const auto expected = docs(**sqlite, {words});
    EXPECT_EQ(docs(**postgres, {words}), expected) << "query: " << words;
    const DocumentQuery named{words, {"doc0.txt", "doc2.txt"}};
    EXPECT_EQ(docs(**postgres, named), docs(**sqlite, named)) << "query: " << words;
  }
  EXPECT_EQ(docs(**postgres, {"rockets"}).size(), 3u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep::store
