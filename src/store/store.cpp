#include "store/store.h"

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace sitrep::store {

Result<std::vector<bool>> Store::put_documents(const std::vector<NewDocument>& documents) {
  std::vector<bool> added;
  added.reserve(documents.size());
  for (const NewDocument& d : documents) {
    auto put = put_document(d.document, d.report);
    if (!put) return std::unexpected(put.error());
    added.push_back(*put);
  }
  return added;
}

Result<std::unique_ptr<Store>> open_store(const std::string& uri, Access access) {
  if (uri.starts_with("postgresql://") || uri.starts_with("postgres://"))
    return open_postgres_store(uri, access);
  if (uri.empty()) return fail(Error::Kind::kUsage, "empty database path");
  return open_sqlite_store(uri, access);
}

}  // namespace sitrep::store
