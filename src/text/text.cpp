#include "text/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace sitrep::text {
namespace {

// ASCII classes inline: sitrep never sets a locale, so these are what <cctype> says in "C"
// (and the libc calls were ~5 % of extraction time).
bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char ascii_lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length of the UTF-8 sequence starting at byte c (1 for ASCII and stray continuation bytes).
std::size_t utf8_length(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

// Non-ASCII characters count as letters except the General Punctuation block (dashes, curly
// quotes, ellipsis: U+2000..U+206F, encoded E2 80..81 xx) and a few symbols.
bool is_word_char_at(std::string_view s, std::size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return is_ascii_alnum(c);
  if (c == 0xE2 && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) == 0x80 ||
       static_cast<unsigned char>(s[i + 1]) == 0x81))
    return false;
  if (c == 0xC2) return false;  // NBSP, «, », ·, ©
  return true;
}

constexpr std::array<std::string_view, 41> kAbbreviations = {
    "u.s", "u.n",  "u.k", "mr",   "mrs", "ms",  "dr",   "gen", "lt",  "col", "maj",
    "sgt", "capt", "sen", "rep",  "gov", "st",  "jan",  "feb", "mar", "apr", "jun",
    "jul", "aug",  "sep", "sept", "oct", "nov", "dec",  "no",  "i.e", "e.g", "inc",
    "co",  "ltd",  "jr",  "sr",   "vs",  "adm", "brig", "amb"};

bool is_abbreviation(std::string_view lower_word) {
  if (lower_word.size() == 1 && std::isalpha(static_cast<unsigned char>(lower_word[0])))
    return true;  // an initial: "Alina L. Romanowski"
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower_word) !=
         kAbbreviations.end();
}

bool is_closing(unsigned char c) {
  return c == '"' || c == '\'' || c == ')' || c == ']';
}

// A name begins with a capital, or with the Arabic article in lower case before one:
// "al-Shaddadi", "ash-Sharqat", "el-Tanf" are names as "Shaddadi" is.
bool starts_name(std::string_view word) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (word.empty()) return false;
  if (upper(word[0])) return true;
  const std::size_t hyphen = word.find('-');
  if (hyphen == std::string_view::npos || hyphen + 1 >= word.size() || !upper(word[hyphen + 1]))
    return false;
  const std::string_view article = word.substr(0, hyphen);
  for (std::string_view a : {"al", "el", "ash", "as", "ad", "ar", "az", "at", "an", "adh", "ath"})
    if (article == a) return true;
  return false;
}

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = ascii_lower_char(c);
  return out;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  tokens.reserve(s.size() / 5 + 1);  // about one token per five bytes of English
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (!is_word_char_at(s, i)) {
      std::size_t len = utf8_length(c);
      tokens.push_back(
          Token{i, std::min(s.size(), i + len), std::string(s.substr(i, len)), false, false});
      i += len;
      continue;
    }
    std::size_t start = i;
    while (i < s.size()) {
      if (is_word_char_at(s, i)) {
        // A lead byte cut off at the end must not carry the token past it (found by fuzzing).
        i = std::min(s.size(), i + utf8_length(static_cast<unsigned char>(s[i])));
        continue;
      }
      // Inner joiners: Kata'ib, Iran-aligned, U.S, 1,200, 4.5, 4:15.
      char j = s[i];
      bool next_word = i + 1 < s.size() && is_word_char_at(s, i + 1);
      bool prev_digit = is_ascii_digit(static_cast<unsigned char>(s[i - 1]));
      bool next_digit = i + 1 < s.size() && is_ascii_digit(static_cast<unsigned char>(s[i + 1]));
      bool prev_alpha = is_ascii_alpha(static_cast<unsigned char>(s[i - 1]));
      bool next_alpha = i + 1 < s.size() && is_ascii_alpha(static_cast<unsigned char>(s[i + 1]));
      if ((j == '\'' || j == '-') && next_word) {
        ++i;
        continue;
      }
      if ((j == ',' || j == '.' || j == ':') && prev_digit && next_digit) {
        ++i;
        continue;
      }
      // "U.S", "a.m", "p.m": a period between single letters.
      if (j == '.' && prev_alpha && next_alpha && (i - start == 1 || s[i - 2] == '.') &&
          (i + 2 >= s.size() || !is_ascii_alpha(static_cast<unsigned char>(s[i + 2])))) {
        ++i;
        continue;
      }
      break;
    }
    std::string lower = ascii_lower(s.substr(start, i - start));
    // The closing period of "U.S." and "a.m." belongs to the word: as a token of its own it
    // would stand between words and push "no attack on U.S. or coalition forces" apart.
    std::size_t end = i;
    if (i < s.size() && s[i] == '.' && lower.size() >= 3 && lower[lower.size() - 2] == '.' &&
        is_ascii_alpha(static_cast<unsigned char>(lower.back())))
      end = ++i;
    Token token{start, end, std::move(lower), starts_name(s.substr(start, end - start)), true};
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::vector<Sentence> split_sentences(const CleanText& clean_text) {
  const std::string& t = clean_text.text;
  std::vector<Sentence> sentences;
  std::size_t paragraph = 0;
  std::size_t pos = 0;
  bool first_line = true;
  while (pos < t.size()) {
    std::size_t line_end = t.find('\n', pos);
    if (line_end == std::string::npos) line_end = t.size();
    // Trim the line.
    std::size_t a = pos, b = line_end;
    while (a < b && std::isspace(static_cast<unsigned char>(t[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(t[b - 1]))) --b;
    if (a < b) {
      std::string_view line(t.data() + a, b - a);
      unsigned char last = line.back();
      bool terminal = last == '.' || last == '!' || last == '?' || is_closing(last) ||
                      line.ends_with("\xE2\x80\x9D");  // right double quote
      // The headline may end with a quotation of its own ("Kataib Hezbollah warns: the truce "is
      // not open-ended""): on the first line, a closing quote ends a sentence only after a full
      // stop, "!", "?" or a comma. (A live blog's item titles keep the old reading.)
      if (first_line && (last == '"' || line.ends_with("\xE2\x80\x9D"))) {
        const std::size_t quote = last == '"' ? 1 : 3;
        const char before = line.size() > quote ? line[line.size() - quote - 1] : '.';
        terminal = before == '.' || before == '!' || before == '?' || before == ',';
      }
      bool heading = !terminal && line.size() < 200;
      first_line = false;
      std::size_t sentence_start = 0;
      for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c != '.' && c != '!' && c != '?') continue;
        std::size_t k = i + 1;
        while (k < line.size() && (is_closing(line[k]) || line[k] == '.')) ++k;
        // Closing curly quote (3 bytes).
        if (k + 2 < line.size() && line.compare(k, 3, "\xE2\x80\x9D") == 0) k += 3;
        if (k >= line.size()) break;
        if (line[k] != ' ') continue;
        std::size_t n = k;
        while (n < line.size() && line[n] == ' ') ++n;
        if (n >= line.size()) break;
        unsigned char next = line[n];
        bool next_starts = std::isupper(next) || std::isdigit(next) || next == '"' ||
                           next == '\'' || next >= 0xC0 || line.compare(n, 3, "\xE2\x80\x9C") == 0;
        if (!next_starts) continue;
        if (c == '.') {
          // The word before the period, accented letters included: "a missão." ends a sentence,
          // where its last ASCII run alone ("o") would look like an initial.
          std::size_t w = i;
          while (w > 0 && (std::isalpha(static_cast<unsigned char>(line[w - 1])) ||
                           static_cast<unsigned char>(line[w - 1]) >= 0x80 || line[w - 1] == '.'))
            --w;
          std::string word = ascii_lower(line.substr(w, i - w));
          if (is_abbreviation(word)) continue;
          // "at 8:40 p.m. UTC, militants fired": a time zone goes on with the clock time.
          if (word == "a.m" || word == "p.m") {
            std::size_t e = n;
            while (e < line.size() && std::isalpha(static_cast<unsigned char>(line[e]))) ++e;
            const std::string zone = ascii_lower(line.substr(n, e - n));
            if (zone == "utc" || zone == "gmt" || zone == "et" || zone == "est" || zone == "edt" ||
                zone == "cet" || zone == "cest" || zone == "ast")
              continue;
            // "at around 10:30 p.m. Beirut time, an individual fired": a city's clock.
            std::size_t f = e;
            while (f < line.size() && line[f] == ' ') ++f;
            std::size_t g = f;
            while (g < line.size() && std::isalpha(static_cast<unsigned char>(line[g]))) ++g;
            // Not "9 p.m. This time, no one was hurt", "Some time later".
            const bool opener = zone == "this" || zone == "that" || zone == "some" ||
                                zone == "each" || zone == "every" || zone == "last" ||
                                zone == "next" || zone == "any" || zone == "the" || zone == "one" ||
                                zone == "by" || zone == "first" || zone == "at";
            if (e > n && f > e && !opener && ascii_lower(line.substr(f, g - f)) == "time") continue;
          }
        }
        sentences.push_back(Sentence{Span{a + sentence_start, a + k}, paragraph, 0, false, false});
        sentence_start = n;
        i = n - 1;
      }
      if (sentence_start < line.size())
        sentences.push_back(
            Sentence{Span{a + sentence_start, a + line.size()}, paragraph, 0, false, heading});
      ++paragraph;
    }
    pos = line_end + 1;
  }
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    sentences[i].index = i;
    sentences[i].quoted = clean_text.is_quoted(sentences[i].span.start);
  }
  return sentences;
}

