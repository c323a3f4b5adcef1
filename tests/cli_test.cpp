// The `sitrep` binary end to end: exit statuses, stderr naming rejected inputs, idempotent
// ingest, and output formats that parse.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pg_server.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "articles");
    db_ = (dir_ / "test.db").string();
    // Made-up articles, written for these tests.
    write("articles/a_embassy.txt",
          "Rockets strike near US Embassy in Baghdad\n\n"
          "BAGHDAD (Example Wire) - Three Katyusha rockets were fired at the US Embassy in "
          "Baghdad early on Friday, an Iraqi security official said. Two of them landed inside "
          "the compound. No casualties were reported.\n");
    write("articles/b_drone.txt",
          "Drone attack on base in Syria\n\n"
          "Two drones targeted US forces at a base in eastern Syria on Monday, a US defense "
          "official said. Both drones were shot down and no one was hurt.\n");
    write("articles/c_weather.txt",
          "Sunny week ahead\n\nForecasters expect a dry and sunny week across the region, with "
          "temperatures well above the seasonal average.\n");
    write(
        "manifest.jsonl",
        "{\"doc\": \"a_embassy.txt\", \"outlet\": \"Example Wire\", \"published\": "
        "\"2024-03-08\", \"url\": \"https://example.org/a\"}\n"
        "{\"doc\": \"b_drone.txt\", \"outlet\": \"Other Wire\", \"published\": \"2024-03-12\"}\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs the sitrep binary with `args` (already shell-quoted) and captures both streams.
  Outcome sitrep(const std::string& args, const std::string& env = "SITREP_DB=") const {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string command = "cd " + quote(dir_.string()) + " && env " + env + " " +
                                quote(SITREP_BINARY) + " " + args + " >" + quote(out.string()) +
                                " 2>" + quote(err.string()) + " </dev/null";
    Outcome run;
    const int raw = std::system(command.c_str());
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.out = slurp(out);
    run.err = slurp(err);
    return run;
  }

  std::string ingest_args(const std::string& extra = "") const {
    return "ingest --manifest " + quote(path("manifest.jsonl")) + " " + quote(path("articles")) +
           " --db " + quote(db_) + " " + extra;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(sitrep("").status, 2);
  EXPECT_EQ(sitrep("frobnicate").status, 2);
  EXPECT_EQ(sitrep("incidents --no-such-option").status, 2);
  EXPECT_EQ(sitrep("incidents --since 2024-13-45 --db " + quote(db_)).status, 2);
  EXPECT_EQ(sitrep("incidents --near 33,44 --db " + quote(db_)).status, 2);
  EXPECT_EQ(sitrep("incidents --format xml --db " + quote(db_)).status, 2);
  EXPECT_EQ(sitrep("ingest --db " + quote(db_)).status, 2);        // no inputs
  EXPECT_EQ(sitrep("eval " + quote(path("articles"))).status, 2);  // no --gold
  Outcome missing_manifest =
      sitrep("extract --manifest " + quote(path("nope.jsonl")) + " " + quote(path("articles")));
  EXPECT_EQ(missing_manifest.status, 2);
  EXPECT_NE(missing_manifest.err.find("nope.jsonl"), std::string::npos) << missing_manifest.err;
}

TEST_F(CliTest, EveryCommandHasHelpWithAnExample) {
  for (const char* command :
       {"extract", "ingest", "documents", "incidents", "show", "eval", "train-attach"}) {
    Outcome help = sitrep(std::string(command) + " --help");
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_NE(help.out.find("Example"), std::string::npos) << command << ":\n" << help.out;
    EXPECT_NE(help.out.find("sitrep " + std::string(command)), std::string::npos) << help.out;
  }
  EXPECT_EQ(sitrep("--help").status, 0);
}

// Ingest stores new documents in batches: the same text twice in one batch is still one
// document, and the URL its second copy brings is added to it, as when the first was stored
// before the second was read.
TEST_F(CliTest, IngestSameTextTwiceInOneBatchIsOneDocumentWithTheLaterUrl) {
  const std::string embassy = slurp(dir_ / "articles/a_embassy.txt");
  write("batch.jsonl",
        json{{"doc", "first.txt"}, {"text", embassy}}.dump() + "\n" +
            json{{"doc", "weather.txt"}, {"text", slurp(dir_ / "articles/c_weather.txt")}}.dump() +
            "\n" +
            json{{"doc", "second.txt"}, {"text", embassy}, {"url", "https://example.org/second"}}
                .dump() +
            "\n");
  Outcome run = sitrep("ingest " + quote(path("batch.jsonl")) + " --db " + quote(db_));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("ingest: 2 new, 1 already known, 0 rejected"), std::string::npos)
      << run.err;
  json docs = json::parse(sitrep("documents --format json --db " + quote(db_)).out);
  ASSERT_EQ(docs.size(), 2u) << docs.dump();
  for (const auto& d : docs) {
    if (d.at("doc") == "first.txt") {
      EXPECT_EQ(d.value("url", ""), "https://example.org/second");
    }
  }
  Outcome again = sitrep("ingest " + quote(path("batch.jsonl")) + " --db " + quote(db_));
  EXPECT_NE(again.err.find("ingest: 0 new, 3 already known, 0 rejected"), std::string::npos)
      << again.err;
}

