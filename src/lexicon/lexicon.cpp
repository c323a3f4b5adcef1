// Lexicon loading (data/lexicon/*.tsv + the GeoNames gazetteer) and the Hyperscan matcher.
//
// Matching rules (see data/lexicon/README.md for the user-facing version):
//  - every phrase of every kind is one pattern in ONE Hyperscan block-mode database;
//  - phrases match caselessly, except acronyms (no lowercase letter: "US", "KH", "IED"), which
//    match case-sensitively so that "US" does not match the pronoun "us";
//  - a run of spaces/hyphens in a phrase matches any run of whitespace, NBSP or hyphens in the
//    text ("Ain al-Asad" also finds "Ain al Asad" and a phrase wrapped over a line break);
//  - an apostrophe in a phrase matches ', ’, ‘, ʼ or nothing ("Kata'ib" also finds "Kataib");
//  - the byte before a match and the byte after it must not be ASCII alphanumeric (so a
//    following possessive "'s" or "'" is accepted);
//  - per kind, overlapping matches resolve leftmost-longest; kinds may overlap each other.
#include "lexicon/lexicon.h"
#include "text/text.h"

#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/tsv.h"

namespace sitrep::lexicon {

using namespace detail;

namespace {
constexpr std::string_view kCueNames[] = {"attack_verb",
                                          "attack_noun",
                                          "launch",
                                          "intercept",
                                          "impact",
                                          "target_military",
                                          "target_diplomatic",
                                          "us_agent",
                                          "generic",
                                          "report_verb",
                                          "suspect",
                                          "claim",
                                          "background",
                                          "foiled",
                                          "damage_minor",
                                          "damage_significant",
                                          "damage_none",
                                          "zero_casualties",
                                          "zero_injuries",
                                          "zero_deaths",
                                          "uncertain",
                                          "negation",
                                          "threat",
                                          "other_event",
                                          "air_defense",
                                          "speaker",
                                          "killed",
                                          "injured",
                                          "drill",
                                          "hypothetical",
                                          "alarm",
                                          "benign",
                                          "cause",
                                          "deny",
                                          "aftermath",
                                          "target_civilian",
                                          "other_day_opener",
                                          "judicial",
                                          "implied_zero",
                                          "same_day"};
static_assert(std::size(kCueNames) == static_cast<std::size_t>(Cue::kCount));
}  // namespace

std::optional<Cue> cue_from_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kCueNames); ++i)
    if (kCueNames[i] == name) return static_cast<Cue>(i);
  return std::nullopt;
}

namespace {
constexpr std::string_view kWordListNames[] = {"person_heads",
                                               "enemy_heads",
                                               "phrase_enders",
                                               "auxiliaries",
                                               "adverbs",
                                               "clause_openers",
                                               "outcome_nouns",
                                               "date_continuations",
                                               "destroyed_things",
                                               "quantifiers",
                                               "count_followers",
                                               "unfired_words",
                                               "military_heads",
                                               "diplomatic_heads",
                                               "us_agents",
                                               "third_party_agents",
                                               "caption_openers",
                                               "attacker_heads",
                                               "city_prepositions",
                                               "generic_name_words",
                                               "country_owned_heads",
                                               "proxy_relations",
                                               "proxy_modifiers",
                                               "proxy_heads",
                                               "speaker_heads",
                                               "blame_subject_words",
                                               "force_nouns",
                                               "blame_gerunds",
                                               "share_words",
                                               "reaction_links",
                                               "force_units",
                                               "comment_gerunds",
                                               "host_verbs",
                                               "fired_nouns",
                                               "struck_things",
                                               "impact_stops",
                                               "own_fighters",
                                               "launcher_words",
                                               "outcome_adjectives",
                                               "source_heads",
                                               "source_fillers",
                                               "blast_nouns",
                                               "series_quantifiers",
                                               "condemn_words",
                                               "damage_extent_minor",
                                               "damage_extent_significant",
                                               "habitual_adverbs",
                                               "time_spans",
                                               "arrest_words",
                                               "arrest_links",
                                               "envoy_words",
                                               "envoy_assets",
                                               "hedge_words",
                                               "peacekeeper_words",
                                               "peacekeeper_sites",
                                               "melee_words",
                                               "find_words",
                                               "genre_labels",
                                               "rise_words",
                                               "site_parts",
                                               "plan_words",
                                               "region_words",
                                               "war_nouns",
                                               "origin_verbs",
                                               "aircraft_nouns",
                                               "blame_close_object_words",
                                               "example_markers",
                                               "suffer_verbs",
                                               "day_parts",
                                               "response_words",
                                               "strike_verbs",
                                               "retaliation_objects",
                                               "our_sides",
                                               "occurrence_subjects",
                                               "occurrence_verbs",
                                               "mourning_words",
                                               "victim_links",
                                               "lebanon_only_forces",
                                               "long_span_units",
                                               "aim_party_words",
                                               "aim_verbs",
                                               "armed_units",
                                               "past_presence_words",
                                               "indirect_question_verbs",
                                               "debris_nouns",
                                               "time_zone_words",
                                               "targeted_vehicles",
                                               "figurative_test_objects",
                                               "number_hedges",
                                               "settlement_nouns",
                                               "revision_verbs",
                                               "actor_descriptors",
                                               "habitual_words",
                                               "group_part_nouns",
                                               "bystander_nouns",
                                               "crowd_control_words",
                                               "launcher_nouns",
                                               "blamer_agent_verbs",
                                               "publication_verbs",
                                               "support_nouns",
                                               "wide_of_target_words",
                                               "protest_words",
                                               "weapon_trade_nouns",
                                               "city_part_nouns",
                                               "open_water_words",
                                               "simulation_words",
                                               "accident_words",
                                               "townspeople_nouns",
                                               "weapon_part_nouns",
                                               "trade_verbs"};
static_assert(std::size(kWordListNames) == static_cast<std::size_t>(WordList::kCount));
}  // namespace

std::optional<WordList> word_list_from_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kWordListNames); ++i)
    if (kWordListNames[i] == name) return static_cast<WordList>(i);
  return std::nullopt;
}

