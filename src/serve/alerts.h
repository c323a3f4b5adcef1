// Alerts: which subscriptions an incident (or its new revision) concerns, the payloads (incident
// JSON or OASIS CAP 1.2 XML), and background delivery from the outbox (store alerts table) with
// retries and exponential backoff. Queueing and payloads are pure; Deliverer owns one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/incident.h"
#include "store/store.h"

namespace sitrep::serve {

// Whether a subscription's area, weapon and minimum impacts cover this incident.
bool matches(const store::Subscription& subscription, const Incident& incident);

// A change worth an `update` alert: a count, casualties, an attribution or a claim changed.
bool material_change(const Incident& before, const Incident& after);

// The alerts a new incident set calls for: `new` for incidents not in `before`, `update` for a
// material change, one per matching subscription.
Result<std::vector<store::Alert>> alerts_for(store::Store& store,
                                             const std::vector<Incident>& before,
                                             const std::vector<Incident>& after);
// The same, queued in the outbox, which drops what was already queued; returns how many were new.
Result<int> queue_alerts(store::Store& store, const std::vector<Incident>& before,
                         const std::vector<Incident>& after);

// "sitrep-<subscription>-<incident>-r<revision>"
std::string alert_identifier(const store::Alert& alert);

// One outbox row as `sitrep alerts --format json` and GET /api/alerts show it.
nlohmann::json outbox_row(const store::Alert& alert);

// A CAP 1.2 <alert>. `earlier` are this subscription's earlier alerts for the same incident
// (an update references them); `sources` is the number of independent outlets.
std::string cap_xml(const Incident& incident, const store::Alert& alert,
                    const std::vector<store::Alert>& earlier, int sources);

// The JSON payload: {"alert": {...}, "incident": {...}}.
std::string alert_json(const Incident& incident, const store::Alert& alert,
                       const store::Subscription& subscription);

struct DeliveryOptions {
  std::chrono::milliseconds first_retry{1000};  // then doubled on every failure
  int max_attempts = 6;
  std::chrono::milliseconds timeout{5000};
  std::chrono::milliseconds poll{1000};  // also woken by notify()
};

// Delivers due alerts from the outbox on its own thread; every attempt is recorded. The payload
// is built from the incident as stored when the attempt is made.
class Deliverer {
 public:
  Deliverer(store::Store& store, DeliveryOptions options);
  ~Deliverer();
  void notify();
  void stop();

 private:
  void loop();
  void deliver(store::Alert alert, const std::vector<store::Subscription>& subscriptions,
               const std::vector<store::Alert>& all);
  int independent_sources(const Incident& incident);

  store::Store& store_;
  DeliveryOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poked_ = false;
  std::thread thread_;
};

}  // namespace sitrep::serve
