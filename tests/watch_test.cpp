// `sitrep watch` and `sitrep feeds` end to end: the real binary against a real HTTP server that
// the test starts on loopback and stops (cpp-httplib, on its own thread), serving feeds and
// pages written for these tests. Good RSS 2.0 and Atom feeds whose pages become incidents,
// conditional GET (304, nothing fetched), restart persistence, and every kind of bad input: a
// malformed feed, a 404 page, a redirect loop, a 20 MB response, a server that never answers.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/watch.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

// The pages: our own writing, each an attack report.
struct Page {
  const char* path;
  const char* title;
  const char* text;
};
const Page kPages[] = {
    {"/news/embassy-rockets.html", "Rockets strike near US Embassy in Baghdad",
     "Three Katyusha rockets struck near the US Embassy in Baghdad's Green Zone late on Tuesday, "
     "an Iraqi security official said. Two of the rockets were intercepted by the embassy's "
     "C-RAM defence system and one landed in a nearby parking lot. No casualties were reported."},
    {"/news/erbil-drones.html", "Drones target Erbil air base",
     "Two explosive-laden drones targeted the coalition base at Erbil International Airport on "
     "Wednesday night, the Kurdistan Region's counter-terrorism service said. Both drones were "
     "shot down before they reached the base and there was no damage."},
    {"/news/asad-rockets.html", "Rockets hit Ain al-Asad air base",
     "Five rockets hit Ain al-Asad air base in western Iraq, which hosts US troops, on Thursday "
     "morning, a US defence official said. One American contractor was lightly injured."},
    {"/monitor/conoco.html", "Rockets hit US base in Syria",
     "Four rockets struck the Conoco gas field base housing US forces in eastern Syria on "
     "Monday, a US official said. No one was hurt, and the base was not damaged."},
    {"/monitor/victory.html", "Drone shot down over Victory base",
     "A drone was shot down over the Victory base complex at Baghdad airport early on Saturday, "
     "Iraqi security sources said. It was the second attack on the base this month; no one was "
     "hurt."},
};

std::string page_html(const Page& page) {
  return std::string("<!doctype html><html><head><title>") + page.title +
         "</title></head><body><nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav>"
         "<article><h1>" +
         page.title + "</h1><p>" + page.text +
         "</p></article><footer>Copyright</footer></body></html>";
}

std::string rss_item(const std::string& base, const Page& page, const char* date) {
  return std::string("<item><title>") + page.title + "</title><link>" + base + page.path +
         "</link><guid>" + base + page.path + "</guid><pubDate>" + date +
         "</pubDate><description>Short summary.</description></item>";
}