std::string_view cue_name(Cue cue) {
  return kCueNames[static_cast<std::size_t>(cue)];
}
namespace {

// ---------------------------------------------------------------------------------------------
// Small text helpers

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// The gazetteer key of a place name: ASCII-lowercased, Latin diacritics stripped, apostrophes
// and transliteration marks (’ ‘ ʿ ʾ) dropped, hyphens/underscores/dots as spaces, whitespace
// collapsed, and a word-final "ah" shortened to "a" so that "Hasakah" and "Hasaka",
// "Sulaymaniyah" and "Sulaymaniya" meet.
std::string place_key(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  auto end_word = [&out] {
    if (out.size() >= 3 && out[out.size() - 1] == 'h' && out[out.size() - 2] == 'a') out.pop_back();
  };
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp;
    std::size_t n = decode_utf8(name, i, cp);
    if (n == 0) {  // invalid byte: skip it
      ++i;
      continue;
    }
    std::string_view raw = name.substr(i, n);
    i += n;
    char folded = 0;
    if (cp < 0x80) {
      folded = static_cast<char>(cp);
    } else if (char base = latin_base(cp)) {
      folded = base;
    }
    bool apostrophe = cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC ||
                      cp == 0x02BE || cp == 0x02BF || cp == 0x02BB || cp == 0xB4;
    if (apostrophe) continue;
    bool separator = cp == ' ' || cp == '-' || cp == '_' || cp == '.' || cp == '\t' || cp == 0xA0 ||
                     cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == ',';
    if (separator) {
      if (!out.empty() && out.back() != ' ') {
        end_word();
        out.push_back(' ');
      }
      continue;
    }
    if (folded)
      out.push_back(ascii_lower(folded));
    else
      out.append(raw);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  end_word();
  return out;
}

// "al hasaka" -> "hasaka"; Arabic article prefixes as GeoNames and outlets write them
// (sun-letter assimilations included: "Ar Ramadi", "As Sulaymaniyah", "Ad Diwaniyah").
std::string_view strip_arabic_article(std::string_view key) {
  static constexpr std::string_view kArticles[] = {"al ", "el ", "ar ", "as ",  "ash ", "ad ",
                                                   "at ", "az ", "an ", "adh ", "ath "};
  for (std::string_view article : kArticles)
    if (key.size() > article.size() + 2 && key.starts_with(article))
      return key.substr(article.size());
  return {};
}

std::uint64_t hash_key(std::string_view key) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
std::vector<std::string> split_aliases(std::string_view field) {
  std::vector<std::string> out;
  if (field.empty()) return out;
  for (std::string_view alias : split(field, '|')) {
    alias = trim(alias);
    if (!alias.empty()) out.emplace_back(alias);
  }
  return out;
}

std::optional<double> parse_double(std::string_view s) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

// A registry row's latitude and longitude, in range; nullopt otherwise.
std::optional<std::pair<double, double>> parse_coordinates(std::string_view lat_text,
                                                           std::string_view lon_text) {
  auto lat = parse_double(lat_text), lon = parse_double(lon_text);
  if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) return std::nullopt;
  return std::pair{*lat, *lon};
}

