#include "cli/migrate.h"

#include <filesystem>
#include <ostream>

#include "store/copy.h"
#include "store/postgres/postgres_store.h"

namespace sitrep::cli {

int run_migrate(const MigrateOptions& options, Streams io) {
  const bool from_sqlite =
      !options.from.starts_with("postgresql://") && !options.from.starts_with("postgres://");
  // A misspelt source file would otherwise be created empty and "copied".
  if (from_sqlite && !std::filesystem::exists(options.from)) {
    io.err << "sitrep: " << options.from << ": no such database file\n";
    return kExitUsage;
  }
  if (options.from == options.to) {
    io.err << "sitrep: --from and --to name the same database\n";
    return kExitUsage;
  }
  auto from = store::open_store(options.from, store::Access::kReadOnly);
  if (!from) {
    io.err << "sitrep: " << from.error().message << "\n";
    return kExitRejected;
  }
  auto to = store::open_store(options.to);
  if (!to) {
    io.err << "sitrep: " << to.error().message << "\n";
    return kExitRejected;
  }
  auto counts = store::copy_store(**from, **to);
  if (!counts) {
    io.err << "sitrep: " << counts.error().message << "\n";
    return counts.error().kind == Error::Kind::kUsage ? kExitUsage : kExitRejected;
  }
  if (!options.quiet)
    io.err << "migrate: copied " << counts->documents << " documents, " << counts->incidents
           << " incidents (" << counts->revisions << " revisions), " << counts->tokens
           << " tokens, " << counts->subscriptions << " subscriptions, " << counts->alerts
           << " alerts, " << counts->feeds << " feeds (" << counts->feed_items << " items) to "
           << store::redact_uri(options.to) << "\n";
  return kExitOk;
}

}  // namespace sitrep::cli
