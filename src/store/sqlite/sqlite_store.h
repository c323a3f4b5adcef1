// SQLite backend of the Store interface (store/store.h): one file, WAL journal, foreign keys,
// a busy timeout so concurrent readers/writers wait instead of failing, FTS5 over document text,
// and versioned schema migrations recorded in `schema_version`.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace sitrep::store {

// Opens (creating when missing) the SQLite database at `path` and applies pending migrations.
// With Access::kReadOnly an existing file is opened read-only, without migrations; a database
// older than this build's schema is then an error that says to open it once read-write.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 Access access = Access::kReadWrite);

// The schema version this build migrates to; exposed for tests.
int sqlite_schema_version();

}  // namespace sitrep::store
