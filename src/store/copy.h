// Copying one database into another (`sitrep migrate`): SQLite to PostgreSQL, or any store to
// any store, through the Store interface only.
#pragma once

#include "store/store.h"

namespace sitrep::store {

struct CopyCounts {
  long long documents = 0, incidents = 0, revisions = 0, tokens = 0, subscriptions = 0, alerts = 0,
            feeds = 0, feed_items = 0;
};

// Copies documents with their reports, incidents with their revisions, API tokens,
// subscriptions, the alerts outbox (with each alert's delivery state) and watched feeds with
// their items. The target must hold none of these yet: a copy never merges two databases.
// What is not copied: revisions of incidents that no longer exist, and the log of each alert's
// delivery attempts (the alert keeps its status, attempts and last error).
Result<CopyCounts> copy_store(Store& from, Store& to);

}  // namespace sitrep::store
