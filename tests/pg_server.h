// A real, throwaway PostgreSQL 15 server for the tests that need one: a fresh cluster in a temp
// directory (a copy of one initdb made once and cached), pg_ctl start on a free loopback port,
// pg_ctl stop and removal of the directory when the object goes (also when a test fails). initdb
// refuses to run as root, so as root (CI) the server runs as the `postgres` user (runuser) in a
// directory that user owns.
//
//   auto server = sitrep::testing::PgServer::shared();   // nullptr: binaries missing
//   if (!server) GTEST_SKIP() << sitrep::testing::PgServer::why_missing();
//   std::string uri = server->create_database("my_test");  // postgresql://...@127.0.0.1:N/my_test
#pragma once

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>
#include <string>

namespace sitrep::testing {

class PgServer {
 public:
  // Where the server binaries are: $SITREP_PG_BIN, else Debian's PostgreSQL 15.
  static std::string bin_dir() {
    const char* env = std::getenv("SITREP_PG_BIN");
    return env && *env ? env : "/usr/lib/postgresql/15/bin";
  }
  static bool available() {
    namespace fs = std::filesystem;
    return fs::exists(fs::path(bin_dir()) / "initdb") && fs::exists(fs::path(bin_dir()) / "pg_ctl");
  }
  static std::string why_missing() {
    return "PostgreSQL server binaries not found in " + bin_dir() +
           " (install postgresql-15: scripts/deps.sh, or set SITREP_PG_BIN)";
  }

  // One server for the whole test process, started on first use; nullptr when the binaries are
  // missing. A server that fails to start is a test failure (reported here), not a skip.
  static PgServer* shared() {
    static std::unique_ptr<PgServer> server = [] {
      if (!available()) return std::unique_ptr<PgServer>();
      auto started = std::unique_ptr<PgServer>(new PgServer());
      if (!started->start()) {
        ADD_FAILURE() << "could not start PostgreSQL: " << started->error_;
        return std::unique_ptr<PgServer>();
      }
      return started;
    }();
    return server.get();
  }

  ~PgServer() {
    if (started_) run(pg_ctl() + " -D " + quote(data_) + " -m immediate -w stop > /dev/null 2>&1");
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  int port() const { return port_; }
  std::string uri(const std::string& database) const {
    // No TLS or GSSAPI negotiation: the test server offers neither, and trying GSSAPI loads
    // Kerberos, whose allocations the leak checker of `make test-sanitize` would report.
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database +
           "?sslmode=disable&gssencmode=disable";
  }

  // A new, empty database (dropped first if a former run left one); returns its URI.
  std::string create_database(const std::string& name) {
    pqxx::connection admin(uri("postgres"));
    pqxx::nontransaction tx(admin);
    tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
    tx.exec0("CREATE DATABASE " + tx.quote_name(name) + " ENCODING 'UTF8' TEMPLATE template0");
    return uri(name);
  }

  // A database name from the current test's name (lowercase letters, digits, '_').
  static std::string test_database() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    std::string out = "t_";
    for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_';
    return out.substr(0, 60);
  }

 private:
  PgServer() = default;

  static std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }
  std::string as_owner(const std::string& command) const {
    return ::geteuid() == 0 ? "runuser -u postgres -- " + command : command;
  }
  std::string pg_ctl() const { return as_owner(quote(bin_dir() + "/pg_ctl")); }
  static int run(const std::string& command) { return std::system(command.c_str()); }

  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t size = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
      port = ntohs(address.sin_port);
    ::close(fd);
    return port;
  }

  // Servers left by test processes that were killed (a ctest timeout): their destructor never
  // ran. Each server's directory names the process that started it.
  void stop_orphans() const {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
      const std::string name = entry.path().filename().string();
      if (!name.starts_with("sitrep-pg-") || name.starts_with("sitrep-pg-template-")) continue;
      const std::string owner = read(entry.path().string() + "/owner.pid");
      if (owner.empty()) continue;  // being set up, or not ours
      const long pid = std::strtol(owner.c_str(), nullptr, 10);
      if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
      run(pg_ctl() + " -D " + quote(entry.path().string() + "/data") +
          " -m immediate -w stop > /dev/null 2>&1");
      fs::remove_all(entry.path(), ec);
    }
  }

  bool start() {
    namespace fs = std::filesystem;
    stop_orphans();
    std::string pattern = (fs::temp_directory_path() / "sitrep-pg-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return error("mkdtemp failed");
    root_ = pattern;
    data_ = root_ + "/data";
    std::ofstream(root_ + "/owner.pid") << ::getpid() << "\n";
    if (::geteuid() == 0) {
      const passwd* user = ::getpwnam("postgres");
      if (!user) return error("running as root and there is no 'postgres' user to run initdb");
      if (::chown(root_.c_str(), user->pw_uid, user->pw_gid) != 0) return error("chown failed");
    }
    if (!make_cluster()) return false;
    for (int attempt = 0; attempt < 5 && !started_; ++attempt) {
      port_ = free_port();
      // The socket directory is the data directory: /var/run/postgresql may not exist.
      const std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) +
                                  " -k " + data_ + " -c fsync=off -c max_connections=60";
      started_ = run(pg_ctl() + " -D " + quote(data_) + " -l " + quote(root_ + "/server.log") +
                     " -o " + quote(options) + " -w -t 60 start > /dev/null 2>&1") == 0;
    }
    if (!started_) return error("pg_ctl start failed: " + read(root_ + "/server.log"));
    return true;
  }

  // The cluster in data_: a copy of a cached initdb (ctest runs every test in a process of its
  // own, and initdb takes seconds where a copy takes a fraction of one), made on first use.
  // The cache is /tmp/sitrep-pg-template-<uid>-<hash of the initdb binary's version>: the
  // template is initdb'd beside it and renamed into place, so a process never sees half of one.
  bool make_cluster() {
    namespace fs = std::filesystem;
    const std::string version = read_command(quote(bin_dir() + "/initdb") + " --version");
    const std::string cache = (fs::temp_directory_path() /
                               ("sitrep-pg-template-" + std::to_string(::geteuid()) + "-" +
                                std::to_string(std::hash<std::string>{}(version + bin_dir()))))
                                  .string();
    const std::string log = root_ + "/initdb.log";
    if (!fs::exists(cache + "/PG_VERSION")) {
      // No fsync: a test server's data need not survive a power cut, and syncing is most of
      // initdb's time.
      const std::string fresh = root_ + "/template";
      if (run(as_owner(quote(bin_dir() + "/initdb") + " -D " + quote(fresh) +
                       " -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync") +
              " > " + quote(log) + " 2>&1") != 0)
        return error("initdb failed: " + read(log));
      std::error_code ec;
      fs::rename(fresh, cache, ec);  // another process may have won: its copy is as good
    }
    if (run(as_owner("cp -a " + quote(cache) + " " + quote(data_)) + " > " + quote(log) +
            " 2>&1") != 0)
      return error("copying the initdb template " + cache + " failed: " + read(log));
    return true;
  }

  static std::string read_command(const std::string& command) {
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return output;
    char buffer[256];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    ::pclose(pipe);
    return output;
  }

  bool error(const std::string& message) {
    error_ = message;
    return false;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  std::string root_, data_, error_;
  int port_ = 0;
  bool started_ = false;
};

}  // namespace sitrep::testing
