#include "extract/fields.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "extract/casualties.h"
#include "text/text.h"

namespace sitrep::extract {
namespace {

using lexicon::Kind;

bool is_word(const text::Token& t) {
  return t.word;
}

// Counts of launched / intercepted / impacted apply to projectiles, not bombs or gunfire.
bool is_projectile(const lexicon::Lexicon& lexicon, const SentenceView& v, std::size_t i) {
  for (const auto& h : v.hits)
    if (h.kind == Kind::kWeapon && h.first <= i && i <= h.last) {
      const auto& w = lexicon.weapon(h.entry).weapon;
      return w == "rocket" || w == "drone" || w == "missile" || w == "mortar";
    }
  return false;
}

// Words that may follow a number standing for projectiles: "intercepted five before",
// "two of them", "three were shot down".
bool count_stands_alone(const std::string& w) {
  static const std::set<std::string> words = {
      "of", "and",    "but",  "while",  "as",   "before", "after", "over", "near",
      "in", "inside", "on",   "at",     "with", "were",   "was",   "had",  "have",
      "by", "others", "more", "landed", "hit",  "fell",   "struck"};
  return words.count(w) > 0;
}

bool is_clause_break(const text::Token& t) {
  return t.lower == ";" || t.lower == ":" || t.lower == "(" || t.lower == ")";
}

std::string trim_phrase(std::string s) {
  auto strip = [&](std::string_view prefix) {
    if (s.size() > prefix.size() &&
        std::equal(prefix.begin(), prefix.end(), s.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      s.erase(0, prefix.size());
  };
  while (!s.empty() && (s.front() == ' ' || s.front() == ',' || s.front() == '"')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '"' || s.back() == '.'))
    s.pop_back();
  for (auto p : {"a ", "an ", "the ", "A ", "An ", "The "}) strip(p);
  return s;
}

// "mid-october" / "october" as the start of a period: the latest such month on or before the
// published date.
std::optional<std::string> resolve_month_phrase(std::string_view phrase,
                                                const std::string& published) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  if (published.size() != 10) return std::nullopt;
  int day = 1;
  if (phrase.starts_with("mid-"))
    phrase.remove_prefix(4), day = 15;
  else if (phrase.starts_with("early-"))
    phrase.remove_prefix(6);
  else if (phrase.starts_with("late-"))
    phrase.remove_prefix(5), day = 20;
  for (int m = 0; m < 12; ++m) {
    if (phrase != kMonths[m]) continue;
    int year = std::stoi(published.substr(0, 4));
    int published_month = std::stoi(published.substr(5, 2));
    if (m + 1 > published_month) --year;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, m + 1, day);
    return std::string(buffer);
  }
  return std::nullopt;
}

int damage_rank(const std::string& level) {
  if (level == "none") return 1;
  if (level == "minor") return 2;
  if (level == "significant") return 3;
  return 0;
}

}  // namespace

FieldReader::FieldReader(const lexicon::Lexicon& lexicon, std::vector<SentenceView>& views,
                         std::string published)
    : lexicon_(lexicon), views_(views), published_(std::move(published)) {}

Evidence FieldReader::evidence(const SentenceView& v) const {
  return Evidence{std::string(v.text), v.offset, v.offset + v.text.size(), source_of(v)};
}

// Who the sentence attributes its content to: "according to X", "X said/reported/confirmed".
std::string FieldReader::source_of(const SentenceView& v) const {
  const auto& t = v.tokens;
  for (const Hit* h : v.all("report_verb")) {
    std::string_view phrase = v.text.substr(h->start, h->end - h->start);
    if (phrase == "according to" || phrase == "According to") {
      std::size_t a = h->last + 1, b = a;
      while (b < t.size() && b < a + 10 && t[b].lower != "," && t[b].lower != "." &&
             t[b].lower != "that")
        ++b;
      if (b > a)
        return trim_phrase(std::string(v.text.substr(t[a].start, t[b - 1].end - t[a].start)));
      continue;
    }
    if (h->category != "report_verb" || phrase == "statement") continue;
    // The noun phrase before the verb, back to the previous comma or the sentence start.
    if (h->first == 0) continue;
    std::size_t b = h->first;
    std::size_t a = b;
    int commas = 0;
    while (a > 0 && b - a < 12) {
      const auto& w = t[a - 1].lower;
      if (w == "\"" || w == "." || w == ";") break;
      if (w == ",") {
        // "A senior official, speaking to AFP under anonymity, confirmed": skip one aside.
        if (++commas > 2) break;
      }
      --a;
    }
    if (a == b) continue;
    std::string np(v.text.substr(t[a].start, t[b - 1].end - t[a].start));
    // "..., a security official said": the phrase after the last comma names the source,
    // unless it is an aside ("A senior official, speaking to AFP, confirmed").
    if (auto comma = np.rfind(','); comma != std::string::npos) {
      std::string tail = np.substr(comma + 1);
      std::string first_word = tail.substr(
          tail.find_first_not_of(' ') == std::string::npos ? 0 : tail.find_first_not_of(' '));
      first_word = first_word.substr(0, first_word.find(' '));
      bool aside = first_word.ends_with("ing") || first_word == "who" || first_word == "which";
      np = aside ? np.substr(0, np.find(',')) : tail;
    }
    np = trim_phrase(np);
    // A pronoun or a bare quote end is no source.
    if (np.empty() || np == "he" || np == "she" || np == "it" || np == "they" || np == "He" ||
        np == "She" || np == "It" || np == "They")
      continue;
    if (np.size() > 120) continue;
    return np;
  }
  return {};
}

// A site or target phrase that is not what was attacked: the speaker ("the US Embassy said"),
// the issuer of a statement, the defender ("US Embassy air defenses shot down"), or a landmark
// that locates another place (", ten kilometres west of Baghdad airport", "where US troops are
// deployed").
bool FieldReader::not_the_target(const SentenceView& v, const Hit& hit) const {
  const auto& t = v.tokens;
  // "US Embassy air defenses", "the coalition's C-RAM": the defender.
  for (std::size_t i = hit.last + 1; i < t.size() && i <= hit.last + 2; ++i) {
    if (v.token_in(i, "air_defense")) return true;
    if (t[i].lower != "'s" && t[i].lower != "’s") break;
  }
  // "a statement issued by the US Embassy", "a statement from the coalition".
  for (std::size_t i = hit.first >= 4 ? hit.first - 4 : 0; i + 1 < hit.first; ++i)
    if ((t[i].lower == "statement" || t[i].lower == "message" || t[i].lower == "post") &&
        (t[i + 1].lower == "issued" || t[i + 1].lower == "from" || t[i + 1].lower == "by"))
      return true;
  // ", ten kilometres west of X": a distance from a landmark.
  for (std::size_t i = hit.first >= 5 ? hit.first - 5 : 0; i < hit.first; ++i) {
    const auto& w = t[i].lower;
    bool unit = w == "km" || w == "kilometres" || w == "kilometers" || w == "miles" ||
                w == "metres" || w == "meters" || w == "kilometre" || w == "kilometer";
    if (unit && i >= 2 && (t[i - 2].lower == "," || (i >= 3 && t[i - 3].lower == ","))) return true;
  }
  // "where US troops are deployed": a clause that describes a place.
  if (hit.first >= 1 && t[hit.first - 1].lower == "where")
    for (std::size_t i = hit.last + 1; i < t.size() && i <= hit.last + 3; ++i) {
      const auto& w = t[i].lower;
      if (w == "deployed" || w == "stationed" || w == "based" || w == "housed") return true;
    }
  // "The US Embassy in Baghdad on Friday accused ...": a report verb right after the name.
  for (std::size_t i = hit.last + 1; i < v.tokens.size() && i <= hit.last + 4; ++i) {
    if (v.token_in(i, "report_verb") || v.token_in(i, "suspect")) return true;
    if (v.tokens[i].lower == "," || v.tokens[i].lower == "that") break;
  }
  // "according to the US Embassy", "a spokesperson for the embassy".
  for (std::size_t i = hit.first >= 4 ? hit.first - 4 : 0; i < hit.first; ++i)
    if (v.token_in(i, "speaker")) return true;
  if (hit.first >= 2 && v.tokens[hit.first - 2].lower == "according" &&
      v.tokens[hit.first - 1].lower == "to")
    return true;
  if (hit.first >= 3 && v.tokens[hit.first - 3].lower == "according" &&
      v.tokens[hit.first - 2].lower == "to")
    return true;
  return false;
}

