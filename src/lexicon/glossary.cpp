#include "lexicon/glossary.h"

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/tsv.h"

namespace sitrep::lexicon {

using namespace detail;

namespace {

// ---------------------------------------------------------------------------------------------
// Folding

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == '-' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         (cp >= 0x2010 && cp <= 0x2015);
}

// Quotation marks that fold to '"' (and, with quoted_names, separate words).
bool is_double_quote(char32_t cp) {
  return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB ||
         cp == 0x2039 || cp == 0x203A;
}

// Marks with no letter value: tatweel, Arabic diacritics, zero-width joiners and direction marks.
bool is_ignorable(char32_t cp) {
  return cp == 0x0640 || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
         (cp >= 0x200B && cp <= 0x200F) || cp == 0x061C || cp == 0xFEFF;
}

bool is_apostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x02BE ||
         cp == 0x02BF || cp == '`' || cp == 0xB4;
}

// What a code point reads as in the gloss whatever the language: Eastern Arabic and Persian
// digits as ASCII digits, Arabic punctuation as ASCII punctuation. Empty: unchanged.
std::string_view plain_form(char32_t cp) {
  static constexpr std::string_view kDigits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  if (cp >= 0x0660 && cp <= 0x0669) return kDigits[cp - 0x0660];
  if (cp >= 0x06F0 && cp <= 0x06F9) return kDigits[cp - 0x06F0];
  switch (cp) {
    case 0x060C:
      return ",";  // Arabic comma
    case 0x061B:
      return ";";  // Arabic semicolon
    case 0x061F:
      return "?";  // Arabic question mark
    case 0x066B:
      return ".";  // Arabic decimal separator
    case 0x066C:
      return ",";  // Arabic thousands separator
    case 0x06D4:
      return ".";  // Arabic full stop
    default:
      return {};
  }
}

// The folded letter of an Arabic code point (alef and hamza forms, ta marbuta, alef maqsura), or 0.
// A hamza's seat varies with the writer ("مسئولية" in Egyptian and Sudanese papers, "مسؤولية"
// elsewhere): hamza on waw and on ya fold to the bare hamza.
char32_t arabic_fold(char32_t cp) {
  switch (cp) {
    case 0x0624:
    case 0x0626:
      return 0x0621;  // ؤ ئ -> ء
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
      return 0x0627;  // آ أ إ ٱ -> ا
    case 0x0629:
      return 0x0647;  // ة -> ه
    case 0x0649:
      return 0x064A;  // ى -> ي
    default:
      return 0;
  }
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Folded {
  std::string text;
  std::vector<std::uint32_t> origin;  // per folded byte, its source offset; plus the end
};

// A byte of a word in folded text: ASCII letters and digits, and every non-ASCII byte (folding
// turned the punctuation that matters into ASCII, so what is left are letters of other scripts).
bool is_word_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || u >= 0x80;
}

bool is_arabic_letter(char32_t cp) {
  return cp >= 0x0621 && cp <= 0x064A;
}

// The Arabic article at s[i] of a word: "ال" followed by at least three more letters (so "الى",
// "الذي", "الله" keep theirs). Returns its length in bytes, else 0.
std::size_t arabic_article_at(std::string_view s, std::size_t i) {
  if (s.substr(i, 4) != "\xD8\xA7\xD9\x84") return 0;  // ا ل
  std::size_t letters = 0;
  for (std::size_t k = i + 4; k < s.size() && letters < 3;) {
    char32_t cp = 0;
    std::size_t n = decode_utf8(s, k, cp);
    if (n == 0) break;
    if (is_arabic_letter(cp))
      ++letters;
    else if (!is_ignorable(cp))
      break;
    k += n;
  }
  return letters >= 3 ? 4 : 0;
}

