// Extraction: CleanText -> Report. Decides whether the article reports an in-scope attack,
// separates the main attack from background mentions and tallies, and fills every field with
// the sentence that supports it. Pure and thread-safe once constructed.
//
//   auto model = extract::DetectModel::load_default(lexicon::Lexicon::default_data_dir());
//   extract::Extractor extractor(lexicon, *model);
//   Report report = extractor.extract(document, clean);
//   auto explained = extractor.explain(document, clean);  // the report and why
//
// The stages, each a plain function of the value before it (docs/EXTRACTION.md):
//   annotate()      sentences, tokens, lexicon hits, dates, times, own roles   (annotate.h)
//   find_events()   the main attack and the others, by site and day            (events.h)
//   read_*()        one reader per field, from the main event's sentences     (readers.h)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/report.h"
#include "extract/detect.h"
#include "extract/scope.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

struct Explained {
  Report report;
  std::vector<std::string> trace;  // one line per sentence, then the decision
};

// The text the readers see: an English (or undetermined) article as it is; an article in a
// language with a glossary (data/lexicon/<lang>/) as its gloss, which keeps the map back to the
// original words. `clean` must outlive it.
class ReadingText {
 public:
  // nullopt: sitrep does not read this language.
  static std::optional<ReadingText> of(const CleanText& clean, const lexicon::Lexicon& lexicon);
  const CleanText& text() const { return glossed_ ? gloss_ : *original_; }
  const std::optional<lexicon::Glossed>& glossed() const { return glossed_; }

 private:
  const CleanText* original_ = nullptr;
  CleanText gloss_;
  std::optional<lexicon::Glossed> glossed_;
};

class Extractor {
 public:
  Extractor(const lexicon::Lexicon& lexicon, DetectModel model, Scope scope = {})
      : lexicon_(lexicon), model_(std::move(model)), scope_(std::move(scope)) {}
  Report extract(const Document& document, const CleanText& clean_text) const;
  Explained explain(const Document& document, const CleanText& clean_text) const;

 private:
  // explain(), with the per-sentence trace only when asked for.
  Explained read(const Document& document, const CleanText& clean_text, bool with_trace) const;
  const lexicon::Lexicon& lexicon_;
  DetectModel model_;
  Scope scope_;
};

}  // namespace sitrep::extract