TEST_F(CliTest, IngestRejectsBadInputsAndStoresTheRest) {
  const std::string missing = path("articles_missing/nothing_here.txt");
  Outcome first = sitrep(ingest_args(quote(missing)));
  EXPECT_EQ(first.status, 1) << first.err;
  EXPECT_NE(first.err.find("nothing_here.txt"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("ingest: 3 new, 0 already known, 1 rejected"), std::string::npos)
      << first.err;

  Outcome docs = sitrep("documents --format json --db " + quote(db_));
  ASSERT_EQ(docs.status, 0) << docs.err;
  json array = json::parse(docs.out, nullptr, false);
  ASSERT_TRUE(array.is_array()) << docs.out;
  ASSERT_EQ(array.size(), 3u);
  std::set<std::string> names;
  for (const auto& d : array) {
    for (const char* key : {"doc", "id", "outlet", "published", "language", "chars"})
      EXPECT_TRUE(d.contains(key)) << key << " missing in " << d.dump();
    EXPECT_GT(d.at("chars").get<int>(), 0);
    names.insert(d.at("doc").get<std::string>());
  }
  EXPECT_EQ(names, (std::set<std::string>{"a_embassy.txt", "b_drone.txt", "c_weather.txt"}));
  for (const auto& d : array)
    if (d.at("doc") == "a_embassy.txt") {
      EXPECT_EQ(d.at("outlet"), "Example Wire");  // from the manifest
      EXPECT_EQ(d.at("published"), "2024-03-08");
    }

  // The same files again add nothing.
  Outcome second = sitrep(ingest_args());
  EXPECT_EQ(second.status, 0) << second.err;
  EXPECT_NE(second.err.find("ingest: 0 new, 3 already known, 0 rejected"), std::string::npos)
      << second.err;
  EXPECT_EQ(json::parse(sitrep("documents --format json --db " + quote(db_)).out).size(), 3u);

  // --quiet prints nothing on success; full-text search finds one article.
  Outcome quiet = sitrep(ingest_args("--quiet"));
  EXPECT_EQ(quiet.status, 0);
  EXPECT_EQ(quiet.err, "");
  json hits = json::parse(sitrep("documents --format json --q katyusha --db " + quote(db_)).out);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].at("doc"), "a_embassy.txt");
  Outcome table = sitrep("documents --db " + quote(db_));
  EXPECT_EQ(table.status, 0);
  std::istringstream lines(table.out);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 80u) << line;
}