// Whether the folded text ends with one or two Arabic proclitics that make up a whole word
// ("ب", "وب"): written against a number ("ب3 صواريخ", "و30 هجوما") they are a word of their own.
bool ends_with_lone_proclitics(const std::string& folded) {
  static constexpr std::string_view kProclitics[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84",
                                                     "\xD9\x83"};  // و ف ب ل ك
  std::size_t end = folded.size(), letters = 0;
  while (letters < 2 && end >= 2 &&
         std::find(std::begin(kProclitics), std::end(kProclitics),
                   std::string_view(folded).substr(end - 2, 2)) != std::end(kProclitics)) {
    end -= 2;
    ++letters;
  }
  return letters > 0 && (end == 0 || !is_word_byte(folded[end - 1]));
}

// `quotes_split`: a double quote separates words like a space (see affixes.tsv "quoted_names").
// `strip_article`: drop the Arabic article at the start of every word, so a phrase matches with
// or without it ("السفارة الأمريكية" = "سفارة أمريكية"); after a proclitic it is a prefix.
Folded fold(std::string_view s, bool with_origin, bool strip_article = false,
            bool quotes_split = false) {
  Folded out;
  out.text.reserve(s.size());
  if (with_origin) out.origin.reserve(s.size() + 1);
  // A dropped article belongs to the word after it: that word's first byte maps to the article.
  std::optional<std::size_t> article_start;
  auto put = [&](std::string_view bytes, std::size_t from) {
    if (article_start && !bytes.empty()) {
      from = *article_start;
      article_start.reset();
    }
    out.text.append(bytes);
    if (with_origin) out.origin.insert(out.origin.end(), bytes.size(), static_cast<uint32_t>(from));
  };
  for (std::size_t i = 0; i < s.size();) {
    if (strip_article && (out.text.empty() || !is_word_byte(out.text.back()))) {
      if (std::size_t article = arabic_article_at(s, i)) {
        article_start = i;
        i += article;
        continue;
      }
    }
    char32_t cp = 0;
    std::size_t n = decode_utf8(s, i, cp);
    if (n == 0) {
      put("?", i);
      ++i;
      continue;
    }
    std::string buffer;
    if (is_space(cp)) {
      if (out.text.empty() || (out.text.back() != ' ' && out.text.back() != '\n')) put(" ", i);
    } else if (is_ignorable(cp)) {
      // nothing
    } else if (is_apostrophe(cp)) {
      put("'", i);
    } else if (quotes_split && is_double_quote(cp)) {
      // A quote inside a name ("كتائب «حزب الله»") separates words like a space, so the name's
      // phrase still matches; gloss() keeps the quotes balanced.
      if (out.text.empty() || (out.text.back() != ' ' && out.text.back() != '\n')) put(" ", i);
    } else if (is_double_quote(cp) && cp != '"') {
      put("\"", i);
    } else if (std::string_view plain = plain_form(cp); !plain.empty()) {
      if (plain[0] >= '0' && plain[0] <= '9' && ends_with_lone_proclitics(out.text)) put(" ", i);
      put(plain, i);
    } else if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= '0' && c <= '9' && ends_with_lone_proclitics(out.text)) put(" ", i);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      put(std::string_view(&c, 1), i);
    } else if (char base = latin_base(cp)) {
      put(std::string_view(&base, 1), i);
    } else if (char32_t folded = arabic_fold(cp)) {
      append_utf8(buffer, folded);
      put(buffer, i);
    } else {
      put(s.substr(i, n), i);
    }
    i += n;
  }
  if (with_origin) out.origin.push_back(static_cast<std::uint32_t>(s.size()));
  return out;
}

struct Pattern {
  int entry;           // gloss row
  std::size_t length;  // bytes of the folded literal
};

struct RawMatch {
  std::size_t start, end;            // the phrase, in folded bytes
  std::size_t word_start, word_end;  // with the clitics around it
  int entry;
};