// The sentence speaks of the main attack: the anchor, a headline, a target of ours, or a
// definite "the attack" / "the strike" / "the incident".
bool FieldReader::refers_to_main(const SentenceView& v) const {
  if (&v == &views_[anchor_] || v.sentence.heading || v.in_scope_target) return true;
  // "This was likely carried out by ...": a sentence that names no attack speaks of this one
  // (a weapon alone, "the drone's debris", names none).
  if (!v.has("attack_verb") && !v.has("attack_noun")) return true;
  const auto& t = v.tokens;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i].lower != "the" && t[i].lower != "this" && t[i].lower != "tuesday's" &&
        t[i].lower != "latest")
      continue;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 2; ++k) {
      const auto& w = t[k].lower;
      if (w == "attack" || w == "attacks" || w == "strike" || w == "assault" || w == "incident" ||
          w == "explosion" || w == "blast" || w == "bombardment" || w == "barrage")
        return true;
      if (!v.token_is_weapon(k)) break;
    }
  }
  return false;
}

bool FieldReader::main_sentence(const SentenceView& v) const {
  if (v.role != Role::kMain) return false;
  // A sentence about another named facility (not the main one, nor inside it) is another event.
  if (!main_facility_.empty()) {
    const auto* main = lexicon_.facility_named(main_facility_);
    for (const Hit* h : v.all(Kind::kFacility)) {
      const auto& f = lexicon_.facility(h->entry);
      if (f.name == main_facility_ || not_the_target(v, *h)) return true;
      if (main && (f.within == main->name || main->within == f.name)) return true;
      if (v.attack_evidence) return false;
    }
  }
  return true;
}

int FieldReader::anchor_score(const SentenceView& v) const {
  if (v.role != Role::kMain || !v.attack_evidence || !v.in_scope_target) return -1;
  int score = 0;
  bool target = false;
  for (const Hit* h : v.all(Kind::kFacility))
    if (!not_the_target(v, *h)) {
      score += 3;
      target = true;
      break;
    }
  for (const char* category : {"target_military", "target_diplomatic"})
    for (const Hit* h : v.all(category))
      if (!not_the_target(v, *h)) {
        score += 2;
        target = true;
        break;
      }
  if (!target) return -1;
  if (!v.all(Kind::kWeapon).empty()) score += 2;
  if (v.has("attack_verb")) score += 2;
  if (v.has("attack_noun")) score += 1;
  if (v.lead) score += 2;
  if (v.sentence.quoted) score -= 1;
  return score;
}

bool FieldReader::detect() {
  int best = -1;
  for (std::size_t i = 0; i < views_.size(); ++i) {
    const auto& v = views_[i];
    if (!v.lead) continue;  // the main attack of a report is in its lead
    int score = anchor_score(v);
    if (score > best) {
      best = score;
      anchor_ = static_cast<int>(i);
    }
  }
  if (anchor_ < 0) return false;
  // An article headlined as a strike BY US forces, a drill, a threat or a plot is about that,
  // even when it recalls the attack that prompted it.
  for (const auto& v : views_)
    if (v.sentence.heading) {
      // A headline "attack ... thwarted" usually means intercepted; plots are caught below.
      if (v.role == Role::kNotAttack && !v.has("foiled")) return false;
      break;
    }
  // "The UAV was an unarmed camera drone", "it was not immediately clear whether the American
  // mission was the target": the article itself says this was no attack on our sites.
  // A doubt about the target stands unless the anchor or headline names one of our sites as hit.
  bool anchor_site = false;
  for (const auto& lead : views_) {
    if (&lead != &views_[anchor_] && !(lead.sentence.heading && lead.lead)) continue;
    if (lead.role != Role::kMain || !lead.attack_evidence) continue;
    for (const Hit* h : lead.all(Kind::kFacility)) anchor_site |= !not_the_target(lead, *h);
  }
  for (const auto& v : views_) {
    if (v.role == Role::kBackground || v.role == Role::kGeneric || v.sentence.quoted) continue;
    if (v.has("benign")) return false;
    if (v.has("uncertain") && !anchor_site) {
      const auto& t = v.tokens;
      for (std::size_t i = 0; i + 1 < t.size(); ++i)
        if (t[i].lower == "whether" || t[i].lower == "if")
          for (std::size_t k = i + 1; k + 1 < t.size() && k <= i + 10; ++k)
            if ((t[k].lower == "the" && t[k + 1].lower == "target") || t[k].lower == "targeted")
              if (std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& h) {
                    return h.first > i && h.first < k &&
                           (h.kind == Kind::kFacility || h.category == "target_diplomatic" ||
                            h.category == "target_military");
                  }))
                return false;
    }
  }
  // An aftermath piece ("Soldiers injured when militants fired missiles at the base received
  // Purple Hearts on Thursday ... wounded in the January 20 attack") names its attack as "the
  // <older date> attack" in the lead; its recent day dates the ceremony, not the attack. Such an
  // article reports the attack only when a recent day sits right beside an attack verb.
  const auto published_day = text::days_from_civil(published_);
  bool old_attack_named = false;
  for (const auto& v : views_) {
    if (!v.lead || v.sentence.heading) continue;
    const auto& t = v.tokens;
    for (const auto& d : v.dates) {
      auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
      if (!days || !published_day || !d.explicit_day || *days >= *published_day - 10) continue;
      std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
      bool definite = first >= 1 && t[first - 1].lower == "the";
      bool attack_next = last + 1 < t.size() &&
                         (v.token_in(last + 1, "attack_noun") || v.token_is_weapon(last + 1));
      if (definite && attack_next) old_attack_named = true;
    }
  }
  if (old_attack_named && published_day) {
    bool recent_beside_verb = false;
    for (const auto& v : views_) {
      if (v.role != Role::kMain) continue;
      for (const auto& d : v.dates) {
        auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
        if (!days || *days > *published_day + 1 || *days < *published_day - 7) continue;
        std::size_t first = v.token_at(d.span.start), last = v.token_at(d.span.end - 1);
        for (std::size_t k = first >= 6 ? first - 6 : 0; k < v.tokens.size() && k <= last + 6; ++k)
          if (v.token_in(k, "attack_verb") || v.token_in(k, "impact") ||
              v.token_in(k, "intercept") || v.token_in(k, "launch"))
            recent_beside_verb = true;
      }
    }
    if (!recent_beside_verb) return false;
  }
  // A specific attack happened at a particular time: some main sentence about an attack says
  // when, within the week before publication. Analysis pieces, tallies and anniversaries speak
  // of attacks without such a day. Without a published date, no day can be checked.
  auto pub = text::days_from_civil(published_);
  if (!pub) return true;
  // An article that gives no day at all ("the attack occurred in the early hours") is dated by
  // its publication; then the lead itself must be specific: a named site of ours, and a count
  // or casualty figure in the anchor sentence.
  bool any_recent_day = false;
  for (const auto& v : views_)
    for (const auto& d : v.dates)
      if (auto days = d.date ? text::days_from_civil(*d.date) : std::nullopt;
          days && *days <= *pub + 1 && *days >= *pub - 7)
        any_recent_day = true;
  if (!any_recent_day) {
    const auto& a = views_[anchor_];
    bool site = false, target = false;
    for (const Hit* h : a.all(Kind::kFacility)) site |= !not_the_target(a, *h);
    for (const char* category : {"target_military", "target_diplomatic"})
      for (const Hit* h : a.all(category)) target |= !not_the_target(a, *h);
    // "three soldiers were killed", "kills three soldiers", "two rockets hit", in the anchor
    // or the sentence that follows it ("the attack was carried out with two suicide drones").
    auto has_figure = [&](const SentenceView& s) {
      bool figure = false;
      for (std::size_t i = 0; i < s.tokens.size(); ++i)
        if (text::parse_number(s.tokens[i].lower))
          for (std::size_t k = i >= 2 ? i - 2 : 0; k < s.tokens.size() && k <= i + 5; ++k)
            figure |= s.token_in(k, "killed") || s.token_in(k, "injured") ||
                      s.token_in(k, "impact") || s.token_in(k, "intercept") ||
                      is_projectile(lexicon_, s, k);
      return figure;
    };
    bool figure = has_figure(a);
    if (static_cast<std::size_t>(anchor_) + 1 < views_.size() &&
        views_[anchor_ + 1].role == Role::kMain)
      figure |= has_figure(views_[anchor_ + 1]);
    // "Local sources reported that suicide drones targeted the coalition base": a weapon and
    // an attack verb aimed at a target of ours, told as news.
    // The headline must be about that attack too: an analysis piece reads the same way.
    const SentenceView* headline = nullptr;
    for (const auto& v : views_)
      if (v.sentence.heading) {
        headline = &v;
        break;
      }
    bool told_as_news = target && a.has("attack_verb") && !a.all(Kind::kWeapon).empty() &&
                        a.sentence.index <= 2 && headline && headline->role == Role::kMain &&
                        headline->attack_evidence;
    if ((site && figure && a.sentence.index <= 3) || told_as_news) return true;
  }
  for (const auto& v : views_) {
    // "more attacks on Monday, which have not been confirmed" dates no attack.
    if (v.role != Role::kMain || !v.attack_evidence || v.has("uncertain")) continue;
    for (const auto& d : v.dates) {
      if (!d.date) continue;
      auto days = text::days_from_civil(*d.date);
      // A report's own day counts when the sentence itself reports the attack ("... shot down
      // two drones near the base, an Iraqi security source said on Saturday"): SCHEMA dates
      // such attacks by the report.
      bool reporting = date_is_reporting_mention(v, d);
      if (days && *days <= *pub + 1 && *days >= *pub - 7 &&
          (!reporting || (&v == &views_[anchor_] &&
                          (v.has("attack_verb") || v.has("intercept") || v.has("impact")))))
        return true;
    }
  }
  return false;
}