TEST_F(CliTest, WarningsGoToStderrButKeepStatusZero) {
  write("articles/d_repaired.txt",
        "Mortar rounds hit a base \xff\xfe near Erbil, officials said.\n");
  Outcome run = sitrep(ingest_args());
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("warning"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("d_repaired.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("ingest: 4 new"), std::string::npos) << run.err;
}

// Two processes ingesting into one database at once both succeed (WAL + busy timeout) and
// every document is stored once.
TEST_F(CliTest, ConcurrentIngestsShareTheDatabase) {
  fs::create_directories(dir_ / "more");
  for (int i = 0; i < 6; ++i)
    write("more/extra_" + std::to_string(i) + ".txt",
          "Report number " + std::to_string(i) + "\n\nA rocket landed near a base on day " +
              std::to_string(i) + ", a spokesman said.\n");
  const std::string binary = quote(SITREP_BINARY);
  const std::string command =
      "cd " + quote(dir_.string()) + " && (" + binary + " ingest -q " + quote(path("articles")) +
      " " + quote(path("more")) + " --db " + quote(db_) + " & p1=$!; " + binary + " ingest -q " +
      quote(path("more")) + " " + quote(path("articles")) + " --db " + quote(db_) +
      " & p2=$!; wait $p1 && wait $p2) 2>" + quote(path("concurrent.err"));
  EXPECT_EQ(std::system(("bash -c " + quote(command)).c_str()), 0)
      << slurp(dir_ / "concurrent.err");
  json docs = json::parse(sitrep("documents --format json --db " + quote(db_)).out);
  EXPECT_EQ(docs.size(), 9u);
}

TEST_F(CliTest, DatabaseDefaultsToEnvironmentThenWorkingDirectory) {
  ASSERT_EQ(sitrep(ingest_args("--quiet")).status, 0);
  Outcome via_env = sitrep("documents --format json", "SITREP_DB=" + quote(db_));
  ASSERT_EQ(via_env.status, 0) << via_env.err;
  EXPECT_EQ(json::parse(via_env.out).size(), 3u);
  // Without $SITREP_DB the database is ./sitrep.db (the test runs in its temp dir).
  Outcome local = sitrep("documents --format json");
  ASSERT_EQ(local.status, 0) << local.err;
  EXPECT_TRUE(json::parse(local.out).empty());
  EXPECT_TRUE(fs::exists(dir_ / "sitrep.db"));
}

TEST_F(CliTest, IncidentFormatsParse) {
  ASSERT_EQ(sitrep(ingest_args("--quiet")).status, 0);
  Outcome as_json = sitrep("incidents --format json --db " + quote(db_));
  ASSERT_EQ(as_json.status, 0) << as_json.err;
  json incidents = json::parse(as_json.out, nullptr, false);
  ASSERT_TRUE(incidents.is_array()) << as_json.out;

  Outcome geojson = sitrep("incidents --format geojson --db " + quote(db_));
  ASSERT_EQ(geojson.status, 0) << geojson.err;
  json collection = json::parse(geojson.out, nullptr, false);
  ASSERT_TRUE(collection.is_object()) << geojson.out;
  EXPECT_EQ(collection.value("type", ""), "FeatureCollection");

  Outcome csv = sitrep("incidents --format csv --db " + quote(db_));
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_FALSE(csv.out.empty());  // at least the header row

  Outcome table = sitrep("incidents --db " + quote(db_));
  EXPECT_EQ(table.status, 0) << table.err;

  // Filters run and never widen the result.
  Outcome filtered = sitrep(
      "incidents --format json --since 2024-01-01 --until 2024-12-31 --near 33.3,44.4,50 "
      "--facility embassy --weapon ROCKET --db " +
      quote(db_));
  ASSERT_EQ(filtered.status, 0) << filtered.err;
  json subset = json::parse(filtered.out, nullptr, false);
  ASSERT_TRUE(subset.is_array());
  EXPECT_LE(subset.size(), incidents.size());

  // show: every listed incident prints as JSON with its id; an unknown id is an error.
  for (const auto& incident : incidents) {
    const std::string id = incident.at("id").get<std::string>();
    Outcome show = sitrep("show " + quote(id) + " --db " + quote(db_));
    ASSERT_EQ(show.status, 0) << show.err;
    EXPECT_EQ(json::parse(show.out).at("id"), id);
    Outcome history = sitrep("show " + quote(id) + " --history --db " + quote(db_));
    EXPECT_EQ(history.status, 0) << history.err;
    EXPECT_NE(history.out.find(id), std::string::npos);
  }
  Outcome unknown = sitrep("show inc-no-such-thing --db " + quote(db_));
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("inc-no-such-thing"), std::string::npos);
}

TEST_F(CliTest, ExtractPrintsOneReportPerArticle) {
  Outcome run = sitrep("extract --manifest " + quote(path("manifest.jsonl")) + " " +
                       quote(path("articles")) + " --format jsonl");
  ASSERT_EQ(run.status, 0) << run.err;
  std::istringstream lines(run.out);
  std::set<std::string> docs;
  for (std::string line; std::getline(lines, line);) {
    json report = json::parse(line, nullptr, false);
    ASSERT_TRUE(report.is_object()) << line;
    EXPECT_TRUE(report.contains("reports_attack"));
    EXPECT_TRUE(report.contains("main"));
    docs.insert(report.at("doc").get<std::string>());
    if (report.at("doc") == "b_drone.txt") {
      EXPECT_EQ(report.at("published"), "2024-03-12");
      EXPECT_EQ(report.at("outlet"), "Other Wire");
    }
  }
  EXPECT_EQ(docs.size(), 3u);
}

TEST_F(CliTest, StoreErrorsExitOne) {
  // Nothing listens on port 1.
  Outcome pg = sitrep("documents --db 'postgresql://me:pw@127.0.0.1:1/none'");
  EXPECT_EQ(pg.status, 1);
  EXPECT_EQ(pg.err.rfind("sitrep: postgresql://me:***@127.0.0.1:1/none: cannot connect: ", 0), 0u)
      << pg.err;
  Outcome bad_dir = sitrep("incidents --db " + quote(path("no/such/dir/x.db")));
  EXPECT_EQ(bad_dir.status, 1);
  EXPECT_EQ(bad_dir.err.rfind("sitrep: ", 0), 0u) << bad_dir.err;
}

// Every command on PostgreSQL, chosen through SITREP_DB alone: what the read commands print is
// what they print for a SQLite database holding the same articles.
TEST_F(CliTest, EveryCommandWorksOnPostgresThroughSitrepDb) {
  auto* server = sitrep::testing::PgServer::shared();
  if (!server) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
  const std::string pg = "SITREP_DB=" + quote(server->create_database("t_cli_every_command"));
  const std::string lite = "SITREP_DB=" + quote(db_);
  const std::string ingest =
      "ingest --manifest " + quote(path("manifest.jsonl")) + " " + quote(path("articles"));
  ASSERT_EQ(sitrep(ingest, lite).status, 0);
  Outcome ingested = sitrep(ingest, pg);
  ASSERT_EQ(ingested.status, 0) << ingested.err;
  EXPECT_NE(ingested.err.find("ingest: 3 new"), std::string::npos) << ingested.err;

  Outcome listed = sitrep("incidents --format json", pg);
  ASSERT_EQ(listed.status, 0) << listed.err;
  const auto incidents = nlohmann::json::parse(listed.out);
  ASSERT_FALSE(incidents.empty());
  const std::string id = incidents[0]["id"];
  // (Not `show` or CSV: they print the incidents' first_seen and updated times.)
  const std::vector<std::string> reads = {"documents", "documents --q rockets",
                                          "incidents", "incidents --since 2024-03-10",
                                          "tallies",   "feeds",
                                          "alerts",    "subscriptions list",
                                          "token list"};
  for (const std::string& read : reads) {
    Outcome expected = sitrep(read, lite);
    Outcome found = sitrep(read, pg);
    EXPECT_EQ(found.status, expected.status) << read << ": " << found.err;
    EXPECT_EQ(found.out, expected.out) << read;
  }
  Outcome shown = sitrep("show " + id + " --history", pg);
  EXPECT_EQ(shown.status, 0) << shown.err;
  EXPECT_NE(shown.out.find(id), std::string::npos) << shown.out;
  Outcome token = sitrep("token create --name ci", pg);
  EXPECT_EQ(token.status, 0) << token.err;
  EXPECT_NE(sitrep("token list", pg).out.find("ci"), std::string::npos);
  Outcome subscribed =
      sitrep("subscribe --name near --near 33.3,44.4,50 --webhook http://127.0.0.1:9/", pg);
  EXPECT_EQ(subscribed.status, 0) << subscribed.err;
  EXPECT_NE(sitrep("subscriptions list", pg).out.find("near"), std::string::npos);
  EXPECT_EQ(sitrep("subscriptions delete near", pg).status, 0);
  EXPECT_EQ(sitrep("token revoke ci", pg).status, 0);
  // Ingesting again finds every article known.
  Outcome again = sitrep(ingest, pg);
  EXPECT_NE(again.err.find("0 new, 3 already known"), std::string::npos) << again.err;
}

// `sitrep eval` prints exactly what score.py prints for the reports `sitrep extract` makes.
TEST_F(CliTest, EvalMatchesScorePyOnExtractOutput) {
  const std::string script = std::string(SITREP_SHARED_DIR) + "/tools/score.py";
  if (!fs::exists(script)) GTEST_SKIP() << "score.py not found at " << script;
  write("gold.jsonl",
        "{\"doc\": \"a_embassy.txt\", \"reports_attack\": true, \"incident\": \"A\", \"main\": "
        "{\"date\": \"2024-03-08\", \"city\": \"Baghdad\", \"facility\": \"US Embassy Baghdad\", "
        "\"target_type\": \"diplomatic\", \"weapon\": \"rocket\", \"launched\": 3, \"impacted\": "
        "2, \"killed\": 0, \"injured\": 0, \"suspected\": [], \"claimed_by\": []}}\n"
        "{\"doc\": \"b_drone.txt\", \"reports_attack\": true, \"incident\": \"B\", \"main\": "
        "{\"date\": \"2024-03-11\", \"country\": \"SY\", \"target_type\": \"military\", "
        "\"weapon\": \"drone\", \"launched\": 2, \"intercepted\": 2, \"killed\": 0, \"injured\": "
        "0, \"suspected\": [], \"claimed_by\": []}}\n"
        "{\"doc\": \"c_weather.txt\", \"reports_attack\": false, \"main\": null}\n");
  const std::string inputs =
      "--manifest " + quote(path("manifest.jsonl")) + " " + quote(path("articles"));
  Outcome extract = sitrep("extract " + inputs + " --format jsonl");
  ASSERT_EQ(extract.status, 0) << extract.err;
  write("reports.jsonl", extract.out);
  Outcome eval = sitrep("eval --gold " + quote(path("gold.jsonl")) + " " + inputs);
  ASSERT_EQ(eval.status, 0) << eval.err;
  const std::string command = "python3 " + quote(script) + " " + quote(path("gold.jsonl")) +
                              " --reports " + quote(path("reports.jsonl")) + " >" +
                              quote(path("score_py.txt"));
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(eval.out, slurp(dir_ / "score_py.txt"));
  EXPECT_EQ(eval.out.substr(eval.out.rfind("score: ")).size(),
            std::string("score: 0.000\n").size());
  EXPECT_NE(eval.err.find("wrong:"), std::string::npos) << eval.err;

  Outcome as_json = sitrep("eval --json --gold " + quote(path("gold.jsonl")) + " " + inputs);
  ASSERT_EQ(as_json.status, 0);
  json measures = json::parse(as_json.out, nullptr, false);
  ASSERT_TRUE(measures.is_object()) << as_json.out;
  EXPECT_TRUE(measures.contains("detect_mcc"));
  EXPECT_TRUE(measures.contains("score"));
}

}  // namespace

