// Hostile inputs (issue 11, docs/ROBUSTNESS.md): each failure found by the hostile-input run has
// a test here that failed before its fix. Library-level cases first, then the `sitrep` binary.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/deadline.h"
#include "core/terminal.h"
#include "ingest/blocks.h"
#include "ingest/ingest.h"
#include "ingest/sources.h"

namespace fs = std::filesystem;
using namespace sitrep::ingest;
using sitrep::Document;

namespace {

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

Document html_document(std::string html) {
  Document document;
  document.doc = "hostile.html";
  document.raw = std::move(html);
  document.is_html = true;
  return document;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sitrep_robust_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
    fs::permissions(path_, fs::perms::all);  // readable by the unprivileged user below
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path_ / name, std::ios::binary) << bytes;
    return (path_ / name).string();
  }
  fs::path path() const { return path_; }

 private:
  fs::path path_;
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

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

// Runs `sitrep ARGS` (shell-quoted by the caller) in `dir`; `prefix` goes before the binary.
Outcome run_sitrep(const fs::path& dir, const std::string& args, const std::string& prefix = "") {
  const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string command = "cd " + quote(dir.string()) + " && " + prefix + " " +
                              quote(SITREP_BINARY) + " " + args + " >" + quote(out.string()) +
                              " 2>" + quote(err.string()) + " </dev/null";
  Outcome run;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = slurp(out);
  run.err = slurp(err);
  return run;
}

const char* kArticle =
    "Rockets strike near US Embassy in Baghdad\n\n"
    "Three Katyusha rockets were fired at the US Embassy in Baghdad early on Friday, an Iraqi "
    "security official said. Two of them landed inside the compound. No casualties were "
    "reported.\n";

}  // namespace

// ---------------------------------------------------------------- 1, 2: deep HTML

