// `sitrep serve` and `sitrep token`: the HTTP server and its API tokens. Same contract as
// cli/commands.h (options in, exit status out, output on the given streams).
#pragma once

#include <string>

#include "cli/commands.h"

namespace sitrep::cli {

struct ServeCommandOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port
  std::string web;              // web app folder; empty = the checkout's web/
  double request_timeout = 30;  // seconds to send one request (slow clients get 408)
};
// Serves until SIGINT or SIGTERM. Prints "sitrep serve: http://HOST:PORT/" on `out` once
// listening, so a script (or a test) can read the port chosen for --port 0.
int run_serve(const ServeCommandOptions& options, Streams io);

struct TokenOptions {
  std::string db;
  std::string action;  // create | list | revoke
  std::string name;    // create: the token's name; revoke: a name or hash prefix
};
// create prints the new token alone on its last line; only its SHA-256 is stored.
int run_token(const TokenOptions& options, Streams io);

struct SubscribeOptions {
  std::string db;
  std::string name;
  std::string near;  // LAT,LON,KM
  std::string facility;
  std::string weapon;
  std::optional<int> min_impacted;
  std::string webhook;
  std::string format = "json";  // json | cap
};
int run_subscribe(const SubscribeOptions& options, Streams io);

struct SubscriptionsOptions {
  std::string db;
  std::string action = "list";  // list | delete
  std::string target;           // delete: id or name
};
int run_subscriptions(const SubscriptionsOptions& options, Streams io);

struct AlertsOptions {
  std::string db;
  std::string format = "table";  // table | json
};
// The alerts outbox with each alert's delivery status and attempts.
int run_alerts(const AlertsOptions& options, Streams io);

// A new random token: "sitrep_" followed by 40 hex digits.
std::string new_token();

}  // namespace sitrep::cli
