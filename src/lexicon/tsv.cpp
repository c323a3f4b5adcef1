#include "lexicon/tsv.h"

#include <fstream>
#include <sstream>

namespace sitrep::lexicon::detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  while (true) {
    std::size_t at = s.find(sep, from);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(from));
      return parts;
    }
    parts.push_back(s.substr(from, at - from));
    from = at + 1;
  }
}

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when invalid) and the code point.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong forms, surrogates and out-of-range values.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t n = decode_utf8(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// Base ASCII letter of Latin letters with diacritics, generated from Unicode NFD
// ('?' = no ASCII base; the code point is kept as is).
constexpr std::string_view kLatin00C0 =
    "aaaaaaaceeeeiiiidnooooo?ouuuuytsaaaaaaaceeeeiiiidnooooo?ouuuuytyaaaaaaccccccccddddeeeeeeeeee"
    "gggggggghhhhiiiiiiiiii??jjkkkllllll??llnnnnnn?nnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyy"
    "zzzzzzs????????????????????????????????oo?????????????uu????????????????????????????aaiioouuu"
    "uuuuuuu?aaaa????ggkkoooo??j???gg??nnaa????aaaaeeeeiiiioooorrrruuuusstt??hh??????aaeeooooooooyy"
    "????????????????????????????";
constexpr std::string_view kLatin1E00 =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrr"
    "rrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy??????aaaaaaaaaaaaaaaaaaaaaaaaeeee"
    "eeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy??????";
static_assert(kLatin00C0.size() == 0x250 - 0xC0);
static_assert(kLatin1E00.size() == 0x100);

char latin_base(char32_t cp) {
  char base = 0;
  if (cp >= 0xC0 && cp < 0x250) base = kLatin00C0[cp - 0xC0];
  if (cp >= 0x1E00 && cp < 0x1F00) base = kLatin1E00[cp - 0x1E00];
  return base == '?' ? 0 : base;
}

Result<TsvFile> read_tsv(const std::filesystem::path& path) {
  TsvFile file;
  file.path = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::Kind::kNotFound, file.path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  file.text = std::make_unique<const std::string>(std::move(buffer).str());
  std::string_view text = *file.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  std::size_t line_no = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (!valid_utf8(line))
      return invalid_input(file.path + ":" + std::to_string(line_no) + ": invalid UTF-8");
    // A comment belongs on its own line: one run onto a row would become part of a phrase.
    if (content.find('#') != std::string_view::npos)
      return invalid_input(file.path + ":" + std::to_string(line_no) +
                           ": '#' inside a row (a comment goes on its own line)");
    Row row{line_no, split(line, '\t')};
    for (auto& field : row.fields) field = trim(field);
    file.rows.push_back(std::move(row));
  }
  return file;
}

std::unexpected<Error> row_error(const TsvFile& file, const Row& row, const std::string& what) {
  return invalid_input(file.path + ":" + std::to_string(row.line) + ": " + what);
}

// Requires between min and max fields; missing trailing optional fields read as empty.
Result<std::vector<std::string_view>> fields(const TsvFile& file, const Row& row, std::size_t min,
                                             std::size_t max, const char* format) {
  if (row.fields.size() < min || row.fields.size() > max)
    return row_error(file, row,
                     "expected " + std::to_string(min) +
                         (min == max ? "" : "-" + std::to_string(max)) + " tab-separated fields (" +
                         format + "), got " + std::to_string(row.fields.size()));
  std::vector<std::string_view> out = row.fields;
  out.resize(max);
  for (std::size_t i = 0; i < min; ++i)
    if (out[i].empty() && i == 0) return row_error(file, row, "empty first field");
  return out;
}

}  // namespace sitrep::lexicon::detail
