// The PostgreSQL backend of store::Store ("postgresql://..." or "postgres://..." URIs).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace sitrep::store {

// Connects, and (unless the schema is already current) applies the migrations under an advisory
// lock, so several processes opening a new database at once apply each migration once.
// kReadOnly applies none: it needs a database at this build's schema.
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& uri, Access access);

// The schema version this build writes (the number of migrations).
int postgres_schema_version();

// The URI without its password, for messages.
std::string redact_uri(const std::string& uri);

}  // namespace sitrep::store