std::string FieldReader::country_hint() const {
  std::map<std::string, int> votes;
  for (const auto& v : views_) {
    if (v.role != Role::kMain) continue;
    for (const Hit* h : v.all(Kind::kCountry)) {
      const auto& c = lexicon_.country(h->entry);
      if (c.code != "US") votes[c.code] += v.attack_evidence ? 2 : 1;
    }
    for (const Hit* h : v.all(Kind::kFacility)) votes[lexicon_.facility(h->entry).country] += 3;
  }
  std::string best;
  int n = 0;
  for (const auto& [code, count] : votes)
    if (count > n) best = code, n = count;
  return best;
}

std::optional<lexicon::City> FieldReader::city_in(const SentenceView& v,
                                                  const std::string& hint) const {
  static const std::set<std::string> prepositions = {"in",     "near",    "at", "outside", "of",
                                                     "toward", "towards", "on", "from",    "into"};
  const auto& t = v.tokens;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!prepositions.count(t[i - 1].lower) || !t[i].capitalized || !is_word(t[i])) continue;
    // Try the longest capitalized run first (up to three words, "Deir ez-Zor").
    for (std::size_t len = 3; len >= 1; --len) {
      if (i + len > t.size()) continue;
      std::string name(v.text.substr(t[i].start, t[i + len - 1].end - t[i].start));
      if (name.ends_with("'s")) name.resize(name.size() - 2);
      if (lexicon_.country_by_code(hint) && name == lexicon_.country_by_code(hint)->name) continue;
      auto city = lexicon_.city(name, hint);
      if (city && (hint.empty() || city->country == hint)) return city;
    }
  }
  return std::nullopt;
}

FieldReader::Place FieldReader::place(Attack& attack) {
  // Facilities named as targets in main sentences, weighted; speakers do not count.
  std::map<int, int> score;
  std::map<int, const SentenceView*> where;
  for (const auto& v : views_) {
    if (v.role != Role::kMain || !v.attack_evidence) continue;
    for (const Hit* h : v.all(Kind::kFacility)) {
      if (not_the_target(v, *h)) continue;
      score[h->entry] += 2 + (&v == &views_[anchor_] ? 2 : 0) + (v.lead ? 1 : 0);
      if (!where.count(h->entry)) where[h->entry] = &v;
    }
  }
  // "The base, known as Tower 22, sits ...": with no site named in an attack sentence, a site
  // named in the lead of the same article is the target.
  if (score.empty())
    for (const auto& v : views_) {
      if (v.role != Role::kMain || !v.lead) continue;
      for (const Hit* h : v.all(Kind::kFacility)) {
        if (not_the_target(v, *h) || !score.empty()) continue;  // the first site named wins
        score[h->entry] += 1;
        where[h->entry] = &v;
      }
    }
  Place place;
  int best = -1, best_score = 0;
  for (const auto& [entry, s] : score)
    if (s > best_score) best = entry, best_score = s;
  if (best >= 0) {
    // A site inside the winner (the BDSC inside Baghdad airport) is the more precise place.
    const auto& winner = lexicon_.facility(best);
    for (const auto& [entry, s] : score)
      if (lexicon_.facility(entry).within == winner.name) best = entry;
    const auto& f = lexicon_.facility(best);
    place = Place{f.country, f.city, f.name, "facility", f.type, f.lat, f.lon};
    main_facility_ = f.name;
    attack.evidence["facility"] = evidence(*where[best]);
    return place;
  }
  std::string hint = country_hint();
  // A city named in a main attack sentence (anchor first).
  std::vector<const SentenceView*> order{&views_[anchor_]};
  for (const auto& v : views_)
    if (v.role == Role::kMain && v.attack_evidence && &v != &views_[anchor_]) order.push_back(&v);
  for (const auto* v : order) {
    if (auto city = city_in(*v, hint)) {
      place = Place{city->country, city->name, "", "city", "", city->lat, city->lon};
      attack.evidence["city"] = evidence(*v);
      break;
    }
  }
  // "the US embassy" + a city: the registry's embassy in that city.
  if (!place.city.empty()) {
    for (const auto* v : order)
      for (const Hit* h : v->all("target_diplomatic")) {
        std::string_view phrase = v->text.substr(h->start, h->end - h->start);
        std::string lower(phrase);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower.find("embassy") == std::string::npos || not_the_target(*v, *h)) continue;
        if (const auto* f = lexicon_.facility_named("US Embassy " + place.city)) {
          main_facility_ = f->name;
          attack.evidence["facility"] = evidence(*v);
          return Place{f->country, f->city, f->name, "facility", f->type, f->lat, f->lon};
        }
      }
    return place;
  }
  if (!hint.empty()) {
    place.country = hint;
    place.precision = "country";
  }
  return place;
}

void FieldReader::read_date(Attack& attack) {
  auto pub = text::days_from_civil(published_);
  std::optional<std::string> reporting;
  const SentenceView* reporting_view = nullptr;
  // The anchor first, then main sentences in order.
  std::vector<const SentenceView*> order{&views_[anchor_]};
  for (const auto& v : views_)
    if (&v != &views_[anchor_] && main_sentence(v) && !v.sentence.quoted) order.push_back(&v);
  for (const auto* v : order) {
    for (const auto& d : v->dates) {
      if (!d.date) continue;
      auto days = text::days_from_civil(*d.date);
      if (pub && days && (*days > *pub + 1 || *days < *pub - 30)) continue;
      if (date_is_reporting_mention(*v, d)) {
        if (!reporting) reporting = d.date, reporting_view = v;
        continue;
      }
      if (!v->attack_evidence && v != &views_[anchor_]) continue;
      attack.date = d.date;
      attack.evidence["date"] = evidence(*v);
      return;
    }
  }
  // ACLED: with no day of the attack, the day of the report the article relays; then the
  // publication day. Null only without both.
  if (reporting) {
    attack.date = reporting;
    attack.evidence["date"] = evidence(*reporting_view);
  } else if (!published_.empty()) {
    attack.date = published_;
  }
}