std::optional<int> parse_number(std::string_view w) {
  if (w.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(w[0]))) {
    long value = 0;
    for (char c : w) {
      if (c == ',') continue;
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + (c - '0');
      if (value > 1'000'000) return std::nullopt;
    }
    return static_cast<int>(value);
  }
  static constexpr std::array<std::string_view, 20> kUnits = {
      "zero",     "one",     "two",     "three",     "four",     "five",    "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<std::string_view, 8> kTens = {
      "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  // Every number word starts with one of these letters: most words stop here.
  switch (w[0]) {
    case 'd':
    case 'e':
    case 'f':
    case 'n':
    case 'o':
    case 's':
    case 't':
    case 'z':
      break;
    default:
      return std::nullopt;
  }
  // "a dozen rockets" is twelve; "dozens of missiles" is an amount, not a count (SCHEMA: no count
  // is inferred where the text gives none).
  if (w == "dozen") return 12;
  // The first letters are compared before the words (a memcmp per word of equal length).
  for (std::size_t i = 0; i < kUnits.size(); ++i)
    if (w[0] == kUnits[i][0] && w == kUnits[i]) return static_cast<int>(i);
  for (std::size_t i = 0; i < kTens.size(); ++i) {
    if (w[0] != kTens[i][0]) continue;  // neither the word nor a compound of it
    if (w == kTens[i]) return static_cast<int>(20 + 10 * i);
    if (w.size() > kTens[i].size() + 1 && w[kTens[i].size()] == '-' && w.starts_with(kTens[i])) {
      auto unit = parse_number(w.substr(kTens[i].size() + 1));
      if (unit && *unit > 0 && *unit < 10) return static_cast<int>(20 + 10 * i) + *unit;
    }
  }
  return std::nullopt;
}

std::optional<int> parse_ordinal(std::string_view w) {
  static constexpr std::array<std::string_view, 10> kOrdinals = {
      "first", "second",  "third",  "fourth", "fifth",
      "sixth", "seventh", "eighth", "ninth",  "tenth"};
  for (std::size_t i = 0; i < kOrdinals.size(); ++i)
    if (w == kOrdinals[i]) return static_cast<int>(i + 1);
  return std::nullopt;
}

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms).
// Only a calendar date counts: digits where digits belong and a day the month has (leap years
// too). "2024-02-30" passed before and came back from civil_from_days as 2024-03-01 (fuzzing).
std::optional<long> days_from_civil(std::string_view ymd) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(ymd[i]))) return std::nullopt;
  int y = std::atoi(std::string(ymd.substr(0, 4)).c_str());
  unsigned m = std::atoi(std::string(ymd.substr(5, 2)).c_str());
  unsigned d = std::atoi(std::string(ymd.substr(8, 2)).c_str());
  static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap)) return std::nullopt;
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02u-%02u", y, m, d);
  return buffer;
}

bool matches(const DateClue& clue, long days) {
  if (clue.weekday >= 0 && weekday(days) != clue.weekday) return false;
  const std::string ymd_text = civil_from_days(days);
  if (std::atoi(ymd_text.substr(0, 4).c_str()) < clue.year_at_least) return false;
  if (clue.month == 0 && clue.day == 0) return true;
  const int month = std::atoi(ymd_text.substr(5, 2).c_str());
  const int day = std::atoi(ymd_text.substr(8, 2).c_str());
  return (clue.month == 0 || month == clue.month) && (clue.day == 0 || day == clue.day);
}

