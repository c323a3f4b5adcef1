// Text parsers (src/text and the date helpers of src/ingest): sentences, tokens, number words,
// dates and times resolved against a published date, date arithmetic. The first line of the
// input is the published date, the rest the text.
#include <string>

#include "fuzz.h"
#include "ingest/text_util.h"
#include "text/text.h"

namespace {

void check_span(sitrep::Span span, std::size_t size, const char* what) {
  sitrep::fuzz::check(span.start <= span.end && span.end <= size, what);
}

void check_date(const std::string& date) {
  using namespace sitrep;
  fuzz::check(ingest::detail::is_iso_date(date), "a resolved date is a calendar date");
  const auto days = text::days_from_civil(date);
  fuzz::check(days.has_value() && text::civil_from_days(*days) == date, "date round trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  const std::string_view input = fuzz::bytes_of(data, size);
  const std::size_t newline = input.find('\n');
  const std::string_view first = input.substr(0, newline);
  const std::string_view rest = newline == std::string_view::npos ? "" : input.substr(newline + 1);

  // The published date as the sources give it (RFC 822, ISO 8601, "September 10, 2024").
  const std::string published = ingest::detail::date_only(first);
  if (!published.empty()) check_date(published);
  const bool iso = ingest::detail::is_iso_date(first);
  if (iso) check_date(std::string(first));
  if (const auto days = text::days_from_civil(first)) {
    const int day = text::weekday(*days);
    fuzz::check(day >= 0 && day <= 6, "weekday in 0..6");
  }
  std::string stripped(input);
  const ingest::detail::DateLine line = ingest::detail::strip_date_line(stripped);
  fuzz::check(line.date.empty() || line.month.empty(), "a date line gives a date or a month");
  if (!line.date.empty()) check_date(line.date);
  if (!line.month.empty()) check_date(line.month + "-01");

  CleanText clean;
  clean.text = std::string(rest);
  for (const auto& sentence : text::split_sentences(clean)) {
    check_span(sentence.span, clean.text.size(), "sentence inside the text");
    const std::string_view s =
        std::string_view(clean.text).substr(sentence.span.start, sentence.span.size());
    for (const auto& token : text::tokenize(s)) {
      check_span({token.start, token.end}, s.size(), "token inside the sentence");
      (void)text::parse_number(token.lower);
      (void)text::parse_ordinal(token.lower);
    }
    for (const auto& mention : text::find_dates(s, iso ? first : std::string_view(published))) {
      check_span(mention.span, s.size(), "date inside the sentence");
      if (mention.date) check_date(*mention.date);
    }
    for (const int offset : {3, 0, -14, 14}) {
      for (const auto& mention : text::find_times(s, offset)) {
        check_span(mention.span, s.size(), "time inside the sentence");
        const std::string& t = mention.hhmm;
        fuzz::check(t.size() == 5 && t[2] == ':' && t.substr(0, 2) <= "23" && t.substr(3) <= "59",
                    "a time is HH:MM");
      }
    }
  }
  return 0;
}