void FieldReader::read_time(Attack& attack) {
  std::vector<const SentenceView*> order{&views_[anchor_]};
  for (const auto& v : views_)
    if (&v != &views_[anchor_] && main_sentence(v) && v.attack_evidence) order.push_back(&v);
  for (const auto* v : order)
    if (!v->times.empty()) {
      attack.time_local = v->times.front().hhmm;
      attack.evidence["time_local"] = evidence(*v);
      return;
    }
}

void FieldReader::read_weapon(Attack& attack) {
  std::map<std::string, int> votes;
  std::map<std::string, std::string> detail;
  std::map<std::string, const SentenceView*> where;
  std::map<std::string, std::size_t> first_seen;
  std::size_t order = 0;
  for (const auto& v : views_) {
    if (!main_sentence(v)) continue;
    for (const Hit* h : v.all(Kind::kWeapon)) {
      // "drone and rocket attacks" in a generic sentence never reach here; a weapon that only
      // qualifies "attack" in a speaker's sentence still counts.
      const auto& w = lexicon_.weapon(h->entry);
      votes[w.weapon] += 1;
      if (!detail.count(w.weapon) && !w.detail.empty()) detail[w.weapon] = w.detail;
      if (!where.count(w.weapon)) where[w.weapon] = &v, first_seen[w.weapon] = order++;
    }
  }
  if (votes.empty()) return;
  // Outlets call rockets "missiles" in passing, rarely the reverse: a plain "missile" yields
  // to "rocket" unless the missile has a type (ballistic, cruise).
  if (votes.count("rocket") && votes.count("missile") && !detail.count("missile"))
    votes.erase("missile");
  std::string best;
  int n = 0;
  for (const auto& [weapon, count] : votes)
    if (count > n || (count == n && first_seen[weapon] < first_seen[best]))
      best = weapon, n = count;
  attack.weapon = best;
  if (detail.count(best)) attack.weapon_detail = detail[best];
  attack.evidence["weapon"] = evidence(*where[best]);
}