// Whether the match's first word carries the Arabic article: folded away at the word's start
// (its first byte maps back to the article) or read as a proclitic after another ("والأحد").
bool has_article(std::string_view text, const Folded& folded, const RawMatch& m) {
  const std::size_t origin = folded.origin[m.start];
  if (origin < text.size() && arabic_article_at(text, origin) > 0) return true;
  return std::string_view(folded.text)
      .substr(m.word_start, m.start - m.word_start)
      .ends_with("\xD8\xA7\xD9\x84");
}

// Reads `run` as a sequence of up to three listed proclitics ("وبال" = و + ب + ال): the
// glosses of the parts joined, or nullopt when the run is not such a sequence.
std::optional<std::string> read_proclitics(
    std::string_view run, const std::unordered_map<std::string, std::string>& listed,
    int depth = 0) {
  if (run.empty()) return std::string();
  if (depth == 3) return std::nullopt;
  for (std::size_t n = run.size(); n > 0; --n) {
    auto part = listed.find(std::string(run.substr(0, n)));
    if (part == listed.end()) continue;
    if (auto rest = read_proclitics(run.substr(n), listed, depth + 1)) {
      if (part->second.empty()) return rest;
      return rest->empty() ? part->second : part->second + " " + *rest;
    }
  }
  return std::nullopt;
}

struct ScanContext {
  std::string_view text;
  const std::unordered_map<std::string, std::string>* prefixes;
  const std::unordered_set<std::string>* suffixes;
  const std::vector<Pattern>* patterns;  // by pattern id
  std::vector<RawMatch>* out;
};

int on_match(unsigned int id, unsigned long long, unsigned long long to, unsigned int,
             void* ctx_ptr) {
  auto* ctx = static_cast<ScanContext*>(ctx_ptr);
  std::string_view text = ctx->text;
  const Pattern& pattern = (*ctx->patterns)[id];
  auto end = static_cast<std::size_t>(to), start = end - pattern.length;
  // The clitics attached before and after must be ones the language allows ("و", "بال").
  std::size_t word_start = start, word_end = end;
  while (word_start > 0 && is_word_byte(text[word_start - 1])) --word_start;
  while (word_end < text.size() && is_word_byte(text[word_end])) ++word_end;
  if (word_start < start &&
      !read_proclitics(text.substr(word_start, start - word_start), *ctx->prefixes))
    return 0;
  // A phrase that ends in an elision ("près d'", "à proximité d'") is complete before the
  // word it is elided onto ("près d'Erbil").
  const bool elided = end > start && text[end - 1] == '\'';
  if (word_end > end && !elided &&
      !ctx->suffixes->count(std::string(text.substr(end, word_end - end))))
    return 0;
  if (elided) word_end = end;
  ctx->out->push_back(RawMatch{start, end, word_start, word_end, pattern.entry});
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

bool starts_upper(std::string_view text, std::size_t at) {
  char32_t cp = 0;
  if (at >= text.size() || decode_utf8(text, at, cp) == 0) return false;
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

// Whether `at` begins a line or follows a sentence's final punctuation.
bool opens_sentence(std::string_view text, std::size_t at) {
  std::size_t k = at;
  while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t')) --k;
  if (k == 0 || text[k - 1] == '\n') return true;
  char before = text[k - 1];
  if (before == '.' || before == '!' || before == '?') return true;
  return k >= 2 && text.substr(k - 2, 2) == "\xD8\x9F";  // Arabic question mark
}

}  // namespace

std::string fold_for_gloss(std::string_view text) {
  return fold(text, false).text;
}

Span Glossed::to_source(Span gloss) const {
  if (pieces.empty()) return {};
  auto piece_at = [&](std::size_t offset) {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), offset,
                               [](std::size_t o, const Piece& p) { return o < p.gloss_start; });
    return it == pieces.begin() ? pieces.begin() : std::prev(it);
  };
  const Piece& first = *piece_at(gloss.start);
  const Piece& last = *piece_at(gloss.end > gloss.start ? gloss.end - 1 : gloss.start);
  Span out;
  out.start =
      first.literal ? first.source_start + (gloss.start - first.gloss_start) : first.source_start;
  out.end = last.literal ? last.source_start + (gloss.end - last.gloss_start) : last.source_end;
  out.end = std::max(out.end, out.start);
  return out;
}