// A listening socket that never accepts: the connection is made (by the kernel) and the request
// is sent, but no answer ever comes.
class Silent {
 public:
  Silent() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(fd_, 16), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~Silent() { ::close(fd_); }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// The feeds and pages, on a free loopback port. Counts every request by path and keeps the
// conditional headers the feeds were asked with.
class FeedServer {
 public:
  explicit FeedServer(const std::string& silent_base) {
    port_ = server_.bind_to_any_port("127.0.0.1");
    const std::string base = this->base();
    // RSS 2.0 with an ETag (If-None-Match is answered with 304).
    rss_ =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Border Wire</title>"
        "<link>" +
        base + "/</link>" + rss_item(base, kPages[0], "Tue, 05 Mar 2024 21:40:00 GMT") +
        rss_item(base, kPages[1], "Wed, 06 Mar 2024 23:10:00 +0300") +
        rss_item(base, kPages[2], "Thu, 07 Mar 2024 09:00:00 GMT") + "</channel></rss>";
    // Atom with Last-Modified only (If-Modified-Since is answered with 304); relative links.
    atom_ = std::string(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Gulf Monitor</title>"
                "<id>urn:gulf-monitor</id><updated>2024-03-09T08:00:00Z</updated>"
                "<entry><title>") +
            kPages[3].title +
            "</title><id>urn:gulf-monitor:conoco</id><link rel=\"alternate\" href=\"" +
            kPages[3].path +
            "\"/><published>2024-03-04T18:00:00Z</published><updated>2024-03-04T19:00:00Z"
            "</updated><summary>Short.</summary></entry><entry><title>" +
            kPages[4].title + "</title><id>urn:gulf-monitor:victory</id><link href=\"" + base +
            kPages[4].path +
            "\"/><published>2024-03-09T07:30:00Z</published><summary>Short.</summary></entry>"
            "</feed>";
    // A feed with every kind of bad page, and one good page.
    mixed_ =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Mixed Bag</title>"
        "<item><title>Gone</title><link>" +
        base +
        "/gone.html</link><pubDate>Fri, 08 Mar 2024 10:00:00 GMT</pubDate></item>"
        "<item><title>Loop</title><link>" +
        base +
        "/loop/b</link><pubDate>Fri, 08 Mar 2024 10:00:00 GMT</pubDate></item>"
        "<item><title>Huge</title><link>" +
        base +
        "/huge.html</link><pubDate>Fri, 08 Mar 2024 10:00:00 GMT</pubDate></item>"
        "<item><title>Silent</title><link>" +
        silent_base +
        "/page.html</link><pubDate>Fri, 08 Mar 2024 10:00:00 GMT</pubDate>"
        "</item><item><title>Local file</title><link>file:///etc/passwd</link></item>"
        "<item><title>Good</title><link>" +
        base + kPages[2].path +
        "</link><pubDate>Thu, 07 Mar 2024 09:00:00 GMT</pubDate></item></channel></rss>";

    server_.Get("/rss.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      const std::string etag = "\"rss-v1\"";
      if (req.get_header_value("If-None-Match") == etag) {
        res.status = 304;
        return;
      }
      res.set_header("ETag", etag);
      res.set_content(rss_, "application/rss+xml");
    });
    server_.Get("/atom.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      const std::string modified = "Sat, 09 Mar 2024 08:00:00 GMT";
      if (req.get_header_value("If-Modified-Since") == modified) {
        res.status = 304;
        return;
      }
      res.set_header("Last-Modified", modified);
      res.set_content(atom_, "application/atom+xml");
    });
    // The same RSS without validators: every poll gets the whole feed.
    server_.Get("/plain.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_content(rss_, "application/rss+xml");
    });
    server_.Get("/mixed.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_content(mixed_, "application/rss+xml");
    });
    server_.Get("/malformed.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_content(
          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken"
          "</title><item><title>Unclosed</item></channel>",
          "application/rss+xml");
    });
    server_.Get(R"(/loop/(a|b))", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_redirect(req.matches[1] == "a" ? "/loop/b" : "/loop/a");
    });
    // 20 MB with a Content-Length (refused before the body is read) ...
    server_.Get("/huge.html", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_content_provider(20'000'000, "text/html",
                               [](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 static const std::string block(1 << 16, 'a');
                                 (void)offset;
                                 return sink.write(block.data(), std::min(length, block.size()));
                               });
    });
    // ... and 20 MB chunked, with no length announced (refused once the limit is passed).
    server_.Get("/huge.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_chunked_content_provider(
          "application/rss+xml",
          [sent = std::size_t{0}](std::size_t, httplib::DataSink& sink) mutable {
            static const std::string chunk(1 << 20, ' ');
            if (sent >= 20'000'000) {
              sink.done();
              return true;
            }
            sent += chunk.size();
            return sink.write(chunk.data(), chunk.size());
          });
    });
    for (const Page& page : kPages) {
      const std::string html = page_html(page);
      server_.Get(page.path, [this, html](const httplib::Request& req, httplib::Response& res) {
        count(req);
        res.set_content(html, "text/html; charset=utf-8");
      });
    }
    server_.Get("/control.xml", [this](const httplib::Request& req, httplib::Response& res) {
      count(req);
      res.set_content(
          "<rss version=\"2.0\"><channel><title>Evil&#x9b;2J&#x9d;0;owned Wire</title>"
          "</channel></rss>",
          "application/rss+xml");
    });
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FeedServer() {
    server_.stop();
    thread_.join();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string url(const std::string& path) const { return base() + path; }
  int requests(const std::string& path) {
    std::lock_guard lock(mutex_);
    return counts_[path];
  }
  int page_requests() {
    int n = 0;
    for (const Page& page : kPages) n += requests(page.path);
    return n;
  }
  void reset() {
    std::lock_guard lock(mutex_);
    counts_.clear();
  }

 private:
  void count(const httplib::Request& req) {
    std::lock_guard lock(mutex_);
    ++counts_[req.path];
  }

  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, int> counts_;
  std::string rss_, atom_, mixed_;
};