// An ISO 3166 alpha-2 code: two upper-case letters.
bool is_country_code(std::string_view code) {
  return code.size() == 2 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// ---------------------------------------------------------------------------------------------
// Hyperscan pattern building

// An acronym ("US", "U.S.", "KH", "IEDs" is not one) has no lowercase ASCII letter and at least
// one uppercase one; it matches case-sensitively.
bool is_acronym(std::string_view phrase) {
  bool upper = false;
  for (char c : phrase) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

// The matcher's view of a text: whitespace/hyphen/dash runs collapse to one ' ', typographic
// apostrophes become '\'', everything else is kept byte for byte. Phrases are normalized the same
// way, so each pattern is a plain literal (fast to compile, no start-of-match tracking needed)
// and "Iran-backed" finds "Iran backed", "Ain al Asad" finds "Ain al-Asad" across a line break.
// origin[i] is the byte offset in the original text where normalized byte i came from;
// origin[size] is the original size, so a match [s, e) maps back to [origin[s], origin[e]).
struct Normalized {
  std::string text;
  std::vector<std::uint32_t> origin;
};

// Double quotation marks separate words like spaces do: a phrase holds across scare quotes
// ("said the group was the \"most likely\" culprit", "« les tirs » ont visé").
bool is_separator(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == '-' || cp == 0xA0 || (cp >= 0x2007 && cp <= 0x200A) || cp == 0x202F ||
         (cp >= 0x2010 && cp <= 0x2015) || cp == '"' || cp == 0x201C || cp == 0x201D ||
         cp == 0x201E || cp == 0xAB || cp == 0xBB;
}

bool is_apostrophe(char32_t cp) {
  return cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x02BE || cp == 0x02BF ||
         cp == 0x0060 || cp == 0x00B4;
}

Normalized normalize_text(std::string_view text, bool with_origin) {
  // Written by index into buffers of the input's size (the output is never longer: a run of
  // separators or an apostrophe becomes one byte, everything else is copied), then cut.
  Normalized out;
  out.text.resize(text.size());
  if (with_origin) out.origin.resize(text.size() + 1);
  char* to = out.text.data();
  std::uint32_t* origin = with_origin ? out.origin.data() : nullptr;
  std::size_t o = 0;
  auto put = [&](char c, std::size_t from) {
    to[o] = c;
    if (origin) origin[o] = static_cast<std::uint32_t>(from);
    ++o;
  };
  for (std::size_t i = 0; i < text.size();) {
    // Most bytes are ASCII that stays as it is: copied without decoding.
    if (const auto b = static_cast<unsigned char>(text[i]);
        b < 0x80 && !is_separator(b) && !is_apostrophe(b)) {
      put(static_cast<char>(b), i);
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {  // invalid byte: keep it (the matcher works on bytes, so it is harmless)
      n = 1;
      cp = 0xFFFD;
    }
    if (is_separator(cp)) {
      std::size_t j = i + n;
      while (j < text.size()) {
        char32_t next = 0;
        std::size_t m = decode_utf8(text, j, next);
        if (m == 0 || !is_separator(next)) break;
        j += m;
      }
      put(' ', i);
      i = j;
      continue;
    }
    if (is_apostrophe(cp)) {
      put('\'', i);
    } else {
      for (std::size_t k = 0; k < n; ++k) put(text[i + k], i + k);
    }
    i += n;
  }
  out.text.resize(o);
  if (with_origin) {
    out.origin[o] = static_cast<std::uint32_t>(text.size());
    out.origin.resize(o + 1);
  }
  return out;
}

// A normalized phrase as a Hyperscan literal: every byte that is not ASCII alphanumeric escaped.
std::string literal_regex(std::string_view literal) {
  std::string re;
  re.reserve(literal.size() * 2);
  char hex[8];
  for (char c : literal) {
    if (is_ascii_alnum(static_cast<unsigned char>(c))) {
      re.push_back(c);
    } else {
      std::snprintf(hex, sizeof hex, "\\x%02X",
                    static_cast<unsigned>(static_cast<unsigned char>(c)));
      re += hex;
    }
  }
  return re;
}

struct PatternRef {
  Kind kind;
  int entry;
  std::size_t length;  // of the normalized literal
};

struct RawMatch {
  Kind kind;
  int entry;
  std::size_t start, end;
};

struct ScanContext {
  const std::vector<PatternRef>* refs;
  std::string_view text;  // normalized
  std::vector<RawMatch>* out;
};

int on_match(unsigned int id, unsigned long long, unsigned long long to, unsigned int,
             void* ctx_ptr) {
  auto* ctx = static_cast<ScanContext*>(ctx_ptr);
  std::string_view text = ctx->text;
  const PatternRef& ref = (*ctx->refs)[id];
  std::size_t end = static_cast<std::size_t>(to);
  std::size_t start = end - ref.length;
  // Word boundaries: "rocket" not inside "rocketry"; a possessive "'s" after a match is fine.
  if (start > 0 && is_ascii_alnum(static_cast<unsigned char>(text[start - 1]))) return 0;
  if (end < text.size() && is_ascii_alnum(static_cast<unsigned char>(text[end]))) return 0;
  ctx->out->push_back(RawMatch{ref.kind, ref.entry, start, end});
  return 0;
}

// One scratch per thread, grown to fit whichever database the thread scans. Checking a
// database against the scratch (hs_alloc_scratch) walks the database, which cost as much as a
// scan of a short article: the scratch remembers the databases it was grown for (growing keeps
// it fit for the earlier ones), by an id no other database ever takes.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<std::uint64_t> fits;  // ids of the databases the scratch is known to fit
  bool ready(const hs_database_t* database, std::uint64_t id) {
    if (std::find(fits.begin(), fits.end(), id) != fits.end()) return true;
    if (hs_alloc_scratch(database, &scratch) != HS_SUCCESS) return false;
    fits.push_back(id);
    return true;
  }
  ~ThreadScratch() {
    if (scratch) hs_free_scratch(scratch);
  }
};

// Ids for ThreadScratch::fits: one per compiled database, never reused.
std::uint64_t next_database_id() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

namespace {
// Hashes std::string and std::string_view alike, so lookups by a view build no string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
// When a country keeps summer time (data/lexicon/timezones.tsv names the rule).
enum class SummerRule : std::uint8_t { kNone, kEu, kLastFriday, kIsrael, kEgypt, kIran, kUs };

std::optional<SummerRule> summer_rule_from_name(std::string_view name) {
  static constexpr std::pair<std::string_view, SummerRule> kRules[] = {
      {"none", SummerRule::kNone},
      {"eu", SummerRule::kEu},
      {"lastfri", SummerRule::kLastFriday},
      {"israel", SummerRule::kIsrael},
      {"egypt", SummerRule::kEgypt},
      {"iran", SummerRule::kIran},
      {"us", SummerRule::kUs}};
  for (const auto& [rule_name, rule] : kRules)
    if (rule_name == name) return rule;
  return std::nullopt;
}

struct ZonePeriod {
  long from_day;  // days since 1970-01-01, inclusive
  long to_day;    // inclusive
  int standard_minutes;
  SummerRule summer;
};

long day_of(int year, int month, int day) {
  char ymd[11];
  std::snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", year, month, day);
  return text::days_from_civil(ymd).value_or(0);
}

// The last `weekday` (0 = Sunday) of a month, and the nth one.
long last_weekday(int year, int month, int weekday) {
  const long last = month == 12 ? day_of(year + 1, 1, 1) - 1 : day_of(year, month + 1, 1) - 1;
  return last - (text::weekday(last) - weekday + 7) % 7;
}
long nth_weekday(int year, int month, int weekday, int nth) {
  const long first = day_of(year, month, 1);
  return first + (weekday - text::weekday(first) + 7) % 7 + 7L * (nth - 1);
}

// Whether summer time holds on `day` (by day: the hour of the switch is not kept).
bool in_summer(SummerRule rule, long day) {
  if (rule == SummerRule::kNone) return false;
  const int year = std::atoi(text::civil_from_days(day).substr(0, 4).c_str());
  long start = 0, end = 0;  // summer is [start, end)
  switch (rule) {
    case SummerRule::kEu:
      start = last_weekday(year, 3, 0), end = last_weekday(year, 10, 0);
      break;
    case SummerRule::kLastFriday:
      start = last_weekday(year, 3, 5), end = last_weekday(year, 10, 5);
      break;
    case SummerRule::kIsrael:
      start = last_weekday(year, 3, 0) - 2, end = last_weekday(year, 10, 0);
      break;
    case SummerRule::kEgypt:
      start = last_weekday(year, 4, 5), end = last_weekday(year, 10, 4) + 1;
      break;
    case SummerRule::kIran:
      start = day_of(year, 3, 22), end = day_of(year, 9, 22);
      break;
    case SummerRule::kUs:
      start = nth_weekday(year, 3, 0, 2), end = nth_weekday(year, 11, 0, 1);
      break;
    case SummerRule::kNone:
      break;
  }
  return day >= start && day < end;
}

// "+03:30" -> 210, "-05:00" -> -300.
std::optional<int> offset_minutes(std::string_view text) {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  int hours = 0, minutes = 0;
  for (std::size_t k : {1, 2, 4, 5})
    if (!std::isdigit(static_cast<unsigned char>(text[k]))) return std::nullopt;
  hours = (text[1] - '0') * 10 + (text[2] - '0');
  minutes = (text[4] - '0') * 10 + (text[5] - '0');
  if (minutes > 59) return std::nullopt;
  const int total = (hours * 60 + minutes) * (text[0] == '-' ? -1 : 1);
  // The world's clocks run from UTC-12:00 to UTC+14:00.
  if (total < -12 * 60 || total > 14 * 60) return std::nullopt;
  return total;
}

}  // namespace

struct Lexicon::Compiled {
  hs_database_t* database = nullptr;
  const std::uint64_t id = next_database_id();  // for ThreadScratch::fits
  std::vector<PatternRef> refs;
  // Gazetteer index: (hash of place_key variant, index into cities_), sorted.
  std::vector<std::pair<std::uint64_t, int>> city_index;
  // data/lexicon/cities.tsv: the key of each name and alias -> the city it names.
  std::unordered_map<std::string, int> city_alias;
  std::unordered_map<std::string, int> facility_by_name;  // lowercased canonical name and aliases
  std::unordered_map<std::string, int> country_by_code;   // upper-case ISO2
  // data/lexicon/words.tsv, one set per WordList.
  std::array<WordSet, static_cast<std::size_t>(WordList::kCount)> words;
  // Per list, by first byte: bit n set when a word of n bytes (63: 63 or more) starts with it.
  // word_in() is asked of most tokens and most are on no list: this answers without hashing.
  std::array<std::array<std::uint64_t, 256>, static_cast<std::size_t>(WordList::kCount)>
      word_shapes{};
  // The distinctive words of each facility's names ("balad", "qayyarah", "azerbaijan").
  std::unordered_map<std::string, std::vector<int>, StringHash, std::equal_to<>> facility_words;
  // data/lexicon/<lang>/ glossaries, by language code.
  std::vector<Glossary> glossaries;
  // data/lexicon/timezones.tsv: each country's clock, period by period, in order.
  std::unordered_map<std::string, std::vector<ZonePeriod>> zones;

  ~Compiled() {
    if (database) hs_free_database(database);
  }
};

Lexicon::Lexicon() : compiled_(std::make_unique<Compiled>()) {}
Lexicon::Lexicon(Lexicon&&) noexcept = default;
Lexicon& Lexicon::operator=(Lexicon&&) noexcept = default;
Lexicon::~Lexicon() = default;

std::filesystem::path Lexicon::default_data_dir() {
  if (const char* env = std::getenv("SITREP_DATA"); env && *env) return env;
  return SITREP_SOURCE_DATA_DIR;
}

namespace {

// Registers the phrases of one entry; a phrase already claimed by ANOTHER entry of the same kind
// is a load error (it would make matches ambiguous).
class PhraseTable {
 public:
  std::optional<std::string> add(Kind kind, int entry, const std::string& phrase) {
    if (auto e = check(phrase)) return e;
    std::string key = std::to_string(static_cast<int>(kind)) + "\t" + normalize(phrase);
    auto [it, inserted] = owner_.emplace(key, entry);
    if (!inserted && it->second != entry)
      return "phrase '" + phrase + "' already belongs to another entry";
    // Same entry twice under one key ("Kataib" / "Kata'ib") is kept: the patterns differ.
    phrases.push_back(phrase);
    refs.push_back(PatternRef{kind, entry});
    return std::nullopt;
  }
  // Kinds whose phrases may repeat across entries (a trigger phrase in two categories).
  std::optional<std::string> add_shared(Kind kind, int entry, const std::string& phrase) {
    if (auto e = check(phrase)) return e;
    phrases.push_back(phrase);
    refs.push_back(PatternRef{kind, entry});
    return std::nullopt;
  }
  // A phrase without a letter or digit ("", "-") would match between any two words.
  static std::optional<std::string> check(const std::string& phrase) {
    for (char c : phrase)
      if (is_ascii_alnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
        return std::nullopt;
    return "phrase '" + phrase + "' has no letter or digit";
  }
  std::vector<std::string> phrases;
  std::vector<PatternRef> refs;

 private:
  // What the matcher treats as the same: case (unless an acronym), separators, apostrophes.
  static std::string normalize(const std::string& phrase) {
    std::string out = is_acronym(phrase) ? "=" : "~";
    for (char c : phrase) {
      if (c == '\'') continue;
      if (c == '-') c = ' ';
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
      out.push_back(is_acronym(phrase) ? c : ascii_lower(c));
    }
    return out;
  }
  std::unordered_map<std::string, int> owner_;
};

}  // namespace

Result<Lexicon> Lexicon::load(const std::filesystem::path& data_dir) {
  Lexicon lex;
  PhraseTable table;
  const std::filesystem::path dir = data_dir / "lexicon";

  // words.tsv (optional, the extractor's): list, word. Read first: site names are indexed by
  // their distinctive words.
  if (std::filesystem::exists(dir / "words.tsv")) {
    auto file = read_tsv(dir / "words.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 2, 2, "list, word");
      if (!f) return std::unexpected(f.error());
      auto list = word_list_from_name((*f)[0]);
      if (!list) return row_error(*file, row, "unknown word list '" + std::string((*f)[0]) + "'");
      if ((*f)[1].empty()) return row_error(*file, row, "empty word");
      // The readers compare one token at a time: a phrase here would never match, except on
      // the lists read a phrase at a time (number_hedges: "at least").
      if ((*f)[1].find(' ') != std::string_view::npos && *list != WordList::kNumberHedges)
        return row_error(*file, row,
                         "a word list holds single words, not '" + std::string((*f)[1]) + "'");
      lex.compiled_->words[static_cast<std::size_t>(*list)].insert(std::string((*f)[1]));
      if (std::string_view word = (*f)[1]; !word.empty())
        lex.compiled_
            ->word_shapes[static_cast<std::size_t>(*list)][static_cast<unsigned char>(word[0])] |=
            std::uint64_t{1} << std::min<std::size_t>(word.size(), 63);
    }
  }

  // A mission's names name its owner one way ("UAE ambassador's residence in Khartoum"); outlets
  // use the others ("the residence of the United Arab Emirates ambassador in Khartoum",
  // "Emirati"): each country's names and demonyms from countries.tsv, read here for the
  // facilities' aliases (the countries themselves are loaded below).
  // Read once: the countries block below parses the same rows.
  auto countries_file = read_tsv(dir / "countries.tsv");
  if (!countries_file) return std::unexpected(countries_file.error());
  std::vector<std::vector<std::string>> owner_names;
  {
    const auto& file = countries_file;
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 2, 4, "code, name, other names, demonyms");
      if (!f) return std::unexpected(f.error());
      std::vector<std::string> names{std::string((*f)[1])};
      for (std::size_t k = 2; k < f->size(); ++k)
        for (auto& name : split_aliases((*f)[k]))
          if (!lower_ascii(name).starts_with("the ")) names.push_back(std::move(name));
      owner_names.push_back(std::move(names));
    }
  }
  // `alias` with each other name of a country it names as a whole word.
  auto with_other_owner_names = [&](const std::string& alias) {
    std::vector<std::string> out;
    const std::string lower = lower_ascii(alias);
    auto word_at = [&](std::size_t at, std::size_t size) {
      const bool left = at == 0 || !is_ascii_alnum(static_cast<unsigned char>(lower[at - 1]));
      const bool right = at + size == lower.size() ||
                         !is_ascii_alnum(static_cast<unsigned char>(lower[at + size]));
      return left && right;
    };
    for (const auto& names : owner_names)
      for (const auto& name : names) {
        const std::string lower_name = lower_ascii(name);
        const std::size_t at = lower.find(lower_name);
        if (at == std::string::npos || !word_at(at, lower_name.size())) continue;
        // Only the owner: the name opens the alias or follows "of" ("residence of the UAE
        // ambassador"); "US consulate in Iraqi Kurdistan" names a place after "in".
        const std::string_view before = std::string_view(lower).substr(0, at);
        if (at != 0 && !before.ends_with("of ") && !before.ends_with("of the ")) continue;
        for (const auto& other : names)
          if (&other != &name)
            out.push_back(alias.substr(0, at) + other + alias.substr(at + lower_name.size()));
      }
    return out;
  };

  // facilities.tsv: name, aliases, type, country, city, lat, lon, within[, hosted_until]
  {
    auto file = read_tsv(dir / "facilities.tsv");
    if (!file) return std::unexpected(file.error());
    std::vector<std::pair<const Row*, std::string>> withins;
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 7, 9,
                      "name, aliases, type, country, city, lat, lon, within[, hosted_until]");
      if (!f) return std::unexpected(f.error());
      Facility fac;
      fac.name = std::string((*f)[0]);
      fac.aliases = split_aliases((*f)[1]);
      fac.type = std::string((*f)[2]);
      if (fac.type != "diplomatic" && fac.type != "military" && fac.type != "mixed")
        return row_error(*file, row, "type must be diplomatic or military, got '" + fac.type + "'");
      fac.country = std::string((*f)[3]);
      if (!is_country_code(fac.country))
        return row_error(*file, row,
                         "country must be an ISO 3166 alpha-2 code, got '" + fac.country + "'");
      fac.city = std::string((*f)[4]);
      auto at = parse_coordinates((*f)[5], (*f)[6]);
      if (!at)
        return row_error(
            *file, row,
            "bad coordinates '" + std::string((*f)[5]) + "', '" + std::string((*f)[6]) + "'");
      std::tie(fac.lat, fac.lon) = *at;
      fac.within = f->size() > 7 ? std::string((*f)[7]) : std::string();
      if (f->size() > 8 && !(*f)[8].empty()) {
        fac.hosted_until = std::string((*f)[8]);
        if (!text::days_from_civil(fac.hosted_until))
          return row_error(
              *file, row,
              "hosted_until must be a date (YYYY-MM-DD), got '" + fac.hosted_until + "'");
      }
      // Military releases write "Erbil AB" for "Erbil air base".
      for (std::size_t k = 0, n = fac.aliases.size(); k < n; ++k) {
        const std::string& alias = fac.aliases[k];
        constexpr std::string_view kAirBase = " air base";
        if (alias.size() > kAirBase.size() &&
            lower_ascii(alias.substr(alias.size() - kAirBase.size())) == kAirBase) {
          std::string short_form = alias.substr(0, alias.size() - kAirBase.size()) + " AB";
          if (std::find(fac.aliases.begin(), fac.aliases.end(), short_form) == fac.aliases.end())
            fac.aliases.push_back(std::move(short_form));
        }
      }
      int entry = static_cast<int>(lex.facilities_.size());
      std::string lower = lower_ascii(fac.name);
      if (!lex.compiled_->facility_by_name.emplace(lower, entry).second)
        return row_error(*file, row, "duplicate facility '" + fac.name + "'");
      if (auto e = table.add(Kind::kFacility, entry, fac.name)) return row_error(*file, row, *e);
      for (const auto& alias : fac.aliases)
        if (auto e = table.add(Kind::kFacility, entry, alias)) return row_error(*file, row, *e);
      // The owner's other names: matched, not listed (a phrase another site already holds stays
      // that site's, and the extra words vote for no site).
      std::set<std::string> variants;
      for (const auto& alias : fac.aliases)
        if (alias.find(' ') != std::string::npos)
          for (auto& variant : with_other_owner_names(alias))
            if (std::find(fac.aliases.begin(), fac.aliases.end(), variant) == fac.aliases.end())
              variants.insert(std::move(variant));
      for (const auto& variant : variants)
        static_cast<void>(table.add(Kind::kFacility, entry, variant));
      if (!fac.within.empty()) withins.emplace_back(&row, fac.within);
      lex.facilities_.push_back(std::move(fac));
    }
    for (const auto& [row, within] : withins)
      if (!lex.compiled_->facility_by_name.contains(lower_ascii(within)))
        return row_error(*file, *row, "within '" + within + "' is not a facility name");
    // Aliases resolve by name too, after canonical names so those always win.
    for (int i = 0; i < static_cast<int>(lex.facilities_.size()); ++i)
      for (const auto& alias : lex.facilities_[i].aliases)
        lex.compiled_->facility_by_name.emplace(lower_ascii(alias), i);
    for (int i = 0; i < static_cast<int>(lex.facilities_.size()); ++i) {
      const auto& fac = lex.facilities_[i];
      std::vector<std::string> names = fac.aliases;
      names.push_back(fac.name);
      // "Qasrak base in Hasakah": a place after "in" or "near" locates the site; it names the
      // site only when it is the site's own city ("US consulate in Erbil").
      const std::string city = lower_ascii(fac.city);
      for (const auto& name : names) {
        std::string lower = lower_ascii(name);
        std::size_t cut = std::string::npos;
        for (const char* locative : {" in ", " near ", " outside "})
          cut = std::min(cut, lower.find(locative));
        auto head = lex.name_words(std::string_view(name).substr(0, cut));
        auto tail = cut == std::string::npos ? std::vector<std::string>{}
                                             : lex.name_words(std::string_view(name).substr(cut));
        for (const auto& word : tail)
          if (word == city) head.push_back(word);
        for (const auto& word : head) {
          auto& list = lex.compiled_->facility_words[word];
          if (list.empty() || list.back() != i) list.push_back(i);
        }
      }
    }
  }

  // actors.tsv: name, aliases, kind
  {
    auto file = read_tsv(dir / "actors.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 3, 5, "name, aliases, kind[, backers[, stands for]]");
      if (!f) return std::unexpected(f.error());
      Actor actor{std::string((*f)[0]), split_aliases((*f)[1]), std::string((*f)[2]), {}, {}};
      if (f->size() > 3)
        for (std::string backer : split_aliases((*f)[3])) {
          for (char& c : backer) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          actor.backers.push_back(std::move(backer));
        }
      if (f->size() > 4)
        for (const std::string& pair : split_aliases((*f)[4])) {
          const auto eq = pair.find('=');
          if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
            return row_error(*file, row, "expected COUNTRY=actor name, got '" + pair + "'");
          actor.stands_for_in[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
      if (actor.kind.empty()) return row_error(*file, row, "empty actor kind");
      int entry = static_cast<int>(lex.actors_.size());
      if (auto e = table.add(Kind::kActor, entry, actor.name)) return row_error(*file, row, *e);
      for (const auto& alias : actor.aliases)
        if (auto e = table.add(Kind::kActor, entry, alias)) return row_error(*file, row, *e);
      lex.actors_.push_back(std::move(actor));
    }
    // A short name stands for groups this file names, each a group in its own right.
    for (std::size_t i = 0; i < lex.actors_.size(); ++i)
      for (const auto& [country, name] : lex.actors_[i].stands_for_in) {
        const Actor* target = lex.actor_named(name);
        if (!target || !target->stands_for_in.empty())
          return row_error(*file, file->rows[i], "'" + name + "' is no actor of its own here");
      }
  }

  // weapons.tsv: phrase, weapon, detail
  {
    // "unknown": a weapon named outside the schema's kinds (artillery, tank rounds); it tells an
    // attack and keeps its detail, and yields to a kind named beside it.
    static const std::unordered_set<std::string> kWeapons = {
        "rocket", "drone", "missile", "mortar", "ied", "small_arms", "unknown"};
    auto file = read_tsv(dir / "weapons.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 2, 3, "phrase, weapon, detail");
      if (!f) return std::unexpected(f.error());
      WeaponTerm term{std::string((*f)[0]), std::string((*f)[1]), std::string((*f)[2])};
      if (!kWeapons.contains(term.weapon))
        return row_error(*file, row,
                         "unknown weapon '" + term.weapon +
                             "' (rocket|drone|missile|mortar|ied|small_arms|unknown)");
      int entry = static_cast<int>(lex.weapons_.size());
      if (auto e = table.add(Kind::kWeapon, entry, term.phrase)) return row_error(*file, row, *e);
      lex.weapons_.push_back(std::move(term));
    }
  }

  // countries.tsv: code, name, other names, demonyms
  {
    const auto& file = countries_file;
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 2, 4, "code, name, other names, demonyms");
      if (!f) return std::unexpected(f.error());
      Country country{std::string((*f)[0]), std::string((*f)[1]), split_aliases((*f)[2]),
                      split_aliases((*f)[3])};
      country.names.insert(country.names.end(), country.demonyms.begin(), country.demonyms.end());
      if (country.code.size() != 2)
        return row_error(*file, row, "code must be ISO 3166 alpha-2, got '" + country.code + "'");
      int entry = static_cast<int>(lex.countries_.size());
      if (!lex.compiled_->country_by_code.emplace(country.code, entry).second)
        return row_error(*file, row, "duplicate country code '" + country.code + "'");
      if (auto e = table.add(Kind::kCountry, entry, country.name)) return row_error(*file, row, *e);
      for (const auto& alias : country.names)
        if (auto e = table.add(Kind::kCountry, entry, alias)) return row_error(*file, row, *e);
      // `names` holds every matchable name, the canonical one first.
      country.names.insert(country.names.begin(), country.name);
      lex.countries_.push_back(std::move(country));
    }
  }

  // timezones.tsv (optional: without it every clock reads +03:00): country, from, to,
  // standard offset, summer rule
  if (std::filesystem::exists(dir / "timezones.tsv")) {
    auto file = read_tsv(dir / "timezones.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 5, 5, "country, from, to, standard offset, summer rule");
      if (!f) return std::unexpected(f.error());
      const std::string code((*f)[0]);
      if (!lex.compiled_->country_by_code.contains(code))
        return row_error(*file, row, "unknown country code '" + code + "'");
      auto bound = [&](std::string_view text, long open) -> std::optional<long> {
        if (text == "*") return open;
        return text::days_from_civil(text);
      };
      const auto from = bound((*f)[1], std::numeric_limits<long>::min());
      const auto to = bound((*f)[2], std::numeric_limits<long>::max());
      if (!from || !to || *from > *to)
        return row_error(*file, row, "from and to must be YYYY-MM-DD or *, in order");
      const auto standard = offset_minutes((*f)[3]);
      if (!standard) return row_error(*file, row, "offset must read +HH:MM or -HH:MM");
      const auto summer = summer_rule_from_name((*f)[4]);
      if (!summer)
        return row_error(*file, row,
                         "unknown summer rule '" + std::string((*f)[4]) +
                             "' (none|eu|lastfri|israel|egypt|iran|us)");
      auto& periods = lex.compiled_->zones[code];
      if (!periods.empty() && periods.back().to_day >= *from)
        return row_error(*file, row, "periods of '" + code + "' overlap or are out of order");
      periods.push_back(ZonePeriod{*from, *to, *standard, *summer});
    }
  }

  // triggers.tsv (optional, the lead's): cue, phrase
  if (std::filesystem::exists(dir / "triggers.tsv")) {
    auto file = read_tsv(dir / "triggers.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 2, 2, "category, phrase");
      if (!f) return std::unexpected(f.error());
      auto cue = cue_from_name((*f)[0]);
      if (!cue) return row_error(*file, row, "unknown cue '" + std::string((*f)[0]) + "'");
      Trigger trigger{*cue, std::string((*f)[1])};
      if (trigger.phrase.empty()) return row_error(*file, row, "empty trigger phrase");
      int entry = static_cast<int>(lex.triggers_.size());
      if (auto e = table.add_shared(Kind::kTrigger, entry, trigger.phrase))
        return row_error(*file, row, *e);
      lex.triggers_.push_back(std::move(trigger));
    }
  }

  // Compile every phrase into one database.
  if (!table.phrases.empty()) {
    std::vector<std::string> regexes;
    std::vector<const char*> expressions;
    std::vector<unsigned> flags, ids;
    std::vector<PatternRef> refs;
    auto add_pattern = [&](const std::string& literal, bool acronym, std::size_t phrase_index) {
      regexes.push_back(literal_regex(literal));
      flags.push_back(acronym ? 0u : static_cast<unsigned>(HS_FLAG_CASELESS));
      ids.push_back(static_cast<unsigned>(phrase_index));
      refs.push_back(PatternRef{table.refs[phrase_index].kind, table.refs[phrase_index].entry,
                                literal.size()});
    };
    for (std::size_t i = 0; i < table.phrases.size(); ++i) {
      const std::string& phrase = table.phrases[i];
      bool acronym = is_acronym(phrase);
      std::string literal = normalize_text(phrase, false).text;
      add_pattern(literal, acronym, i);
      // "Kata'ib" also finds "Kataib": the apostrophe-less spelling is the same entry.
      if (literal.find('\'') != std::string::npos) {
        std::string bare = literal;
        std::erase(bare, '\'');
        add_pattern(bare, acronym, i);
      }
    }
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<unsigned>(i);
    for (const auto& re : regexes) expressions.push_back(re.c_str());
    hs_compile_error_t* compile_error = nullptr;
    hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                     static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK,
                                     nullptr, &lex.compiled_->database, &compile_error);
    if (rc != HS_SUCCESS) {
      std::string message = "lexicon: cannot compile matcher";
      if (compile_error) {
        if (compile_error->expression >= 0)
          message += " (pattern '" + regexes[compile_error->expression] + "')";
        message += std::string(": ") + compile_error->message;
        hs_free_compile_error(compile_error);
      }
      return fail(Error::Kind::kInternal, message);
    }
    lex.compiled_->refs = std::move(refs);
  }

  // One glossary per language folder (data/lexicon/ar/, fr/ ...).
  std::vector<std::filesystem::path> language_dirs;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "gloss.tsv"))
      language_dirs.push_back(entry.path());
  std::sort(language_dirs.begin(), language_dirs.end());
  for (const auto& language_dir : language_dirs) {
    auto glossary = Glossary::load(language_dir, language_dir.filename().string());
    if (!glossary) return std::unexpected(glossary.error());
    lex.compiled_->glossaries.push_back(std::move(*glossary));
  }

  // cities.tsv (optional): the press's names for places the gazetteer writes otherwise or lacks
  // ("Palmyra" for GeoNames' "Tadmur", "Kobani"). Read before the gazetteer: its rows come first
  // among namesakes.
  if (std::filesystem::exists(dir / "cities.tsv")) {
    auto file = read_tsv(dir / "cities.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 5, 5, "name, aliases, country, lat, lon");
      if (!f) return std::unexpected(f.error());
      City city{std::string((*f)[0]), std::string((*f)[2]), 0, 0};
      if (!is_country_code(city.country))
        return row_error(*file, row,
                         "country must be an ISO 3166 alpha-2 code, got '" + city.country + "'");
      auto at = parse_coordinates((*f)[3], (*f)[4]);
      if (!at)
        return row_error(
            *file, row,
            "bad coordinates '" + std::string((*f)[3]) + "', '" + std::string((*f)[4]) + "'");
      std::tie(city.lat, city.lon) = *at;
      const int id = static_cast<int>(lex.cities_.size());
      std::vector<std::string> names = split_aliases((*f)[1]);
      names.insert(names.begin(), city.name);
      for (const auto& name : names) {
        const std::string key = place_key(name);
        if (key.empty()) return row_error(*file, row, "a name with no letter: '" + name + "'");
        auto [it, fresh] = lex.compiled_->city_alias.emplace(key, id);
        if (!fresh && it->second != id)
          return row_error(*file, row, "name '" + name + "' already belongs to another city");
      }
      lex.cities_.push_back(std::move(city));
      // The press's other names for a site's city name the site as its city does, where the
      // city's name is a word of the site's name: "el consulado de EEUU en Dubái" votes for US
      // Consulate General Dubai (not for every site a city holds).
      const auto city_words = lex.name_words(lex.cities_.back().name);
      for (int i = 0; i < static_cast<int>(lex.facilities_.size()); ++i) {
        if (lower_ascii(lex.facilities_[i].city) != lower_ascii(lex.cities_.back().name)) continue;
        const auto site_words = lex.name_words(lex.facilities_[i].name);
        if (city_words.empty() ||
            std::find(site_words.begin(), site_words.end(), city_words.back()) == site_words.end())
          continue;
        for (const auto& name : names)
          for (const auto& word : lex.name_words(name)) {
            auto& list = lex.compiled_->facility_words[word];
            if (std::find(list.begin(), list.end(), i) == list.end()) list.push_back(i);
          }
      }
    }
  }
  lex.load_gazetteer(data_dir / "generated" / "cities.tsv");
  return lex;
}

