#include "cli/serve_commands.h"

#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <random>
#include <thread>

#include "core/clock.h"
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
  auto store = store::open_store(options.db);
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
      io.out << t.hash.substr(0, 12) << " " << t.created_at << " " << t.name << "\n";
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

}  // namespace sitrep::cli