std::optional<YearMonth> year_month_in_url(std::string_view url) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > url.size()) return -1;
    int value = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(url[k]))) return -1;
      value = value * 10 + (url[k] - '0');
    }
    return value;
  };
  auto digit_at = [&](std::size_t k) {
    return k < url.size() && std::isdigit(static_cast<unsigned char>(url[k]));
  };
  auto path_end = [&](std::size_t k) {
    return k >= url.size() || url[k] == '/' || url[k] == '?' || url[k] == '#' || url[k] == '.';
  };
  // The last date in the address: an archive's own stamp comes before the page's address
  // ("web.archive.org/web/20210315123456/https://example.com/2020/12/...").
  std::optional<YearMonth> found;
  for (std::size_t i = 0; i + 5 <= url.size(); ++i) {
    if (url[i] != '/' && url[i] != '-' && url[i] != '_') continue;
    const int year = digits(i + 1, 4);
    if (year < 1990 || year > 2100 || digit_at(i + 5)) {
      // "/20221122-drone-hits-base": eight digits of a date, standing alone.
      const int y8 = digits(i + 1, 4), month = digits(i + 5, 2), day = digits(i + 7, 2);
      if (y8 >= 1990 && y8 <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
          !digit_at(i + 9))
        found = YearMonth{y8, month};
      continue;
    }
    // "/2020/12/", "/2023/1/5/" (a month of one digit), "/2020-12-20": a year, then a month
    // closed by the path's end or by a day.
    const std::size_t m = i + 5;
    if (m >= url.size() || (url[m] != '/' && url[m] != '-')) continue;
    const bool two = digit_at(m + 2);
    const int month = two ? digits(m + 1, 2) : digits(m + 1, 1);
    const std::size_t end = m + 1 + (two ? 2 : 1);
    if (month < 1 || month > 12 || digit_at(end)) continue;
    const bool dashed = url[m] == '-';
    // "/2019/11-most-read" is a numbered slug, not November; "2020-12-20" is a date.
    if (dashed ? (end < url.size() && url[end] == '-' && digits(end + 1, 2) >= 1) : path_end(end))
      found = YearMonth{year, month};
  }
  return found;
}

int weekday(long days) {
  return static_cast<int>(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

// A month's number from its lower-case name or abbreviation ("january", "jan", "sept").
std::optional<int> month_number(std::string_view w) {
  // Every month (and abbreviation) has three letters or more and starts with one of these.
  if (w.size() < 3) return std::nullopt;
  switch (w[0]) {
    case 'a':
    case 'd':
    case 'f':
    case 'j':
    case 'm':
    case 'n':
    case 'o':
    case 's':
      break;
    default:
      return std::nullopt;
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (w[0] != kMonths[i][0]) continue;  // neither the month nor its abbreviation
    if (w == kMonths[i]) return static_cast<int>(i + 1);
    // Abbreviations: "jan", "sept", "sep" (not "may", which is already whole, nor "mar"ch words).
    if ((w.size() == 3 || w == "sept") && w.size() < kMonths[i].size() && kMonths[i].starts_with(w))
      return static_cast<int>(i + 1);
  }
  return std::nullopt;
}

namespace {

std::optional<int> weekday_number(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (std::size_t i = 0; i < kDays.size(); ++i)
    if (w == kDays[i]) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> day_number(std::string_view w) {
  if (w.empty() || !is_ascii_digit(static_cast<unsigned char>(w[0]))) return std::nullopt;
  std::string digits;
  for (char c : w) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else
      break;
  }
  if (digits.empty() || digits.size() > 2) return std::nullopt;
  std::string_view rest = w.substr(digits.size());
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th")
    return std::nullopt;
  int d = std::atoi(digits.c_str());
  if (d < 1 || d > 31) return std::nullopt;
  return d;
}

std::optional<int> year_number(std::string_view w) {
  if (w.size() != 4 || !std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(c); }))
    return std::nullopt;
  int y = std::atoi(std::string(w).c_str());
  if (y < 1900 || y > 2100) return std::nullopt;
  return y;
}

std::string ymd(int y, int m, int d) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view sentence, std::string_view published) {
  return find_dates(tokenize(sentence), published);
}

