// annotate(): the first step of extraction. Requires a CleanText and the lexicon; adds, once
// and for all, the sentences with their tokens, lexicon hits (cues, weapons, sites, actors),
// dates and times resolved against the published day, and each sentence's own role from its
// cues and dates. The result is immutable: find_events() and the field readers only read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "extract/sentence_view.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

struct Annotated {
  std::string_view text;  // the clean text every span indexes (owned by the caller)
  std::string published;  // YYYY-MM-DD, or empty
  std::optional<long> published_day;
  std::string filed_month;  // YYYY-MM from a month-only date line, or empty (Document)
  std::vector<SentenceView> sentences;

  // The first heading of the article, or nullptr.
  const SentenceView* headline() const;
};

// `clean` must outlive the result.
Annotated annotate(const CleanText& clean, const std::string& published,
                   const lexicon::Lexicon& lexicon);

}  // namespace sitrep::extract