// Counts: "14 rockets were fired", "intercept five of them", "two missiles impacted",
// "three impacts", "one hit X and the second landed Y".
void FieldReader::read_counts(Attack& attack) {
  struct Found {
    std::optional<int> value;
    const SentenceView* where = nullptr;
    bool lower_bound = false;  // "more than 30 rockets": a later exact "33 rockets" replaces it
    bool single = false;       // "a drone", "a single rocket": the whole attack was one projectile
  };
  std::map<std::string, Found> found;
  auto set = [&](const std::string& field, int value, const SentenceView& v, bool raise,
                 bool lower_bound = false) {
    auto& f = found[field];
    if (!f.value) {
      f.value = value;
      f.where = &v;
      f.lower_bound = lower_bound;
    } else if (raise && f.where == &v && value > *f.value) {
      f.value = value;
    } else if (f.lower_bound && !lower_bound && value > *f.value) {
      f.value = value;
      f.where = &v;
      f.lower_bound = false;
    }
  };
  auto verb_category = [](const SentenceView& v, std::size_t i) -> std::string {
    for (const char* c : {"intercept", "impact", "launch"})
      if (v.token_in(i, c)) return c;
    return {};
  };
  bool projectile_seen = false;  // "Two were shot down" after a sentence that named the drones
  bool definite_launch = false;  // "The rockets were fired from ...": the ones counted elsewhere
  const SentenceView* none_reached = nullptr;  // "Neither reached the compound."
  const SentenceView* all_stopped = nullptr;   // "destroyed the drones"
  // A claimant's own numbers ("saying it had targeted the base with three drones that hit their
  // targets") fill only what the reporting leaves open: the claim sentences come last.
  auto claim_sentence = [](const SentenceView& v) { return v.has("claim"); };
  std::vector<const SentenceView*> order;
  for (const auto& v : views_)
    if (main_sentence(v) && !claim_sentence(v)) order.push_back(&v);
  for (const auto& v : views_)
    if (main_sentence(v) && claim_sentence(v)) order.push_back(&v);
  for (const SentenceView* view : order) {
    const auto& v = *view;
    for (std::size_t k = 0; k < v.tokens.size() && !projectile_seen; ++k)
      projectile_seen = is_projectile(lexicon_, v, k);
    bool sentence_has_weapon = projectile_seen;
    const auto& t = v.tokens;
    for (std::size_t i = 0; i < t.size(); ++i) {
      bool article_position =
          i == 0 || !(t[i - 1].lower == "by" || t[i - 1].lower == "with" ||
                      t[i - 1].lower == "from" || t[i - 1].lower == "of" || t[i - 1].lower == "in");
      auto n = count_at(v, i, article_position);
      if (!n) continue;
      bool article = t[i].lower == "a" || t[i].lower == "an" || t[i].lower == "single";
      // "A second drone impacted": the enumeration below counts it.
      if (article && i + 1 < t.size() && text::parse_ordinal(t[i + 1].lower)) continue;
      // "Five of six drones were intercepted": five intercepted, six launched.
      // A plain int: GCC 12 at -O2 misreads an optional here as maybe uninitialized.
      int total = 0;
      std::size_t skip = 0;
      if (i + 3 < t.size() && t[i + 1].lower == "of") {
        int whole = count_at(v, i + 2, false).value_or(0);
        if (whole > *n) total = whole, skip = 2;
      }
      // The projectile noun: a weapon term within the next four tokens, or "of them".
      std::size_t p = i + 1 + skip;
      bool projectile = false;
      for (; p < t.size() && p <= i + 4 + skip; ++p) {
        if (is_projectile(lexicon_, v, p)) {
          projectile = true;
          while (p + 1 < t.size() && v.token_is_weapon(p + 1)) ++p;
          break;
        }
        if (t[p].lower == "of" && p + 1 < t.size() &&
            (t[p + 1].lower == "them" || t[p + 1].lower == "which")) {
          projectile = true;
          ++p;
          break;
        }
        if (t[p].lower == "of" && p + 2 < t.size() && t[p + 1].lower == "the" &&
            is_projectile(lexicon_, v, p + 2)) {
          projectile = true;
          p += 2;
          while (p + 1 < t.size() && v.token_is_weapon(p + 1)) ++p;
          break;
        }
        if (!is_word(t[p]) || count_at(v, p, false) || verb_category(v, p) != "") break;
      }
      if (projectile) {
        // "a drone attack" names the attack, it does not count drones.
        if (p + 1 < t.size() && (v.token_in(p + 1, "attack_noun") || t[p + 1].lower == "attack" ||
                                 t[p + 1].lower == "attacks" || t[p + 1].lower == "strike" ||
                                 t[p + 1].lower == "strikes"))
          continue;
        if (p >= i + 1 && v.token_in(i + 1, "attack_noun")) continue;
      }
      std::string category;
      // 1. A verb right before the number: "intercepted five", "fired 14 rockets".
      for (std::size_t k = i; k > 0 && k + 3 > i; --k) {
        std::string c = verb_category(v, k - 1);
        if (!c.empty()) {
          category = c;
          break;
        }
        const auto& w = t[k - 1].lower;
        if (w != "to" && w != "at" && w != "least" && w != "about" && w != "some" && w != "down" &&
            w != "all")
          break;
      }
      // Without a projectile noun the number must stand alone ("intercepted five", "two were
      // shot down"): "struck a strategic centre", "hit two buildings" count no projectiles.
      if (!projectile) {
        if (article) continue;
        if (i + 1 < t.size() && t[i + 1].word && !count_stands_alone(t[i + 1].lower) &&
            verb_category(v, i + 1).empty())
          continue;
      }
      if (!projectile && category.empty()) {
        // "two were shot down", "three impacts": a number standing for projectiles.
        if (!sentence_has_weapon && t[i + 1 < t.size() ? i + 1 : i].lower != "impacts") continue;
        std::size_t k = i + 1;
        while (k < t.size() && (t[k].lower == "were" || t[k].lower == "was" ||
                                t[k].lower == "reportedly" || t[k].lower == "later"))
          ++k;
        if (k < t.size() && k <= i + 3 && !article) category = verb_category(v, k);
        if (category.empty()) continue;
      }
      bool verb_after = projectile && category.empty();
      if (projectile && category.empty()) {
        // 2. The verb after the projectile noun, within its clause.
        for (std::size_t k = p + 1; k < t.size() && k <= p + 7; ++k) {
          if (is_clause_break(t[k]) || count_at(v, k, false)) break;
          if (t[k].lower == "," && k + 1 < t.size() &&
              (t[k + 1].lower == "but" || t[k + 1].lower == "and" || t[k + 1].lower == "while"))
            break;
          std::string c = verb_category(v, k);
          if (!c.empty()) {
            category = c;
            break;
          }
        }
      }
      if (projectile && category.empty() && !article) {
        // 3. A verb before, further back: "... fired at the base, including three rockets";
        // an instrument names what was launched: "targeted the US base in the Kurdistan
        // region with two drones".
        bool instrument = i >= 1 && t[i - 1].lower == "with";
        for (std::size_t k = i; k > 0 && k + (instrument ? 16 : 6) > i; --k) {
          if (is_clause_break(t[k - 1])) break;
          std::string c = verb_category(v, k - 1);
          if (c.empty() && instrument && v.token_in(k - 1, "attack_verb")) c = "launch";
          if (!c.empty()) {
            category = c;
            break;
          }
        }
      }
      // "A drone heading towards the base was shot down": the clause's last word on the drone
      // decides, not the launch verb that describes it.
      if (category == "launch" && verb_after)
        for (std::size_t k = p + 1; k < t.size() && k <= p + 20; ++k) {
          if (is_clause_break(t[k]) || count_at(v, k, false)) break;
          std::string c = verb_category(v, k);
          if (c == "intercept" || c == "impact") {
            category = c;
            break;
          }
        }
      if (category.empty()) continue;
      // "launched a drone" says little; "a drone targeted the base" is the one drone launched.
      if (article && category == "launch" && !verb_after) continue;
      std::string field = category == "launch"      ? "launched"
                          : category == "intercept" ? "intercepted"
                                                    : "impacted";
      bool first_value = !found[field].value;
      bool bound = (i >= 2 && ((t[i - 2].lower == "more" && t[i - 1].lower == "than") ||
                               (t[i - 2].lower == "at" && t[i - 1].lower == "least"))) ||
                   (i >= 1 && t[i - 1].lower == "over");
      set(field, *n, v, false, bound);
      if (first_value && article) found[field].single = true;
      if (total > 0 && field != "launched") set("launched", total, v, false);
      i += skip;
    }
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
      // "The rockets were fired from al-Jihad": a launch of the projectiles counted elsewhere.
      if (t[i].lower == "the" && is_projectile(lexicon_, v, i + 1) && !claim_sentence(v)) {
        std::size_t k = i + 1;
        while (k + 1 < t.size() && v.token_is_weapon(k + 1)) ++k;
        for (std::size_t j = k + 1; j < t.size() && j <= k + 2; ++j)
          if (v.token_in(j, "launch")) definite_launch = true;
      }
      // "used countermeasures to destroy the drones", "shot down both drones": all of them.
      if ((t[i].lower == "destroy" || t[i].lower == "destroyed" || v.token_in(i, "intercept")) &&
          (t[i + 1].lower == "the" || t[i + 1].lower == "both" || t[i + 1].lower == "all") &&
          is_projectile(lexicon_, v, i + 2) && !v.token_in(i + 1, "intercept") &&
          !t[i + 2].lower.ends_with("'s") && t[i + 2].lower.ends_with("s") && !all_stopped)
        all_stopped = &v;
      // "Neither reached the compound", "none of the drones hit the base".
      if (t[i].lower == "neither" || (t[i].lower == "none" && !v.has("uncertain")))
        for (std::size_t j = i + 1; j < t.size() && j <= i + 5; ++j) {
          if (v.token_in(j, "impact") || t[j].lower == "reached") {
            if (!none_reached) none_reached = &v;
            break;
          }
          if (!t[j].word) break;
        }
    }
    // Enumerated impacts: "One rocket hit the wall ..., and the second landed inside the base".
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      std::optional<int> ordinal;
      if ((t[i].lower == "the" || t[i].lower == "a") && text::parse_ordinal(t[i + 1].lower))
        ordinal = text::parse_ordinal(t[i + 1].lower);
      else if (t[i].lower == "another")
        ordinal = 2;
      if (t[i].lower == "the" && i + 1 < t.size() && t[i + 1].lower == "other") ordinal = 2;
      if (!ordinal || *ordinal < 2) continue;
      // "the second landed inside the base", "the third managed to strike": one more impact
      // than this sentence has counted so far.
      // The verb after it says what happened to that one: hit ("the second landed") or was
      // stopped ("the second was diverted").
      std::string follows;
      std::size_t after = t[i].lower == "another" ? i + 1 : i + 2;  // "another exploded"
      for (std::size_t k = after; k < t.size() && k <= i + 6 && follows.empty(); ++k) {
        std::string c = verb_category(v, k);
        if (c == "intercept" || c == "impact") follows = c;
      }
      if (follows.empty()) continue;
      auto& f = found[follows == "impact" ? "impacted" : "intercepted"];
      // "The first missile hit the runway, while the second landed near a hangar": both hit.
      bool first_too = false;
      for (std::size_t k = 0; k + 1 < i && !first_too; ++k)
        if (t[k].lower == "first" || t[k].lower == "one")
          for (std::size_t j = k + 1; j < i && j <= k + 4; ++j)
            if (verb_category(v, j) == follows) first_too = true;
      if (f.value && f.where == &v) {
        f.value = *f.value + 1;
      } else if (!f.value && first_too && t[i].lower != "another") {
        f.value = *ordinal;
        f.where = &v;
      } else if (!f.value) {
        f.value = 1;
        f.where = &v;
      }
    }
  }
  if (all_stopped && !found["intercepted"].value && found["launched"].value &&
      !found["impacted"].value) {
    found["intercepted"].value = found["launched"].value;
    found["intercepted"].where = all_stopped;
  }
  if (none_reached && !found["impacted"].value && found["intercepted"].value) {
    found["impacted"].value = 0;
    found["impacted"].where = none_reached;
  }
  // Launched is derived only where the text accounts for the whole attack: what the defences
  // engaged ("two drones were shot down") or a lone projectile ("a single drone hit the base").
  // "Three rockets hit the embassy" says how many hit, not how many were fired.
  bool whole_attack = found["intercepted"].value || found["impacted"].single ||
                      (definite_launch && found["impacted"].value);
  if (!found["launched"].value && whole_attack) {
    auto& launched = found["launched"];
    launched.value = found["intercepted"].value.value_or(0) + found["impacted"].value.value_or(0);
    launched.where = found["impacted"].where ? found["impacted"].where : found["intercepted"].where;
  }
  for (const auto& [field, f] : found) {
    if (!f.value) continue;
    if (field == "launched") attack.launched = f.value;
    if (field == "intercepted") attack.intercepted = f.value;
    if (field == "impacted") attack.impacted = f.value;
    attack.evidence[field] = evidence(*f.where);
  }
}