void Lexicon::load_gazetteer(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;  // no gazetteer: city() answers nullopt
  in.seekg(0, std::ios::end);
  std::string text(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));

  auto& index = compiled_->city_index;
  cities_.reserve(text.size() / 28);
  index.reserve(text.size() / 20);
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
    if (line.empty() || line.front() == '#') continue;
    std::size_t t1 = line.find('\t');
    std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    std::size_t t3 = t2 == std::string_view::npos ? t2 : line.find('\t', t2 + 1);
    if (t3 == std::string_view::npos) continue;  // malformed row: skip, the file is generated
    std::string_view lat_text = line.substr(t2 + 1, t3 - t2 - 1);
    std::string_view lon_text = trim(line.substr(t3 + 1));
    auto lat = parse_double(lat_text);
    auto lon = parse_double(lon_text);
    if (!lat || !lon) continue;
    City city{std::string(line.substr(0, t1)), std::string(line.substr(t1 + 1, t2 - t1 - 1)), *lat,
              *lon};
    int id = static_cast<int>(cities_.size());
    std::string key = place_key(city.name);
    index.emplace_back(hash_key(key), id);
    if (std::string_view bare = strip_arabic_article(key); !bare.empty())
      index.emplace_back(hash_key(bare), id);
    cities_.push_back(std::move(city));
  }
  std::sort(index.begin(), index.end());
}

