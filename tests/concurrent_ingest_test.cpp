// Several `sitrep ingest` processes writing one database at once (SQLite and PostgreSQL): each
// document is stored once, the incidents are those one process ingesting everything makes (the
// same reports in each, the same figures), and no incident misses a revision.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/json.h"
#include "pg_server.h"
#include "store/store.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

enum class Backend { kSqlite, kPostgres };

class ConcurrentIngestTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test.begin(), test.end(), '/', '_');
    dir_ = fs::temp_directory_path() /
           ("sitrep_concurrent_" + std::to_string(::getpid()) + "_" + test);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == Backend::kPostgres) {
      server_ = sitrep::testing::PgServer::shared();
      if (!server_) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
    }
    // The articles of tests/corpus and examples/articles, and one manifest for both.
    std::ofstream manifest(dir_ / "manifest.jsonl");
    for (const char* folder : {"corpus", "../examples/articles"}) {
      const fs::path path = fs::path(SITREP_TEST_DIR) / folder;
      std::ifstream in(path / "manifest.jsonl");
      manifest << in.rdbuf();
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.path().extension() != ".jsonl") articles_.push_back(entry.path().string());
    }
    std::sort(articles_.begin(), articles_.end());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A new, empty database of the backend under test.
  std::string database(const std::string& name) {
    if (GetParam() == Backend::kPostgres) return server_->create_database("t_concurrent_" + name);
    return (dir_ / (name + ".db")).string();
  }

  std::string ingest_command(const std::string& db, const std::vector<std::string>& paths) const {
    std::string command = std::string("'") + SITREP_BINARY + "' ingest --quiet --manifest '" +
                          (dir_ / "manifest.jsonl").string() + "' --db '" + db + "'";
    for (const auto& p : paths) command += " '" + p + "'";
    return command;
  }

  // What must not depend on how many processes ingested: the documents, and each incident's
  // content (its reports, figures, place, date...) without its id, revision and timestamps.
  struct Contents {
    std::set<std::string> documents;
    std::multiset<std::string> incidents;
  };
  static Contents contents(const std::string& db) {
    Contents out;
    auto store = store::open_store(db, store::Access::kReadOnly);
    EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
    if (!store) return out;
    auto documents = (*store)->documents({});
    EXPECT_TRUE(documents.has_value());
    for (const auto& d : *documents) {
      EXPECT_TRUE(out.documents.insert(d.id + " " + d.doc).second) << "stored twice: " << d.doc;
    }
    auto incidents = (*store)->incidents({});
    EXPECT_TRUE(incidents.has_value());
    for (const Incident& i : *incidents) {
      json j = to_json(i);
      for (const char* key : {"id", "revision", "first_seen", "updated"}) j.erase(key);
      auto reports = j["reports"].get<std::vector<std::string>>();
      std::sort(reports.begin(), reports.end());
      j["reports"] = reports;
      out.incidents.insert(j.dump());
      // No lost revision: the incident's current revision is recorded, and each number once.
      // (Not always 1..revision: an incident whose id changes carries its revision number over
      // to the new id, and how often that happens depends on the order the reports came in.)
      auto history = (*store)->revisions(i.id);
      EXPECT_TRUE(history.has_value());
      std::set<int> numbers;
      for (const auto& r : *history)
        EXPECT_TRUE(numbers.insert(r.revision).second) << i.id << " revision " << r.revision;
      EXPECT_TRUE(numbers.contains(i.revision)) << i.id << " lacks its revision " << i.revision;
    }
    return out;
  }

  fs::path dir_;
  std::vector<std::string> articles_;
  sitrep::testing::PgServer* server_ = nullptr;
};

TEST_P(ConcurrentIngestTest, FourProcessesOverOverlappingQuartersMatchOneProcess) {
  ASSERT_GE(articles_.size(), 40u);
  const std::string single = database("single");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(std::system((ingest_command(single, articles_) + " 2>/dev/null").c_str()) >> 8, 0);
  const auto single_done = std::chrono::steady_clock::now();

  // Process k ingests quarters k and k+1: every article is ingested by two processes at once.
  const std::string shared = database("shared");
  const std::size_t quarter = (articles_.size() + 3) / 4;
  std::string script;
  for (std::size_t k = 0; k < 4; ++k) {
    std::vector<std::string> paths;
    for (std::size_t q : {k, (k + 1) % 4})
      for (std::size_t i = q * quarter; i < std::min(articles_.size(), (q + 1) * quarter); ++i)
        paths.push_back(articles_[i]);
    script += ingest_command(shared, paths) + " 2>'" +
              (dir_ / ("err" + std::to_string(k))).string() + "' & p" + std::to_string(k) + "=$!; ";
  }
  script += "s=0; for p in $p0 $p1 $p2 $p3; do wait $p || s=1; done; exit $s";
  const fs::path script_file = dir_ / "four.sh";
  std::ofstream(script_file) << script << "\n";
  const int status = std::system(("bash '" + script_file.string() + "'").c_str());
  const auto shared_done = std::chrono::steady_clock::now();
  for (int k = 0; k < 4; ++k) {
    std::ifstream err(dir_ / ("err" + std::to_string(k)));
    std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(text.empty()) << "process " << k << ": " << text;
  }
  ASSERT_EQ(status, 0);
  using seconds = std::chrono::duration<double>;
  std::cout << "[ timing ] one process: " << seconds(single_done - started).count()
            << " s; four processes: " << seconds(shared_done - single_done).count() << " s\n";

  const Contents expected = contents(single);
  const Contents found = contents(shared);
  EXPECT_EQ(found.documents.size(), articles_.size());
  EXPECT_EQ(found.documents, expected.documents);
  EXPECT_GT(expected.incidents.size(), 5u);
  EXPECT_EQ(found.incidents.size(), expected.incidents.size());
  // Named one by one: the whole sets are too long to read in a failure.
  for (const auto& i : expected.incidents)
    EXPECT_EQ(found.incidents.count(i), expected.incidents.count(i)) << "one process made " << i;
  for (const auto& i : found.incidents)
    EXPECT_TRUE(expected.incidents.contains(i)) << "four processes made " << i;
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentIngestTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace sitrep
