// Reading the lexicon's data files: UTF-8 decoding, Latin letter folding and TSV rows whose
// errors name their file and line. Internal to src/lexicon (lexicon.cpp and glossary.cpp).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sitrep::lexicon::detail {

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// Decodes one UTF-8 sequence at s[i]; returns its length (0 when invalid) and the code point.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);
bool valid_utf8(std::string_view s);
// The lower-case ASCII base letter of a Latin letter with diacritics ('é' -> 'e'), else 0.
char latin_base(char32_t cp);

struct Row {
  std::size_t line;
  std::vector<std::string_view> fields;
};

struct TsvFile {
  std::string path;  // for messages
  // On the heap: the rows view into it, and a short file's bytes would sit in std::string's
  // inline buffer and move away with a moved TsvFile (found by fuzz/lexicon_fuzz.cpp).
  std::unique_ptr<const std::string> text;
  std::vector<Row> rows;
};

// Comment (#) and blank lines are skipped; fields are trimmed; invalid UTF-8 is an error.
Result<TsvFile> read_tsv(const std::filesystem::path& path);
std::unexpected<Error> row_error(const TsvFile& file, const Row& row, const std::string& what);
// Requires between min and max fields; missing trailing optional fields read as empty.
Result<std::vector<std::string_view>> fields(const TsvFile& file, const Row& row, std::size_t min,
                                             std::size_t max, const char* format);

}  // namespace sitrep::lexicon::detail
