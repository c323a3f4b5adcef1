// `sitrep migrate`: a SQLite database copied into PostgreSQL (and into another SQLite file) holds
// the same documents, reports, incidents, revisions, tokens, subscriptions, alerts and feeds.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "core/json.h"
#include "pg_server.h"
#include "store/store.h"
#include "test_support.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

enum class Target { kSqlite, kPostgres };

// A Result's value, kept alive by the caller (a range-for over `result.value()` of a temporary
// would read freed memory before C++23's P2718 is in our compiler).
template <typename T>
T value(Result<T>&& result) {
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(*result) : T{};
}

class MigrateTest : public ::testing::TestWithParam<Target> {
 protected:
  void SetUp() override {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test.begin(), test.end(), '/', '_');
    dir_ =
        fs::temp_directory_path() / ("sitrep_migrate_" + std::to_string(::getpid()) + "_" + test);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == Target::kPostgres) {
      auto* server = sitrep::testing::PgServer::shared();
      if (!server) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
      to_ = server->create_database(sitrep::testing::PgServer::test_database());
    } else {
      to_ = (dir_ / "copy.db").string();
    }
    from_ = (dir_ / "from.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A source with something in every table.
  void fill_source() {
    std::ostringstream out, err;
    cli::IngestOptions ingest;
    ingest.db = from_;
    ingest.quiet = true;
    ingest.manifest = SITREP_SOURCE_DIR "/examples/articles/manifest.jsonl";
    ingest.paths = {SITREP_SOURCE_DIR "/examples/articles"};
    ASSERT_EQ(cli::run_ingest(ingest, {out, err}), 0) << err.str();
    auto store = store::open_store(from_);
    ASSERT_TRUE(store.has_value());
    auto& s = **store;
    ASSERT_TRUE(s.add_token({std::string(64, 'a'), "ci", "2025-01-01T00:00:00Z"}));
    store::Subscription gone, kept;
    gone.name = "gone";
    gone.webhook = "http://127.0.0.1:9/gone";
    kept.name = "erbil";
    kept.lat = 36.19, kept.lon = 44.01, kept.km = 50;
    kept.min_impacted = 1;
    kept.format = "cap";
    kept.webhook = "http://127.0.0.1:9/erbil";
    ASSERT_TRUE(s.add_subscription(gone));
    auto kept_id = s.add_subscription(kept);
    ASSERT_TRUE(kept_id.has_value());
    ASSERT_EQ(s.delete_subscription("gone").value_or(0), 1);  // the ids now start at 2
    auto incidents = s.incidents({});
    ASSERT_TRUE(incidents.has_value() && incidents->size() >= 2);
    for (int n = 0; n < 2; ++n) {
      store::Alert a;
      a.subscription_id = *kept_id;
      a.incident_id = (*incidents)[static_cast<std::size_t>(n)].id;
      a.kind = "new";
      ASSERT_TRUE(s.queue_alert(a).value_or(false));
    }
    auto queued = s.alerts(std::nullopt);
    ASSERT_TRUE(queued.has_value());
    store::Alert tried = queued->front();
    tried.status = "failed";
    tried.attempts = 3;
    tried.last_error = "connection refused";
    tried.next_attempt_at = "2025-01-01T00:10:00Z";
    ASSERT_TRUE(s.record_attempt(tried));
    store::FeedState feed;
    feed.url = "https://example.org/feed.xml";
    feed.title = "Example";
    feed.etag = "\"v1\"";
    feed.last_status = "200";
    feed.errors = 2;
    ASSERT_TRUE(s.save_feed(feed));
    store::FeedItemState item;
    item.feed_url = feed.url;
    item.key = "guid-1";
    item.link = "https://example.org/a";
    item.status = "failed";
    item.attempts = 1;
    item.last_error = "timeout";
    ASSERT_TRUE(s.save_feed_item(item));
  }

  // Everything a database holds, as text that must be equal after the copy (ids of
  // subscriptions and alerts are the target's own: alerts name their subscription by name).
  static std::string everything(const std::string& db) {
    auto opened = store::open_store(db, store::Access::kReadOnly);
    EXPECT_TRUE(opened.has_value()) << (opened ? "" : opened.error().message);
    if (!opened) return "";
    auto& s = **opened;
    json out;
    for (const auto& d : value(s.documents({})))
      out["documents"].push_back(json::array({d.id, d.doc, d.url, d.outlet, d.published, d.language,
                                              d.title, d.text, d.chars, d.ingested_at}));
    for (const auto& r : value(s.reports())) out["reports"].push_back(to_json(r));
    for (const auto& i : value(s.incidents({}))) {
      out["incidents"].push_back(to_json(i));
      for (const auto& r : value(s.revisions(i.id)))
        out["revisions"].push_back(
            json::array({r.incident_id, r.revision, r.doc, r.changes, r.at}));
    }
    for (const auto& t : value(s.tokens()))
      out["tokens"].push_back(json::array({t.hash, t.name, t.created_at}));
    std::map<long long, std::string> name_of;
    for (const auto& sub : value(s.subscriptions())) {
      name_of[sub.id] = sub.name;
      out["subscriptions"].push_back(
          json::array({sub.name, sub.webhook, sub.facility, sub.weapon, sub.format,
                       sub.lat.value_or(-1), sub.lon.value_or(-1), sub.km.value_or(-1),
                       sub.min_impacted.value_or(-1), sub.created_at}));
    }
    for (const auto& a : value(s.alerts(std::nullopt)))
      out["alerts"].push_back(json::array(
          {name_of[a.subscription_id], a.incident_id, a.revision, a.kind, a.created_at, a.status,
           a.attempts, a.next_attempt_at, a.last_error, a.delivered_at.value_or("-")}));
    for (const auto& f : value(s.feeds())) {
      out["feeds"].push_back(
          json::array({f.url, f.title, f.etag, f.last_modified, f.added_at, f.last_poll,
                       f.last_status, f.last_error, f.errors, f.items, f.ingested}));
      for (const auto& i : value(s.feed_items(f.url, "")))
        out["feed_items"].push_back(
            json::array({i.feed_url, i.key, i.link, i.title, i.published, i.status, i.attempts,
                         i.last_error, i.doc_id, i.seen_at}));
    }
    return out.dump(1);
  }

  fs::path dir_;
  std::string from_, to_;
};