std::vector<DateMention> find_dates(const std::vector<Token>& tokens, std::string_view published) {
  std::vector<DateMention> out;
  // "Sunday's drone attack", "yesterday's strike": the possessive dates the noun after it, so
  // each word is read without a trailing "'s".
  std::vector<std::string_view> lower(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view l = tokens[i].lower;
    if (l.size() > 2 && l.ends_with("'s")) l.remove_suffix(2);
    lower[i] = l;
  }
  auto pub = days_from_civil(published);
  auto word = [&](std::size_t i) -> std::string_view {
    return i < tokens.size() ? lower[i] : std::string_view();
  };
  // The published day's year, month and day (only read when `pub` is set).
  auto published_ymd = [&] {
    return std::array<int, 3>{std::atoi(std::string(published.substr(0, 4)).c_str()),
                              std::atoi(std::string(published.substr(5, 2)).c_str()),
                              std::atoi(std::string(published.substr(8, 2)).c_str())};
  };
  // Skips a trailing "." (abbreviated month) or ",".
  auto skip_punct = [&](std::size_t i) {
    while (i < tokens.size() && (lower[i] == "." || lower[i] == ",")) ++i;
    return i;
  };
  // Month + day (+ year) starting at token i; returns the end token index.
  auto month_day = [&](std::size_t i, int& y, int& m, int& d) -> std::size_t {
    auto mm = month_number(word(i));
    if (!mm) return 0;
    std::size_t j = skip_punct(i + 1);
    auto dd = day_number(word(j));
    if (!dd) return 0;
    m = *mm;
    d = *dd;
    std::size_t k = skip_punct(j + 1);
    if (auto yy = year_number(word(k))) {
      y = *yy;
      return k + 1;
    }
    y = 0;
    return j + 1;
  };
  // Day + month (+ year): "3 January 2022".
  auto day_month = [&](std::size_t i, int& y, int& m, int& d) -> std::size_t {
    auto dd = day_number(word(i));
    if (!dd) return 0;
    auto mm = month_number(word(i + 1));
    if (!mm) return 0;
    m = *mm;
    d = *dd;
    std::size_t k = skip_punct(i + 2);
    if (auto yy = year_number(word(k))) {
      y = *yy;
      return k + 1;
    }
    y = 0;
    return i + 2;
  };
  auto resolve_year = [&](int m, int d) -> std::optional<std::string> {
    if (!pub) return std::nullopt;
    std::string p(published);
    int y = std::atoi(p.substr(0, 4).c_str());
    std::string candidate = ymd(y, m, d);
    auto days = days_from_civil(candidate);
    // A date well after publication belongs to the previous year ("December 30" in January).
    if (days && *days > *pub + 7) candidate = ymd(y - 1, m, d);
    return candidate;
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view w = lower[i];
    int y = 0, m = 0, d = 0;
    if (std::size_t end = month_day(i, y, m, d); end) {
      DateMention mention{Span{tokens[i].start, tokens[end - 1].end}, std::nullopt, false, true};
      mention.date = y ? std::optional(ymd(y, m, d)) : resolve_year(m, d);
      mention.clue = DateClue{m, d};
      out.push_back(mention);
      i = end - 1;
      continue;
    }
    if (std::size_t end = day_month(i, y, m, d); end) {
      DateMention mention{Span{tokens[i].start, tokens[end - 1].end}, std::nullopt, false, true};
      mention.date = y ? std::optional(ymd(y, m, d)) : resolve_year(m, d);
      mention.clue = DateClue{m, d};
      out.push_back(mention);
      i = end - 1;
      continue;
    }
    // "on Christmas Day", "on New Year's Eve": fixed days, resolved like a month and day.
    {
      int hm = 0, hd = 0;
      std::size_t end = 0;
      if (w == "christmas" && (word(i + 1) == "day" || word(i + 1) == "eve"))
        hm = 12, hd = word(i + 1) == "day" ? 25 : 24, end = i + 2;
      else if (w == "new" && word(i + 1) == "year" &&
               (word(i + 2) == "day" || word(i + 2) == "eve"))
        hm = word(i + 2) == "day" ? 1 : 12, hd = word(i + 2) == "day" ? 1 : 31, end = i + 3;
      if (end) {
        DateMention mention{Span{tokens[i].start, tokens[end - 1].end}, resolve_year(hm, hd), false,
                            true};
        mention.clue = DateClue{hm, hd};
        out.push_back(mention);
        i = end - 1;
        continue;
      }
    }
    // "on the 6th of this month" (the gloss of "السادس من الشهر الجاري"): a day of the month
    // the page was published in.
    if (pub) {
      // A bare day ("4 this month") or one with "of" ("the 6th of this month"); not a count of
      // attacks ("the 3rd this month").
      const bool suffixed = !w.empty() && !std::isdigit(static_cast<unsigned char>(w.back()));
      std::optional<int> dd = day_number(w);
      if (!dd)
        if (auto o = parse_ordinal(w); o && *o <= 31) dd = *o;
      const bool of = word(i + 1) == "of";
      std::size_t j = of ? i + 2 : i + 1;
      if (dd && (of || !suffixed) && word(j) == "this" && word(j + 1) == "month") {
        const auto [py, pm, pd] = published_ymd();
        DateMention mention{Span{tokens[i].start, tokens[j + 1].end}, ymd(py, pm, *dd), false,
                            true};
        mention.clue = DateClue{pm, *dd};
        out.push_back(mention);
        i = j + 1;
        continue;
      }
    }
    // "On the 10th, two peacekeepers were wounded", "the day 10" (the gloss of "el pasado día
    // 10", "no dia 10"): a day of the month with no month, the last such day on or before
    // publication. Only after "on" or opening the sentence, and only when the phrase closes there
    // ("on the 10th floor", "the day 10 of the siege" are no days).
    if (pub && w == "the" && (i == 0 || word(i - 1) == "on")) {
      std::size_t j = i + 1;
      const bool day_word = word(j) == "day";
      if (day_word) ++j;
      const std::string_view n = word(j);
      std::optional<int> dd;
      if (day_word)
        dd = day_number(n);
      else if (!n.empty() && std::isdigit(static_cast<unsigned char>(n.front())) &&
               !std::isdigit(static_cast<unsigned char>(n.back())))
        dd = day_number(n);  // "10th", not a bare "10"
      // Nor a list of them: "on the 5th, 6th and 7th floors".
      const bool closes =
          j + 1 >= tokens.size() ||
          (!tokens[j + 1].word && !(j + 2 < tokens.size() && day_number(word(j + 2))));
      if (dd && *dd >= 1 && *dd <= 31 && closes) {
        auto [py, pm, pd] = published_ymd();
        if (*dd > pd && --pm == 0) pm = 12, --py;
        if (const auto date = ymd(py, pm, *dd); days_from_civil(date)) {
          DateMention mention{Span{tokens[i].start, tokens[j].end}, date, false, true};
          mention.clue = DateClue{pm, *dd};
          out.push_back(mention);
          i = j;
          continue;
        }
      }
    }
    if (w.size() == 10 && w[4] == '-' && w[7] == '-' && days_from_civil(w)) {
      out.push_back(DateMention{Span{tokens[i].start, tokens[i].end}, std::string(w), false, true});
      continue;
    }
    // The region's day-first numeric dates: "26-12-2023", "26.12.2023", "25/06/2021". With a
    // slash only when the day cannot be a month ("11/1/2024" may be American).
    if (w.size() >= 8 && w.size() <= 10) {
      const char sep = w.find('-') != std::string_view::npos   ? '-'
                       : w.find('/') != std::string_view::npos ? '/'
                                                               : '.';
      const auto a = w.find(sep), b = a == std::string_view::npos ? a : w.find(sep, a + 1);
      auto all_digits = [](std::string_view x) {
        return !x.empty() && std::all_of(x.begin(), x.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        });
      };
      if (b != std::string_view::npos && a >= 1 && a <= 2 && b - a - 1 >= 1 && b - a - 1 <= 2 &&
          w.size() - b - 1 == 4 && all_digits(w.substr(0, a)) &&
          all_digits(w.substr(a + 1, b - a - 1)) && all_digits(w.substr(b + 1))) {
        const int dd = std::atoi(std::string(w.substr(0, a)).c_str());
        const int mm = std::atoi(std::string(w.substr(a + 1, b - a - 1)).c_str());
        const int yy = std::atoi(std::string(w.substr(b + 1)).c_str());
        const std::string candidate = ymd(yy, mm, dd);
        if (mm >= 1 && mm <= 12 && dd >= 1 && (sep != '/' || dd > 12) &&
            days_from_civil(candidate)) {
          DateMention mention{Span{tokens[i].start, tokens[i].end}, candidate, false, true};
          mention.clue = DateClue{mm, dd};
          out.push_back(mention);
          continue;
        }
      }
    }
    if (auto wd = weekday_number(w)) {
      // "Tuesday, September 10", "Friday, 11 November" (the Arabic and European order),
      // "Tuesday (May 24)": the explicit date wins.
      std::size_t j = skip_punct(i + 1);
      if (j < tokens.size() && lower[j] == "(") ++j;
      std::size_t end = month_day(j, y, m, d);
      if (!end) end = day_month(j, y, m, d);
      if (end) {
        DateMention mention{Span{tokens[i].start, tokens[end - 1].end}, std::nullopt, false, true};
        mention.date = y ? std::optional(ymd(y, m, d)) : resolve_year(m, d);
        mention.clue = DateClue{m, d, *wd};
        out.push_back(mention);
        i = end - 1;
        continue;
      }
      bool last = i > 0 && lower[i - 1] == "last";
      DateMention mention{Span{tokens[last ? i - 1 : i].start, tokens[i].end}, std::nullopt, true,
                          false};
      mention.clue.weekday = *wd;
      // "on Thursday, 19", "Sunday (13)": the day of the month without its month (the
      // Portuguese and Spanish wires' habit); a number that a word follows is no day ("on
      // Thursday, 19 people were killed").
      // "Sunday night (4)", "domingo à noite (4)" (glossed "Sunday at night"), "el domingo por
      // la mañana (4)" ("in the morning"): a part of the day may come between.
      std::size_t at = j;
      if (at == i + 1 && word(at) == "at")
        ++at;
      else if (at == i + 1 && word(at) == "in" && word(at + 1) == "the")
        at += 2;
      if (j == i + 1 && at < tokens.size() &&
          (word(at) == "night" || word(at) == "morning" || word(at) == "evening" ||
           word(at) == "afternoon")) {
        at = skip_punct(at + 1);
        if (at < tokens.size() && lower[at] == "(") ++at;
        if (at > i + 2) j = at;
      }
      if (j < tokens.size() && j > i + 1) {
        auto dd = day_number(word(j));
        const std::string_view after = word(j + 1);
        if (dd && (after.empty() || after == ")" || after == "," || after == ".")) {
          mention.clue.day = *dd;
          // The mention takes in its day ("Friday (9)"), so that the parenthesis after the
          // weekday is not read as a dateline's.
          const std::size_t last_token = after == ")" ? j + 1 : j;
          mention.span.end = tokens[last_token].end;
        }
      }
      if (pub) {
        long day = *pub;
        if (last) --day;  // "last Tuesday" is before the day of publication
        // The weekday after the publication day is that next day, not six days back: a page
        // dated in New York on Tuesday tells a Wednesday-dawn attack in Baghdad. Not when its
        // day number says otherwise ("quarta-feira (1º)"), nor a possessive ("Wednesday's
        // attack" is past); annotate() also sends it back a week when the article names the
        // publication's own weekday ("struck on Wednesday ..., the military said on Tuesday").
        const bool possessive =
            tokens[i].lower.ends_with("'s") || tokens[i].lower.ends_with("\xE2\x80\x99s") ||
            (i + 1 < tokens.size() &&
             (tokens[i + 1].lower == "'s" || tokens[i + 1].lower == "\xE2\x80\x99s"));
        const bool day_agrees =
            !mention.clue.day || std::stoi(civil_from_days(day + 1).substr(8)) == mention.clue.day;
        if (!last && !possessive && day_agrees && weekday(day + 1) == *wd)
          ++day;
        else
          while (weekday(day) != *wd) --day;
        mention.date = civil_from_days(day);
      }
      out.push_back(mention);
      continue;
    }
    int back = -1;
    std::size_t end = i + 1;
    if (w == "today" || w == "tonight" || w == "overnight")  // overnight: dated by the report's day
      back = 0;
    else if (w == "day" && i + 2 < tokens.size() && word(i + 1) == "before" &&
             word(i + 2) == "yesterday") {
      back = 2;  // "the day before yesterday" (avant-hier, anteayer, anteontem, أول أمس)
      end = i + 3;
    } else if (w == "yesterday")
      back = 1;
    else if ((w == "last" || w == "this") && i + 1 < tokens.size() &&
             (word(i + 1) == "night" || word(i + 1) == "morning" || word(i + 1) == "evening" ||
              word(i + 1) == "afternoon")) {
      back = (w == "last") ? 1 : 0;
      end = i + 2;
    }
    if (back >= 0) {
      // "tonight (Monday)", "today Monday": the weekday says which day, read on the next token.
      std::size_t named = end < tokens.size() && lower[end] == "(" ? end + 1 : end;
      // So does "overnight into Sunday": the night that ran into that day.
      if (w == "overnight" && named + 1 < tokens.size() && lower[named] == "into") ++named;
      if (named < tokens.size() && weekday_number(lower[named])) {
        i = named - 1;
        continue;
      }
      DateMention mention{Span{tokens[i].start, tokens[end - 1].end}, std::nullopt, true, false};
      if (pub) mention.date = civil_from_days(*pub - back);
      out.push_back(mention);
      i = end - 1;
    }
  }
  // "February 30", "Feb 29 1900": no such day, so the mention stays unresolved.
  for (auto& mention : out)
    if (mention.date && !days_from_civil(*mention.date)) mention.date.reset();
  return out;
}