struct Outcome {
  int status = -1;
  std::string out, err;
  double seconds = 0;
};

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep-watch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "watch.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the real binary; stdout and stderr are kept apart.
  Outcome sitrep(const std::string& arguments) {
    Outcome run;
    const std::string err_file = (dir_ / "stderr.txt").string();
    const std::string command =
        std::string("'") + SITREP_BINARY + "' " + arguments + " 2>'" + err_file + "'";
    const auto start = std::chrono::steady_clock::now();
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return run;
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    std::ostringstream text;
    text << in.rdbuf();
    run.err = text.str();
    return run;
  }

  Outcome watch_once(const std::string& feeds, const std::string& extra = "") {
    return sitrep("watch --once --db '" + db_ + "' " + extra + " " + feeds);
  }

  json documents() {
    Outcome run = sitrep("documents --format json --db '" + db_ + "'");
    return json::parse(run.out, nullptr, false);
  }
  json incidents() {
    Outcome run = sitrep("incidents --format json --db '" + db_ + "'");
    return json::parse(run.out, nullptr, false);
  }
  json feed_state() {
    Outcome run = sitrep("feeds --format json --db '" + db_ + "'");
    return json::parse(run.out, nullptr, false);
  }

  fs::path dir_;
  std::string db_;
  Silent silent_;
  FeedServer server_{silent_.url("")};
};

TEST_F(WatchTest, RssAndAtomItemsArePagesFetchedAndIngestedAsIncidents) {
  Outcome run = watch_once(server_.url("/rss.xml") + " " + server_.url("/atom.xml"));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("watch: 2 feeds (0 unchanged, 0 failed); 5 new"), std::string::npos)
      << run.err;
  for (const Page& page : kPages) EXPECT_EQ(server_.requests(page.path), 1) << page.path;

  const json docs = documents();
  ASSERT_EQ(docs.size(), 5u) << docs.dump(2);
  std::map<std::string, json> by_url;
  for (const auto& d : docs) by_url[d["url"].get<std::string>()] = d;
  // The feed's title is the outlet, the item's date the published date (the Atom link was
  // relative: it is resolved against the feed's URL).
  const json& embassy = by_url[server_.url(kPages[0].path)];
  EXPECT_EQ(embassy["outlet"], "Border Wire");
  EXPECT_EQ(embassy["published"], "2024-03-05");
  EXPECT_EQ(embassy["title"], kPages[0].title);
  EXPECT_EQ(by_url[server_.url(kPages[1].path)]["published"], "2024-03-06");
  const json& conoco = by_url[server_.url(kPages[3].path)];
  EXPECT_EQ(conoco["outlet"], "Gulf Monitor");
  EXPECT_EQ(conoco["published"], "2024-03-04");
  EXPECT_EQ(by_url[server_.url(kPages[4].path)]["published"], "2024-03-09");

  // Every page tells an attack: each is an incident of its own.
  const json found = incidents();
  ASSERT_TRUE(found.is_array()) << found;
  EXPECT_EQ(found.size(), 5u) << found.dump(2);

  const json state = feed_state();
  ASSERT_EQ(state.size(), 2u);
  EXPECT_EQ(state[0]["title"], "Border Wire");
  EXPECT_EQ(state[0]["items"], 3);
  EXPECT_EQ(state[0]["ingested"], 3);
  EXPECT_EQ(state[0]["errors"], 0);
  EXPECT_EQ(state[0]["etag"], "\"rss-v1\"");
  EXPECT_EQ(state[1]["title"], "Gulf Monitor");
  EXPECT_EQ(state[1]["items"], 2);
  EXPECT_EQ(state[1]["last_modified"], "Sat, 09 Mar 2024 08:00:00 GMT");
  EXPECT_TRUE(state[1]["last_error"].is_null());
}