TEST(Robustness, DeeplyNestedSpansAreRejectedNamingTheLimit) {
  // 300 KB of nested <span> overflowed the stack of the recursive walker.
  const Document document = html_document("<p>" + repeat("<span>", 50'000) + "text</p>");
  auto cleaned = clean(document, HtmlLimits{});
  ASSERT_FALSE(cleaned.has_value());
  EXPECT_NE(cleaned.error().message.find("hostile.html"), std::string::npos);
  EXPECT_NE(cleaned.error().message.find("512"), std::string::npos) << cleaned.error().message;
}

TEST(Robustness, DeepTreesNeitherOverflowTheWalkerNorGumbosFree) {
  // Past the pre-scan (limits lifted), the walk is iterative and gumbo's tree is freed as a
  // whole: 1.8 MB of nesting used to crash inside gumbo_destroy_output.
  const std::string html = "<p>" + repeat("<span>", 300'000) + "deep text</p>";
  const detail::Extracted extracted = detail::extract_html(html);
  ASSERT_FALSE(extracted.blocks.empty());
  EXPECT_EQ(extracted.blocks.back().text, "deep text");
}

TEST(Robustness, RealNestingPassesThePreScan) {
  // Unclosed <p>, <li>, <td> and <tr> close their siblings as a parser does; SVG's "/>" closes.
  std::string page = "<html><body><table>";
  for (int row = 0; row < 2000; ++row) page += "<tr><td>cell<td>cell";
  page += "</table><ul>" + repeat("<li>item", 2000) + "</ul>" + repeat("<p>para", 2000);
  page += "<svg>" + repeat("<path d='M0 0'/>", 2000) + "</svg>";
  page += "<script>if (a < b) { x = '<div><div><div>'; }</script></body></html>";
  EXPECT_EQ(detail::check_html(page, HtmlLimits{}), "");
}

TEST(Robustness, MisnestedEndTagsDoNotHideDepth) {
  // "</div>" without an open div closes nothing: the spans stay open in the parser too.
  EXPECT_NE(detail::check_html(repeat("<span></div>", 1000), HtmlLimits{}), "");
}

// ---------------------------------------------------------------- 4: attributes, nodes, time

TEST(Robustness, ElementWithAMillionAttributesIsRejectedQuickly) {
  std::string html = "<div";
  for (int i = 0; i < 1'000'000; ++i) html += " a" + std::to_string(i);
  html += ">x</div>";
  const auto start = std::chrono::steady_clock::now();
  auto cleaned = clean(html_document(html), HtmlLimits{});
  ASSERT_FALSE(cleaned.has_value());
  EXPECT_NE(cleaned.error().message.find("attributes"), std::string::npos);
  EXPECT_LT(seconds_since(start), 20.0);  // was more than 280 s
}

TEST(Robustness, TwoHundredThousandNestedDivsAreRejectedQuickly) {
  const auto start = std::chrono::steady_clock::now();
  auto cleaned = clean(html_document(repeat("<div>", 200'000) + "x"), HtmlLimits{});
  ASSERT_FALSE(cleaned.has_value());
  EXPECT_LT(seconds_since(start), 20.0);  // was 268 s
}

TEST(Robustness, TooManyElementsAreRejected) {
  HtmlLimits limits;
  limits.max_nodes = 1000;
  auto cleaned = clean(html_document(repeat("<b>x</b>", 1001)), limits);
  ASSERT_FALSE(cleaned.has_value());
  EXPECT_NE(cleaned.error().message.find("1000 elements"), std::string::npos);
  EXPECT_TRUE(clean(html_document(repeat("<b>x</b>", 999)), limits).has_value());
}

// ---------------------------------------------------------------- 3: entity expansion

TEST(Robustness, FeedEntityExpandingToGigabytesIsRefused) {
  // One 100 KB entity referenced 20,000 times: 2 GB of text once expanded.
  std::string feed = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"" +
                     repeat("x", 100'000) + "\">]>\n<rss version=\"2.0\"><channel><title>T" +
                     "</title><item><title>t</title><description>" + repeat("&big;", 20'000) +
                     "</description></item></channel></rss>\n";
  const auto parsed = detail::parse_feed(feed, "big.rss");
  EXPECT_TRUE(parsed.documents.empty());
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].input, "big.rss");
  EXPECT_NE(parsed.errors[0].message.find("entities"), std::string::npos);
}

TEST(Robustness, SmallDeclaredEntitiesStillWork) {
  const std::string feed =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY nbsp \"&#160;\">]>\n"
      "<rss version=\"2.0\"><channel><title>Wire</title><item><title>Rockets&nbsp;hit"
      "</title><link>https://a.example/1</link><description>Text.</description></item>"
      "</channel></rss>\n";
  const auto parsed = detail::parse_feed(feed, "ok.rss");
  ASSERT_EQ(parsed.documents.size(), 1u);
  EXPECT_NE(parsed.documents[0].raw.find("Rockets\xC2\xA0hit"), std::string::npos);
}

// ---------------------------------------------------------------- 5: the watchdog

TEST(Robustness, DeadlineRunnerAbandonsAnOverrunningJob) {
  sitrep::DeadlineRunner runner;
  auto flag = std::make_shared<std::atomic<bool>>(false);
  EXPECT_FALSE(runner.run(
      [flag] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        *flag = true;
      },
      std::chrono::milliseconds(20)));
  EXPECT_GE(sitrep::abandoned_jobs(), 1u);
  int value = 0;
  EXPECT_TRUE(runner.run([&value] { value = 7; }, std::chrono::seconds(10)));
  EXPECT_EQ(value, 7);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_TRUE(*flag);  // the abandoned job finished on its own
}

// A job that hangs in the middle of a batch is abandoned alone: the jobs after it run on a fresh
// worker, in order, and the hung one still finishes on its own once it is let go (it owns its
// state through the shared_ptr). No timing guesses: the hung job waits on a promise.
TEST(Robustness, DeadlineRunnerGoesOnAfterAHungJobInABatch) {
  sitrep::DeadlineRunner runner;
  const std::size_t abandoned_before = sitrep::abandoned_jobs();
  auto release = std::make_shared<std::promise<void>>();
  auto finished = std::make_shared<std::promise<void>>();
  std::shared_future<void> go = release->get_future().share();
  std::future<void> hung_done = finished->get_future();
  std::vector<int> ran;
  for (int i = 0; i < 6; ++i) {
    if (i == 3) {
      EXPECT_FALSE(runner.run(
          [go, finished] {
            go.wait();
            finished->set_value();
          },
          std::chrono::milliseconds(50)));
      continue;
    }
    EXPECT_TRUE(runner.run([&ran, i] { ran.push_back(i); }, std::chrono::seconds(30))) << i;
  }
  EXPECT_EQ(ran, (std::vector<int>{0, 1, 2, 4, 5}));
  EXPECT_EQ(sitrep::abandoned_jobs(), abandoned_before + 1);
  release->set_value();
  EXPECT_EQ(hung_done.wait_for(std::chrono::seconds(30)), std::future_status::ready);
}

// Queued jobs: outcomes come back in order on the caller's thread, more jobs than the queue
// holds go through (submit waits once it is full), and a hung job in the middle is reported as
// not finished while the jobs queued behind it run on a fresh worker.
TEST(Robustness, DeadlineRunnerQueuedBatchGoesOnAfterAHungJob) {
  sitrep::DeadlineRunner runner;
  const std::size_t abandoned_before = sitrep::abandoned_jobs();
  auto release = std::make_shared<std::promise<void>>();
  std::shared_future<void> go = release->get_future().share();
  const int count = 3 * static_cast<int>(sitrep::DeadlineRunner::kDepth);
  const int hung = count / 2;
  auto ran = std::make_shared<std::vector<int>>();  // written by the jobs, one at a time
  std::vector<std::pair<int, bool>> outcomes;
  const std::thread::id caller = std::this_thread::get_id();
  for (int i = 0; i < count; ++i) {
    std::function<void()> job = [ran, i] { ran->push_back(i); };
    if (i == hung) job = [go] { go.wait(); };
    runner.submit(std::move(job),
                  i == hung ? std::chrono::milliseconds(50) : std::chrono::milliseconds(30'000),
                  [&outcomes, caller, i](bool finished) {
                    EXPECT_EQ(std::this_thread::get_id(), caller);
                    outcomes.emplace_back(i, finished);
                  });
  }
  runner.drain();
  ASSERT_EQ(outcomes.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    EXPECT_EQ(outcomes[i].first, i);
    EXPECT_EQ(outcomes[i].second, i != hung) << i;
  }
  EXPECT_EQ(ran->size(), static_cast<std::size_t>(count - 1));
  EXPECT_EQ(sitrep::abandoned_jobs(), abandoned_before + 1);
  release->set_value();
}

// The caller waits (the queue is full) while a job with a long timeout runs; the job after it,
// with a short one, hangs. The caller is not told when a job starts, so it must wake by the
// earliest deadline any pending job could have, not at the running job's (30 s away).
TEST(Robustness, DeadlineRunnerNoticesAHungJobThatStartsWhileTheCallerWaits) {
  sitrep::DeadlineRunner runner;
  auto release = std::make_shared<std::promise<void>>();
  std::shared_future<void> go = release->get_future().share();
  std::vector<bool> outcomes;
  const auto record = [&outcomes](bool finished) { outcomes.push_back(finished); };
  const auto start = std::chrono::steady_clock::now();
  runner.submit([] { std::this_thread::sleep_for(std::chrono::milliseconds(100)); },
                std::chrono::seconds(30), record);
  runner.submit([go] { go.wait(); }, std::chrono::milliseconds(50), record);
  for (std::size_t i = 0; i < sitrep::DeadlineRunner::kDepth; ++i)
    runner.submit([] {}, std::chrono::seconds(30), record);
  runner.drain();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(outcomes.size(), sitrep::DeadlineRunner::kDepth + 2);
  EXPECT_TRUE(outcomes[0]);
  EXPECT_FALSE(outcomes[1]);
  release->set_value();
}

// A job that finishes, but later than its time, is not finished either (its result is late).
TEST(Robustness, DeadlineRunnerJobFinishedLateIsNotFinished) {
  sitrep::DeadlineRunner runner;
  std::vector<bool> outcomes;
  runner.submit([] { std::this_thread::sleep_for(std::chrono::milliseconds(200)); },
                std::chrono::milliseconds(20), [&outcomes](bool ok) { outcomes.push_back(ok); });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the caller looks too late
  runner.drain();
  EXPECT_EQ(outcomes, std::vector<bool>{false});
}

// No limit: the job runs on the calling thread (no worker, nothing abandoned).
TEST(Robustness, DeadlineRunnerWithoutALimitRunsInline) {
  sitrep::DeadlineRunner runner;
  std::thread::id where;
  EXPECT_TRUE(
      runner.run([&where] { where = std::this_thread::get_id(); }, std::chrono::seconds(0)));
  EXPECT_EQ(where, std::this_thread::get_id());
}

// ---------------------------------------------------------------- 7, 8: JSONL and dates

TEST(Robustness, NulByteRejectsOnlyItsJsonlLine) {
  TempDir dir;
  std::string dump;
  for (int i = 1; i <= 201; ++i) {
    if (i == 101) {
      dump += std::string("{\"doc\":\"bad\",\"text\":\"a\0b\"}\n", 27);
      continue;
    }
    dump += "{\"doc\":\"d" + std::to_string(i) + "\",\"text\":\"Rockets hit the base.\"}\n";
  }
  const std::string file = dir.write("dump.jsonl", dump);
  const Loaded loaded = load_inputs({file}, Options{});
  EXPECT_EQ(loaded.documents.size(), 200u);
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(loaded.errors[0].input, file + ":101");
  EXPECT_NE(loaded.errors[0].message.find("NUL"), std::string::npos);
}

TEST(Robustness, InvalidPublishedDateRejectsItsJsonlLine) {
  TempDir dir;
  const std::string file = dir.write(
      "dump.jsonl",
      "{\"doc\":\"a\",\"text\":\"Rockets hit the base.\",\"published\":\"2024-13-45\"}\n"
      "{\"doc\":\"b\",\"text\":\"Drones hit the base.\",\"published\":\"2024-02-29\"}\n"
      "{\"doc\":\"c\",\"text\":\"Mortars hit the base.\",\"published\":\"2023-02-29\"}\n");
  const Loaded loaded = load_inputs({file}, Options{});
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].published, "2024-02-29");
  ASSERT_EQ(loaded.errors.size(), 2u);
  EXPECT_EQ(loaded.errors[0].input, file + ":1");
  EXPECT_NE(loaded.errors[0].message.find("2024-13-45"), std::string::npos);
  EXPECT_EQ(loaded.errors[1].input, file + ":3");
}

TEST(Robustness, InvalidManifestDateRejectsItsLineAndItsArticleOnly) {
  TempDir dir;
  const std::string manifest_path =
      dir.write("manifest.jsonl",
                "{\"doc\":\"a.txt\",\"published\":\"2024-13-45\",\"url\":\"https://a.example/a\"}\n"
                "{\"doc\":\"b.txt\",\"published\":\"2024-03-08\"}\n");
  const std::string a = dir.write("a.txt", "Rockets hit the base.\n");
  const std::string b = dir.write("b.txt", "Drones hit the base.\n");
  auto manifest = load_manifest(manifest_path);
  ASSERT_TRUE(manifest.has_value());
  Options options;
  options.manifest = &*manifest;
  const Loaded loaded = load_inputs({a, b}, options);
  ASSERT_EQ(loaded.documents.size(), 1u);
  EXPECT_EQ(loaded.documents[0].published, "2024-03-08");
  ASSERT_EQ(loaded.errors.size(), 2u);
  EXPECT_EQ(loaded.errors[0].input, manifest_path + ":1");
  EXPECT_NE(loaded.errors[1].message.find(manifest_path + ":1"), std::string::npos);
}

// ---------------------------------------------------------------- 9: terminal output

TEST(Robustness, ControlCharactersAreEscapedForTheTerminal) {
  EXPECT_EQ(sitrep::terminal_safe("Wire\x1b[2J\x1b[H"), "Wire\\x1B[2J\\x1B[H");
  EXPECT_EQ(sitrep::terminal_safe("a\tb\nc\x7f"), "a\\x09b\\x0Ac\\x7F");
  EXPECT_EQ(sitrep::terminal_safe("\xC2\x9B"
                                  "31m"),
            "\\u009B31m");  // C1 CSI
  EXPECT_EQ(sitrep::terminal_safe("caf\xE9"), "caf\\xE9");
  EXPECT_EQ(sitrep::terminal_safe("Al-\xD8\xA3\xD9\x86\xD8\xA8\xD8\xA7\xD8\xB1 \xE2\x80\x94 ok"),
            "Al-\xD8\xA3\xD9\x86\xD8\xA8\xD8\xA7\xD8\xB1 \xE2\x80\x94 ok");
}

// ---------------------------------------------------------------- the binary

class RobustnessCli : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db() const { return (dir_.path() / "news.db").string(); }
};

TEST_F(RobustnessCli, FileNameThatIsNotUtf8DoesNotStopTheBatch) {
  const fs::path articles = dir_.path() / "articles";
  fs::create_directories(articles);
  std::ofstream(articles / "a_caf\xE9.txt") << kArticle;
  std::ofstream(articles / "b_next.txt")
      << "Drone attack on base in Syria\n\nTwo drones targeted US forces at a base in eastern "
         "Syria on Monday, a US defense official said. Both drones were shot down.\n";
  const Outcome extract = run_sitrep(dir_.path(), "extract " + quote(articles.string()));
  EXPECT_EQ(extract.status, 0) << extract.err;
  EXPECT_NE(extract.err.find("a_caf\\xE9.txt"), std::string::npos) << extract.err;
  int lines = 0;
  std::istringstream in(extract.out);
  for (std::string line; std::getline(in, line);) {
    const auto report = nlohmann::json::parse(line);
    ++lines;
    if (lines == 1) {
      EXPECT_EQ(report["doc"], "a_caf\xEF\xBF\xBD.txt");
    }
  }
  EXPECT_EQ(lines, 2);
  const Outcome ingest =
      run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " " + quote(articles.string()));
  EXPECT_EQ(ingest.status, 0) << ingest.err;
  EXPECT_NE(ingest.err.find("2 new"), std::string::npos) << ingest.err;
}

TEST_F(RobustnessCli, ControlCharactersInAnOutletDoNotReachTheTerminal) {
  const std::string article = dir_.write("a.txt", kArticle);
  const std::string manifest = dir_.write("manifest.jsonl",
                                          "{\"doc\":\"a.txt\",\"outlet\":\"Evil\\u001b[2J\\u001b["
                                          "HWire\",\"published\":\"2024-03-08\"}\n");
  const Outcome ingest = run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " --manifest " +
                                                     quote(manifest) + " " + quote(article));
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  const Outcome documents = run_sitrep(dir_.path(), "documents --db " + quote(db()));
  EXPECT_EQ(documents.out.find('\x1b'), std::string::npos) << documents.out;
  EXPECT_NE(documents.out.find("Evil\\x1B[2J"), std::string::npos) << documents.out;
  const Outcome incidents = run_sitrep(dir_.path(), "incidents --db " + quote(db()));
  EXPECT_EQ(incidents.out.find('\x1b'), std::string::npos) << incidents.out;
}

TEST_F(RobustnessCli, ReadOnlyDatabaseCanBeQueried) {
  const std::string article = dir_.write("a.txt", kArticle);
  const Outcome ingest =
      run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " " + quote(article));
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  // Read-only for everyone: the file and its folder (root ignores modes, so the queries run
  // as an unprivileged user when the test runs as root).
  fs::permissions(db(), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir_.path(), fs::perms::owner_read | fs::perms::owner_exec |
                                   fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
  const std::string as_user =
      geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
  // stdout/stderr go to files in the (now read-only) folder: write them elsewhere.
  TempDir out;
  for (const std::string command : {"incidents", "documents", "tallies", "alerts"}) {
    const std::string run = "cd / && " + as_user + " " + quote(SITREP_BINARY) + " " + command +
                            " --db " + quote(db()) + " > " + quote((out.path() / "o").string()) +
                            " 2> " + quote((out.path() / "e").string());
    const int raw = std::system(run.c_str());
    EXPECT_EQ(WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, 0)
        << command << ": " << slurp(out.path() / "e");
  }
  EXPECT_NE(slurp(out.path() / "o").find("alert"), std::string::npos);
  fs::permissions(dir_.path(), fs::perms::all);
}

TEST_F(RobustnessCli, SameArticleWithAndWithoutItsUrlIsStoredOnce) {
  const std::string article = dir_.write("a.txt", kArticle);
  const std::string manifest =
      dir_.write("manifest.jsonl", "{\"doc\":\"a.txt\",\"url\":\"https://news.example/a\"}\n");
  Outcome first = run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " " + quote(article));
  ASSERT_EQ(first.status, 0) << first.err;
  Outcome second = run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " --manifest " +
                                               quote(manifest) + " " + quote(article));
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_NE(second.err.find("0 new, 1 already known"), std::string::npos) << second.err;
  const Outcome documents = run_sitrep(dir_.path(), "documents --format json --db " + quote(db()));
  const auto list = nlohmann::json::parse(documents.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["url"], "https://news.example/a");  // the URL learned later was added
}