std::string local_hhmm(int universal_minutes, int offset_minutes) {
  constexpr int kDay = 24 * 60;
  const int local = ((universal_minutes + offset_minutes) % kDay + kDay) % kDay;
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", local / 60, local % 60);
  return buffer;
}

std::vector<TimeMention> find_times(std::string_view sentence, int utc_offset_hours) {
  return find_times(tokenize(sentence), utc_offset_hours);
}

namespace {
// "GMT", "UTC": a universal clock; not "GMT+3", which names the local zone itself.
bool universal_zone(const std::vector<Token>& tokens, std::size_t j) {
  return j < tokens.size() && (tokens[j].lower == "gmt" || tokens[j].lower == "utc") &&
         !(j + 1 < tokens.size() &&
           (tokens[j + 1].lower.starts_with("+") || tokens[j + 1].lower.starts_with("-")));
}
}  // namespace

std::vector<TimeMention> find_times(const std::vector<Token>& tokens, int utc_offset_hours) {
  std::vector<TimeMention> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    LowerWord w = tokens[i].lower;
    // "1.46 am", and the Spanish and Portuguese "20.58 horas", "13.35 hora local" (glossed
    // "hours", "hour local"): a dot between hour and minutes when a clock word follows.
    if (auto dot = w.find('.'); dot != std::string::npos && (dot == 1 || dot == 2) &&
                                w.size() == dot + 3 && i + 1 < tokens.size()) {
      const LowerWord& next = tokens[i + 1].lower;
      if (next == "am" || next == "pm" || next == "a.m" || next == "p.m" || next == "hours" ||
          next == "hour" || next == "local")
        w[dot] = ':';
    }
    // "23,15 GMT" (the Arabic wires' comma: "23,15 ت غ", glossed "23,15 GMT"): a comma for the
    // dot, only before a universal zone ("2,500 troops" is a number).
    if (auto comma = w.find(','); comma != std::string::npos && (comma == 1 || comma == 2) &&
                                  w.size() == comma + 3 && universal_zone(tokens, i + 1))
      w[comma] = '.';
    // "at about 1.30am" (the meridiem joined), and "at 14.30", "hacia las 14.30" (glossed "toward
    // 14.30"): a dotted clock time after a pointed preposition, when no unit follows it.
    if (auto dot = w.find('.'); dot != std::string::npos && (dot == 1 || dot == 2) && i > 0 &&
                                w.size() >= dot + 3 &&
                                std::isdigit(static_cast<unsigned char>(w[dot + 1])) &&
                                std::isdigit(static_cast<unsigned char>(w[dot + 2]))) {
      const LowerWord tail = w.substr(dot + 3);
      const LowerWord& before = tokens[i - 1].lower;
      const LowerWord next = i + 1 < tokens.size() ? tokens[i + 1].lower : LowerWord();
      const bool meridiem = tail == "am" || tail == "pm";
      // The Romance article before an hour: "hacia la 01.30", "entre la 01.45 y las 02.15"
      // (glossed "toward the 01.30", "between the 01.45 and the 02.15").
      const LowerWord& preposition = before == "the" && i >= 2 ? tokens[i - 2].lower : before;
      // Only with the Romance article ("entre la 01.45 y las 02.15" glossed "between the 01.45
      // and the 02.15"): "between 1.25 and 1.50 percent" are decimals.
      const bool between = preposition == "between" && before == "the";
      const bool pointed =
          tail.empty() &&
          (preposition == "at" || preposition == "toward" || preposition == "towards" ||
           preposition == "around" || preposition == "about" || preposition == "vers" || between) &&
          (next.empty() || !tokens[i + 1].word || next == "on" || next == "local" ||
           next == "gmt" || next == "utc" || next == "in" || (between && next == "and"));
      // "(22.45 GMT)", "(22.45 and 23.15 GMT of Tuesday)": a universal time needs no preposition.
      const bool zoned = tail.empty() && (universal_zone(tokens, i + 1) ||
                                          (next == "and" && universal_zone(tokens, i + 3)));
      if ((meridiem || pointed || zoned) &&
          std::atoi(w.substr(0, dot).c_str()) <= (meridiem ? 12 : 23) &&
          std::atoi(w.substr(dot + 1, 2).c_str()) <= 59)
        w[dot] = ':';
    }
    // "vers 8 h", "à 8 h" (glossed "toward", "at"): an hour with no minutes is a time of day only
    // after one of these; "pendant 2 h" is a span. The pointed ones name an hour whatever follows;
    // the loose ones ("around", "about", ...) also measure a span ("around 6 hours"), so some
    // callers take only the pointed ones.
    auto clock_preposition = [&](std::size_t k, bool pointed_only) {
      if (k == 0) return false;
      const LowerWord& before = tokens[k - 1].lower;
      const bool pointed = before == "at" || before == "toward" || before == "towards" ||
                           before == "vers" || before == "à";
      return pointed ||
             (!pointed_only && (before == "around" || before == "about" || before == "dès" ||
                                before == "by" || before == "until" || before == "from"));
    };
    // "for about 3 hours", "lasted around two hours": a duration before the preposition.
    auto span_before = [&](std::size_t k) {
      if (k < 2) return false;
      const LowerWord& w = tokens[k - 2].lower;
      return w == "for" || w == "during" || w == "lasted" || w == "lasting" || w == "over" ||
             w == "within" || w == "pendant" || w == "durante" || w == "durant";
    };
    // "9:32 p. m.": the Spanish wires' spaced am/pm, read as "p.m".
    auto spaced_meridiem = [&](std::size_t k) -> LowerWord {
      if (k + 2 < tokens.size() && (tokens[k].lower == "p" || tokens[k].lower == "a") &&
          tokens[k + 1].lower == "." && tokens[k + 2].lower == "m")
        return tokens[k].lower == "p" ? "p.m" : "a.m";
      return {};
    };
    // "at around eight o'clock in the evening", "at 8 o'clock on Sunday evening": an hour of the
    // 12-hour clock, a time only with the part of the day told after it.
    // "at half past eight in the evening", "a quarter to nine in the morning": the hour after
    // its minutes, read as "eight o'clock" is.
    int minutes = 0, hour_shift = 0;
    std::size_t hour_at = i;
    if ((w == "half" || w == "quarter") && i + 2 < tokens.size() &&
        (tokens[i + 1].lower == "past" || (w == "quarter" && tokens[i + 1].lower == "to"))) {
      hour_at = i + 2;
      minutes = w == "half" ? 30 : tokens[i + 1].lower == "past" ? 15 : 45;
      hour_shift = tokens[i + 1].lower == "to" ? -1 : 0;
    }
    if (hour_at + 1 < tokens.size()) {
      std::size_t k = hour_at + 1;
      bool oclock = hour_at != i;
      if (tokens[k].lower == "o'clock" || tokens[k].lower == "o\u2019clock") {
        oclock = true, ++k;
      } else if (k + 2 < tokens.size() && tokens[k].lower == "o" &&
                 (tokens[k + 1].lower == "'" || tokens[k + 1].lower == "\u2019") &&
                 tokens[k + 2].lower == "clock") {
        oclock = true, k += 3;
      } else if (!tokens[hour_at].lower.empty() &&
                 !std::isdigit(static_cast<unsigned char>(tokens[hour_at].lower[0])) &&
                 (tokens[k].lower == "a.m" || tokens[k].lower == "p.m")) {
        // "around ten a.m." (the French "dix heures du matin" glossed): the word hour with its
        // half of the day, read below as "ten o'clock in the morning" is.
        oclock = true;
      }
      // "a quarter to twelve": the hour before the one named (11:45).
      auto number = oclock ? parse_number(tokens[hour_at].lower) : std::nullopt;
      if (number && hour_shift != 0) number = *number + hour_shift == 0 ? 12 : *number + hour_shift;
      if (number && *number >= 1 && *number <= 12) {
        // "at eight o'clock GMT in the evening", "at 8 o'clock in the evening GMT": universal
        // time, shifted to local as the digit clock's is.
        int clock = -1;
        bool universal = false;
        std::size_t last = k;
        for (std::size_t j = k; j < tokens.size() && j <= k + 5; ++j) {
          const LowerWord& part = tokens[j].lower;
          last = j;
          if (universal_zone(tokens, j)) {
            universal = true;
            continue;
          }
          if (part == "night" && (*number >= 7)) {  // "twelve o'clock at night" is midnight
            clock = *number == 12 ? 0 : *number + 12;
            break;
          }
          if (part == "evening" || part == "afternoon" || part == "p.m" || part == "pm") {
            clock = *number == 12 ? 12 : *number + 12;
            break;
          }
          if (part == "morning" || part == "a.m" || part == "am") {
            clock = *number == 12 ? 0 : *number;
            break;
          }
          if (part != "in" && part != "the" && part != "at" && part != "this" && part != "on" &&
              part != "of" && !weekday_number(part))
            break;
        }
        if (clock >= 0) {
          if (universal_zone(tokens, last + 1)) universal = true, ++last;
          std::optional<int> written_universal;
          if (universal) written_universal = clock * 60 + minutes;
          if (universal) clock = (clock + utc_offset_hours + 24) % 24;
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%02d:%02d", clock, minutes);
          const std::size_t end = universal ? last : k - 1;
          out.push_back(
              TimeMention{Span{tokens[i].start, tokens[end].end}, buffer, written_universal});
          i = end;
          continue;
        }
      }
    }
    int hour = -1, minute = 0;
    LowerWord suffix;
    std::size_t end = i + 1;
    bool at = i > 0 && tokens[i - 1].lower == "at";
    if (w == "midnight" || w == "noon" || w == "midday") {
      // "at midnight", "around noon" are times; "shortly after midnight" is not precise enough.
      const bool around =
          i > 0 && (tokens[i - 1].lower == "around" || tokens[i - 1].lower == "about");
      if (!at && !around) continue;
      hour = w == "midnight" ? 0 : 12;
    } else if (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0]))) {
      std::size_t digits_end = w.find_first_not_of("0123456789:");
      std::string number = w.substr(0, digits_end);
      // The colon of this number, not of a later part of the token ("2022-01-21t05:52:39").
      std::size_t colon = number.find(':');
      suffix = digits_end == std::string::npos ? "" : w.substr(digits_end);
      // Military time: "at 2130 hours", "At 0720 (local time)".
      bool military_word =
          i + 1 < tokens.size() &&
          (tokens[i + 1].lower == "hours" || tokens[i + 1].lower == "hrs" ||
           tokens[i + 1].lower == "local" ||
           (tokens[i + 1].lower == "(" && i + 2 < tokens.size() && tokens[i + 2].lower == "local"));
      // The wires' "2230 GMT": universal time, shifted to local as "22:30 GMT" is (not "GMT+3").
      if (colon == std::string::npos && number.size() == 4 && suffix.empty() &&
          universal_zone(tokens, i + 1)) {
        hour = std::atoi(number.substr(0, 2).c_str());
        minute = std::atoi(number.substr(2).c_str());
        if (hour <= 23 && minute <= 59) {
          const int written_universal = hour * 60 + minute;
          hour = (hour + utc_offset_hours + 24) % 24;
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour, minute);
          out.push_back(
              TimeMention{Span{tokens[i].start, tokens[i + 1].end}, buffer, written_universal});
          i = i + 1;
        }
        continue;
      }
      // "at 0340 local time", "At approximately 0430 local time": "at" across a hedge.
      // (Hedged, only before "local time": not "at about 2000 local fighters".)
      const bool hedged_at =
          i >= 2 && tokens[i - 2].lower == "at" && i + 2 < tokens.size() &&
          tokens[i + 1].lower == "local" && tokens[i + 2].lower == "time" &&
          (tokens[i - 1].lower == "approximately" || tokens[i - 1].lower == "about" ||
           tokens[i - 1].lower == "around" || tokens[i - 1].lower == "roughly");
      if (colon == std::string::npos && number.size() == 4 && suffix.empty() && military_word &&
          (at || hedged_at || tokens[i + 1].lower == "hours" || tokens[i + 1].lower == "hrs")) {
        hour = std::atoi(number.substr(0, 2).c_str());
        minute = std::atoi(number.substr(2).c_str());
        end = tokens[i + 1].lower == "(" ? i + 1 : i + 2;
        if (hour > 23 || minute > 59) hour = -1;
        if (hour >= 0) {
          char buffer[32];
          std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour, minute);
          out.push_back(TimeMention{Span{tokens[i].start, tokens[end - 1].end}, buffer});
          i = end - 1;
        }
        continue;
      }
      // "22h30", "22h": the 24-hour clock of French, Spanish and Portuguese wires.
      bool h_clock = colon == std::string::npos && number.size() <= 2 && suffix.size() >= 1 &&
                     suffix[0] == 'h' &&
                     (suffix.size() == 1 ||
                      (suffix.size() == 3 && std::isdigit(static_cast<unsigned char>(suffix[1])) &&
                       std::isdigit(static_cast<unsigned char>(suffix[2]))));
      // "at 22.30 last night" (the Turkish and British wires' dot): hour and minutes after a
      // clock preposition, not a decimal ("at 1.25 percent", "around 2.50 dollars").
      const LowerWord after_dot = i + 1 < tokens.size() ? tokens[i + 1].lower : LowerWord();
      const bool dot_clock =
          colon == std::string::npos && number.size() <= 2 && suffix.size() == 3 &&
          suffix[0] == '.' && std::isdigit(static_cast<unsigned char>(suffix[1])) &&
          std::isdigit(static_cast<unsigned char>(suffix[2])) && clock_preposition(i, false) &&
          !span_before(i) && after_dot != "percent" && after_dot != "%" && after_dot != "per" &&
          after_dot != "million" && after_dot != "billion" && after_dot != "dollars" &&
          after_dot != "km" && after_dot != "kilometres" && after_dot != "kilometers" &&
          after_dot != "metres" && after_dot != "meters" && after_dot != "miles" &&
          after_dot != "hours" && after_dot != "times";
      if (dot_clock) {
        h_clock = true;
        suffix = "h" + suffix.substr(1);
      }
      if (h_clock) {
        hour = std::atoi(number.c_str());
        minute = suffix.size() == 3 ? std::atoi(suffix.substr(1).c_str()) : 0;
        if (hour > 23 || minute > 59) hour = -1;
        suffix.clear();
      } else if (colon != std::string::npos) {
        hour = std::atoi(number.substr(0, colon).c_str());
        minute = std::atoi(number.substr(colon + 1).c_str());
        if (number.size() - colon - 1 != 2) hour = -1;
      } else if (number.size() <= 2) {
        hour = std::atoi(number.c_str());
        if (suffix.empty()) {
          // A bare number is a time only with a following am/pm.
          LowerWord next = i + 1 < tokens.size() ? tokens[i + 1].lower : LowerWord();
          // "23 h 30", "vers 8 h": French typography spaces the 24-hour clock's "h".
          const LowerWord after = i + 2 < tokens.size() ? tokens[i + 2].lower : LowerWord();
          const bool minutes = after.size() == 2 &&
                               std::isdigit(static_cast<unsigned char>(after[0])) &&
                               std::isdigit(static_cast<unsigned char>(after[1]));
          if (next == "a.m" || next == "am" || next == "p.m" || next == "pm") {
            suffix = next;
            end = i + 2;
          } else if (next == "h" && hour <= 23 && (!minutes || std::atoi(after.c_str()) <= 59) &&
                     (minutes || clock_preposition(i, false))) {
            minute = minutes ? std::atoi(after.c_str()) : 0;
            end = minutes ? i + 3 : i + 2;
            h_clock = true;
          } else if ((next == "hours" || next == "heures" || next == "horas") && hour <= 23 &&
                     clock_preposition(i, hour < 13) && !span_before(i) && after != "later" &&
                     after != "ago" && after != "after" && after != "before" &&
                     after != "earlier") {
            // "vers 21 heures", "a las 21 horas" (glossed "toward 21 hours", "at 21 hours"): the
            // hour of the 24-hour clock; "for about 3 hours", "around 10 hours later" are spans,
            // and after "around" or "about" only an afternoon or evening hour is a time
            // ("hacia las 22 horas"; "on alert around 6 hours" is a span).
            end = i + 2;
            h_clock = true;
          } else if (next == "local" && after == "time" && hour <= 23 &&
                     clock_preposition(i, false) && !span_before(i)) {
            // "around 17 local time" (the gloss of "hacia las 17 hora local"): an hour of the
            // 24-hour clock that its zone makes a time of day.
            end = i + 1;
            h_clock = true;
          } else {
            hour = -1;
          }
        }
      }
      if (!h_clock && hour >= 0 && suffix.empty() && i + 1 < tokens.size()) {
        const LowerWord& next = tokens[i + 1].lower;
        if (next == "a.m" || next == "am" || next == "p.m" || next == "pm") {
          suffix = next;
          end = i + 2;
        } else if (colon != std::string::npos) {
          if (LowerWord spaced = spaced_meridiem(i + 1); !spaced.empty()) {
            suffix = spaced;
            end = i + 4;
          } else if (next == "at" && i + 2 < tokens.size() && tokens[i + 2].lower == "night" &&
                     (hour >= 7 || hour == 12)) {
            // "11:30 at night" (the gloss of "الساعة ١١:٣٠ ليلاً"); "12:30 at night" is after
            // midnight, "2:00 at night" stays as written.
            suffix = hour == 12 ? "a.m" : "p.m";
            end = i + 3;
          } else if (hour >= 1 && hour <= 11) {
            // "at 7:30 from this evening" (the gloss of "السابعة والنصف من مساء اليوم"), "at 5:40
            // on Tuesday afternoon": the part of the day named just after.
            for (std::size_t k = i + 1; k < tokens.size() && k <= i + 9 && tokens[k].word; ++k) {
              const LowerWord& w = tokens[k].lower;
              // "at 10:30 from Friday night" (the gloss of "العاشرة والنصف من ليلة الجمعة"): the
              // evening hours of the night; its small hours stay as written.
              if (w == "evening" || w == "afternoon" || (w == "night" && hour >= 7)) {
                suffix = "p.m";
                break;
              }
              // Only "on Tuesday", "this", "from this", "in the", "of": not "and again that
              // evening".
              // Across minutes in words: "at 11:00 and forty minute from Tuesday evening".
              if (w != "on" && w != "this" && w != "from" && w != "the" && w != "in" && w != "of" &&
                  w != "yesterday" && w != "minute" && w != "minutes" && !weekday_number(w) &&
                  // "at 11:00 and forty minute at night" (the gloss of "الحادية عشرة وأربعين
                  // دقيقة ليلاً").
                  !(w == "at" && k + 1 < tokens.size() && tokens[k + 1].lower == "night") &&
                  !(w == "minus" || (tokens[k - 1].lower == "minus" && parse_number(w)) ||
                    (tokens[k - 1].lower == "minus" && w == "a") ||
                    (tokens[k - 1].lower == "a" && (w == "quarter" || w == "third"))) &&
                  !(w == "and" && k + 1 < tokens.size() && parse_number(tokens[k + 1].lower)) &&
                  !(parse_number(w) && tokens[k - 1].lower == "and"))
                break;
            }
          }
        }
      }
      if (!suffix.empty() && suffix != "a.m" && suffix != "am" && suffix != "p.m" && suffix != "pm")
        hour = -1;
      // "20:58 pm": a 24-hour clock with a redundant pm.
      if (colon != std::string::npos && hour >= 13 && hour <= 23 &&
          (suffix == "pm" || suffix == "p.m"))
        suffix.clear();
      if (hour > 23 || minute > 59 || (!suffix.empty() && (hour > 12 || hour == 0))) hour = -1;
      if (!h_clock && hour >= 0 && colon == std::string::npos && suffix.empty()) hour = -1;
    }
    if (hour < 0) continue;
    // "at 1:00 and five minutes" (the gloss of "الواحدة وخمس دقائق"): the minutes in words.
    // Not "at 9pm and 40 minutes later" ("and twenty minutes after midnight" is the time).
    // "and five and thirty minutes" (the gloss of "وخمس وثلاثين دقيقة"): units before tens.
    if (minute == 0 && end + 4 < tokens.size() && tokens[end].lower == "and" &&
        tokens[end + 2].lower == "and" &&
        (tokens[end + 4].lower == "minutes" || tokens[end + 4].lower == "minute"))
      if (const auto units = parse_number(tokens[end + 1].lower),
          tens = parse_number(tokens[end + 3].lower);
          units && tens && *units < 10 && *tens >= 20 && *tens % 10 == 0 && *units + *tens < 60) {
        minute = static_cast<int>(*units + *tens);
        end += 5;
      }
    const LowerWord after_minutes = end + 3 < tokens.size() ? tokens[end + 3].lower : LowerWord();
    if (minute == 0 && end + 2 < tokens.size() && tokens[end].lower == "and" &&
        (tokens[end + 2].lower == "minutes" || tokens[end + 2].lower == "minute") &&
        after_minutes != "later" && after_minutes != "earlier" && after_minutes != "ago" &&
        !((after_minutes == "after" || after_minutes == "before") && end + 4 < tokens.size() &&
          tokens[end + 4].lower != "midnight" && tokens[end + 4].lower != "noon"))
      if (const auto extra = parse_number(tokens[end + 1].lower); extra && *extra < 60) {
        minute = static_cast<int>(*extra);
        end += 3;
      }
    // "at 11:00 minus five minutes" (the gloss of Arabic "الحادية عشرة إلا خمس دقائق"), "minus a
    // quarter": minutes before the hour.
    if (minute == 0 && hour >= 1 && end + 2 < tokens.size() && tokens[end].lower == "minus") {
      int before = 0;
      if (tokens[end + 1].lower == "a" &&
          (tokens[end + 2].lower == "quarter" || tokens[end + 2].lower == "third"))
        before = tokens[end + 2].lower == "quarter" ? 15 : 20;
      else if (const auto n = parse_number(tokens[end + 1].lower);
               n && *n > 0 && *n < 60 &&
               (tokens[end + 2].lower == "minutes" || tokens[end + 2].lower == "minute"))
        before = static_cast<int>(*n);
      if (before > 0) {
        hour -= 1, minute = 60 - before;
        end += 3;
      }
    }
    // "at 10:00 and forty minutes pm" (the gloss of "العاشرة وأربعين دقيقة مساءً"): the half of
    // the day after the minutes told in words.
    if (suffix.empty() && end >= 1 && end < tokens.size() && hour >= 1 && hour <= 12 &&
        (tokens[end - 1].lower == "minutes" || tokens[end - 1].lower == "minute")) {
      const auto& w = tokens[end].lower;
      if (w == "pm" || w == "p.m" || w == "am" || w == "a.m") suffix = w, ++end;
    }
    bool pm = suffix == "p.m" || suffix == "pm";
    bool am = suffix == "a.m" || suffix == "am";
    if (pm && hour < 12) hour += 12;
    if (am && hour == 12) hour = 0;
    if (end < tokens.size() && tokens[end].lower == ".") ++end;
    LowerWord next = end < tokens.size() ? tokens[end].lower : LowerWord();
    std::optional<int> written_universal;
    // "(22.45 and 23.15 GMT)": the zone after the second time is the first one's too.
    const bool paired = next == "and" && universal_zone(tokens, end + 2);
    if (universal_zone(tokens, end) || paired) {
      written_universal = ((hour + 24) % 24) * 60 + minute;
      hour = (hour + utc_offset_hours + 24) % 24;
      if (!paired) ++end;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour, minute);
    out.push_back(
        TimeMention{Span{tokens[i].start, tokens[end - 1].end}, buffer, written_universal});
    i = end - 1;
  }
  return out;
}

}  // namespace sitrep::text