TEST_F(WatchTest, SecondPollIsConditionalAndFetchesNothing) {
  const std::string feeds = server_.url("/rss.xml") + " " + server_.url("/atom.xml");
  ASSERT_EQ(watch_once(feeds).status, 0);
  server_.reset();
  Outcome again = watch_once(feeds);
  ASSERT_EQ(again.status, 0) << again.err;
  // Both feeds were asked with their validators and answered 304; no page was fetched.
  EXPECT_EQ(server_.requests("/rss.xml"), 1);
  EXPECT_EQ(server_.requests("/atom.xml"), 1);
  EXPECT_EQ(server_.page_requests(), 0);
  EXPECT_NE(again.err.find("(2 unchanged, 0 failed); 0 new"), std::string::npos) << again.err;
  const json state = feed_state();
  EXPECT_EQ(state[0]["last_status"], "304");
  EXPECT_EQ(state[1]["last_status"], "304");
  EXPECT_EQ(documents().size(), 5u);
}

TEST_F(WatchTest, SeenItemsSurviveARestartWithoutValidators) {
  // No ETag, no Last-Modified: the second process gets the whole feed again, and remembers
  // from the database that its items were read.
  ASSERT_EQ(watch_once(server_.url("/plain.xml")).status, 0);
  EXPECT_EQ(server_.page_requests(), 3);
  server_.reset();
  Outcome again = watch_once(server_.url("/plain.xml"));
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(server_.requests("/plain.xml"), 1);
  EXPECT_EQ(server_.page_requests(), 0);
  EXPECT_NE(again.err.find("(0 unchanged, 0 failed); 0 new, 0 already known"), std::string::npos)
      << again.err;
  EXPECT_EQ(documents().size(), 3u);
  // The same pages listed by another feed are not fetched either.
  server_.reset();
  ASSERT_EQ(watch_once(server_.url("/rss.xml")).status, 0);
  EXPECT_EQ(server_.page_requests(), 0);
  EXPECT_EQ(feed_state()[1]["items"], 3);
}