TEST_P(MigrateTest, CopiesEveryTableAndRefusesATargetWithData) {
  fill_source();
  if (HasFatalFailure()) return;
  const std::string source = everything(from_);
  ASSERT_NE(source.find("\"feed_items\""), std::string::npos);
  ASSERT_NE(source.find("connection refused"), std::string::npos);

  auto copied = sitrep::testing::run_binary("migrate --from '" + from_ + "' --to '" + to_ + "'");
  ASSERT_EQ(copied.status, 0);
  EXPECT_EQ(everything(to_), source);
  // The copy is usable: searching it finds what searching the source finds.
  auto searched = [](const std::string& db) {
    std::vector<std::string> docs;
    auto store = store::open_store(db);
    for (const auto& d : value(store.value()->documents({"rockets embassy"})))
      docs.push_back(d.doc);
    return docs;
  };
  EXPECT_FALSE(searched(from_).empty());
  EXPECT_EQ(searched(to_), searched(from_));

  // A second copy into the same database would merge two histories: refused, nothing written.
  auto again = sitrep::testing::run_binary("migrate --from '" + from_ + "' --to '" + to_ + "'");
  EXPECT_EQ(again.status, 2);
  EXPECT_EQ(everything(to_), source);
  // A misspelt source is not created empty and copied.
  auto missing = sitrep::testing::run_binary("migrate --from '" + (dir_ / "nope.db").string() +
                                             "' --to '" + to_ + "'");
  EXPECT_EQ(missing.status, 2);
  EXPECT_FALSE(fs::exists(dir_ / "nope.db"));
}

INSTANTIATE_TEST_SUITE_P(Targets, MigrateTest,
                         ::testing::Values(Target::kSqlite, Target::kPostgres),
                         [](const auto& info) {
                           return info.param == Target::kSqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace sitrep
