#include "serve/alerts.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/geo.h"
#include "core/json.h"

namespace sitrep::serve {
namespace {

using nlohmann::json;
using SystemClock = std::chrono::system_clock;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// ISO 8601 UTC with milliseconds: retries are scheduled more finely than a second.
std::string timestamp(SystemClock::time_point at) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms % 1000));
  return text;
}

// CAP wants "2024-09-10T23:00:00+00:00": seconds, and an offset rather than "Z".
std::string cap_time(const std::string& iso) {
  std::string t = iso.substr(0, 19);
  if (t.size() < 19) t = now_utc().substr(0, 19);
  return t + "+00:00";
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

bool same_figure(const std::optional<Figure>& a, const std::optional<Figure>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  if (a->best != b->best || a->low != b->low || a->high != b->high) return false;
  if (a->claims.size() != b->claims.size()) return false;
  for (std::size_t i = 0; i < a->claims.size(); ++i) {
    const Claim &x = a->claims[i], &y = b->claims[i];
    if (x.value != y.value || x.doc != y.doc || x.source != y.source) return false;
  }
  return true;
}

int best(const std::optional<Figure>& f) {
  return f ? f->best : 0;
}

std::string event_name(const Incident& incident) {
  const std::string weapon = incident.weapon == "unknown" ? "" : incident.weapon + " ";
  std::string place = !incident.facility.empty() ? incident.facility
                      : !incident.city.empty()   ? incident.city
                                                 : incident.country;
  std::string event = weapon + "attack on " + place;
  event[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(event[0])));
  return event;
}

std::string describe(const Incident& incident) {
  std::string text = event_name(incident);
  if (incident.date) text += " on " + *incident.date;
  if (incident.time_local) text += " at " + *incident.time_local + " local time";
  text += ".";
  const auto figures = incident.figures();
  for (const auto& [name, figure] : figures) {
    if (!*figure) continue;
    const Figure& f = **figure;
    text += " " + std::string(name) + ": " + std::to_string(f.best);
    if (f.low != f.high) text += " (" + std::to_string(f.low) + "-" + std::to_string(f.high) + ")";
    text += ".";
  }
  if (!incident.suspected.empty()) {
    text += " Suspected:";
    for (const auto& a : incident.suspected) text += " " + a + ";";
    text.back() = '.';
  }
  if (!incident.claimed_by.empty()) {
    text += " Claimed by:";
    for (const auto& a : incident.claimed_by) text += " " + a + ";";
    text.back() = '.';
  }
  text += " Reports: " + std::to_string(incident.reports.size()) + ".";
  return text;
}

}  // namespace

bool matches(const store::Subscription& s, const Incident& incident) {
  if (s.lat && s.lon && s.km) {
    if (!incident.lat || !incident.lon) return false;
    if (distance_km(*s.lat, *s.lon, *incident.lat, *incident.lon) > *s.km) return false;
  }
  if (!s.facility.empty() && lower(incident.facility).find(lower(s.facility)) == std::string::npos)
    return false;
  if (!s.weapon.empty() && lower(incident.weapon) != lower(s.weapon)) return false;
  if (s.min_impacted && best(incident.impacted) < *s.min_impacted) return false;
  return true;
}

bool material_change(const Incident& before, const Incident& after) {
  return !same_figure(before.launched, after.launched) ||
         !same_figure(before.intercepted, after.intercepted) ||
         !same_figure(before.impacted, after.impacted) ||
         !same_figure(before.killed, after.killed) || !same_figure(before.injured, after.injured) ||
         before.suspected != after.suspected || before.claimed_by != after.claimed_by ||
         before.denied_by != after.denied_by;
}

Result<std::vector<store::Alert>> alerts_for(store::Store& store,
                                             const std::vector<Incident>& before,
                                             const std::vector<Incident>& after) {
  std::map<std::string, const Incident*> previous;
  for (const Incident& i : before) previous[i.id] = &i;
  std::vector<std::pair<const Incident*, const char*>> changes;
  for (const Incident& i : after) {
    const auto it = previous.find(i.id);
    if (it == previous.end())
      changes.push_back({&i, "new"});
    else if (it->second->revision != i.revision && material_change(*it->second, i))
      changes.push_back({&i, "update"});
  }
  std::vector<store::Alert> out;
  if (changes.empty()) return out;
  auto subscriptions = store.subscriptions();
  if (!subscriptions) return std::unexpected(subscriptions.error());
  for (const auto& [incident, kind] : changes) {
    for (const auto& s : *subscriptions) {
      if (!matches(s, *incident)) continue;
      store::Alert alert;
      alert.subscription_id = s.id;
      alert.incident_id = incident->id;
      alert.revision = incident->revision;
      alert.kind = kind;
      out.push_back(std::move(alert));
    }
  }
  return out;
}

