#include "ingest/text_util.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace sitrep::ingest::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return length;
}

int month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  const std::string lower = ascii_lower(name.substr(0, 3));
  for (std::size_t m = 0; m < kMonths.size(); ++m)
    if (lower == kMonths[m]) return static_cast<int>(m) + 1;
  return 0;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string format_date(int year, int month, int day) {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month))
    return "";
  char buffer[32];  // room for any int: GCC cannot see the day bound through days_in_month
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

}  // namespace

std::size_t repair_utf8(std::string& text) {
  std::size_t i = 0;
  // Fast path: most input is valid, so only copy once the first bad byte is seen.
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII, most of it: no call per byte
      ++i;
      continue;
    }
    const std::size_t length = valid_sequence_length(text, i);
    if (length == 0) break;
    i += length;
  }
  if (i == text.size()) return 0;
  std::string repaired(text, 0, i);
  repaired.reserve(text.size() + 16);
  std::size_t replaced = 0;
  while (i < text.size()) {
    const std::size_t length = valid_sequence_length(text, i);
    if (length == 0) {
      repaired += kReplacement;
      ++replaced;
      ++i;
      // Skip the continuation bytes of the same broken sequence.
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 &&
             valid_sequence_length(text, i) == 0)
        ++i;
    } else {
      repaired.append(text, i, length);
      i += length;
    }
  }
  text = std::move(repaired);
  return replaced;
}

std::string binary_reason(std::string_view bytes) {
  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos)
    return "binary content (NUL byte at offset " + std::to_string(nul) + ")";
  // Judge on a prefix: enough to tell a PDF or an image from text with a few bad bytes.
  const std::string_view sample = bytes.substr(0, 64 * 1024);
  std::size_t suspicious = 0;
  for (std::size_t i = 0; i < sample.size();) {
    const auto c = static_cast<unsigned char>(sample[i]);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
      ++suspicious;
      ++i;
      continue;
    }
    const std::size_t length = valid_sequence_length(sample, i);
    if (length == 0) {
      // A sequence cut by the sample boundary is not evidence of binary content.
      if (i + 4 < sample.size()) ++suspicious;
      ++i;
    } else {
      i += length;
    }
  }
  if (!sample.empty() && suspicious * 100 > sample.size() * 30)
    return "binary content (" + std::to_string(suspicious * 100 / sample.size()) +
           "% of the bytes are not text)";
  return "";
}

bool is_blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) continue;
    if (text.substr(i, 2) == "\xC2\xA0") {  // NBSP
      ++i;
      continue;
    }
    if (text.substr(i, 3) == "\xEF\xBB\xBF") {  // BOM
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

std::string normalize_typography(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if (b1 == 0x80) {
        if (b2 >= 0x98 && b2 <= 0x9B) {  // ‘ ’ ‚ ‛
          out += '\'';
          i += 2;
          continue;
        }
        if (b2 >= 0x9C && b2 <= 0x9F) {  // “ ” „ ‟
          out += '"';
          i += 2;
          continue;
        }
        if (b2 == 0xB2) {  // prime
          out += '\'';
          i += 2;
          continue;
        }
        if (b2 == 0xB3) {  // double prime
          out += '"';
          i += 2;
          continue;
        }
        if (b2 == 0xAF || b2 == 0x87 || (b2 >= 0x80 && b2 <= 0x8A)) {  // narrow/figure/other spaces
          out += ' ';
          i += 2;
          continue;
        }
        if (b2 == 0x8B || b2 == 0x8C || b2 == 0x8D) {  // zero-width space / (non-)joiner
          i += 2;
          continue;
        }
      }
    }
    if (c == 0xEF && text.substr(i, 3) == "\xEF\xBB\xBF") {  // BOM / zero-width no-break space
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string latin_lower(std::string_view text) {
  std::string out = ascii_lower(text);
  // UTF-8 C3 80..9E is U+00C0..U+00DE: À..Þ, whose lower case is 0x20 further (× at 0x97 has
  // none).
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    if (static_cast<unsigned char>(out[i]) == 0xC3) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string basename_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool is_iso_date(std::string_view text) {
  if (!(text.size() == 10 && all_digits(text.substr(0, 4)) && text[4] == '-' &&
        all_digits(text.substr(5, 2)) && text[7] == '-' && all_digits(text.substr(8, 2))))
    return false;
  const auto number = [&](std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

DateLine strip_date_line(std::string& text) {
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.compare(i, 4, "date") != 0) return {};
  std::size_t j = i + 4;
  if (j >= text.size() || (text[j] != ' ' && text[j] != '\t')) return {};
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
  // A month alone ("date 2022-11"): the first day of the month checks it.
  std::size_t length = 10;
  if (j + 7 <= text.size() && (j + 7 == text.size() || text[j + 7] != '-') &&
      is_iso_date(text.substr(j, 7) + "-01"))
    length = 7;
  if (j + length > text.size()) return {};
  std::string given = text.substr(j, length);
  if (length == 10 && !is_iso_date(given)) return {};
  std::size_t k = j + length;
  if (k < text.size() && !std::isspace(static_cast<unsigned char>(text[k]))) return {};
  while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
  text.erase(0, k);
  DateLine line;
  (length == 10 ? line.date : line.month) = std::move(given);
  return line;
}

std::string invalid_date_message(std::string_view published) {
  std::string shown(published.substr(0, 40));
  repair_utf8(shown);
  return "invalid \"published\" date '" + shown +
         "' (expected a calendar date YYYY-MM-DD or an RFC 822 date)";
}

std::string date_only(std::string_view text) {
  text = trim(text);
  if (text.size() >= 10 && is_iso_date(text.substr(0, 10))) return std::string(text.substr(0, 10));
  // Tokenize on spaces and commas: RFC 822 ("Tue, 10 Sep 2024 ...") or "September 10, 2024".
  std::string_view tokens[8];
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size() && count < 8) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',') ++i;
    if (i > start) tokens[count++] = text.substr(start, i - start);
  }
  for (std::size_t t = 0; t < count; ++t) {
    const int month = month_number(tokens[t]);
    if (month == 0 || all_digits(tokens[t])) continue;
    // "10 Sep 2024"
    if (t >= 1 && t + 1 < count && all_digits(tokens[t - 1]) && tokens[t - 1].size() <= 2 &&
        all_digits(tokens[t + 1]) && tokens[t + 1].size() == 4)
      return format_date(std::stoi(std::string(tokens[t + 1])), month,
                         std::stoi(std::string(tokens[t - 1])));
    // "Sep 10 2024"
    if (t + 2 < count && all_digits(tokens[t + 1]) && tokens[t + 1].size() <= 2 &&
        all_digits(tokens[t + 2]) && tokens[t + 2].size() == 4)
      return format_date(std::stoi(std::string(tokens[t + 2])), month,
                         std::stoi(std::string(tokens[t + 1])));
  }
  return "";
}

}  // namespace sitrep::ingest::detail