void FieldReader::read_casualties(Attack& attack) {
  // The first figure the article gives wins, except that a zero about some of the people ("no
  // Americans were hurt") yields to a count of the others ("one civilian was lightly injured").
  bool killed_restricted = false, injured_restricted = false;
  auto record = [&](bool killed, int value, const SentenceView& v, bool restricted = false) {
    auto& slot = killed ? attack.killed : attack.injured;
    bool& open = killed ? killed_restricted : injured_restricted;
    if (slot && !(open && value > 0)) return;
    slot = value;
    open = value == 0 && restricted;
    attack.evidence[killed ? "killed" : "injured"] = evidence(v);
  };
  for (const auto& v : views_) {
    if (!main_sentence(v)) continue;
    bool uncertain = v.has("uncertain");
    if (!uncertain) {
      if (v.has("zero_casualties")) record(true, 0, v), record(false, 0, v);
      if (v.has("zero_injuries")) record(false, 0, v);
      if (v.has("zero_deaths")) record(true, 0, v);
    }
    for (const auto& figure : casualty_figures(v))
      if (figure.value > 0 || !uncertain) record(figure.killed, figure.value, v, figure.restricted);
  }
}

namespace {

// "accused Iran-backed groups of being behind past attacks", "believes that the attacks are
// carried out by pro-Iranian groups": the blame's nearest attack noun is a plural, so it is for
// a run of attacks, not for this one.
bool blames_many_attacks(const SentenceView& v, const Hit& suspect) {
  const Hit* nearest = nullptr;
  std::size_t distance = 0;
  for (const Hit* h : v.all("attack_noun")) {
    std::size_t d = h->first > suspect.last ? h->first - suspect.last : suspect.first - h->last;
    if (d > 10) continue;
    // "pointed to militias, which have carried out dozens of attacks": the relative clause
    // describes the actor, not what it is blamed for.
    bool relative = false;
    for (std::size_t k = suspect.last + 1; k < h->first; ++k)
      relative |= v.tokens[k].lower == "which" || v.tokens[k].lower == "who";
    if (relative) continue;
    if (!nearest || d < distance) nearest = h, distance = d;
  }
  if (!nearest) return false;
  std::string_view last = v.tokens[nearest->last].lower;
  return last == "attacks" || last == "strikes" || last == "assaults" || last == "raids";
}

// "The strike destroyed two vehicles", "destroying a hangar": a structure or vehicle destroyed
// (not a drone destroyed in the air) is significant damage.
bool destroyed_structure(const SentenceView& v) {
  static const std::set<std::string> things = {
      "vehicle",    "vehicles",    "building",  "buildings", "hangar",     "hangars", "aircraft",
      "helicopter", "helicopters", "truck",     "trucks",    "car",        "cars",    "house",
      "houses",     "homes",       "quarters",  "warehouse", "warehouses", "tent",    "tents",
      "structure",  "structures",  "equipment", "depot",     "tower",      "radar",   "barracks"};
  const auto& t = v.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].lower != "destroyed" && t[i].lower != "destroying") continue;
    for (std::size_t k = i + 1; k < t.size() && k <= i + 4; ++k) {
      if (things.count(t[k].lower)) return true;
      if (!t[k].word || v.token_is_weapon(k)) break;
    }
  }
  return false;
}

}  // namespace

void FieldReader::read_damage(Attack& attack) {
  for (const auto& v : views_) {
    if (!main_sentence(v) || v.has("uncertain")) continue;
    // A negated damage phrase ("did not result in ... material damage", "no victims or damage")
    // says there was none; "damage to a hangar" says there was some.
    bool negated = false, damage_to = false;
    for (const Hit* h : v.all("damage_minor"))
      if (negated_in_clause(v, h->first)) negated = true;
    for (const Hit* h : v.all("damage_significant"))
      if (negated_in_clause(v, h->first)) negated = true;
    const auto& t = v.tokens;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].lower != "damage" && t[i].lower != "damages") continue;
      if (negated_in_clause(v, i))
        negated = true;
      else if (i + 1 < t.size() && t[i + 1].lower == "to")
        damage_to = true;
    }
    for (const char* level : {"damage_none", "damage_minor", "damage_significant"}) {
      std::string_view name_view = std::string_view(level).substr(7);
      bool said = false;
      if (name_view == "none") said = v.has(level) || negated;
      if (name_view == "minor") said = !negated && (v.has(level) || damage_to);
      if (name_view == "significant") said = !negated && (v.has(level) || destroyed_structure(v));
      if (!said) continue;
      std::string name(name_view);
      if (damage_rank(name) > damage_rank(attack.damage)) {
        attack.damage = name;
        attack.evidence["damage"] = evidence(v);
      }
    }
  }
}

// "The Islamic Resistance in Iraq said in a statement that its fighters had attacked the base",
// "the Guards said they fired the missiles": a report verb whose clause has the speaker's own
// fighters as the attackers. Each becomes a claim hit at the report verb. The clause must be
// about this attack: "said it had attacked a convoy" or "launched drones at the al-Tanf base"
// (another facility) admit other attacks.
std::vector<Hit> FieldReader::admissions_in(const SentenceView& v) const {
  std::vector<Hit> out;
  const auto& t = v.tokens;
  const auto* main = lexicon_.facility_named(main_facility_);
  auto other_facility = [&](std::size_t from, std::size_t to) {
    for (const Hit* h : v.all(Kind::kFacility)) {
      if (h->first < from || h->first > to) continue;
      const auto& f = lexicon_.facility(h->entry);
      bool same =
          f.name == main_facility_ || (main && (f.within == main->name || main->within == f.name));
      if (!same) return true;
    }
    return false;
  };
  for (const Hit* r : v.all("report_verb")) {
    const auto& verb = t[r->first].lower;
    if (verb != "said" && verb != "says" && verb != "announced" && verb != "stated") continue;
    for (std::size_t k = r->last + 1; k < t.size() && k <= r->last + 9; ++k) {
      const auto& w = t[k].lower;
      if (w != "it" && w != "they" && w != "its" && w != "their") continue;
      for (std::size_t j = k + 1; j < t.size() && j <= k + 3; ++j) {
        const auto& m = t[j].lower;
        if (v.token_in(j, "negation") || m == "not" || m == "would" || m == "will" ||
            m == "could" || m == "may" || m == "might")
          break;
        if (!v.token_in(j, "launch") && !v.token_in(j, "attack_verb")) continue;
        std::size_t object = j + 1;
        while (object < t.size() && (v.token_in(object, "launch") ||
                                     v.token_in(object, "attack_verb") || !t[object].word))
          ++object;
        bool indefinite = object < t.size() && (t[object].lower == "a" || t[object].lower == "an");
        if (!indefinite && !other_facility(object, object + 12)) out.push_back(*r);
        break;
      }
      break;
    }
  }
  return out;
}