struct Glossary::Compiled {
  // Every phrase as a plain folded literal: literals compile fast and need no start-of-match
  // tracking. The database is built on first use, so a run that meets no article in this
  // language never pays for it.
  bool strip_article = false;
  bool quotes_split = false;  // affixes.tsv "quoted_names": the script marks names with quotes
  std::vector<std::string> literals;
  std::vector<Pattern> patterns;  // by literal
  std::once_flag compiled;
  hs_database_t* database = nullptr;
  const std::uint64_t id = next_database_id();  // for ThreadScratch::fits
  std::string compile_error;
  std::unordered_map<std::string, std::string> prefixes;  // proclitic -> what it reads as
  std::unordered_set<std::string> suffixes;
  ~Compiled() {
    if (database) hs_free_database(database);
  }
};

Glossary::Glossary() : compiled_(std::make_unique<Compiled>()) {}
Glossary::Glossary(Glossary&&) noexcept = default;
Glossary& Glossary::operator=(Glossary&&) noexcept = default;
Glossary::~Glossary() = default;

Result<Glossary> Glossary::load(const std::filesystem::path& dir, std::string language) {
  Glossary glossary;
  glossary.language_ = std::move(language);
  Compiled& c = *glossary.compiled_;

  // affixes.tsv: kind (prefix | suffix | article | quoted_names), the affix, and for a prefix what
  // it reads as.
  if (std::filesystem::exists(dir / "affixes.tsv")) {
    auto file = read_tsv(dir / "affixes.tsv");
    if (!file) return std::unexpected(file.error());
    for (const Row& row : file->rows) {
      auto f = fields(*file, row, 2, 3, "kind, affix, gloss");
      if (!f) return std::unexpected(f.error());
      std::string affix = fold((*f)[1], false).text;
      if (affix.empty()) return row_error(*file, row, "empty affix");
      if ((*f)[0] == "prefix") {
        c.prefixes[affix] = std::string((*f)[2]);
      } else if ((*f)[0] == "suffix") {
        c.suffixes.insert(affix);
      } else if ((*f)[0] == "article") {
        // The Arabic article is folded away at the start of a word, in the table and in the
        // text; after a proclitic ("بال", "وال") it is one more proclitic.
        if (affix != "\xD8\xA7\xD9\x84") return row_error(*file, row, "the article must be ال");
        c.strip_article = true;
        c.prefixes.emplace(affix, "");
      } else if ((*f)[0] == "quoted_names") {
        // A caseless script marks names with quotes ("كتائب «حزب الله»"); French guillemets
        // quote words ("une « attaque »") and stay word boundaries for phrases.
        if ((*f)[1] != "yes") return row_error(*file, row, "quoted_names takes 'yes'");
        c.quotes_split = true;
      } else {
        return row_error(*file, row, "kind must be prefix, suffix, article or quoted_names");
      }
    }
  }

  auto file = read_tsv(dir / "gloss.tsv");
  if (!file) return std::unexpected(file.error());
  struct Seen {
    std::size_t line;
    Applies applies;
    bool paired = false;
  };
  std::unordered_map<std::string, Seen> seen;  // folded phrase -> its first row
  for (const Row& row : file->rows) {
    auto f = fields(*file, row, 1, 3, "phrase, gloss, flags");
    if (!f) return std::unexpected(f.error());
    std::string phrase = fold((*f)[0], false, c.strip_article, c.quotes_split).text;
    while (!phrase.empty() && phrase.back() == ' ') phrase.pop_back();
    if (phrase.empty() || phrase.front() == ' ') return row_error(*file, row, "empty phrase");
    if (phrase.find('\n') != std::string::npos) return row_error(*file, row, "phrase spans lines");
    std::string key;
    for (std::string_view word : split(phrase, ' '))
      if (!word.empty()) key += (key.empty() ? "" : " ") + std::string(word);
    const std::string_view flags = f->size() > 2 ? std::string_view((*f)[2]) : std::string_view();
    Applies applies = Applies::kAnywhere;
    if (flags == "name_particle")
      applies = Applies::kNameParticle;
    else if (flags == "article" || flags == "bare")
      applies = flags == "article" ? Applies::kWithArticle : Applies::kBare;
    else if (!flags.empty())
      return row_error(*file, row,
                       "unknown flag '" + std::string(flags) + "' (name_particle, article, bare)");
    if ((applies == Applies::kWithArticle || applies == Applies::kBare) && !c.strip_article)
      return row_error(*file, row, "'article' and 'bare' need the article in affixes.tsv");
    // A phrase is listed once, or twice as the article's and the bare form's.
    auto [at, fresh] = seen.emplace(key, Seen{row.line, applies});
    if (!fresh) {
      const bool pair =
          (at->second.applies == Applies::kWithArticle && applies == Applies::kBare) ||
          (at->second.applies == Applies::kBare && applies == Applies::kWithArticle);
      if (!pair || at->second.paired)
        return row_error(*file, row,
                         "phrase '" + std::string((*f)[0]) + "' repeats line " +
                             std::to_string(at->second.line) +
                             (applies == Applies::kWithArticle || applies == Applies::kBare
                                  ? " (one 'article' and one 'bare' row may share a phrase)"
                                  : ""));
      at->second.paired = true;
    }
    c.patterns.push_back(Pattern{static_cast<int>(glossary.glosses_.size()), key.size()});
    c.literals.push_back(std::move(key));
    glossary.glosses_.emplace_back((*f)[1]);
    glossary.applies_.push_back(applies);
  }
  if (c.literals.empty()) return invalid_input(file->path + ": no phrases");
  return glossary;
}

