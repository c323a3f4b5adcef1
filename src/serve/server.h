// `sitrep serve`: the JSON API, the web app (web/) and server-sent events over cpp-httplib.
//
//   auto server = serve::Server::open({.db = "news.db", .port = 0});
//   if (!server) { ... server.error().message ... }
//   std::thread t([&] { (*server)->run(); });   // blocks until stop()
//   ... (*server)->port() ...
//   (*server)->stop(); t.join();
//
// Reads are answered from an in-memory snapshot of the incidents and reports, reloaded when
// the database file changes (another process ingested) and right after POST /api/documents.
// Writes (POST) are serialised; every handler is safe to run on the server's worker threads.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "serve/alerts.h"
#include "serve/guard.h"

namespace sitrep::serve {

struct ServeOptions {
  std::string db = "sitrep.db";
  std::string host = "127.0.0.1";
  int port = 8080;                                // 0: any free port (see Server::port())
  std::string web_dir;                            // the browser app; default <source>/web
  std::string vendor_dir;                         // npm packages; default <web_dir>/../node_modules
  std::chrono::milliseconds watch_interval{500};  // how often the database file is checked
  bool load_lexicon = true;  // compile the lexicon at start, so the first POST is not slow
  DeliveryOptions delivery;  // alert webhooks: timeout, retries, backoff
  // Hostile clients: the time to send one request, header and body sizes (see serve/guard.h).
  ConnectionLimits connection;
  std::size_t max_batch = 1000;  // articles in one POST /api/documents
};

class Server {
 public:
  // Opens the store, loads the snapshot and binds the socket; nothing is served before run().
  static Result<std::unique_ptr<Server>> open(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  void run();   // serves until stop(); returns false when listening failed
  void stop();  // safe from any thread, also before run()

  // Every route the server answers, as "METHOD /path/{param}" (the OpenAPI spelling).
  std::vector<std::string> routes() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI 3.1 document served at /api/openapi.json.
const std::string& openapi_document();

}  // namespace sitrep::serve