void FieldReader::read_actors(Attack& attack) {
  std::set<std::string> suspected, claimed, denied;
  std::map<std::string, const SentenceView*> where;
  for (const auto& v : views_) {
    // A blame next to a vow or a "would" ("blamed X ... and vowed the US would respond") is
    // still a blame; strikes BY US forces, drills and plots are not about the attack.
    bool hedged =
        v.role == Role::kNotAttack && !v.has("us_agent") && !v.has("drill") && !v.has("foiled");
    // "Indications pointed to X, which have carried out dozens of attacks since ...": the blame
    // comes before the generic clause.
    const Hit* generic = v.role == Role::kGeneric ? v.first("generic") : nullptr;
    bool blame_before_generic = false;
    if (generic)
      for (const Hit* s : v.all("suspect")) {
        if (s->end > generic->start) continue;
        // Only when the generic part describes the actor in a relative clause; "blamed X for a
        // wave of earlier attacks" is a blame for those attacks.
        for (std::size_t k = s->last + 1; k < generic->first && k < v.tokens.size(); ++k)
          if (v.tokens[k].lower == "which" || v.tokens[k].lower == "who")
            blame_before_generic = true;
      }
    std::vector<Hit> admissions = admissions_in(v);
    bool usable = v.role == Role::kMain || hedged || blame_before_generic ||
                  (v.role == Role::kBackground && v.has("cause") &&
                   (v.has("claim") || !admissions.empty())) ||
                  (v.sentence.heading && v.role != Role::kGeneric && v.role != Role::kBackground);
    if (!usable) continue;
    auto actors = v.all(Kind::kActor);
    if (actors.empty()) continue;
    for (const Hit* a : actors) {
      const auto& actor = lexicon_.actor(a->entry);
      if (actor.kind == "state" && actor.name == "United States") continue;
      // A group's spokesperson speaking is not a suspicion.
      bool speaker = false;
      for (std::size_t k = a->first >= 3 ? a->first - 3 : 0; k < a->first; ++k)
        if (v.token_in(k, "speaker")) speaker = true;
      if (speaker) continue;
      // Claims: "X claimed responsibility", "claimed by X"; not "claimed other attacks". An
      // admission ("X said its fighters had attacked the base") is a claim too.
      auto claims = v.all("claim");
      for (const Hit& admission : admissions) claims.push_back(&admission);
      for (const Hit* c : claims) {
        // The claimant is the clause's subject: the first actor before the claim, across an
        // apposition ("The Islamic Resistance in Iraq, an umbrella of Iran-backed factions,
        // claimed ...").
        bool subject = a->last < c->first && c->first - a->last <= 14;
        for (const Hit* other : actors) {
          // "Iran's Islamic Revolutionary Guard Corps": the possessor is not the claimant.
          bool possessor = other->last + 1 >= a->first;
          if (other != a && other->first < a->first && c->first > other->last &&
              c->first - other->last <= 14 && !possessor)
            subject = false;
          if (other != a && other->first > a->last && other->first <= a->last + 1) subject = false;
        }
        bool agent = c->last < a->first && a->first - c->last <= 3 &&
                     v.tokens[c->last + 1 < v.tokens.size() ? c->last + 1 : c->last].lower == "by";
        if (!subject && !agent) continue;
        bool negated = false;
        std::size_t from = subject ? a->last + 1 : c->first;
        for (std::size_t k = from; k < c->first; ++k)
          if (v.token_in(k, "negation")) negated = true;
        for (std::size_t k = c->first >= 2 ? c->first - 2 : 0; k < c->first; ++k)
          if (v.token_in(k, "negation")) negated = true;
        bool other = v.role == Role::kOtherEvent;
        for (std::size_t k = c->last + 1; k < v.tokens.size() && k <= c->last + 5; ++k) {
          const auto& w = v.tokens[k].lower;
          if (w == "other" || w == "separate" || w == "previous" || w == "earlier") other = true;
          // "claimed two drone attacks on US bases": a count of attacks is not this attack.
          if ((w == "attacks" || w == "strikes") &&
              (text::parse_number(v.tokens[c->last].lower) ||
               (k > c->last + 1 && text::parse_number(v.tokens[c->last + 1].lower))))
            other = true;
        }
        // A claim in a sentence that ends "in response to ..." is still a claim.
        if (v.role == Role::kBackground) {
          const Hit* cause = v.first("cause");
          if (!cause || cause->start < c->end) other = true;
        }
        if (!negated && !other) claimed.insert(actor.name), where.emplace("claimed_by", &v);
      }
      if (v.role != Role::kMain && !v.sentence.heading && !hedged && !blame_before_generic)
        continue;
      if (!refers_to_main(v)) continue;
      for (const Hit* s : v.all("suspect")) {
        if (generic && s->start >= generic->start) continue;
        if (blames_many_attacks(v, *s)) continue;
        if (generic && a->start >= generic->start) continue;
        std::string_view phrase = v.text.substr(s->start, s->end - s->start);
        bool agent_first = phrase.find("behind") != std::string_view::npos ||
                           phrase.find("likely carried out") != std::string_view::npos ||
                           phrase.find("believed to have") != std::string_view::npos ||
                           phrase.find("responsible") != std::string_view::npos;
        // Passive blame names the blamed first: "Iran-backed militias were blamed for ...".
        if (s->first >= 1) {
          const auto& w = v.tokens[s->first - 1].lower;
          if (w == "were" || w == "was" || w == "are" || w == "is" || w == "been" || w == "being" ||
              w == "widely")
            agent_first = true;
        }
        // The object of the blame is the first actor after it, not every actor in the sentence.
        // A denial of the blame sits between the trigger and the actor, or right before the
        // trigger ("did not blame"); "... although no group claimed it" does not undo it.
        bool negated = false;
        for (const Hit* n : v.all("negation")) {
          std::size_t lo = std::min(s->first, a->first), hi = std::max(s->last, a->last);
          if ((n->first > lo && n->last < hi) || (n->last < s->first && s->first - n->last <= 2))
            negated = true;
        }
        bool after = s->last < a->first && a->first - s->last <= 14;
        for (const Hit* other : actors)
          if (other != a && other->first > s->last && other->first < a->first) after = false;
        // Agent first: the clause's subject, across an apposition ("Kataib Hezbollah, an Iraqi
        // militia backed by Iran, was believed to be behind the attack").
        bool before = a->last < s->first && s->first - a->last <= 14 && agent_first;
        for (const Hit* other : actors)
          if (other != a && other->first < a->first && other->last + 1 < a->first &&
              s->first > other->last && s->first - other->last <= 14)
            before = false;
        // "said it was behind the attack" is a claim, not a suspicion.
        for (const Hit* c : v.all("claim"))
          if (c->first <= s->first && s->last <= c->last + 1) before = after = false;
        if ((after || before) && !negated) {
          suspected.insert(actor.name);
          where.emplace("suspected", &v);
        }
      }
      // The outlet or an official names the attacker as the subject of the attack: "Iran-backed
      // militants fired multiple ballistic missiles at the base".
      if (v.role == Role::kMain && refers_to_main(v) && !claimed.count(actor.name) &&
          actor.kind != "state") {
        bool admitted = std::any_of(admissions.begin(), admissions.end(),
                                    [&](const Hit& h) { return h.first > a->last; });
        for (std::size_t k = a->last + 1; k < v.tokens.size() && k <= a->last + 2 && !admitted;
             ++k) {
          if (v.token_in(k, "launch") || v.token_in(k, "attack_verb")) {
            bool negated = k >= 1 && v.token_in(k - 1, "negation");
            if (!negated) suspected.insert(actor.name), where.emplace("suspected", &v);
            break;
          }
          const auto& w = v.tokens[k].lower;
          if (w != "had" && w != "have" && w != "has" && w != "reportedly" && w != "allegedly")
            break;
        }
      }
      // "held Iran-backed groups responsible".
      if (refers_to_main(v) && a->first >= 1 && a->last + 1 < v.tokens.size()) {
        bool held = false, responsible = false;
        for (std::size_t k = a->first >= 2 ? a->first - 2 : 0; k < a->first; ++k)
          held |= v.tokens[k].lower == "held" || v.tokens[k].lower == "holds" ||
                  v.tokens[k].lower == "holding";
        for (std::size_t k = a->last + 1; k < v.tokens.size() && k <= a->last + 2; ++k)
          responsible |= v.tokens[k].lower == "responsible";
        if (held && responsible) {
          suspected.insert(actor.name);
          where.emplace("suspected", &v);
        }
      }
      for (const Hit* d : v.all("deny"))
        if (a->last < d->first && d->first - a->last <= 6) {
          denied.insert(actor.name);
          where.emplace("denied_by", &v);
        }
    }
  }
  attack.suspected.assign(suspected.begin(), suspected.end());
  attack.claimed_by.assign(claimed.begin(), claimed.end());
  attack.denied_by.assign(denied.begin(), denied.end());
  for (const auto& [field, v] : where) attack.evidence[field] = evidence(*v);
}