TEST_F(RobustnessCli, DocumentOverTheTimeLimitIsRejectedAndTheBatchGoesOn) {
  // A long (legal) article and a 1 ms budget: the watchdog rejects it by name.
  std::string huge = kArticle;
  for (int i = 0; i < 3000; ++i) huge += std::string("\n") + kArticle;
  const std::string slow = dir_.write("slow.txt", huge);
  const std::string ok = dir_.write("ok.txt", kArticle);
  const Outcome run = run_sitrep(dir_.path(), "ingest --timeout 0.001 --db " + quote(db()) + " " +
                                                  quote(slow) + " " + quote(ok));
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_NE(run.err.find("slow.txt: took more than 0.001 s"), std::string::npos) << run.err;
  // SITREP_TIMEOUT=0 lifts the limit: the slow article is stored on the second run.
  const Outcome again =
      run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " " + quote(slow) + " " + quote(ok),
                 "SITREP_TIMEOUT=0");
  EXPECT_EQ(again.status, 0) << again.err;
}

// The same through `sitrep extract`: a document that overruns between two others is rejected
// by name, and both others are reported, in order. The slow one takes seconds even in Release
// (~2.5 s), the quick ones milliseconds even under the sanitizers.
TEST_F(RobustnessCli, DocumentOverTheTimeLimitInTheMiddleOfABatchLeavesTheOthersReported) {
  std::string huge = kArticle;
  for (int i = 0; i < 30000; ++i) huge += std::string("\n") + kArticle;
  const std::string first = dir_.write("a.txt", kArticle);
  const std::string slow = dir_.write("slow.txt", huge);
  const std::string last = dir_.write("b.txt", kArticle);
  const Outcome run = run_sitrep(
      dir_.path(), "extract --timeout 0.5 " + quote(first) + " " + quote(slow) + " " + quote(last));
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_NE(run.err.find("slow.txt: took more than 0.5 s"), std::string::npos) << run.err;
  std::vector<std::string> docs;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);)
    docs.push_back(nlohmann::json::parse(line)["doc"].get<std::string>());
  ASSERT_EQ(docs.size(), 2u) << run.out;
  EXPECT_NE(docs[0].find("a.txt"), std::string::npos);
  EXPECT_NE(docs[1].find("b.txt"), std::string::npos);
}

TEST_F(RobustnessCli, HostileHtmlIsRejectedByNameAndTheRestIsStored) {
  const std::string deep = dir_.write("deep.html", "<p>" + repeat("<span>", 300'000) + "x</p>");
  const std::string ok = dir_.write("ok.txt", kArticle);
  const Outcome run =
      run_sitrep(dir_.path(), "ingest --db " + quote(db()) + " " + quote(deep) + " " + quote(ok));
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_NE(run.err.find("deep.html: HTML elements nested more than 512"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("1 new, 0 already known, 1 rejected"), std::string::npos) << run.err;
  const Outcome lifted = run_sitrep(dir_.path(), "extract --max-depth 400000 " + quote(deep));
  EXPECT_EQ(lifted.status, 0) << lifted.err;
}
