// Glossary: how sitrep reads a language other than English. data/lexicon/<lang>/gloss.tsv maps
// the language's phrases (weapons, attack verbs, numbers, months, site and group names ...) to
// the canonical English words the extraction readers know; affixes.tsv lists the clitics that
// may attach to a phrase (Arabic و ب ل ال ...). gloss() rewrites a text phrase by phrase,
// leftmost-longest, and passes every other word through unchanged, keeping a map from each
// byte of the gloss back to the original text, so evidence quotes the original sentence.
//
//   auto glossary = Glossary::load(data_dir / "lexicon" / "ar", "ar");   // Result<Glossary>
//   Glossed g = glossary->gloss(clean_text);   // "سقط صاروخان" -> "landed two rockets"
//   Span original = g.to_source(span_in_gloss);
//
// Matching folds case and Latin diacritics (é = e), collapses spaces and hyphens, and for
// Arabic folds alef and hamza forms, ta marbuta, alef maqsura, tatweel and diacritics, and
// reads Eastern Arabic and Persian digits as 0-9. Immutable after load; gloss() is thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/error.h"

namespace sitrep::lexicon {

struct Glossed {
  // A run of the gloss and the run of the original text it came from. `literal` runs were
  // copied byte for byte, so offsets inside them map one to one.
  struct Piece {
    std::size_t gloss_start = 0, gloss_end = 0;
    std::size_t source_start = 0, source_end = 0;
    bool literal = false;
  };
  std::string text;
  std::vector<Piece> pieces;  // in order, covering the gloss
  int phrases = 0;            // how many phrases were glossed

  // The original bytes a span of the gloss came from (whole pieces at the edges).
  Span to_source(Span gloss) const;
};

class Glossary {
 public:
  // Reads dir/gloss.tsv (required) and dir/affixes.tsv (optional). Errors name file and line.
  static Result<Glossary> load(const std::filesystem::path& dir, std::string language);

  Glossary(Glossary&&) noexcept;
  Glossary& operator=(Glossary&&) noexcept;
  ~Glossary();

  const std::string& language() const { return language_; }
  std::size_t size() const { return glosses_.size(); }
  // Compiles the matcher (once; gloss() calls it on first use). Thread-safe.
  Result<void> prepare() const;
  // The text read through the glossary; unchanged when the matcher cannot be compiled.
  Glossed gloss(std::string_view text) const;

 private:
  Glossary();
  struct Compiled;
  std::string language_;
  std::vector<std::string> glosses_;  // per gloss.tsv row
  // Per row, where the phrase applies (gloss.tsv's third column):
  //  - kNameParticle ("name_particle"): not inside a name (Spanish "al" is "to the", but "Ahrar
  //    al Irak", "al-Harir", "la base de Al Asad" are names);
  //  - kWithArticle / kBare ("article" / "bare"): only where the text's first word carries, or
  //    lacks, the Arabic article the matcher folds away. One phrase may have one row of each:
  //    "الأحد" is Sunday, "أحد الجرحى" one of the wounded; "الاثنين" Monday, "مدنيين اثنين" two.
  enum class Applies : std::uint8_t { kAnywhere, kNameParticle, kWithArticle, kBare };
  std::vector<Applies> applies_;
  std::unique_ptr<Compiled> compiled_;
};

// The matcher's folded form of a text (exposed for tests): see the header comment.
std::string fold_for_gloss(std::string_view text);

}  // namespace sitrep::lexicon