void FieldReader::read_flags(Attack& attack) {
  for (const auto& v : views_) {
    if (!main_sentence(v) || v.has("uncertain") || v.has("drill")) continue;
    if (v.has("alarm") && !attack.alarm_sounded) {
      attack.alarm_sounded = true;
      attack.evidence["alarm_sounded"] = evidence(v);
    }
    if (v.has("air_defense") && (v.has("intercept") || v.has("intercepting")) &&
        !attack.air_defense_engaged) {
      attack.air_defense_engaged = true;
      attack.evidence["air_defense_engaged"] = evidence(v);
    }
  }
  if (attack.intercepted && *attack.intercepted > 0) attack.air_defense_engaged = true;
}

Attack FieldReader::main_attack() {
  Attack attack;
  Place p = place(attack);
  attack.country = p.country;
  attack.city = p.city;
  attack.facility = p.facility;
  attack.lat = p.lat;
  attack.lon = p.lon;
  attack.geo_precision = p.precision;
  if (!p.type.empty()) {
    attack.target_type = p.type;
  } else {
    int military = 0, diplomatic = 0;
    for (const auto& v : views_) {
      if (!main_sentence(v) || !v.attack_evidence) continue;
      for (const Hit* h : v.all("target_military")) military += !not_the_target(v, *h);
      for (const Hit* h : v.all("target_diplomatic")) diplomatic += !not_the_target(v, *h);
    }
    attack.target_type = military > diplomatic   ? "military"
                         : diplomatic > military ? "diplomatic"
                         : military > 0          ? "mixed"
                                                 : "unknown";
  }
  read_date(attack);
  // With the main date known, explicit dates far from it mark more background sentences, and
  // an attack sentence dated to another day of the same week is another attack ("On Saturday,
  // about 20 rockets were launched toward the base" in a report of Tuesday's drones).
  if (attack.date)
    if (auto main_days = text::days_from_civil(*attack.date))
      for (auto& v : views_) {
        if (v.role != Role::kMain || &v == &views_[anchor_]) continue;
        bool same_day = false, other_day = false;
        for (const auto& d : v.dates) {
          if (!d.date || date_is_reporting_mention(v, d)) continue;
          auto days = text::days_from_civil(*d.date);
          if (!days) continue;
          if (d.explicit_day && std::abs(*days - *main_days) > 3) v.role = Role::kBackground;
          if (*days == *main_days)
            same_day = true;
          else
            other_day = true;
        }
        if (v.role == Role::kMain && other_day && !same_day && v.attack_evidence)
          v.role = Role::kOtherEvent;
      }
  // The sentences that go on about another attack, in its paragraph and with no day of their
  // own ("Most of the rockets were shot down except for one ..."), are about it too.
  for (std::size_t i = 1; i < views_.size(); ++i) {
    auto& v = views_[i];
    const auto& previous = views_[i - 1];
    if (v.role == Role::kMain && previous.role == Role::kOtherEvent && v.dates.empty() &&
        v.sentence.paragraph == previous.sentence.paragraph && v.attack_evidence &&
        static_cast<int>(i) != anchor_)
      v.role = Role::kOtherEvent;
    // "Last month, a base in western Iraq was hit by 10 rockets. One contractor was killed.":
    // a casualty toll with no day, site or target of its own belongs to the event before it.
    bool toll = v.has("killed") || v.has("injured");
    bool own_anchor = !v.dates.empty() || v.in_scope_target || !v.all(Kind::kFacility).empty();
    if (v.role == Role::kMain && toll && !own_anchor && static_cast<int>(i) != anchor_ &&
        v.sentence.paragraph == previous.sentence.paragraph &&
        (previous.role == Role::kBackground || previous.role == Role::kOtherEvent ||
         previous.role == Role::kNotAttack) &&
        previous.attack_evidence)
      v.role = previous.role;
  }
  read_time(attack);
  read_weapon(attack);
  read_counts(attack);
  read_casualties(attack);
  read_damage(attack);
  read_actors(attack);
  read_flags(attack);
  return attack;
}

std::vector<BackgroundAttack> FieldReader::background_attacks() {
  std::vector<BackgroundAttack> out;
  for (const auto& v : views_) {
    if (v.role != Role::kBackground || !v.attack_evidence) continue;
    if (v.has("cause") && v.all(Kind::kFacility).empty()) continue;
    auto facilities = v.all(Kind::kFacility);
    if (facilities.empty()) continue;
    std::optional<std::string> date;
    for (const auto& d : v.dates)
      if (d.date && d.explicit_day && !date_is_reporting_mention(v, d)) date = d.date;
    if (!date) continue;
    const auto& f = lexicon_.facility(facilities.front()->entry);
    BackgroundAttack b;
    b.date = date;
    b.country = f.country;
    b.city = f.city;
    b.facility = f.name;
    b.lat = f.lat;
    b.lon = f.lon;
    auto weapons = v.all(Kind::kWeapon);
    if (!weapons.empty()) b.weapon = lexicon_.weapon(weapons.front()->entry).weapon;
    b.evidence = evidence(v);
    bool duplicate = std::any_of(out.begin(), out.end(), [&](const BackgroundAttack& o) {
      return o.date == b.date && o.facility == b.facility;
    });
    if (!duplicate) out.push_back(std::move(b));
  }
  return out;
}

std::vector<Tally> FieldReader::tallies() {
  std::vector<Tally> out;
  for (const auto& v : views_) {
    const auto& t = v.tokens;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      auto n = count_at(v, i, false);
      if (!n || *n < 3) continue;
      // "78 attacks", "more than 70 attacks", "attacked 170 times".
      bool attacks = t[i + 1].lower == "attacks" ||
                     (t[i + 1].lower == "times" && i > 0 &&
                      (t[i - 1].lower == "attacked" || t[i - 1].lower == "targeted")) ||
                     (i + 2 < t.size() && t[i + 2].lower == "attacks" && is_word(t[i + 1]));
      if (!attacks) continue;
      Tally tally;
      tally.count = *n;
      if (i >= 2 && ((t[i - 2].lower == "more" && t[i - 1].lower == "than") ||
                     (t[i - 2].lower == "at" && t[i - 1].lower == "least")))
        tally.qualifier = t[i - 2].lower + " " + t[i - 1].lower;
      else if (i >= 1 && (t[i - 1].lower == "over" || t[i - 1].lower == "nearly" ||
                          t[i - 1].lower == "about" || t[i - 1].lower == "some"))
        tally.qualifier = t[i - 1].lower;
      for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].lower == "since" && k + 1 < t.size()) {
          for (const auto& d : v.dates)
            if (d.span.start >= t[k].end && d.date) tally.period_start = *d.date;
          if (tally.period_start.empty()) {
            std::size_t e = std::min(t.size(), k + 3);
            tally.period_start =
                std::string(v.text.substr(t[k + 1].start, t[e - 1].end - t[k + 1].start));
            if (auto comma = tally.period_start.find(','); comma != std::string::npos)
              tally.period_start.resize(comma);
            // "mid-October" -> the 15th of the latest October before publication.
            if (auto resolved = resolve_month_phrase(t[k + 1].lower, published_))
              tally.period_start = *resolved;
          }
          break;
        }
      tally.period_end = published_;
      std::vector<std::string> countries;
      for (const Hit* h : v.all(Kind::kCountry)) {
        // "Iran-backed militias" names an actor, not a region.
        bool in_actor = std::any_of(v.hits.begin(), v.hits.end(), [&](const Hit& a) {
          return a.kind == Kind::kActor && a.start <= h->start && h->end <= a.end;
        });
        if (in_actor) continue;
        const auto& c = lexicon_.country(h->entry);
        if (c.code != "US" &&
            std::find(countries.begin(), countries.end(), c.code) == countries.end())
          countries.push_back(c.code);
      }
      for (std::size_t c = 0; c < countries.size(); ++c)
        tally.region += (c ? "," : "") + countries[c];
      if (const Hit* target = v.first("target_military"))
        tally.target = std::string(v.text.substr(target->start, target->end - target->start));
      tally.evidence = evidence(v);
      out.push_back(std::move(tally));
      break;
    }
  }
  return out;
}

}  // namespace sitrep::extract