Result<int> queue_alerts(store::Store& store, const std::vector<Incident>& before,
                         const std::vector<Incident>& after) {
  auto alerts = alerts_for(store, before, after);
  if (!alerts) return std::unexpected(alerts.error());
  int queued = 0;
  for (const store::Alert& alert : *alerts) {
    auto added = store.queue_alert(alert);
    if (!added) return std::unexpected(added.error());
    queued += *added;
  }
  return queued;
}

std::string alert_identifier(const store::Alert& alert) {
  return "sitrep-" + std::to_string(alert.subscription_id) + "-" + alert.incident_id + "-r" +
         std::to_string(alert.revision);
}

nlohmann::json outbox_row(const store::Alert& a) {
  return nlohmann::json{
      {"id", a.id},
      {"identifier", alert_identifier(a)},
      {"subscription_id", a.subscription_id},
      {"incident_id", a.incident_id},
      {"revision", a.revision},
      {"kind", a.kind},
      {"status", a.status},
      {"attempts", a.attempts},
      {"last_error", a.last_error},
      {"created_at", a.created_at},
      {"delivered_at", a.delivered_at ? nlohmann::json(*a.delivered_at) : nlohmann::json(nullptr)}};
}

std::string cap_xml(const Incident& incident, const store::Alert& alert,
                    const std::vector<store::Alert>& earlier, int sources) {
  const std::string sender = "sitrep";
  const bool update = alert.kind == "update" && !earlier.empty();
  std::string references;
  for (const auto& e : earlier)
    references += (references.empty() ? "" : " ") + sender + "," + alert_identifier(e) + "," +
                  cap_time(e.created_at);
  // Severity from harm; certainty from the number of independent sources.
  const char* severity = best(incident.killed) > 0    ? "Extreme"
                         : best(incident.injured) > 0 ? "Severe"
                         : best(incident.impacted) > 0 || incident.damage == "significant"
                             ? "Severe"
                         : incident.launched || incident.impacted ? "Moderate"
                                                                  : "Unknown";
  const char* certainty = sources >= 2 ? "Observed" : sources == 1 ? "Likely" : "Possible";
  // An attack already happened: Immediate while it is fresh, Past afterwards.
  const char* urgency = "Past";
  if (incident.date && incident.date->size() == 10 && incident.date >= now_utc().substr(0, 10))
    urgency = "Immediate";
  double radius = incident.geo_precision == "facility" ? 1.0
                  : incident.geo_precision == "city"   ? 15.0
                                                       : 50.0;
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n";
  xml += "  <identifier>" + xml_escape(alert_identifier(alert)) + "</identifier>\n";
  xml += "  <sender>" + sender + "</sender>\n";
  xml += "  <sent>" + cap_time(alert.created_at) + "</sent>\n";
  xml += "  <status>Actual</status>\n";
  xml += std::string("  <msgType>") + (update ? "Update" : "Alert") + "</msgType>\n";
  xml += "  <scope>Public</scope>\n";
  if (update) xml += "  <references>" + xml_escape(references) + "</references>\n";
  xml += "  <incidents>" + xml_escape(incident.id) + "</incidents>\n";
  xml += "  <info>\n";
  xml += "    <language>en-US</language>\n";
  xml += "    <category>Security</category>\n";
  xml += "    <event>" + xml_escape(event_name(incident)) + "</event>\n";
  xml += std::string("    <urgency>") + urgency + "</urgency>\n";
  xml += std::string("    <severity>") + severity + "</severity>\n";
  xml += std::string("    <certainty>") + certainty + "</certainty>\n";
  xml += "    <senderName>sitrep</senderName>\n";
  xml += "    <headline>" +
         xml_escape(event_name(incident) + (incident.date ? " (" + *incident.date + ")" : "")) +
         "</headline>\n";
  xml += "    <description>" + xml_escape(describe(incident)) + "</description>\n";
  xml += "    <parameter><valueName>sitrep-revision</valueName><value>" +
         std::to_string(incident.revision) + "</value></parameter>\n";
  xml += "    <parameter><valueName>sitrep-sources</valueName><value>" + std::to_string(sources) +
         "</value></parameter>\n";
  xml += "    <area>\n";
  std::string place = incident.facility;
  for (const std::string& part : {incident.city, incident.country})
    if (!part.empty()) place += (place.empty() ? "" : ", ") + part;
  xml += "      <areaDesc>" + xml_escape(place.empty() ? "unknown place" : place) + "</areaDesc>\n";
  if (incident.lat && incident.lon) {
    char circle[96];
    std::snprintf(circle, sizeof circle, "%.4f,%.4f %.1f", *incident.lat, *incident.lon, radius);
    xml += std::string("      <circle>") + circle + "</circle>\n";
  }
  xml += "    </area>\n";
  xml += "  </info>\n";
  xml += "</alert>\n";
  return xml;
}

