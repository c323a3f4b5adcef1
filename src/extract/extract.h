// Extraction: CleanText -> Report. Decides whether the article reports an in-scope attack,
// separates the main attack from background mentions and tallies, and fills every field with
// the sentence that supports it. Pure and thread-safe once constructed.
#pragma once

#include "core/document.h"
#include "core/report.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

class Extractor {
 public:
  explicit Extractor(const lexicon::Lexicon& lexicon) : lexicon_(lexicon) {}
  Report extract(const Document& document, const CleanText& clean_text) const;

 private:
  const lexicon::Lexicon& lexicon_;
};

}  // namespace sitrep::extract
