#include "eval/score.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace sitrep::eval {
namespace {

using nlohmann::json;

const char* const kFields[] = {"date",     "time_local", "weapon",  "launched", "intercepted",
                               "impacted", "killed",     "injured", "damage",   "target_type"};
const char* const kSets[] = {"suspected", "claimed_by"};

// Python truthiness, which score.py relies on throughout.
bool truthy(const json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  return !v.empty();
}

const json& null_json() {
  static const json kNull;
  return kNull;
}

// obj.get(key) with None for a missing key or a non-object.
const json& get(const json& object, const char* key) {
  if (!object.is_object()) return null_json();
  auto it = object.find(key);
  return it == object.end() ? null_json() : *it;
}

std::string base(const json& name) {
  std::string s = name.is_string() ? name.get<std::string>() : name.dump();
  auto slash = s.rfind('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

// score.py's norm(): strings stripped and lower-cased, anything else unchanged.
json norm(const json& v) {
  if (!v.is_string()) return v;
  std::string s = v.get<std::string>();
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<json> sorted_norms(const json& list) {
  std::vector<json> out;
  if (truthy(list) && list.is_array())
    for (const auto& v : list) out.push_back(norm(v));
  std::sort(out.begin(), out.end());
  return out;
}

double km(std::pair<double, double> a, double lat, double lon) {
  constexpr double kRad = M_PI / 180.0;
  const double lat1 = a.first * kRad, lon1 = a.second * kRad, lat2 = lat * kRad, lon2 = lon * kRad;
  const double h = std::pow(std::sin((lat2 - lat1) / 2), 2) +
                   std::cos(lat1) * std::cos(lat2) * std::pow(std::sin((lon2 - lon1) / 2), 2);
  return 12742 * std::asin(std::sqrt(h));
}

bool location_ok(const json& g, const json& s, const std::optional<Places>& places) {
  const json& gf = get(g, "facility");
  const json& gc = get(g, "city");
  if (places && !get(s, "lat").is_null() && !get(s, "lon").is_null()) {
    const double lat = get(s, "lat").get<double>(), lon = get(s, "lon").get<double>();
    if (truthy(gf) && gf.is_string() && places->contains(gf.get<std::string>()))
      return km(places->at(gf.get<std::string>()), lat, lon) <= 5;
    if (!truthy(gf) && truthy(gc) && gc.is_string() && places->contains(gc.get<std::string>()))
      return km(places->at(gc.get<std::string>()), lat, lon) <= 20;
  }
  if (truthy(gf)) return norm(get(s, "facility")) == norm(gf);
  return norm(get(s, "city")) == norm(gc);
}

// Docs in gold order (later duplicates replace the value but keep the first position, as a
// Python dict does).
struct Keyed {
  std::vector<std::string> order;
  std::map<std::string, json> by_doc;
  void add(const json& object) {
    std::string key = base(get(object, "doc"));
    if (!by_doc.contains(key)) order.push_back(key);
    by_doc[key] = object;
  }
  const json* find(const std::string& doc) const {
    auto it = by_doc.find(doc);
    return it == by_doc.end() ? nullptr : &it->second;
  }
};

json location_value(const json& main) {
  if (truthy(get(main, "facility"))) return get(main, "facility");
  return get(main, "city");
}

std::string format_value(double value, bool integer) {
  char buffer[64];
  if (integer)
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(value));
  else
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

}  // namespace

Scores score(const ScoreInput& input) {
  Scores out;
  auto put = [&](const std::string& name, double value, bool integer = false) {
    out.measures.push_back(Measure{name, value, integer});
  };
  Keyed gold, rep;
  for (const auto& g : input.gold) gold.add(g);
  for (const auto& r : input.reports) rep.add(r);

  int missing = 0;
  for (const auto& d : gold.order) missing += rep.find(d) == nullptr;
  put("docs_missing", missing, true);

  long long tp = 0, fp = 0, fn = 0, tn = 0;
  for (const auto& d : gold.order) {
    const json& g = gold.by_doc.at(d);
    const json* s = rep.find(d);
    const bool gs = truthy(get(g, "reports_attack"));
    const bool ss = s && truthy(get(*s, "reports_attack"));
    tp += gs && ss;
    fp += !gs && ss;
    fn += gs && !ss;
    tn += !gs && !ss;
    if (gs != ss) out.errors.push_back(FieldError{"reports_attack", d, gs, ss});
  }
  const double prec = tp + fp ? double(tp) / double(tp + fp) : 1.0;
  const double rec = tp + fn ? double(tp) / double(tp + fn) : 1.0;
  put("detect_f1", prec + rec ? 2 * prec * rec / (prec + rec) : 0.0);
  put("detect_precision", prec);
  put("detect_recall", rec);
  put("detect_specificity", tn + fp ? double(tn) / double(tn + fp) : 1.0);
  const double den =
      std::sqrt(double(tp + fp) * double(tp + fn) * double(tn + fp) * double(tn + fn));
  put("detect_mcc",
      den ? (double(tp) * double(tn) - double(fp) * double(fn)) / den : (fp + fn == 0 ? 1.0 : 0.0));

  std::vector<std::string> names(std::begin(kFields), std::end(kFields));
  names.insert(names.end(), std::begin(kSets), std::end(kSets));
  names.push_back("location");
  std::map<std::string, int> right;
  for (const auto& f : names) right[f] = 0;
  tp = fp = fn = 0;
  int total = 0;
  for (const auto& d : gold.order) {
    const json& g = gold.by_doc.at(d);
    if (!truthy(get(g, "reports_attack")) || !truthy(get(g, "main"))) continue;
    ++total;
    const json* report = rep.find(d);
    json s = report ? get(*report, "main") : json();
    if (!truthy(s)) s = json::object();
    const json& gm = get(g, "main");
    for (const auto& f : names) {
      bool same, gfill, sfill;
      json expected, got;
      const bool is_set = std::find(std::begin(kSets), std::end(kSets), f) != std::end(kSets);
      if (is_set) {
        auto gv = sorted_norms(get(gm, f.c_str())), sv = sorted_norms(get(s, f.c_str()));
        same = gv == sv, gfill = !gv.empty(), sfill = !sv.empty();
        expected = gv, got = sv;
      } else if (f == "location") {
        same = location_ok(gm, s, input.places);
        gfill = truthy(get(gm, "facility")) || truthy(get(gm, "city"));
        sfill = truthy(get(s, "facility")) || truthy(get(s, "city")) || !get(s, "lat").is_null();
        expected = location_value(gm), got = location_value(s);
      } else {
        json gv = norm(get(gm, f.c_str())), sv = norm(get(s, f.c_str()));
        if (f == "weapon" || f == "damage" || f == "target_type") {
          if (gv == "unknown") gv = nullptr;
          if (sv == "unknown") sv = nullptr;
        }
        same = gv == sv, gfill = !gv.is_null(), sfill = !sv.is_null();
        expected = gv, got = sv;
      }
      right[f] += same;
      if (!same) out.errors.push_back(FieldError{f, d, expected, got});
      if (gfill && sfill && same) {
        ++tp;
      } else {
        fn += gfill;
        fp += sfill;
      }
    }
  }
  int right_total = 0;
  for (const auto& f : names) {
    put("field_" + f, total ? double(right[f]) / total : 1.0);
    right_total += right[f];
  }
  put("field_mean", total ? double(right_total) / (double(names.size()) * total) : 1.0);
  const double sp = tp + fp ? double(tp) / double(tp + fp) : 1.0;
  const double sr = tp + fn ? double(tp) / double(tp + fn) : 1.0;
  put("slot_precision", sp);
  put("slot_recall", sr);
  put("slot_f1", sp + sr ? 2 * sp * sr / (sp + sr) : 0.0);

  if (input.incidents) {
    std::map<std::string, int> sys_of;
    int index = 0;
    if (input.incidents->is_array()) {
      for (const auto& incident : *input.incidents) {
        if (!truthy(get(incident, "background")) && get(incident, "reports").is_array())
          for (const auto& d : get(incident, "reports")) sys_of[base(d)] = index;
        ++index;
      }
    }
    std::vector<std::string> docs;
    std::map<std::string, json> gold_of;
    for (const auto& d : gold.order) {
      const json& cluster = get(gold.by_doc.at(d), "incident");
      if (truthy(cluster)) docs.push_back(d), gold_of[d] = cluster;
    }
    double p = 1.0, r = 1.0, f1 = 1.0;
    if (!docs.empty()) {
      auto same_system = [&](const std::string& a, const std::string& b) {
        auto ia = sys_of.find(a), ib = sys_of.find(b);
        if (ia == sys_of.end() || ib == sys_of.end()) return ia == ib && a == b;
        return ia->second == ib->second;
      };
      p = r = 0;
      for (const auto& d : docs) {
        int same_g = 0, same_s = 0, both = 0;
        for (const auto& e : docs) {
          const bool g = gold_of[e] == gold_of[d], s = same_system(e, d);
          same_g += g, same_s += s, both += g && s;
        }
        p += double(both) / same_s;
        r += double(both) / same_g;
      }
      p /= double(docs.size());
      r /= double(docs.size());
      f1 = p + r ? 2 * p * r / (p + r) : 0.0;
    }
    put("merge_bcubed_precision", p);
    put("merge_bcubed_recall", r);
    put("merge_bcubed_f1", f1);
    int negatives = 0;
    for (const auto& d : gold.order)
      negatives += !truthy(get(gold.by_doc.at(d), "reports_attack")) && sys_of.contains(d);
    put("negatives_in_incidents", negatives, true);
    std::set<json> gold_clusters;
    for (const auto& [d, cluster] : gold_of) gold_clusters.insert(cluster);
    put("incidents_gold", double(gold_clusters.size()), true);
    std::set<int> system_clusters;
    for (const auto& [d, cluster] : sys_of) system_clusters.insert(cluster);
    put("incidents_system", double(system_clusters.size()), true);
  }

  std::vector<std::string> head = {"detect_mcc", "slot_f1"};
  if (input.incidents) head.push_back("merge_bcubed_f1");
  double sum = 0;
  for (const auto& name : head) sum += *out.get(name);
  put("score", sum / double(head.size()));
  return out;
}

std::optional<double> Scores::get(const std::string& name) const {
  for (const auto& m : measures)
    if (m.name == name) return m.value;
  return std::nullopt;
}

std::string Scores::text() const {
  std::string out;
  for (const auto& m : measures) out += m.name + ": " + format_value(m.value, m.integer) + "\n";
  return out;
}

std::string Scores::json_text() const {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& m : measures) {
    if (m.integer)
      j[m.name] = static_cast<long long>(m.value);
    else
      j[m.name] = m.value;
  }
  return j.dump(1) + "\n";
}

std::string Scores::errors_text() const {
  std::map<std::string, std::vector<const FieldError*>> by_field;
  std::vector<std::string> order;
  for (const auto& e : errors) {
    if (!by_field.contains(e.field)) order.push_back(e.field);
    by_field[e.field].push_back(&e);
  }
  std::ostringstream out;
  out << (errors.empty() ? "wrong: none\n" : "wrong:\n");
  for (const auto& field : order) {
    out << field << " (" << by_field[field].size() << "):\n";
    for (const FieldError* e : by_field[field])
      out << "  " << e->doc << ": expected " << e->expected.dump() << ", got " << e->got.dump()
          << "\n";
  }
  return out.str();
}

Result<std::vector<json>> parse_jsonl(const std::string& text, const std::string& name) {
  std::vector<json> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return invalid_input(name + ":" + std::to_string(n) + ": not JSON");
    if (!j.is_object() || !j.contains("doc"))
      return invalid_input(name + ":" + std::to_string(n) + ": expected an object with \"doc\"");
    out.push_back(std::move(j));
  }
  return out;
}

Result<Places> parse_places(const std::string& text, const std::string& name) {
  Places out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos || line.starts_with("#")) continue;
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, '\t');) cells.push_back(cell);
    char* end_lat = nullptr;
    char* end_lon = nullptr;
    if (cells.size() < 3)
      return invalid_input(name + ":" + std::to_string(n) + ": need name, lat, lon");
    const double lat = std::strtod(cells[1].c_str(), &end_lat);
    const double lon = std::strtod(cells[2].c_str(), &end_lon);
    if (end_lat == cells[1].c_str() || end_lon == cells[2].c_str())
      return invalid_input(name + ":" + std::to_string(n) + ": lat/lon are not numbers");
    out[cells[0]] = {lat, lon};
  }
  return out;
}

}  // namespace sitrep::eval