bool Lexicon::word_in(WordList list, std::string_view lower_word) const {
  if (!lower_word.empty()) {
    const std::uint64_t shapes = compiled_->word_shapes[static_cast<std::size_t>(list)]
                                                       [static_cast<unsigned char>(lower_word[0])];
    if (!(shapes >> std::min<std::size_t>(lower_word.size(), 63) & 1)) return false;
  }
  const auto& words = compiled_->words[static_cast<std::size_t>(list)];
  return words.find(lower_word) != words.end();
}

std::vector<std::string> Lexicon::name_words(std::string_view name) const {
  // Words that name no place in particular ("base", "air", "US", "embassy", "the" ...) are
  // words.tsv's generic_name_words.
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !word_in(WordList::kGenericNameWords, word)) out.push_back(word);
    word.clear();
  };
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80)
      word += static_cast<char>(std::tolower(u));
    else
      flush();
  }
  flush();
  return out;
}

std::vector<int> Lexicon::facilities_named_by(std::string_view lower_word) const {
  auto it = compiled_->facility_words.find(lower_word);
  return it == compiled_->facility_words.end() ? std::vector<int>{} : it->second;
}

int Lexicon::proxy_actor(std::string_view lower_backer) const {
  for (std::size_t i = 0; i < actors_.size(); ++i)
    for (const auto& backer : actors_[i].backers)
      if (backer == lower_backer) return static_cast<int>(i);
  return -1;
}

