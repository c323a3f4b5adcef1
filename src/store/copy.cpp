#include "store/copy.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sitrep::store {
namespace {

// Unwraps a Result into `out`, or leaves the error in `error`.
template <typename T>
bool take(Result<T>&& result, T& out, Error& error) {
  if (!result) {
    error = result.error();
    return false;
  }
  out = std::move(*result);
  return true;
}

Result<void> ensure_empty(Store& to) {
  auto documents = to.documents({});
  if (!documents) return std::unexpected(documents.error());
  auto incidents = to.incidents({});
  if (!incidents) return std::unexpected(incidents.error());
  auto tokens = to.tokens();
  if (!tokens) return std::unexpected(tokens.error());
  auto subscriptions = to.subscriptions();
  if (!subscriptions) return std::unexpected(subscriptions.error());
  auto feeds = to.feeds();
  if (!feeds) return std::unexpected(feeds.error());
  if (!documents->empty() || !incidents->empty() || !tokens->empty() || !subscriptions->empty() ||
      !feeds->empty())
    return fail(Error::Kind::kUsage,
                "the target database is not empty (" + std::to_string(documents->size()) +
                    " documents, " + std::to_string(incidents->size()) +
                    " incidents); migrate copies into a new, empty database only");
  return {};
}

}  // namespace

Result<CopyCounts> copy_store(Store& from, Store& to) {
  if (auto empty = ensure_empty(to); !empty) return std::unexpected(empty.error());
  CopyCounts counts;
  Error error;

  std::vector<StoredDocument> documents;
  std::vector<Report> reports;
  if (!take(from.documents({}), documents, error) || !take(from.reports(), reports, error))
    return std::unexpected(error);
  std::map<std::string, const Report*> report_of;
  for (const Report& r : reports) report_of[r.doc_id] = &r;
  for (const StoredDocument& d : documents) {
    Report report;
    if (auto it = report_of.find(d.id); it != report_of.end())
      report = *it->second;
    else
      report.doc = d.doc;
    auto put = to.put_document(d, report);
    if (!put) return std::unexpected(put.error());
    counts.documents += *put ? 1 : 0;
  }

  std::vector<Incident> incidents;
  if (!take(from.incidents({}), incidents, error)) return std::unexpected(error);
  std::vector<Revision> revisions;
  for (const Incident& i : incidents) {
    std::vector<Revision> history;
    if (!take(from.revisions(i.id), history, error)) return std::unexpected(error);
    revisions.insert(revisions.end(), history.begin(), history.end());
  }
  if (auto saved = to.save_incidents(incidents, {}, revisions); !saved)
    return std::unexpected(saved.error());
  counts.incidents = static_cast<long long>(incidents.size());
  counts.revisions = static_cast<long long>(revisions.size());

  std::vector<ApiToken> tokens;
  if (!take(from.tokens(), tokens, error)) return std::unexpected(error);
  for (const ApiToken& t : tokens)
    if (auto added = to.add_token(t); !added) return std::unexpected(added.error());
  counts.tokens = static_cast<long long>(tokens.size());

  // Subscriptions get the target's ids; the alerts follow them.
  std::vector<Subscription> subscriptions;
  if (!take(from.subscriptions(), subscriptions, error)) return std::unexpected(error);
  std::map<long long, long long> new_id;
  for (const Subscription& s : subscriptions) {
    auto id = to.add_subscription(s);
    if (!id) return std::unexpected(id.error());
    new_id[s.id] = *id;
  }
  counts.subscriptions = static_cast<long long>(subscriptions.size());

  std::vector<Alert> alerts;
  if (!take(from.alerts(std::nullopt), alerts, error)) return std::unexpected(error);
  std::reverse(alerts.begin(), alerts.end());  // oldest first, as they were queued
  std::vector<Alert> delivered_or_tried;
  for (Alert a : alerts) {
    const auto it = new_id.find(a.subscription_id);
    if (it == new_id.end()) continue;  // its subscription was deleted
    a.subscription_id = it->second;
    auto queued = to.queue_alert(a);
    if (!queued) return std::unexpected(queued.error());
    ++counts.alerts;
    if (a.status != "pending" || a.attempts > 0 || !a.next_attempt_at.empty())
      delivered_or_tried.push_back(a);
  }
  if (!delivered_or_tried.empty()) {
    // The delivery state: the copies were queued as new, under the target's alert ids.
    std::vector<Alert> copied;
    if (!take(to.alerts(std::nullopt), copied, error)) return std::unexpected(error);
    std::map<std::tuple<long long, std::string, int>, long long> id_of;
    for (const Alert& a : copied) id_of[{a.subscription_id, a.incident_id, a.revision}] = a.id;
    for (Alert a : delivered_or_tried) {
      a.id = id_of[{a.subscription_id, a.incident_id, a.revision}];
      if (auto recorded = to.record_attempt(a); !recorded) return std::unexpected(recorded.error());
    }
  }

  std::vector<FeedState> feeds;
  if (!take(from.feeds(), feeds, error)) return std::unexpected(error);
  for (const FeedState& f : feeds) {
    if (auto saved = to.save_feed(f); !saved) return std::unexpected(saved.error());
    std::vector<FeedItemState> items;
    if (!take(from.feed_items(f.url, ""), items, error)) return std::unexpected(error);
    for (const FeedItemState& i : items)
      if (auto saved = to.save_feed_item(i); !saved) return std::unexpected(saved.error());
    counts.feed_items += static_cast<long long>(items.size());
  }
  counts.feeds = static_cast<long long>(feeds.size());
  return counts;
}

}  // namespace sitrep::store
