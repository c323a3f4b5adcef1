#include "cli/serve_commands.h"

#include "core/terminal.h"

#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "serve/alerts.h"
#include "serve/server.h"
#include "serve/sha256.h"
#include "store/store.h"

namespace sitrep::cli {

std::string new_token() {
  std::random_device random;  // the kernel's generator on Linux
  static const char kHex[] = "0123456789abcdef";
  std::string token = "sitrep_";
  for (int i = 0; i < 10; ++i) {
    const unsigned word = random();
    for (int shift = 0; shift < 16; shift += 4) token += kHex[(word >> shift) & 0xF];
  }
  return token;
}

int run_serve(const ServeCommandOptions& options, Streams io) {
  // SIGINT/SIGTERM are taken by one thread with sigwait, so the server stops cleanly; they are
  // blocked before any other thread starts so that none of those receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  serve::ServeOptions serve_options;
  serve_options.db = options.db;
  serve_options.host = options.host;
  serve_options.port = options.port;
  serve_options.web_dir = options.web;
  serve_options.connection.request_timeout =
      std::chrono::milliseconds(static_cast<long long>(options.request_timeout * 1000));
  auto server = serve::Server::open(serve_options);
  if (!server) {
    io.err << "sitrep: " << server.error().message << "\n";
    return kExitRejected;
  }
  std::thread waiter([&signals, s = server->get()] {
    int signal = 0;
    sigwait(&signals, &signal);
    s->stop();
  });
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  io.out << "sitrep serve: http://" << host << ":" << (*server)->port() << "/ (database "
         << options.db << ", Ctrl-C stops)" << std::endl;
  (*server)->run();
  // Wake the waiter if the server ended by itself.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return kExitOk;
}

int run_token(const TokenOptions& options, Streams io) {
  auto store = store::open_store(
      options.db, options.action == "list" ? store::Access::kReadOnly : store::Access::kReadWrite);
  if (!store) {
    io.err << "sitrep: " << store.error().message << "\n";
    return kExitRejected;
  }
  if (options.action == "create") {
    const std::string token = new_token();
    auto added = (*store)->add_token({serve::sha256_hex(token), options.name, now_utc()});
    if (!added) {
      io.err << "sitrep: " << added.error().message << "\n";
      return kExitRejected;
    }
    io.out << "token '" << options.name << "' created; it is shown only now, keep it:\n"
           << token << "\n";
    return kExitOk;
  }
  if (options.action == "list") {
    auto tokens = (*store)->tokens();
    if (!tokens) {
      io.err << "sitrep: " << tokens.error().message << "\n";
      return kExitRejected;
    }
    io.out << "HASH         CREATED              NAME\n";
    for (const auto& t : *tokens)
      io.out << t.hash.substr(0, 12) << " " << t.created_at << " " << terminal_safe(t.name) << "\n";
    io.out << tokens->size() << " token" << (tokens->size() == 1 ? "" : "s") << "\n";
    return kExitOk;
  }
  if (options.action == "revoke") {
    if (options.name.empty()) {
      io.err << "sitrep: token revoke: give the token's name or hash prefix\n";
      return kExitUsage;
    }
    auto revoked = (*store)->revoke_tokens(options.name);
    if (!revoked) {
      io.err << "sitrep: " << revoked.error().message << "\n";
      return kExitRejected;
    }
    if (*revoked == 0) {
      io.err << "sitrep: no token named '" << options.name << "' or with that hash prefix\n";
      return kExitRejected;
    }
    io.out << "revoked " << *revoked << " token" << (*revoked == 1 ? "" : "s") << "\n";
    return kExitOk;
  }
  io.err << "sitrep: token: expected create, list or revoke\n";
  return kExitUsage;
}

int run_subscribe(const SubscribeOptions& options, Streams io) {
  if (options.near.empty() == options.facility.empty()) {
    io.err << "sitrep: subscribe: give either --near LAT,LON,KM or --facility NAME\n";
    return kExitUsage;
  }
  if (options.webhook.rfind("http://", 0) != 0 && options.webhook.rfind("https://", 0) != 0) {
    io.err << "sitrep: subscribe: --webhook: expected an http:// or https:// URL\n";
    return kExitUsage;
  }
  store::Subscription s;
  s.name = options.name;
  if (!options.near.empty()) {
    auto near = parse_near(options.near);
    if (!near) {
      io.err << "sitrep: subscribe: --near: expected LAT,LON,KM, got '" << options.near << "'\n";
      return kExitUsage;
    }
    s.lat = near->lat, s.lon = near->lon, s.km = near->km;
  }
  s.facility = options.facility;
  s.weapon = options.weapon;
  s.min_impacted = options.min_impacted;
  s.webhook = options.webhook;
  s.format = options.format;
  s.created_at = now_utc();
  auto store = store::open_store(options.db);
  if (!store) {
    io.err << "sitrep: " << store.error().message << "\n";
    return kExitRejected;
  }
  // Names are unique (as in POST /api/subscriptions): `subscriptions delete NAME` takes one.
  auto existing = (*store)->subscriptions();
  if (!existing) {
    io.err << "sitrep: " << existing.error().message << "\n";
    return kExitRejected;
  }
  for (const auto& other : *existing)
    if (other.name == s.name) {
      io.err << "sitrep: a subscription named '" << terminal_safe(s.name) << "' exists (id "
             << other.id << "); delete it first\n";
      return kExitUsage;
    }
  auto id = (*store)->add_subscription(s);
  if (!id) {
    io.err << "sitrep: " << id.error().message << "\n";
    return kExitRejected;
  }
  io.out << "subscription " << *id << " '" << s.name << "' -> " << s.webhook << " (" << s.format
         << "); delivered by a running 'sitrep serve'\n";
  return kExitOk;
}

int run_subscriptions(const SubscriptionsOptions& options, Streams io) {
  auto store = store::open_store(options.db, options.action == "delete" ? store::Access::kReadWrite
                                                                        : store::Access::kReadOnly);
  if (!store) {
    io.err << "sitrep: " << store.error().message << "\n";
    return kExitRejected;
  }
  if (options.action == "delete") {
    auto removed = (*store)->delete_subscription(options.target);
    if (!removed) {
      io.err << "sitrep: " << removed.error().message << "\n";
      return kExitRejected;
    }
    if (*removed == 0) {
      io.err << "sitrep: no subscription with id or name '" << options.target << "'\n";
      return kExitRejected;
    }
    io.out << "deleted " << *removed << " subscription" << (*removed == 1 ? "" : "s") << "\n";
    return kExitOk;
  }
  auto list = (*store)->subscriptions();
  if (!list) {
    io.err << "sitrep: " << list.error().message << "\n";
    return kExitRejected;
  }
  io.out << "ID  NAME             WHERE                        FILTER           FORMAT WEBHOOK\n";
  for (const auto& s : *list) {
    char where[64];
    if (s.lat && s.lon && s.km)
      std::snprintf(where, sizeof where, "near %.4f,%.4f %gkm", *s.lat, *s.lon, *s.km);
    else
      std::snprintf(where, sizeof where, "at %s", terminal_safe(s.facility).c_str());
    std::string filter = s.weapon.empty() ? "any weapon" : s.weapon;
    if (s.min_impacted) filter += " >=" + std::to_string(*s.min_impacted) + " impacts";
    char line[512];
    std::snprintf(line, sizeof line, "%-3lld %-16s %-28s %-16s %-6s %s\n", s.id,
                  terminal_safe(s.name).c_str(), where, filter.c_str(), s.format.c_str(),
                  terminal_safe(s.webhook).c_str());
    io.out << line;
  }
  io.out << list->size() << " subscription" << (list->size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

int run_alerts(const AlertsOptions& options, Streams io) {
  auto store = store::open_store(options.db, store::Access::kReadOnly);
  if (!store) {
    io.err << "sitrep: " << store.error().message << "\n";
    return kExitRejected;
  }
  auto list = (*store)->alerts(std::nullopt);
  if (!list) {
    io.err << "sitrep: " << list.error().message << "\n";
    return kExitRejected;
  }
  if (options.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : *list) out.push_back(serve::outbox_row(a));
    io.out << out.dump(2) << "\n";
    return kExitOk;
  }
  io.out << "ID   SUB KIND   REV STATUS    TRIES CREATED              INCIDENT / LAST ERROR\n";
  for (const auto& a : *list) {
    char line[512];
    std::snprintf(line, sizeof line, "%-4lld %-3lld %-6s %3d %-9s %5d %-20s %s%s%s\n", a.id,
                  a.subscription_id, a.kind.c_str(), a.revision, a.status.c_str(), a.attempts,
                  a.created_at.c_str(), terminal_safe(a.incident_id).c_str(),
                  a.last_error.empty() ? "" : " / ", terminal_safe(a.last_error).c_str());
    io.out << line;
  }
  io.out << list->size() << " alert" << (list->size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

}  // namespace sitrep::cli