const Facility* Lexicon::facility_named(std::string_view name) const {
  auto it = compiled_->facility_by_name.find(lower_ascii(trim(name)));
  return it == compiled_->facility_by_name.end() ? nullptr : &facilities_[it->second];
}

std::string Actor::named_in(std::string_view country) const {
  if (stands_for_in.empty()) return name;
  auto it = stands_for_in.find(std::string(country));
  if (it != stands_for_in.end()) return it->second;
  // A country it does not list: no one. An unknown country: the group, if it stands for one
  // group everywhere it is listed.
  if (!country.empty()) return {};
  const std::string& first = stands_for_in.begin()->second;
  for (const auto& [where, group] : stands_for_in)
    if (group != first) return {};
  return first;
}

const Actor* Lexicon::actor_named(std::string_view name) const {
  for (const Actor& actor : actors_)
    if (actor.name == name) return &actor;
  return nullptr;
}

const Glossary* Lexicon::glossary(std::string_view language) const {
  for (const Glossary& g : compiled_->glossaries)
    if (g.language() == language) return &g;
  return nullptr;
}

std::vector<std::string> Lexicon::glossary_languages() const {
  std::vector<std::string> out;
  for (const Glossary& g : compiled_->glossaries) out.push_back(g.language());
  return out;
}