std::string alert_json(const Incident& incident, const store::Alert& alert,
                       const store::Subscription& subscription) {
  return json{{"alert",
               {{"identifier", alert_identifier(alert)},
                {"kind", alert.kind},
                {"subscription", subscription.name},
                {"incident_id", alert.incident_id},
                {"revision", alert.revision},
                {"sent", alert.created_at}}},
              {"incident", to_json(incident)}}
      .dump();
}

Deliverer::Deliverer(store::Store& store, DeliveryOptions options)
    : store_(store), options_(options) {
  thread_ = std::thread([this] { loop(); });
}

Deliverer::~Deliverer() {
  stop();
}

void Deliverer::notify() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void Deliverer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Deliverer::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.poll, [&] { return stopping_ || poked_; });
    if (stopping_) break;
    poked_ = false;
    lock.unlock();
    auto due = store_.alerts(timestamp(SystemClock::now()));
    if (due && !due->empty()) {
      auto subscriptions = store_.subscriptions();
      auto all = store_.alerts(std::nullopt);
      if (subscriptions && all)
        for (auto& alert : *due) {
          {
            std::lock_guard check(mutex_);
            if (stopping_) break;
          }
          deliver(alert, *subscriptions, *all);
        }
    }
    lock.lock();
  }
}

// Distinct outlets among the incident's reports (a report without an outlet counts alone).
int Deliverer::independent_sources(const Incident& incident) {
  std::set<std::string> outlets;
  auto documents = store_.documents({"", incident.reports});
  if (!documents) return static_cast<int>(incident.reports.size());
  for (const auto& d : *documents) outlets.insert(d.outlet.empty() ? "doc:" + d.doc : d.outlet);
  return static_cast<int>(outlets.size());
}

void Deliverer::deliver(store::Alert alert, const std::vector<store::Subscription>& subscriptions,
                        const std::vector<store::Alert>& all) {
  ++alert.attempts;
  auto give_up = [&](const std::string& why) {
    alert.status = "failed";
    alert.last_error = why;
    (void)store_.record_attempt(alert);
  };
  const auto s = std::find_if(subscriptions.begin(), subscriptions.end(),
                              [&](const auto& x) { return x.id == alert.subscription_id; });
  if (s == subscriptions.end()) return give_up("subscription deleted");
  // From the store, not the server's snapshot: an ingest queues the alert before the snapshot
  // is reloaded, and the payload must show the revision it announces.
  std::optional<Incident> incident;
  if (auto stored = store_.incident(alert.incident_id); stored && *stored)
    incident = std::move(**stored);
  if (!incident) return give_up("incident no longer exists (merged into another)");

  std::string body, type;
  if (s->format == "cap") {
    std::vector<store::Alert> earlier;
    for (const auto& a : all)
      if (a.subscription_id == alert.subscription_id && a.incident_id == alert.incident_id &&
          a.revision < alert.revision)
        earlier.push_back(a);
    std::sort(earlier.begin(), earlier.end(),
              [](const auto& a, const auto& b) { return a.revision < b.revision; });
    body = cap_xml(*incident, alert, earlier, independent_sources(*incident));
    type = "application/cap+xml";
  } else {
    body = alert_json(*incident, alert, *s);
    type = "application/json";
  }
  // "http://host:port/path" -> client for "http://host:port", path "/path".
  const std::size_t scheme_end = s->webhook.find("://");
  const std::size_t path_start =
      scheme_end == std::string::npos ? std::string::npos : s->webhook.find('/', scheme_end + 3);
  const std::string origin = s->webhook.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : s->webhook.substr(path_start);
  std::string error;
  {
    httplib::Client client(origin);
    const auto seconds = options_.timeout.count() / 1000,
               micros = options_.timeout.count() % 1000 * 1000;
    client.set_connection_timeout(seconds, micros);
    client.set_read_timeout(seconds, micros);
    client.set_write_timeout(seconds, micros);
    httplib::Headers headers{{"X-Sitrep-Alert", alert_identifier(alert)}};
    auto res = client.Post(path, headers, body, type);
    if (!res)
      error = "no answer: " + httplib::to_string(res.error());
    else if (res->status < 200 || res->status >= 300)
      error = "HTTP " + std::to_string(res->status);
  }
  if (error.empty()) {
    alert.status = "delivered";
    alert.last_error.clear();
    alert.delivered_at = now_utc();
  } else if (alert.attempts >= options_.max_attempts) {
    alert.status = "failed";
    alert.last_error = error;
  } else {
    alert.last_error = error;
    const auto delay = options_.first_retry * (1 << std::min(alert.attempts - 1, 16));
    alert.next_attempt_at = timestamp(SystemClock::now() + delay);
  }
  (void)store_.record_attempt(alert);
}

}  // namespace sitrep::serve
