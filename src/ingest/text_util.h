// Small text helpers shared by the ingest sources and the cleaner. Internal to src/ingest.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sitrep::ingest::detail {

// Replaces every invalid UTF-8 sequence with U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& text);

// Why a buffer is not text, or an empty string when it looks like text: NUL bytes, or mostly
// control characters and invalid UTF-8.
std::string binary_reason(std::string_view bytes);

bool is_blank(std::string_view text);

// Curly quotes to ASCII, no-break spaces to ' ', zero-width characters dropped. Dashes stay.
std::string normalize_typography(std::string_view text);

std::string_view trim(std::string_view text);
std::string ascii_lower(std::string_view text);
// ASCII and the Latin-1 capitals (À..Þ) lowered: "LEIA TAMBÉM" -> "leia também".
std::string latin_lower(std::string_view text);
std::string collapse_whitespace(std::string_view text);
std::string basename_of(std::string_view path);

// What a leading " date ..." line gave: a calendar date, or only the month the page was filed
// ("date 2022-11"); at most one of the two is set.
struct DateLine {
  std::string date;   // "YYYY-MM-DD", or ""
  std::string month;  // "YYYY-MM", or ""
};

// Strips a leading " date YYYY-MM-DD" or " date YYYY-MM" prefix and returns what it gave (both
// empty when there is none). The rest of that first line stays in `text`.
DateLine strip_date_line(std::string& text);

// "2024-09-10T..." or "Tue, 10 Sep 2024 14:00:00 GMT" or "September 10, 2024" to
// "YYYY-MM-DD"; "" when not understood or not a calendar date ("2024-13-45").
std::string date_only(std::string_view text);

// "invalid \"published\" date '2024-13-45' (expected YYYY-MM-DD or an RFC 822 date)".
std::string invalid_date_message(std::string_view published);

// A calendar date written YYYY-MM-DD (months 1-12, days within the month, leap years).
bool is_iso_date(std::string_view text);

}  // namespace sitrep::ingest::detail