namespace {
bool same_caseless(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}
}  // namespace

bool Country::is_demonym(std::string_view text) const {
  return std::any_of(demonyms.begin(), demonyms.end(),
                     [&](const std::string& d) { return same_caseless(d, text); });
}

bool Country::is_name(std::string_view text) const {
  return same_caseless(code, text) || is_demonym(text) ||
         std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return same_caseless(n, text); });
}

const Country* Lexicon::country_by_code(std::string_view code) const {
  std::string upper(code);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  auto it = compiled_->country_by_code.find(upper);
  return it == compiled_->country_by_code.end() ? nullptr : &countries_[it->second];
}

int Lexicon::utc_offset_minutes(std::string_view country_code, long day) const {
  constexpr int kRegionDefault = 180;  // Iraq, Syria, Jordan, the Gulf, Turkey
  auto it = compiled_->zones.find(std::string(country_code));
  if (it == compiled_->zones.end()) return kRegionDefault;
  for (const ZonePeriod& period : it->second)
    if (day >= period.from_day && day <= period.to_day)
      return period.standard_minutes + (in_summer(period.summer, day) ? 60 : 0);
  return kRegionDefault;
}

// Among namesakes: the hinted country first; else the first in the priority list below (the
// countries sitrep watches, nearest first); else the first in gazetteer order.
std::optional<City> Lexicon::city(std::string_view name, std::string_view country_hint) const {
  const auto& index = compiled_->city_index;
  if (index.empty() && compiled_->city_alias.empty()) return std::nullopt;
  std::string key = place_key(name);
  if (key.empty()) return std::nullopt;
  std::vector<int> candidates;
  std::set<int> named;  // cities.tsv rows this name (or its article-less form) is a name of
  for (std::string_view k : {std::string_view(key), strip_arabic_article(key)}) {
    if (k.empty()) continue;
    if (auto it = compiled_->city_alias.find(std::string(k)); it != compiled_->city_alias.end()) {
      candidates.push_back(it->second);
      named.insert(it->second);
    }
  }
  auto collect = [&](std::string_view k) {
    auto [lo, hi] =
        std::equal_range(index.begin(), index.end(), std::pair(hash_key(k), -1),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = lo; it != hi; ++it) {
      // Guard against hash collisions: the city's own key (or its article-less form) must match.
      std::string city_key = place_key(cities_[it->second].name);
      if (city_key == k || strip_arabic_article(city_key) == k) candidates.push_back(it->second);
    }
  };
  collect(key);
  if (std::string_view bare = strip_arabic_article(key); !bare.empty()) collect(bare);
  if (candidates.empty()) return std::nullopt;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  // Afghanistan before Israel: Kabul is the capital, not the Galilee town.
  static constexpr std::string_view kPriority[] = {"IQ", "SY", "JO", "LB", "KW", "IR",
                                                   "TR", "SA", "AF", "IL", "YE", "AE",
                                                   "QA", "BH", "OM", "EG", "US"};
  auto rank = [&](const City& c) {
    if (!country_hint.empty() && c.country == country_hint) return -1;
    for (std::size_t i = 0; i < std::size(kPriority); ++i)
      if (c.country == kPriority[i]) return static_cast<int>(i);
    return static_cast<int>(std::size(kPriority));
  };
  // Exact (un-stripped) key matches beat article-stripped ones within the same rank.
  auto best = std::min_element(candidates.begin(), candidates.end(), [&](int a, int b) {
    int ra = rank(cities_[a]), rb = rank(cities_[b]);
    if (ra != rb) return ra < rb;
    bool ea = place_key(cities_[a].name) == key || named.contains(a),
         eb = place_key(cities_[b].name) == key || named.contains(b);
    if (ea != eb) return ea;
    return a < b;
  });
  City found = cities_[*best];
  if (named.contains(*best)) return found;  // the table's own name, as the press writes it
  // The text named the city without the article GeoNames writes ("Hasakah" for "Al Hasakah"):
  // the English press form, which the report shows.
  const std::string found_key = place_key(found.name);
  if (found_key != key && strip_arabic_article(found_key) == key) {
    const std::size_t space = found.name.find_first_of(" -");
    if (space != std::string::npos) found.name.erase(0, space + 1);
  }
  return found;
}