// train-attach fits the placing of undated reports on a gold file: the undated report of the
// embassy's Friday attack joins it, the one of another attack (five rockets, guards wounded)
// stays apart; a gold whose undated reports all stay apart teaches nothing and is an error
// naming the gold file.
TEST_F(CliTest, TrainAttachFitsOnUndatedReportsOfTheGold) {
  write("articles/d_undated.txt",
        "Rockets hit US Embassy compound\n\n"
        "Three Katyusha rockets were fired at the US Embassy in Baghdad on Friday, an Iraqi "
        "security official said. Two of them landed inside the compound.\n");
  write("articles/e_undated.txt",
        "Rockets target US Embassy in Baghdad\n\n"
        "Five rockets were fired at the US Embassy in Baghdad, police said. One of them struck a "
        "guard tower and two guards were wounded.\n");
  auto gold_line = [](const std::string& doc, const std::string& incident) {
    return "{\"doc\": \"" + doc + "\", \"reports_attack\": true, \"incident\": \"" + incident +
           "\"}\n";
  };
  write("gold.jsonl", gold_line("a_embassy.txt", "friday") + gold_line("d_undated.txt", "friday") +
                          gold_line("e_undated.txt", "tuesday"));
  const std::string articles = quote(path("articles")), manifest = quote(path("manifest.jsonl"));
  Outcome fit = sitrep("train-attach --gold " + quote(path("gold.jsonl")) + " --manifest " +
                       manifest + " " + articles + " --out " + quote(path("attach.tsv")));
  ASSERT_EQ(fit.status, 0) << fit.err;
  EXPECT_NE(fit.err.find("2 undated reports (1 with their attack among the candidates)"),
            std::string::npos)
      << fit.err;
  const std::string model = slurp(dir_ / "attach.tsv");
  // Both reports placed right at 0.5 already: no lower threshold merges better, so 0.5 stays.
  for (const char* row :
       {"\nbias\t", "\nthreshold\t0.500\n", "\nusual_day\t", "\nlog_candidates\t",
        "\n# Threshold chosen on the same articles' merge B-cubed F1: 1 at 0.5 (1 at 0.5)."})
    EXPECT_NE(model.find(row), std::string::npos) << row << " in\n" << model;

  write("gold.jsonl", gold_line("a_embassy.txt", "friday") + gold_line("e_undated.txt", "tuesday"));
  Outcome nothing = sitrep("train-attach --gold " + quote(path("gold.jsonl")) + " --manifest " +
                           manifest + " " + articles);
  EXPECT_NE(nothing.status, 0);
  EXPECT_NE(nothing.err.find("gold.jsonl: training needs reports that join"), std::string::npos)
      << nothing.err;
}