TEST_F(WatchTest, BadFeedsAndPagesAreNamedAndSkippedWhileTheOthersGoOn) {
  const std::string feeds_file = (dir_ / "feeds.txt").string();
  std::ofstream(feeds_file) << "# watched feeds\n"
                            << server_.url("/malformed.xml") << "\n\n"
                            << server_.url("/loop/a") << "\n"
                            << server_.url("/huge.xml") << "\n"
                            << silent_.url("/feed.xml") << "\n"
                            << server_.url("/mixed.xml") << "\n"
                            << server_.url("/rss.xml") << "\n";
  Outcome run = watch_once("'" + feeds_file + "'", "--timeout 1");
  EXPECT_EQ(run.status, 1) << run.err;
  // Each problem is named with its URL.
  auto named = [&](const std::string& url, const std::string& why) {
    const std::string line = "sitrep: " + url + ": " + why;
    EXPECT_NE(run.err.find(line), std::string::npos) << line << "\nin:\n" << run.err;
  };
  named(server_.url("/malformed.xml"), "malformed feed (not well-formed XML");
  named(server_.url("/loop/a"), "too many redirects (more than 5)");
  named(server_.url("/huge.xml"), "response larger than the limit of 10 MiB");
  named(silent_.url("/feed.xml"), "no complete response within 1 s (--timeout)");
  named(server_.url("/gone.html"), "HTTP 404");
  named(server_.url("/loop/b"), "too many redirects (more than 5)");
  named(server_.url("/huge.html"), "response larger than the limit of 10 MiB");
  named(silent_.url("/page.html"), "no complete response within 1 s (--timeout) (tried again");
  named("file:///etc/passwd", "the item's link is not an http or https URL");
  // The redirect loop was followed 5 times, not forever (feed and page: 2 x 6 requests).
  EXPECT_EQ(server_.requests("/loop/a") + server_.requests("/loop/b"), 12);
  // The good pages went in: the 3 of the RSS feed (one also listed by the mixed feed).
  EXPECT_EQ(documents().size(), 3u);
  EXPECT_EQ(server_.requests(kPages[2].path), 1);
  // Two silent requests of 1 s each, everything else at once.
  EXPECT_LT(run.seconds, 15) << run.err;

  const json state = feed_state();
  ASSERT_EQ(state.size(), 6u) << state.dump(2);
  std::map<std::string, json> by_url;
  for (const auto& f : state) by_url[f["url"].get<std::string>()] = f;
  EXPECT_EQ(by_url[server_.url("/malformed.xml")]["last_status"], "error");
  EXPECT_EQ(by_url[server_.url("/malformed.xml")]["errors"], 1);
  EXPECT_EQ(by_url[server_.url("/mixed.xml")]["last_status"], "200");
  EXPECT_EQ(by_url[server_.url("/mixed.xml")]["errors"], 5);
  EXPECT_EQ(by_url[server_.url("/mixed.xml")]["items"], 6);
  EXPECT_TRUE(by_url[server_.url("/rss.xml")]["last_error"].is_null());

  // The table names the feeds with their errors.
  Outcome table = sitrep("feeds --db '" + db_ + "'");
  EXPECT_EQ(table.status, 0);
  EXPECT_NE(table.out.find("LAST POLL"), std::string::npos);
  EXPECT_NE(table.out.find("error  "), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Mixed Bag"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("last error: "), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("6 feeds"), std::string::npos) << table.out;

  // Next poll: only the page that timed out is tried again (the 404, the loop, the huge page
  // and the file link are final), and the feeds that failed are fetched whole again.
  server_.reset();
  Outcome again = watch_once("'" + feeds_file + "'", "--timeout 1");
  EXPECT_EQ(again.status, 1);
  EXPECT_EQ(server_.requests("/gone.html"), 0);
  EXPECT_EQ(server_.requests("/huge.html"), 0);
  EXPECT_EQ(server_.requests("/malformed.xml"), 1);
  EXPECT_NE(again.err.find(silent_.url("/page.html")), std::string::npos) << again.err;
  EXPECT_EQ(again.err.find(server_.url("/gone.html")), std::string::npos) << again.err;
}

TEST_F(WatchTest, FeedsTableEscapesControlCharacters) {
  ASSERT_EQ(watch_once(server_.url("/control.xml")).status, 0);
  Outcome table = sitrep("feeds --db '" + db_ + "'");
  ASSERT_EQ(table.status, 0);
  // XML cannot carry C0 controls, but C1 ones (the 8-bit CSI and OSC) it can.
  EXPECT_EQ(table.out.find("\xc2\x9b"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("\xc2\x9d"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Evil\\u009B2J"), std::string::npos) << table.out;
}

TEST_F(WatchTest, OnlyHttpAndHttpsFeedsAreWatched) {
  Outcome ftp = watch_once("ftp://127.0.0.1/feed.xml");
  EXPECT_EQ(ftp.status, 2);
  EXPECT_NE(ftp.err.find("is not an http or https URL"), std::string::npos) << ftp.err;
  Outcome file = watch_once("file:///etc/passwd");
  EXPECT_EQ(file.status, 2);
  Outcome missing = watch_once("'" + (dir_ / "no-such-list.txt").string() + "'");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("cannot read the feeds file"), std::string::npos) << missing.err;
  const std::string bad_list = (dir_ / "bad.txt").string();
  std::ofstream(bad_list) << server_.url("/rss.xml") << "\n"
                          << "gopher://127.0.0.1/feed\n";
  Outcome bad = watch_once("'" + bad_list + "'");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.txt:2: 'gopher://127.0.0.1/feed' is not an http"), std::string::npos)
      << bad.err;
  EXPECT_EQ(server_.requests("/rss.xml"), 0);
}

TEST_F(WatchTest, WithoutOncePollsEveryPeriodUntilSigterm) {
  const std::string err_file = (dir_ / "loop.txt").string();
  const std::string feed = server_.url("/rss.xml");
  // Only async-signal-safe calls between fork and exec (the server's threads run in the parent).
  const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(err_fd, 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(err_fd, STDERR_FILENO);
    execl(SITREP_BINARY, SITREP_BINARY, "watch", "--every", "1s", "--db", db_.c_str(), feed.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(err_fd);
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (server_.requests("/rss.xml") < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  EXPECT_GE(server_.requests("/rss.xml"), 3);
  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The pages were fetched once, on the first poll.
  EXPECT_EQ(server_.page_requests(), 3);
  std::ifstream in(err_file);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("(1 unchanged, 0 failed)"), std::string::npos) << text.str();
}

TEST(ParseDuration, ReadsUnits) {
  using sitrep::cli::parse_duration;
  EXPECT_EQ(parse_duration("90"), 90);
  EXPECT_EQ(parse_duration("90s"), 90);
  EXPECT_EQ(parse_duration("5m"), 300);
  EXPECT_EQ(parse_duration("1.5h"), 5400);
  EXPECT_EQ(parse_duration("1d"), 86400);
  EXPECT_FALSE(parse_duration("0"));
  EXPECT_FALSE(parse_duration("-5m"));
  EXPECT_FALSE(parse_duration("5 minutes"));
  EXPECT_FALSE(parse_duration(""));
}

// The feed state lives behind the Store interface and survives reopening the database.
TEST(FeedStore, StateAndItemsSurviveReopening) {
  const fs::path path =
      fs::temp_directory_path() / ("sitrep-feedstore-" + std::to_string(::getpid()) + ".db");
  fs::remove(path);
  {
    auto store = sitrep::store::open_store(path.string());
    ASSERT_TRUE(store) << store.error().message;
    sitrep::store::FeedState feed;
    feed.url = "https://wire.example/rss";
    feed.title = "Wire";
    feed.etag = "\"v1\"";
    feed.last_poll = "2024-03-05T10:00:00Z";
    feed.last_status = "200";
    feed.errors = 2;
    ASSERT_TRUE((*store)->save_feed(feed));
    sitrep::store::FeedItemState item;
    item.feed_url = feed.url;
    item.key = "urn:1";
    item.link = "https://wire.example/1";
    item.status = "failed";
    item.attempts = 1;
    ASSERT_TRUE((*store)->save_feed_item(item));
    item.status = "ingested";
    item.attempts = 2;
    item.doc_id = "d-1";
    ASSERT_TRUE((*store)->save_feed_item(item));  // replaces
    item.key = "urn:2";
    item.link = "https://wire.example/2";
    item.status = "failed";
    ASSERT_TRUE((*store)->save_feed_item(item));
  }
  auto store = sitrep::store::open_store(path.string(), sitrep::store::Access::kReadOnly);
  ASSERT_TRUE(store) << store.error().message;
  auto feed = (*store)->feed("https://wire.example/rss");
  ASSERT_TRUE(feed && *feed);
  EXPECT_EQ((*feed)->etag, "\"v1\"");
  EXPECT_EQ((*feed)->errors, 2);
  EXPECT_EQ((*feed)->items, 2);
  EXPECT_EQ((*feed)->ingested, 1);
  auto item = (*store)->feed_item("https://wire.example/rss", "urn:1");
  ASSERT_TRUE(item && *item);
  EXPECT_EQ((*item)->status, "ingested");
  EXPECT_EQ((*item)->attempts, 2);
  EXPECT_EQ((*item)->doc_id, "d-1");
  EXPECT_TRUE(*(*store)->feed_link_done("https://wire.example/1"));
  EXPECT_FALSE(*(*store)->feed_link_done("https://wire.example/2"));  // failed: may be retried
  auto failed = (*store)->feed_items("https://wire.example/rss", "failed");
  ASSERT_TRUE(failed);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].key, "urn:2");
  EXPECT_FALSE(*(*store)->feed("https://other.example/rss"));
  fs::remove(path);
}

}  // namespace
