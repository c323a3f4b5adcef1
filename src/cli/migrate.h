// `sitrep migrate`: copies a database into a new one, typically a SQLite file into PostgreSQL.
// Same contract as cli/commands.h (options in, exit status out, output on the given streams).
#pragma once

#include <string>

#include "cli/commands.h"

namespace sitrep::cli {

struct MigrateOptions {
  std::string from;  // SQLite file (or any database URI); opened read-only
  std::string to;    // postgresql://... (or a SQLite file); must hold no data yet
  bool quiet = false;
};

int run_migrate(const MigrateOptions& options, Streams io);

}  // namespace sitrep::cli
