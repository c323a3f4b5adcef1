// Text: sentences, tokens, number words, and date/time expressions. Pure functions over the
// clean text; every span indexes that text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date_clue.h"
#include "core/document.h"

namespace sitrep::text {

struct Sentence {
  Span span;
  std::size_t paragraph = 0;  // index of the paragraph ("\n\n"-separated block)
  std::size_t index = 0;      // index of the sentence in the document
  bool quoted = false;        // inside an embedded post or other quoted material
  bool heading = false;       // a paragraph with no sentence-final punctuation (headline, subhead)
};

// Splits paragraphs into sentences. Knows common abbreviations ("U.S.", "Gen.", "a.m.", "Sept.")
// and does not split inside quotes that end with the sentence.
std::vector<Sentence> split_sentences(const CleanText& clean_text);

// A token's lower-case form: a std::string, compared with a string literal by length first
// (std::string's own operator== calls memcmp for every literal: ~6 % of extraction time went
// to the extractor's `t.lower == "word"` tests).
struct LowerWord : std::string {
  using std::string::string;
  LowerWord() = default;
  LowerWord(std::string s) : std::string(std::move(s)) {}
  template <std::size_t N>
  friend bool operator==(const LowerWord& a, const char (&literal)[N]) {
    return a.size() == N - 1 && std::char_traits<char>::compare(a.data(), literal, N - 1) == 0;
  }
};

struct Token {
  std::size_t start = 0, end = 0;  // offsets into the text passed to tokenize()
  LowerWord lower;                 // ASCII-lowercased form
  bool capitalized = false;        // a name's start: an uppercase letter, or "al-" before one
  bool word = false;               // letters/digits (else punctuation)
};

// Words (letters, digits, inner ' . - ,digit) and single punctuation marks.
std::vector<Token> tokenize(std::string_view text);

// "14", "1,200", "two", "twenty-one", "a dozen" (single token forms only: "dozen" -> 12;
// "dozens" is an amount, no count). Returns nullopt for anything else. "a"/"an" are NOT numbers
// here: the extractor decides when an article counts as one.
std::optional<int> parse_number(std::string_view lower_token);
// "first" -> 1, "second" -> 2 ... "tenth" -> 10.
std::optional<int> parse_ordinal(std::string_view lower_token);

using sitrep::DateClue;

// A calendar date written or implied in a sentence.
struct DateMention {
  Span span;                        // offsets into the sentence text
  std::optional<std::string> date;  // YYYY-MM-DD once resolved; nullopt when unresolvable
  bool relative = false;            // weekday / today / yesterday, resolved against published
  bool explicit_day = false;        // a month and day number were written
  DateClue clue;                    // the month, day and weekday written, resolved or not
};

// Finds date expressions in `sentence` and resolves them against `published` (YYYY-MM-DD or
// empty). Weekdays resolve to the latest such day on or before the published date, except the
// weekday of the day after it, which is that day (time zones: a New York Tuesday page on a
// Wednesday dawn in Baghdad; a week-old day would be "last Wednesday"); "Tuesday,
// September 10" takes the year from the published date. Without a published date, relative
// expressions stay unresolved.
// ASCII letters lowered, other bytes kept (place names, registry names).
std::string ascii_lower(std::string_view s);

std::vector<DateMention> find_dates(std::string_view sentence, std::string_view published);
// The same over the sentence's tokens (`tokenize(sentence)`), for a caller that has them.
std::vector<DateMention> find_dates(const std::vector<Token>& tokens, std::string_view published);

// A time of day: "about 4:15 a.m." -> "04:15", "11 pm local time" -> "23:00",
// "21:30 GMT" -> converted with `utc_offset_hours`.
struct TimeMention {
  Span span;
  std::string hhmm;  // local; a universal time is shifted by `utc_offset_hours`
  // A time written in GMT/UTC, as written (minutes after midnight): a reader that knows where
  // the attack was shifts it by that place's clock instead.
  std::optional<int> universal_minutes;
};
// `hhmm` of a universal time at a place `offset_minutes` from UTC.
std::string local_hhmm(int universal_minutes, int offset_minutes);
std::vector<TimeMention> find_times(std::string_view sentence, int utc_offset_hours = 3);
// The same over the sentence's tokens (`tokenize(sentence)`), for a caller that has them.
std::vector<TimeMention> find_times(const std::vector<Token>& tokens, int utc_offset_hours = 3);

// Date arithmetic on YYYY-MM-DD strings.
std::optional<long> days_from_civil(std::string_view ymd);  // days since 1970-01-01
// A month's number (1-12) from its lower-case name or abbreviation ("january", "jan", "sept").
std::optional<int> month_number(std::string_view lower_word);
std::string civil_from_days(long days);
int weekday(long days);  // 0 = Sunday
// Whether the day `days` (since 1970-01-01) has the clue's month, day and weekday.
bool matches(const DateClue& clue, long days);

// The year and month a page's address gives ("example.com/2020/12/rockets-hit-...",
// "/20221122..."): when a page carries no date, the address still says when it was filed.
struct YearMonth {
  int year = 0, month = 0;
};
std::optional<YearMonth> year_month_in_url(std::string_view url);

}  // namespace sitrep::text
