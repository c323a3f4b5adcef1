// Report -> Incident merge. See docs/MERGE.md for every rule with an example.
//
// Shape of the algorithm:
//   1. Reports are deduplicated by doc name and put in a canonical order (attack date, doc name,
//      then content), so the result depends only on the SET of reports.
//   2. Main attacks are clustered greedily in that order. A multimap from day number to cluster
//      finds the candidates of a new mention in O(log n + candidates); a mention joins the best
//      cluster whose members are ALL compatible with it (complete linkage, so a vague report
//      cannot chain two different attacks together). A report that gives no day at all then
//      joins the dated cluster the attach model (attach.h) chooses, or stays apart.
//   3. Second pass: background mentions are absorbed by a main incident of the same date and
//      place, else clustered among themselves into background incidents.
//   4. Each cluster is reconciled into an Incident, ids are assigned (stable against
//      `previous`), and material changes become Revision rows.
#include "merge/merge.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/geo.h"
#include "core/json.h"
#include "text/text.h"

namespace sitrep::merge {
namespace {

constexpr int kNoDay = INT_MIN / 4;  // anchor of a mention with neither date nor published date
constexpr double kNestedFacilityKm = 5.0;
constexpr double kCityRadiusKm = 20.0;

// ---------------------------------------------------------------------------------------------
// Small helpers

// Days since 1970-01-01 of a YYYY-MM-DD string (proleptic Gregorian); nullopt if malformed.
std::optional<int> day_number(const std::string& text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
    return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
std::optional<int> day_number(const std::optional<std::string>& text) {
  return text ? day_number(*text) : std::nullopt;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}
bool same_name(const std::string& a, const std::string& b) {
  return lower(a) == lower(b);
}

// Lowercase ASCII words joined by '-': "US Embassy, Baghdad" -> "us-embassy-baghdad".
std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

void sort_unique(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

// facility 3 > city 2 > region 1 > country 0 (> nothing -1).
int place_rank(const std::string& geo_precision, const std::string& facility,
               const std::string& city, const std::string& country) {
  if (geo_precision == "facility" || !facility.empty()) return 3;
  if (geo_precision == "city" || !city.empty()) return 2;
  if (geo_precision == "region") return 1;
  if (geo_precision == "country" || !country.empty()) return 0;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Mentions: one attack as one report describes it (its main attack or a background entry).

struct Mention {
  const Report* report = nullptr;
  const Attack* attack = nullptr;                // main mentions
  const BackgroundAttack* background = nullptr;  // background mentions
  std::optional<int> day;                        // the attack date, when given
  std::optional<int> published;
  // The date is the day of the report the article relays (it names no attack day): the attack
  // may have been that day or the day before.
  bool day_is_report = false;
  int anchor = kNoDay;  // day used for ordering and the index: date, else published
  DateClue clue;        // what an undated main report still says of the day ("on Sunday")
  // An undated page whose address gives the month it was filed ("/2020/12/"): the attack fell
  // in that month or the one before, days [first, last].
  std::optional<std::pair<int, int>> filed;
  std::string country, city, facility, weapon;
  std::optional<double> lat, lon;
  std::string content;  // canonical serialisation, the last tie-breaker of the canonical order

  bool is_main() const { return attack != nullptr; }
  bool has_coords() const { return lat && lon; }
};

// The words of a report's evidence sentences, lowercased: digits and words of four bytes or
// more (so Arabic words count, and "the", "and" do not).
std::vector<std::string> evidence_words(const Attack& attack) {
  std::vector<std::string> words;
  std::set<const std::string*> seen;  // one sentence often supports several fields
  for (const auto& [field, evidence] : attack.evidence) {
    if (!seen.insert(&evidence.text).second) continue;
    std::string word;
    bool digit = false;
    auto flush = [&] {
      if (word.size() >= 4 || (digit && !word.empty())) words.push_back(word);
      word.clear();
      digit = false;
    };
    for (const char ch : evidence.text) {
      const auto byte = static_cast<unsigned char>(ch);
      if (std::isalnum(byte) || byte >= 0x80) {
        word += static_cast<char>(std::tolower(byte));
        digit = digit || std::isdigit(byte);
      } else {
        flush();
      }
    }
    flush();
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// The day number of the first of a month; a month of 0 or 13 is the year's neighbour's.
std::optional<long> first_of_month(int year, int month) {
  if (month < 1) year -= 1, month += 12;
  if (month > 12) year += 1, month -= 12;
  char ymd[32];
  std::snprintf(ymd, sizeof ymd, "%04d-%02d-01", year, month);
  return text::days_from_civil(ymd);
}

Mention main_mention(const Report& report) {
  Mention m;
  m.report = &report;
  m.attack = &*report.main;
  m.day = day_number(report.main->date);
  m.published = day_number(report.published);
  // The extractor keeps no evidence for a date it took from the publication (SCHEMA's rule),
  // and marks one it took from the relayed report ("an official said Sunday").
  m.day_is_report =
      m.day && (!report.main->evidence.count("date") || report.main->date_is_report_day);
  m.anchor = m.day ? *m.day : (m.published ? *m.published : kNoDay);
  if (!m.day) m.clue = report.main->date_clue;
  if (!m.day && !m.published)
    if (const auto ym = text::year_month_in_url(report.url)) {
      const auto from = first_of_month(ym->year, ym->month - 1);
      const auto next = first_of_month(ym->year, ym->month + 1);
      if (from && next) m.filed = std::pair{static_cast<int>(*from), static_cast<int>(*next) - 1};
    }
  m.country = report.main->country;
  m.city = report.main->city;
  m.facility = report.main->facility;
  m.weapon = report.main->weapon;
  m.lat = report.main->lat;
  m.lon = report.main->lon;
  return m;
}

Mention background_mention(const Report& report, const BackgroundAttack& background) {
  Mention m;
  m.report = &report;
  m.background = &background;
  m.day = day_number(background.date);
  m.published = day_number(report.published);
  // A background mention without a date is NOT anchored at the published date: it is an older
  // attack, so the article's date says nothing about when it happened.
  m.anchor = m.day ? *m.day : kNoDay;
  m.country = background.country;
  m.city = background.city;
  m.facility = background.facility;
  m.weapon = background.weapon;
  m.lat = background.lat;
  m.lon = background.lon;
  m.content = to_json(background).dump();
  return m;
}

bool canonical_less(const Mention& a, const Mention& b) {
  if (a.anchor != b.anchor) return a.anchor < b.anchor;
  if (a.report->doc != b.report->doc) return a.report->doc < b.report->doc;
  return a.content < b.content;
}

// Outlets call the same projectiles rockets, missiles or mortars; a drone is none of them.
bool indirect_fire(const std::string& w) {
  return w == "rocket" || w == "missile" || w == "mortar";
}

bool weapons_compatible(const std::string& a, const std::string& b) {
  return a == "unknown" || b == "unknown" || a.empty() || b.empty() || a == b ||
         (indirect_fire(a) && indirect_fire(b));
}

bool countries_compatible(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

template <typename A, typename B>
bool place_compatible(const A& a, const B& b) {
  const bool a_fac = !a.facility.empty(), b_fac = !b.facility.empty();
  const bool coords = a.lat && a.lon && b.lat && b.lon;
  const double km = coords ? distance_km(*a.lat, *a.lon, *b.lat, *b.lon) : 0.0;
  if (a_fac && b_fac) {
    if (same_name(a.facility, b.facility)) return true;
    // Two different known facilities: only nested sites (BDSC inside Baghdad airport) merge.
    return coords && km < kNestedFacilityKm;
  }
  // A report placed only at a city joins a site in that city ("Erbil" and the consulate there).
  if (a_fac != b_fac && !a.city.empty() && same_name(a.city, b.city)) return true;
  if (coords) return km <= kCityRadiusKm;  // facility vs city, or city vs city
  if (!a.city.empty() && !b.city.empty()) return same_name(a.city, b.city);
  return true;  // one side knows only the country: nothing contradicts
}

// The non-zero figures a report gives: a report with no day and no published date can still be
// told apart by the numbers it repeats.
std::set<std::pair<int, int>> figures_of(const Mention& m) {
  std::set<std::pair<int, int>> out;
  if (!m.report || !m.report->main) return out;
  const Attack& a = *m.report->main;
  int field = 0;
  for (const auto& value : {a.launched, a.intercepted, a.impacted, a.killed, a.injured}) {
    if (value && *value > 0) out.emplace(field, *value);
    ++field;
  }
  return out;
}

// Whether two undated reports' clues can name the same day: no weekday, month or day differs.
bool clues_agree(const DateClue& a, const DateClue& b) {
  if (a.weekday >= 0 && b.weekday >= 0 && a.weekday != b.weekday) return false;
  if (a.month && b.month && a.month != b.month) return false;
  return !(a.day && b.day && a.day != b.day);
}

// How well an undated report's clue fits a dated cluster: 2 when the day most of its members
// give has that weekday, month and day; 1 when only some member's day has (one outlet dating a
// Monday-night attack to Tuesday); 0 when none has. A report with no clue fits every cluster 1.
int clue_fit(const DateClue& clue, const std::vector<std::size_t>& members,
             const std::vector<Mention>& mentions) {
  if (clue.empty() && !clue.year_at_least) return 1;
  std::map<int, int> votes;
  for (std::size_t j : members)
    if (mentions[j].day) ++votes[*mentions[j].day];
  if (votes.empty()) return 0;
  if (clue.empty()) {
    // Only a year bound ("the 2023 strikes" in an undated article): no older attack fits.
    return std::any_of(votes.begin(), votes.end(),
                       [&](const auto& vote) { return text::matches(clue, vote.first); })
               ? 1
               : 0;
  }
  auto modal = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
    return a.second < b.second;  // the first (earliest) of equally common days wins
  });
  if (text::matches(clue, modal->first)) return 2;
  return std::any_of(votes.begin(), votes.end(),
                     [&](const auto& vote) { return text::matches(clue, vote.first); })
             ? 1
             : 0;
}

// Whether two main mentions can describe the same attack.
bool mains_compatible(const Mention& a, const Mention& b) {
  if (!countries_compatible(a.country, b.country)) return false;
  if (!weapons_compatible(a.weapon, b.weapon)) return false;
  if (a.day && b.day) {
    // Outlets date an overnight attack to either day, and a report that gives no day of its
    // own is dated by the day it was reported (SCHEMA): that day, or the day after the attack.
    auto near = [](int x, int y) { return std::abs(x - y) <= 1; };
    bool close = near(*a.day, *b.day) ||
                 (a.day_is_report && *b.day <= *a.day && *a.day - *b.day <= 2) ||
                 (b.day_is_report && *a.day <= *b.day && *b.day - *a.day <= 2);
    if (!close) return false;
  } else if (a.day || b.day) {
    // The undated report may describe an attack 0-3 days before it was published.
    const Mention& dated = a.day ? a : b;
    const Mention& undated = a.day ? b : a;
    if (!undated.published) return false;
    const int gap = *undated.published - *dated.day;
    if (gap < 0 || gap > 3) return false;
  } else if (a.published && b.published) {
    if (std::abs(*a.published - *b.published) > 1) return false;
  } else {
    // Nothing dates either one: the very same facility, days that do not contradict, and a
    // figure both repeat or the same month and day written (a site is attacked many times;
    // undated reports of it are one attack only when their numbers or their days say so).
    if (a.facility.empty() || !same_name(a.facility, b.facility)) return false;
    if (!clues_agree(a.clue, b.clue)) return false;
    if (a.clue.day && a.clue.month == b.clue.month && a.clue.day == b.clue.day) return true;
    auto fa = figures_of(a), fb = figures_of(b);
    return std::any_of(fa.begin(), fa.end(), [&](const auto& f) { return fb.count(f) > 0; });
  }
  return place_compatible(a, b);
}

// Whether two background mentions describe the same older attack: same date exactly, or both
// undated at the very same facility.
bool backgrounds_compatible(const Mention& a, const Mention& b) {
  if (!countries_compatible(a.country, b.country)) return false;
  if (!weapons_compatible(a.weapon, b.weapon)) return false;
  if (a.day || b.day) return a.day == b.day && place_compatible(a, b);
  return !a.facility.empty() && same_name(a.facility, b.facility);
}

// ---------------------------------------------------------------------------------------------
// Clustering

struct Cluster {
  std::vector<std::size_t> members;  // indices into the mention vector, canonical order
};

// How much an undated report has in common with a dated cluster at its site, beyond the place
// and the weapon that made it a candidate.
struct Affinity {
  int clue = 0;       // clue_fit(): 2 the cluster's usual day, 1 some member's day, 0 neither
  int shared = 0;     // figures (field and value) the report and some member both give
  int conflicts = 0;  // figures the report gives where members give others, never this one
  double words = 0;   // the evidence words it shares with the members, each weighted by rarity
};

// The key of a word in word_weights(): rarity is counted among reports of one language, as a
// French report's "roquettes" is no rare particular among the French reports it is common to.
std::string weight_key(const Mention& m, std::string_view word) {
  return m.report->language + '\x1f' + std::string(word);
}

// How rare each evidence word is among the given mentions of its language (the reports of the
// sites an undated report may belong to): idf scaled by the largest idf, so a word only one
// report uses weighs 1 whatever their number. A language with fewer than ten such reports tells
// nothing of rarity; its words weigh 0.
using Words = std::vector<std::vector<std::string>>;  // per mention; filled for the population
std::map<std::string, double> word_weights(const std::vector<Mention>& mentions,
                                           const std::vector<std::size_t>& population,
                                           const Words& words) {
  constexpr int kFewestReports = 10;
  std::map<std::string, int> frequency, reports;
  for (std::size_t i : population) {
    ++reports[mentions[i].report->language];
    for (const auto& word : words[i]) ++frequency[weight_key(mentions[i], word)];
  }
  std::map<std::string, double> weights;
  for (const auto& [key, count] : frequency) {
    const int total = reports[key.substr(0, key.find('\x1f'))];
    weights[key] = total < kFewestReports
                       ? 0.0
                       : std::log(static_cast<double>(total) / count) / std::log(total);
  }
  return weights;
}

Affinity affinity(std::size_t i, const Cluster& cluster, const std::vector<Mention>& mentions,
                  const Words& words_of, const std::map<std::string, double>& weights) {
  const Mention& m = mentions[i];
  Affinity a;
  a.clue = clue_fit(m.clue, cluster.members, mentions);
  std::set<std::pair<int, int>> theirs;
  std::set<std::string_view> words;
  for (std::size_t j : cluster.members) {
    for (const auto& f : figures_of(mentions[j])) theirs.insert(f);
    for (const auto& word : words_of[j]) words.insert(word);
  }
  for (const auto& figure : figures_of(m)) {
    if (theirs.count(figure)) {
      ++a.shared;
    } else if (std::any_of(theirs.begin(), theirs.end(),
                           [&](const auto& f) { return f.first == figure.first; })) {
      ++a.conflicts;
    }
  }
  for (const auto& word : words_of[i])
    if (words.count(word)) a.words += weights.at(weight_key(m, word));
  return a;
}

// The features of joining candidate `cluster` (attach.h), one of `candidates` candidates.
AttachFeatures attach_features(const Mention& m, const Affinity& a, const Cluster& cluster,
                               const std::vector<Mention>& mentions, std::size_t candidates) {
  AttachFeatures x{};
  auto at = [&](AttachFeature f) -> double& { return x[static_cast<std::size_t>(f)]; };
  const bool names_day = m.clue.day && (m.clue.month || m.clue.weekday >= 0);
  at(AttachFeature::kUsualDay) = a.clue == 2;
  at(AttachFeature::kNamedDayUsual) = names_day && a.clue == 2;
  at(AttachFeature::kSharedFigures) = a.shared;
  at(AttachFeature::kConflictingFigures) = a.conflicts;
  at(AttachFeature::kSharedWords) = std::min(a.words, 20.0) / 5;
  at(AttachFeature::kSameFacility) =
      !m.facility.empty() &&
      std::any_of(cluster.members.begin(), cluster.members.end(),
                  [&](std::size_t j) { return same_name(m.facility, mentions[j].facility); });
  at(AttachFeature::kLogMembers) = std::log(static_cast<double>(cluster.members.size()));
  at(AttachFeature::kLogCandidates) = std::log(static_cast<double>(candidates));
  return x;
}

// An undated report that may join a dated attack: its candidates (cluster indices) and the
// features of each.
struct UndatedChoice {
  std::size_t mention;
  std::vector<std::size_t> clusters;
  std::vector<AttachFeatures> features;
};

// Every report that gives neither a day nor a published date, with the dated clusters it may
// join: at its site (or a site nested with it, or a site in the city it names), with weapons and
// countries that agree, within the month its address gives. A report placed only at a city or a
// country ("a US base in Syria") must say something of the day and share a figure with the
// cluster: words alone never place it.
std::vector<UndatedChoice> undated_choices(const std::vector<Mention>& mentions,
                                           const std::vector<Cluster>& clusters) {
  auto dated = [&](const Cluster& c) {
    return std::any_of(c.members.begin(), c.members.end(),
                       [&](std::size_t i) { return mentions[i].anchor != kNoDay; });
  };
  std::vector<UndatedChoice> choices;
  for (const Cluster& undated : clusters) {
    if (undated.members.empty() || dated(undated)) continue;
    for (std::size_t i : undated.members) {
      const Mention& m = mentions[i];
      if (m.facility.empty() && (m.country.empty() || m.clue.empty())) continue;
      UndatedChoice choice{i, {}, {}};
      for (std::size_t c = 0; c < clusters.size(); ++c) {
        if (!dated(clusters[c])) continue;
        bool site = false, weapons = true;
        for (std::size_t j : clusters[c].members) {
          const Mention& other = mentions[j];
          weapons = weapons && weapons_compatible(m.weapon, other.weapon) &&
                    countries_compatible(m.country, other.country);
          site = site || (!other.facility.empty() && place_compatible(m, other));
        }
        // A page filed in December 2020 tells no attack of 2023.
        bool in_window = !m.filed;
        if (m.filed)
          for (std::size_t j : clusters[c].members) {
            const Mention& other = mentions[j];
            const std::optional<int> day = other.day ? other.day : other.published;
            if (day && *day >= m.filed->first && *day <= m.filed->second) in_window = true;
          }
        if (site && weapons && in_window) choice.clusters.push_back(c);
      }
      if (!choice.clusters.empty()) choices.push_back(std::move(choice));
    }
  }
  if (choices.empty()) return choices;
  // The words of those reports and of their candidates' members, read only now: most databases
  // hold few undated reports, and reading every report's words would cost memory.
  Words words(mentions.size());
  std::vector<bool> read(mentions.size(), false);
  std::vector<std::size_t> population;
  auto take = [&](std::size_t j) {
    if (read[j]) return;
    read[j] = true;
    words[j] = evidence_words(*mentions[j].report->main);
    population.push_back(j);
  };
  for (const UndatedChoice& choice : choices) {
    take(choice.mention);
    for (std::size_t c : choice.clusters)
      for (std::size_t j : clusters[c].members) take(j);
  }
  const auto weights = word_weights(mentions, population, words);
  for (UndatedChoice& choice : choices) {
    const Mention& m = mentions[choice.mention];
    // A candidate none of whose days fits what the report says of its day ("on Sunday", "the
    // 2023 strikes") is none.
    std::vector<std::pair<std::size_t, Affinity>> kept;
    for (std::size_t c : choice.clusters) {
      const Affinity a = affinity(choice.mention, clusters[c], mentions, words, weights);
      if (a.clue > 0 && (!m.facility.empty() || a.shared > 0)) kept.emplace_back(c, a);
    }
    choice.clusters.clear();
    for (const auto& [c, a] : kept) {
      choice.clusters.push_back(c);
      choice.features.push_back(attach_features(m, a, clusters[c], mentions, kept.size()));
    }
  }
  std::erase_if(choices, [](const UndatedChoice& c) { return c.clusters.empty(); });
  return choices;
}

// Each undated report joins the candidate the attach model chooses (attach.h), or stays apart.
void attach_undated(const std::vector<Mention>& mentions, std::vector<Cluster>& clusters,
                    const AttachModel& model) {
  std::vector<std::pair<std::size_t, std::size_t>> moves;  // mention -> cluster
  for (const UndatedChoice& choice : undated_choices(mentions, clusters))
    if (const auto best = model.choose(choice.features))
      moves.emplace_back(choice.mention, choice.clusters[*best]);
  for (const auto& [i, c] : moves) {
    for (auto& cluster : clusters) std::erase(cluster.members, i);
    clusters[c].members.push_back(i);
    std::sort(clusters[c].members.begin(), clusters[c].members.end());
  }
  std::erase_if(clusters, [](const Cluster& c) { return c.members.empty(); });
}

// Greedy complete-linkage clustering of `mentions` (already canonical) using a day index.
// A mention's partners have anchors in [anchor - before, anchor + after].
template <typename Compatible>
std::vector<Cluster> cluster(const std::vector<Mention>& mentions, Compatible compatible,
                             int before, int after) {
  std::vector<Cluster> clusters;
  std::multimap<int, std::size_t> index;  // member anchor -> cluster
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    auto lo = m.anchor == kNoDay ? index.lower_bound(kNoDay) : index.lower_bound(m.anchor - before);
    auto hi = m.anchor == kNoDay ? index.upper_bound(kNoDay) : index.upper_bound(m.anchor + after);
    std::vector<std::size_t> candidates;
    for (auto it = lo; it != hi; ++it) candidates.push_back(it->second);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    // Best candidate: every member compatible; prefer a cluster naming the same facility, then
    // the closest in days, then the oldest cluster.
    std::optional<std::size_t> best;
    std::tuple<int, int, std::size_t> best_key{};
    for (std::size_t c : candidates) {
      bool all = true, same_facility = false;
      int closest = INT_MAX;
      for (std::size_t j : clusters[c].members) {
        const Mention& other = mentions[j];
        if (!compatible(m, other)) {
          all = false;
          break;
        }
        if (!m.facility.empty() && same_name(m.facility, other.facility)) same_facility = true;
        if (m.anchor != kNoDay && other.anchor != kNoDay)
          closest = std::min(closest, std::abs(m.anchor - other.anchor));
      }
      if (!all) continue;
      std::tuple<int, int, std::size_t> key{same_facility ? 0 : 1, closest, c};
      if (!best || key < best_key) {
        best = c;
        best_key = key;
      }
    }
    std::size_t target;
    if (best) {
      target = *best;
    } else {
      target = clusters.size();
      clusters.emplace_back();
    }
    clusters[target].members.push_back(i);
    index.emplace(m.anchor, target);
  }
  return clusters;
}

// ---------------------------------------------------------------------------------------------
// Reconciliation

bool is_casualty(const std::string& field) {
  return field == "killed" || field == "injured";
}

std::optional<Figure> reconcile_figure(const std::vector<const Mention*>& members,
                                       const std::string& field,
                                       std::optional<int> Attack::*member) {
  Figure figure;
  std::map<int, int> votes;
  for (const Mention* m : members) {
    const auto& value = m->attack->*member;
    if (!value) continue;
    Claim claim;
    claim.value = *value;
    claim.doc = m->report->doc;
    claim.outlet = m->report->outlet;
    if (auto it = m->attack->evidence.find(field); it != m->attack->evidence.end())
      claim.source = it->second.source;
    figure.claims.push_back(std::move(claim));
    ++votes[*value];
  }
  if (figure.claims.empty()) return std::nullopt;
  figure.low = votes.begin()->first;
  figure.high = votes.rbegin()->first;
  if (is_casualty(field)) {
    figure.best = figure.low;  // ACLED: the most conservative casualty figure
  } else {
    int most = 0;
    for (const auto& [value, count] : votes)  // ascending, so ties keep the lower value
      if (count > most) {
        most = count;
        figure.best = value;
      }
  }
  return figure;
}

int damage_level(const std::string& damage) {
  if (damage == "none") return 0;
  if (damage == "minor") return 1;
  if (damage == "significant") return 2;
  return -1;
}

std::optional<bool> any_true(const std::vector<const Mention*>& members,
                             std::optional<bool> Attack::*member) {
  std::optional<bool> result;
  for (const Mention* m : members) {
    const auto& value = m->attack->*member;
    if (value) result = result.value_or(false) || *value;
  }
  return result;
}

// Majority of the values (empty / "unknown" ignored); ties go to `prefer(a) > prefer(b)`, then
// alphabetical. Returns "unknown" when nothing is known.
template <typename Prefer>
std::string majority(const std::vector<std::string>& values, Prefer prefer) {
  std::map<std::string, int> votes;
  for (const auto& v : values)
    if (!v.empty() && v != "unknown") ++votes[v];
  std::string best = "unknown";
  int most = 0;
  for (const auto& [value, count] : votes)  // alphabetical, so a later value must beat strictly
    if (count > most || (count == most && prefer(value) > prefer(best))) {
      most = count;
      best = value;
    }
  return best;
}

template <typename T>
void copy_place(Incident& incident, const T& source, const std::string& geo_precision) {
  incident.country = source.country;
  incident.city = source.city;
  incident.facility = source.facility;
  incident.lat = source.lat;
  incident.lon = source.lon;
  incident.geo_precision = geo_precision;
}

// Fills missing place details (country, city, coordinates) from members naming the same place.
void fill_place(Incident& incident, const std::vector<const Mention*>& members) {
  for (const Mention* m : members) {
    if (incident.country.empty()) incident.country = m->country;
    const bool same_place = incident.facility.empty() ? same_name(m->city, incident.city)
                                                      : same_name(m->facility, incident.facility);
    if (!same_place) continue;
    if (incident.city.empty()) incident.city = m->city;
    if (!(incident.lat && incident.lon) && m->has_coords()) {
      incident.lat = m->lat;
      incident.lon = m->lon;
    }
  }
  if (incident.city.empty())
    for (const Mention* m : members)
      if (!m->city.empty()) {
        incident.city = m->city;
        break;
      }
}

int mention_rank(const Mention& m) {
  const std::string& precision = m.attack ? m.attack->geo_precision : std::string();
  return place_rank(precision, m.facility, m.city, m.country);
}

// The member whose place is most precise (facility > city > region > country), preferring the
// place most members name (three reports name the embassy, one the Green Zone around it), then
// one with coordinates, then a dated one, then canonical order.
const Mention* most_precise(const std::vector<const Mention*>& members) {
  auto place = [](const Mention& m) -> const std::string& {
    return m.facility.empty() ? m.city : m.facility;
  };
  std::map<std::string, int> votes;
  for (const Mention* m : members) ++votes[place(*m)];
  const Mention* best = nullptr;
  std::tuple<int, int, int, int> best_key{};
  for (const Mention* m : members) {
    std::tuple<int, int, int, int> key{mention_rank(*m), votes[place(*m)], m->has_coords() ? 1 : 0,
                                       m->day ? 1 : 0};
    if (!best || key > best_key) {
      best = m;
      best_key = key;
    }
  }
  return best;
}

std::string geo_precision_of(const Mention& m) {
  if (m.attack && !m.attack->geo_precision.empty()) return m.attack->geo_precision;
  switch (place_rank("", m.facility, m.city, m.country)) {
    case 3:
      return "facility";
    case 2:
      return "city";
    case 0:
      return "country";
    default:
      return "";
  }
}

// Sets date (and precision) and time from the most precise member that has them.
void reconcile_when(Incident& incident, const std::vector<const Mention*>& members) {
  std::vector<const Mention*> dated;
  for (const Mention* m : members)
    if (m->day) dated.push_back(m);
  if (dated.empty()) {
    incident.date.reset();
    incident.date_precision = "unknown";
  } else {
    // The most precise reports decide; among equally precise ones the date most of them give
    // wins, ties going to the earlier date.
    int top = -1;
    for (const Mention* m : dated) top = std::max(top, mention_rank(*m));
    std::map<int, int> votes;
    for (const Mention* m : dated)
      if (mention_rank(*m) == top) ++votes[*m->day];
    int best_day = 0, most = 0;
    for (const auto& [day, count] : votes)
      if (count > most) {
        most = count;
        best_day = day;
      }
    for (const Mention* m : dated)
      if (*m->day == best_day) {
        incident.date = m->attack ? m->attack->date : m->background->date;
        break;
      }
    incident.date_precision = "day";
  }
  std::vector<const Mention*> timed;
  for (const Mention* m : members)
    if (m->attack && m->attack->time_local) timed.push_back(m);
  if (!timed.empty()) incident.time_local = most_precise(timed)->attack->time_local;
}

Incident reconcile_main(const std::vector<const Mention*>& members) {
  Incident incident;
  const Mention* where = most_precise(members);
  copy_place(incident, *where, geo_precision_of(*where));
  fill_place(incident, members);
  reconcile_when(incident, members);

  incident.launched = reconcile_figure(members, "launched", &Attack::launched);
  incident.intercepted = reconcile_figure(members, "intercepted", &Attack::intercepted);
  incident.impacted = reconcile_figure(members, "impacted", &Attack::impacted);
  incident.killed = reconcile_figure(members, "killed", &Attack::killed);
  incident.injured = reconcile_figure(members, "injured", &Attack::injured);

  // Weapon: majority of specific weapons; a tie goes to one that some report details.
  std::vector<std::string> weapons;
  std::set<std::string> detailed;
  for (const Mention* m : members) {
    weapons.push_back(m->attack->weapon);
    if (!m->attack->weapon_detail.empty()) detailed.insert(m->attack->weapon);
  }
  incident.weapon = majority(weapons, [&](const std::string& w) { return detailed.count(w); });
  for (const Mention* m : members)
    if (!m->attack->weapon_detail.empty() &&
        (m->attack->weapon == incident.weapon || m->attack->weapon == "unknown")) {
      incident.weapon_detail = m->attack->weapon_detail;
      break;
    }

  std::vector<std::string> targets;
  for (const Mention* m : members) targets.push_back(m->attack->target_type);
  incident.target_type = majority(targets, [](const std::string&) { return 0; });

  int damage = -1;
  for (const Mention* m : members) {
    const int level = damage_level(m->attack->damage);
    if (level > damage) {
      damage = level;
      incident.damage = m->attack->damage;
    }
  }

  for (const Mention* m : members) {
    const Attack& a = *m->attack;
    incident.suspected.insert(incident.suspected.end(), a.suspected.begin(), a.suspected.end());
    incident.claimed_by.insert(incident.claimed_by.end(), a.claimed_by.begin(), a.claimed_by.end());
    incident.denied_by.insert(incident.denied_by.end(), a.denied_by.begin(), a.denied_by.end());
    incident.reports.push_back(m->report->doc);
  }
  sort_unique(incident.suspected);
  sort_unique(incident.claimed_by);
  sort_unique(incident.denied_by);
  sort_unique(incident.reports);
  incident.alarm_sounded = any_true(members, &Attack::alarm_sounded);
  incident.air_defense_engaged = any_true(members, &Attack::air_defense_engaged);
  incident.background = false;
  return incident;
}

// A background incident lists the docs that mention it: they are its only provenance.
Incident reconcile_background(const std::vector<const Mention*>& members) {
  Incident incident;
  const Mention* where = most_precise(members);
  copy_place(incident, *where, geo_precision_of(*where));
  fill_place(incident, members);
  reconcile_when(incident, members);
  std::vector<std::string> weapons;
  for (const Mention* m : members) weapons.push_back(m->weapon);
  incident.weapon = majority(weapons, [](const std::string&) { return 0; });
  for (const Mention* m : members) incident.reports.push_back(m->report->doc);
  sort_unique(incident.reports);
  incident.background = true;
  return incident;
}

// ---------------------------------------------------------------------------------------------
// Ids, matching with the previous incidents, revisions

std::string base_id(const Incident& incident) {
  std::string place = slug(incident.facility);
  if (place.empty()) place = slug(incident.city);
  if (place.empty()) place = slug(incident.country);
  if (place.empty()) place = "unknown";
  return "inc-" + incident.date.value_or("undated") + "-" + place;
}

// "inc-x" and "inc-x-2" share the base "inc-x".
bool id_has_base(const std::string& id, const std::string& base) {
  if (id == base) return true;
  if (id.size() <= base.size() + 1 || id.compare(0, base.size(), base) != 0 ||
      id[base.size()] != '-')
    return false;
  return std::all_of(id.begin() + static_cast<std::ptrdiff_t>(base.size()) + 1, id.end(),
                     [](unsigned char c) { return std::isdigit(c); });
}

nlohmann::json material(const Incident& incident) {
  nlohmann::json json = to_json(incident);
  for (const char* key : {"id", "revision", "first_seen", "updated"}) json.erase(key);
  return json;
}

// material(a) == material(b), most often without serialising: two incidents equal field by
// field (bookkeeping aside) serialise alike. Serialising both to compare was ~10 % of a merge.
bool same_material(const Incident& a, const Incident& b) {
  Incident bookkept_as_b = a;
  bookkept_as_b.id = b.id;
  bookkept_as_b.revision = b.revision;
  bookkept_as_b.first_seen = b.first_seen;
  bookkept_as_b.updated = b.updated;
  return bookkept_as_b == b || material(a) == material(b);
}

std::string figure_text(const nlohmann::json& figure) {
  if (figure.is_null()) return "none";
  const int low = figure.value("low", 0), high = figure.value("high", 0);
  return low == high ? std::to_string(low) : std::to_string(low) + ".." + std::to_string(high);
}

std::string value_text(const nlohmann::json& value) {
  if (value.is_null()) return "none";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + value_text(value[i]);
    return out + "]";
  }
  return value.dump();
}

// Human-readable differences: "launched 3 -> 3..14; +report 004_x.txt".
std::string describe_changes(const Incident& before, const Incident& after) {
  const nlohmann::json a = material(before), b = material(after);
  std::vector<std::string> parts;
  for (const auto& [key, value] : b.items()) {
    if (key == "reports") continue;
    const nlohmann::json old = a.contains(key) ? a[key] : nlohmann::json();
    if (old == value) continue;
    if (key == "launched" || key == "intercepted" || key == "impacted" || key == "killed" ||
        key == "injured") {
      const std::string from = figure_text(old), to = figure_text(value);
      if (from != to) {
        parts.push_back(key + " " + from + " -> " + to);
      } else {
        parts.push_back(key + " claims " +
                        std::to_string(old.value("claims", nlohmann::json::array()).size()) +
                        " -> " + std::to_string(value["claims"].size()));
      }
    } else {
      parts.push_back(key + " " + value_text(old) + " -> " + value_text(value));
    }
  }
  std::vector<std::string> added, removed;
  std::set_difference(after.reports.begin(), after.reports.end(), before.reports.begin(),
                      before.reports.end(), std::back_inserter(added));
  std::set_difference(before.reports.begin(), before.reports.end(), after.reports.begin(),
                      after.reports.end(), std::back_inserter(removed));
  for (const auto& doc : added) parts.push_back("+report " + doc);
  for (const auto& doc : removed) parts.push_back("-report " + doc);
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

struct Built {
  Incident incident;
  std::vector<const Mention*> members;  // main members (or background members)
  std::vector<std::string> mentioned_in;
  std::string first_doc;  // canonical first doc, for "created from"
};

// Newest of the docs added to an incident (latest published date, then doc name).
std::string newest_doc(const std::vector<std::string>& added,
                       const std::map<std::string, const Report*>& by_doc) {
  std::string best;
  std::string best_published;
  for (const auto& doc : added) {
    auto it = by_doc.find(doc);
    const std::string published = it == by_doc.end() ? "" : it->second->published;
    if (best.empty() || std::tie(published, doc) > std::tie(best_published, best)) {
      best = doc;
      best_published = published;
    }
  }
  return best;
}

bool incident_less(const Incident& a, const Incident& b) {
  // Dated incidents by date, undated ones last; then id.
  if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
  if (a.date != b.date) return *a.date < *b.date;
  return a.id < b.id;
}

}  // namespace

namespace {

// One report per doc name (the set semantics); the canonical first wins on duplicates.
std::map<std::string, const Report*> one_per_doc(const std::vector<Report>& reports) {
  std::map<std::string, const Report*> by_doc;
  std::map<std::string, std::string> dumps;
  for (const Report& r : reports) {
    auto it = by_doc.find(r.doc);
    if (it == by_doc.end()) {
      by_doc[r.doc] = &r;
      continue;
    }
    std::string& kept = dumps[r.doc];
    if (kept.empty()) kept = to_json(*it->second).dump();
    std::string dump = to_json(r).dump();
    if (dump < kept) {
      it->second = &r;
      kept = std::move(dump);
    }
  }
  return by_doc;
}

// Partners of a mention anchored at day d have anchors in [d-3, d+3]: a dated partner within a
// day, or an undated one published up to 3 days later (or earlier, seen from the undated side).
std::vector<Cluster> cluster_mains(const std::vector<Mention>& mains) {
  return cluster(mains, mains_compatible, 3, 3);
}

// The main mention of every attack report, in canonical order.
std::vector<Mention> main_mentions(const std::map<std::string, const Report*>& by_doc) {
  std::vector<Mention> mains;
  for (const auto& [doc, report] : by_doc)
    if (report->reports_attack && report->main) mains.push_back(main_mention(*report));
  std::sort(mains.begin(), mains.end(), canonical_less);
  return mains;
}

}  // namespace

std::vector<UndatedReport> undated_reports(const std::vector<Report>& reports) {
  const std::vector<Mention> mains = main_mentions(one_per_doc(reports));
  const std::vector<Cluster> clusters = cluster_mains(mains);
  std::vector<UndatedReport> out;
  for (const UndatedChoice& choice : undated_choices(mains, clusters)) {
    UndatedReport undated{mains[choice.mention].report->doc, {}};
    for (std::size_t k = 0; k < choice.clusters.size(); ++k) {
      AttachCandidate candidate{{}, choice.features[k]};
      for (std::size_t j : clusters[choice.clusters[k]].members)
        candidate.docs.push_back(mains[j].report->doc);
      undated.candidates.push_back(std::move(candidate));
    }
    out.push_back(std::move(undated));
  }
  return out;
}

Update rebuild(const std::vector<Report>& reports, const std::vector<Incident>& previous,
               const std::string& now, const AttachModel& attach) {
  // 1. One report per doc name.
  const std::map<std::string, const Report*> by_doc = one_per_doc(reports);

  std::vector<Mention> mains = main_mentions(by_doc);  // doc names are unique from here on
  std::vector<Mention> backgrounds;
  for (const auto& [doc, report] : by_doc)
    for (const BackgroundAttack& b : report->background)
      backgrounds.push_back(background_mention(*report, b));
  std::sort(backgrounds.begin(), backgrounds.end(), canonical_less);

  // 2. Main attacks, then the undated reports placed among them.
  std::vector<Cluster> main_clusters = cluster_mains(mains);
  attach_undated(mains, main_clusters, attach);
  std::vector<Built> built;
  for (const Cluster& c : main_clusters) {
    Built b;
    for (std::size_t i : c.members) b.members.push_back(&mains[i]);
    b.incident = reconcile_main(b.members);
    b.first_doc = b.members.front()->report->doc;
    built.push_back(std::move(b));
  }

  // 3. Background mentions: absorbed by a main incident of the same date and place, else
  // clustered among themselves.
  // Indexed by every date a member report gives, so a mention of "the attack on the 8th" is
  // absorbed even when the reconciled date is the 7th.
  std::multimap<int, std::size_t> main_by_day;
  for (std::size_t i = 0; i < built.size(); ++i) {
    std::set<int> days;
    for (const Mention* m : built[i].members)
      if (m->day) days.insert(*m->day);
    for (int day : days) main_by_day.emplace(day, i);
  }
  std::vector<Mention> loose;
  for (const Mention& m : backgrounds) {
    std::optional<std::size_t> host;
    if (m.day) {
      auto [lo, hi] = main_by_day.equal_range(*m.day);
      for (auto it = lo; it != hi && !host; ++it) {
        const Incident& incident = built[it->second].incident;
        if (countries_compatible(m.country, incident.country) &&
            weapons_compatible(m.weapon, incident.weapon) && place_compatible(m, incident))
          host = it->second;
      }
    }
    if (host) {
      // A doc that is itself one of the incident's reports adds nothing.
      auto& docs = built[*host].incident.reports;
      if (!std::binary_search(docs.begin(), docs.end(), m.report->doc))
        built[*host].mentioned_in.push_back(m.report->doc);
    } else {
      loose.push_back(m);
    }
  }
  for (Built& b : built) sort_unique(b.mentioned_in);
  std::vector<Cluster> background_clusters = cluster(loose, backgrounds_compatible, 0, 0);
  for (const Cluster& c : background_clusters) {
    Built b;
    for (std::size_t i : c.members) b.members.push_back(&loose[i]);
    b.incident = reconcile_background(b.members);
    b.first_doc = b.members.front()->report->doc;
    built.push_back(std::move(b));
  }

  // 4. Match with the previous incidents: greedily by the number of shared docs.
  std::map<std::string, std::vector<std::size_t>> previous_by_doc;
  for (std::size_t p = 0; p < previous.size(); ++p)
    for (const auto& doc : previous[p].reports) previous_by_doc[doc].push_back(p);
  std::vector<std::tuple<int, std::size_t, std::size_t>> pairs;  // (-shared, new, previous)
  for (std::size_t n = 0; n < built.size(); ++n) {
    std::map<std::size_t, int> shared;
    for (const auto& doc : built[n].incident.reports)
      if (auto it = previous_by_doc.find(doc); it != previous_by_doc.end())
        for (std::size_t p : it->second) ++shared[p];
    for (const auto& [p, count] : shared) pairs.emplace_back(-count, n, p);
  }
  std::sort(pairs.begin(), pairs.end(), [&](const auto& x, const auto& y) {
    if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) < std::get<0>(y);
    if (std::get<1>(x) != std::get<1>(y)) return std::get<1>(x) < std::get<1>(y);
    return previous[std::get<2>(x)].id < previous[std::get<2>(y)].id;
  });
  std::vector<std::optional<std::size_t>> match(built.size());
  std::vector<bool> previous_taken(previous.size(), false);
  for (const auto& [negative, n, p] : pairs)
    if (!match[n] && !previous_taken[p]) {
      match[n] = p;
      previous_taken[p] = true;
    }

  // Ids: a matched incident keeps its previous id while its date and place give the same base;
  // the others get base, base-2, base-3... in canonical order (clusters are already canonical).
  std::set<std::string> taken;
  std::vector<std::string> bases(built.size());
  for (std::size_t n = 0; n < built.size(); ++n) {
    bases[n] = base_id(built[n].incident);
    if (match[n] && id_has_base(previous[*match[n]].id, bases[n]) &&
        taken.insert(previous[*match[n]].id).second)
      built[n].incident.id = previous[*match[n]].id;
  }
  for (std::size_t n = 0; n < built.size(); ++n) {
    if (!built[n].incident.id.empty()) continue;
    std::string id = bases[n];
    for (int suffix = 2; taken.count(id); ++suffix) id = bases[n] + "-" + std::to_string(suffix);
    taken.insert(id);
    built[n].incident.id = id;
  }

  // 5. Revisions.
  Update update;
  for (std::size_t n = 0; n < built.size(); ++n) {
    Incident& incident = built[n].incident;
    if (!match[n]) {
      incident.revision = 1;
      incident.first_seen = incident.updated = now;
      update.revisions.push_back(
          Revision{incident.id, 1, built[n].first_doc, "created from " + built[n].first_doc, now});
      continue;
    }
    const Incident& before = previous[*match[n]];
    incident.first_seen = before.first_seen.empty() ? now : before.first_seen;
    if (before.id == incident.id && same_material(before, incident)) {
      incident.revision = before.revision;
      incident.updated = before.updated;
      continue;
    }
    incident.revision = before.revision + 1;
    incident.updated = now;
    std::string changes = describe_changes(before, incident);
    if (before.id != incident.id)
      changes = "id " + before.id + " -> " + incident.id + (changes.empty() ? "" : "; " + changes);
    std::vector<std::string> added;
    std::set_difference(incident.reports.begin(), incident.reports.end(), before.reports.begin(),
                        before.reports.end(), std::back_inserter(added));
    const std::string doc = added.empty() ? built[n].first_doc : newest_doc(added, by_doc);
    update.revisions.push_back(Revision{incident.id, incident.revision, doc, changes, now});
  }

  std::set<std::string> alive;
  for (Built& b : built) {
    alive.insert(b.incident.id);
    if (!b.mentioned_in.empty()) update.mentioned_in[b.incident.id] = b.mentioned_in;
    update.incidents.push_back(std::move(b.incident));
  }
  for (const Incident& p : previous)
    if (!alive.count(p.id)) update.removed_ids.push_back(p.id);
  sort_unique(update.removed_ids);
  std::sort(update.incidents.begin(), update.incidents.end(), incident_less);
  std::sort(update.revisions.begin(), update.revisions.end(),
            [](const Revision& a, const Revision& b) { return a.incident_id < b.incident_id; });
  return update;
}

std::vector<TallyClaim> tallies(const std::vector<Report>& reports) {
  std::vector<const Report*> ordered;
  for (const Report& r : reports) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Report* a, const Report* b) { return a->doc < b->doc; });
  std::vector<TallyClaim> out;
  for (const Report* r : ordered)
    for (const Tally& t : r->tallies)
      out.push_back(TallyClaim{t, r->doc, r->outlet, r->published, t.evidence.source});
  return out;
}

int count_incidents(const std::vector<Incident>& incidents, const std::string& start,
                    const std::string& end, const std::vector<std::string>& countries,
                    bool include_background) {
  int count = 0;
  for (const Incident& i : incidents) {
    if (!i.date || (i.background && !include_background)) continue;
    if (!start.empty() && *i.date < start) continue;
    if (!end.empty() && *i.date > end) continue;
    if (!countries.empty() &&
        std::find(countries.begin(), countries.end(), i.country) == countries.end())
      continue;
    ++count;
  }
  return count;
}

}  // namespace sitrep::merge