Result<void> Glossary::prepare() const {
  Compiled& c = *compiled_;
  std::call_once(c.compiled, [&c, this] {
    std::vector<const char*> expressions;
    std::vector<std::size_t> lengths;
    std::vector<unsigned> flags(c.literals.size(), 0), ids;
    for (std::size_t i = 0; i < c.literals.size(); ++i) {
      expressions.push_back(c.literals[i].data());
      lengths.push_back(c.literals[i].size());
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                             static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                             &c.database, &error) != HS_SUCCESS) {
      c.compile_error = "the '" + language_ + "' glossary cannot be compiled";
      if (error) {
        c.compile_error += std::string(": ") + error->message;
        hs_free_compile_error(error);
      }
      c.database = nullptr;
    }
  });
  if (!c.database) return fail(Error::Kind::kInternal, c.compile_error);
  return {};
}

Glossed Glossary::gloss(std::string_view text) const {
  Glossed out;
  const Folded folded = fold(text, true, compiled_->strip_article, compiled_->quotes_split);
  std::vector<RawMatch> raw;
  if (prepare() && !folded.text.empty() && folded.text.size() < UINT32_MAX) {
    thread_local ThreadScratch tls;
    if (tls.ready(compiled_->database, compiled_->id)) {
      ScanContext ctx{folded.text, &compiled_->prefixes, &compiled_->suffixes, &compiled_->patterns,
                      &raw};
      hs_scan(compiled_->database, folded.text.data(), static_cast<unsigned>(folded.text.size()), 0,
              tls.scratch, on_match, &ctx);
    }
  }
  // Leftmost, then longest; a phrase inside a kept one is dropped.
  std::sort(raw.begin(), raw.end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return a.entry < b.entry;
  });

  std::size_t source = 0;     // next source byte to copy
  bool glossed_last = false;  // the last thing written was a gloss (a word boundary follows)
  auto add_piece = [&](std::string_view bytes, std::size_t from, std::size_t to, bool literal) {
    std::size_t at = out.text.size();
    out.text.append(bytes);
    if (literal && !out.pieces.empty() && out.pieces.back().literal &&
        out.pieces.back().gloss_end == at && out.pieces.back().source_end == from) {
      out.pieces.back().gloss_end = out.text.size();
      out.pieces.back().source_end = to;
      return;
    }
    out.pieces.push_back({at, out.text.size(), from, to, literal});
  };
  // A gloss stands apart from the words around it, except across a hyphen ("pro-Irán" ->
  // "pro-Iran", "al-Harir").
  auto separate = [&](std::size_t at) {
    if (!out.text.empty() && out.text.back() != ' ' && out.text.back() != '\n' &&
        out.text.back() != '-')
      add_piece(" ", at, at, false);
  };
  auto copy_until = [&](std::size_t until) {
    while (source < until) {
      char32_t cp = 0;
      std::size_t n = decode_utf8(text, source, cp);
      if (n == 0) n = 1, cp = 0xFFFD;
      std::string_view plain = plain_form(cp);
      bool wordish = cp > 0x7F ? !is_ignorable(cp) && (plain.empty() || is_word_byte(plain[0]))
                               : is_word_byte(static_cast<char>(cp | 0x20));
      if (glossed_last && wordish) separate(source);
      if (!is_ignorable(cp)) glossed_last = false;
      if (!plain.empty())
        add_piece(plain, source, source + n, false);
      else if (is_ignorable(cp))
        add_piece("", source, source + n, false);
      else
        add_piece(text.substr(source, n), source, source + n, true);
      source += n;
    }
  };
  // A name particle is part of a name when hyphened to the next word ("al-Harir", "Al-Asad"),
  // when written with a capital inside a sentence before a capitalised word ("la base de Al
  // Asad"), or when it stands between two capitalised words ("Ahrar al Irak"). The Spanish
  // contraction "al" is never hyphened and takes a capital only at a sentence's start.
  auto inside_name = [&](std::size_t from, std::size_t to) {
    if (to < text.size() && text[to] == '-') return true;
    std::size_t after = to;
    while (after < text.size() && text[after] == ' ') ++after;
    if (after == to || !starts_upper(text, after)) return false;
    if (starts_upper(text, from)) return !opens_sentence(text, from);
    std::size_t before = from;
    while (before > 0 && text[before - 1] == ' ') --before;
    if (before == from || before == 0) return false;
    std::size_t word = before;
    while (word > 0 && text[word - 1] != ' ' && text[word - 1] != '\n') --word;
    return starts_upper(text, word);
  };
  std::size_t kept_end = 0;
  for (const RawMatch& m : raw) {
    if (m.word_start < kept_end) continue;
    std::size_t from = folded.origin[m.word_start], to = folded.origin[m.word_end];
    const Applies applies = applies_[m.entry];
    if (applies == Applies::kNameParticle && inside_name(from, to)) continue;
    // A word hyphened on both sides is inside a compound name ("Port-au-Prince",
    // "Aix-en-Provence"), not the word it spells alone.
    if (from > 0 && text[from - 1] == '-' && to < text.size() && text[to] == '-') continue;
    // The Arabic article comes after a word's proclitics, never before them: "الباب" (al-Bab)
    // and "والباب" (and al-Bab) are no "ب" + "آب" (with August).
    if (m.word_start < m.start) {
      if (arabic_article_at(text, folded.origin[m.word_start]) > 0) continue;
      const std::string_view run =
          std::string_view(folded.text).substr(m.word_start, m.start - m.word_start);
      const std::size_t article = run.find("\xD8\xA7\xD9\x84");  // ا ل
      if (article != std::string_view::npos && article + 4 < run.size()) continue;
    }
    if ((applies == Applies::kWithArticle || applies == Applies::kBare) &&
        has_article(text, folded, m) != (applies == Applies::kWithArticle))
      continue;
    // A phrase that crosses a quote holds a whole quoted name, and takes both its quotes: one
    // that swallowed the opening quote of a name ends with it and takes its closing quote too;
    // one that began inside the quotation ("«المقاومة الإسلامية» في العراق") takes the opening
    // quote before it. One that would leave a quote unpaired ("فصائل «المقاومة الإسلامية في
    // العراق»" read as "factions of the resistance" up to the middle of the name) is no match,
    // and a phrase inside the name is.
    if (compiled_->quotes_split) {
      int quotes = 0;
      for (std::size_t k = from; k < to;) {
        char32_t cp = 0;
        std::size_t n = decode_utf8(text, k, cp);
        if (n == 0) break;
        quotes += is_double_quote(cp) ? 1 : 0;
        k += n;
      }
      if (quotes % 2 == 1) {
        std::size_t at = to;
        while (at < text.size() && text[at] == ' ') ++at;
        char32_t next = 0;
        std::size_t n = at < text.size() ? decode_utf8(text, at, next) : 0;
        if (n > 0 && is_double_quote(next)) {
          to = at + n;
        } else {
          std::size_t before = from;
          while (before > 0 && text[before - 1] == ' ') --before;
          std::size_t start = before;  // the start of the code point before
          while (start > 0 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) --start;
          if (start == 0) continue;
          --start;
          char32_t previous = 0;
          if (decode_utf8(text, start, previous) == 0 || !is_double_quote(previous)) continue;
          from = start;
        }
      }
    }
    kept_end = m.word_end;
    if (from < source) continue;
    copy_until(from);
    ++out.phrases;
    std::string words;
    if (m.word_start < m.start)
      words = read_proclitics(folded.text.substr(m.word_start, m.start - m.word_start),
                              compiled_->prefixes)
                  .value_or("");
    const std::string& gloss = glosses_[m.entry];
    if (!gloss.empty()) words += (words.empty() ? "" : " ") + gloss;
    // The sentence splitter wants a capital after a full stop: a gloss keeps the capital of the
    // word it replaces, and one that opens a sentence of a caseless script (Arabic) gets one.
    if (!words.empty() && words[0] >= 'a' && words[0] <= 'z' &&
        (starts_upper(text, from) || opens_sentence(text, from)))
      words[0] = static_cast<char>(words[0] - 'a' + 'A');
    if (!words.empty()) {
      separate(from);
      add_piece(words, from, to, false);
    } else {
      add_piece("", from, to, false);
    }
    source = to;
    glossed_last = !words.empty();
    // A name's acronym in brackets after it ("Force intérimaire des Nations unies au Liban
    // (Finul)", "... no Mali (MINUSMA)") says the name again: its gloss is dropped with it, so
    // the name reads as one ("the camp of the MINUSMA in Kidal").
    if (!gloss.empty()) {
      std::size_t open = to;
      while (open < text.size() && text[open] == ' ') ++open;
      const std::size_t close =
          open < text.size() && text[open] == '(' ? text.find(')', open) : std::string_view::npos;
      if (close != std::string_view::npos && close - open <= 24) {
        const std::string_view inner = text.substr(open + 1, close - open - 1);
        bool same = fold_for_gloss(inner) == fold_for_gloss(gloss);
        for (const RawMatch& r : raw)
          same = same || (folded.origin[r.word_start] == open + 1 &&
                          folded.origin[r.word_end] == close && glosses_[r.entry] == gloss);
        if (same) {
          add_piece("", to, close + 1, false);
          source = close + 1;
        }
      }
    }
  }
  copy_until(text.size());
  return out;
}

}  // namespace sitrep::lexicon