std::vector<Match> Lexicon::find(std::string_view text) const {
  std::vector<Match> result;
  if (!compiled_ || !compiled_->database || text.empty()) return result;

  if (text.size() >= UINT32_MAX) return result;  // Hyperscan takes a 32-bit length
  const Normalized scan = normalize_text(text, true);

  thread_local ThreadScratch tls;
  if (!tls.ready(compiled_->database, compiled_->id)) return result;

  std::vector<RawMatch> raw;
  ScanContext ctx{&compiled_->refs, scan.text, &raw};
  hs_scan(compiled_->database, scan.text.data(), static_cast<unsigned>(scan.text.size()), 0,
          tls.scratch, on_match, &ctx);
  // Back to offsets in the caller's text.
  for (RawMatch& m : raw) {
    m.start = scan.origin[m.start];
    m.end = scan.origin[m.end];
  }

  // Per kind, leftmost-longest: sort by kind, start, longer first; keep a match when it begins
  // at or after the end of the last kept one (or repeats its exact span for another entry).
  // Triggers resolve overlaps per category, not per kind: "heading toward" is both an attack
  // verb and a launch verb, and the extractor needs both readings.
  auto group = [this](const RawMatch& m) -> int {
    return m.kind == Kind::kTrigger ? 1 + static_cast<int>(triggers_[m.entry].cue) : 0;
  };
  std::sort(raw.begin(), raw.end(), [&](const RawMatch& a, const RawMatch& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (group(a) != group(b)) return group(a) < group(b);
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return a.entry < b.entry;
  });
  const RawMatch* last = nullptr;
  for (const RawMatch& m : raw) {
    if (last && last->kind == m.kind && group(*last) == group(m)) {
      bool same_span = m.start == last->start && m.end == last->end;
      if (same_span && m.entry == last->entry) continue;  // duplicate (two aliases, one span)
      if (!same_span && m.start < last->end) continue;    // overlapped by a kept match
    }
    result.push_back(Match{m.kind, m.entry, m.start, m.end});
    last = &m;
  }
  std::stable_sort(result.begin(), result.end(), [](const Match& a, const Match& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.kind < b.kind;
  });
  return result;
}

}  // namespace sitrep::lexicon
