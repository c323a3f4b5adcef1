#include "extract/sentence_view.h"

#include <algorithm>

namespace sitrep::extract {

bool SentenceView::has(std::string_view category) const {
  return first(category) != nullptr;
}

const Hit* SentenceView::first(std::string_view category) const {
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kTrigger && h.category == category) return &h;
  return nullptr;
}

std::vector<const Hit*> SentenceView::all(std::string_view category) const {
  std::vector<const Hit*> out;
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kTrigger && h.category == category) out.push_back(&h);
  return out;
}

std::vector<const Hit*> SentenceView::all(lexicon::Kind kind) const {
  std::vector<const Hit*> out;
  for (const auto& h : hits)
    if (h.kind == kind) out.push_back(&h);
  return out;
}

std::size_t SentenceView::token_at(std::size_t byte) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), byte,
                             [](const text::Token& t, std::size_t b) { return t.end <= b; });
  return static_cast<std::size_t>(it - tokens.begin());
}

bool SentenceView::token_in(std::size_t i, std::string_view category) const {
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kTrigger && h.category == category && h.first <= i && i <= h.last)
      return true;
  return false;
}

bool SentenceView::token_is_weapon(std::size_t i) const {
  for (const auto& h : hits)
    if (h.kind == lexicon::Kind::kWeapon && h.first <= i && i <= h.last) return true;
  return false;
}

bool date_is_reporting_mention(const SentenceView& v, const text::DateMention& d) {
  std::size_t first = v.token_at(d.span.start);
  std::size_t last = v.token_at(d.span.end - 1);
  // A dateline ("BAGHDAD, Jan 27 — ...") dates the report.
  if (first <= 4)
    for (std::size_t i = last + 1; i < v.tokens.size() && i <= last + 2; ++i) {
      const auto& w = v.tokens[i].lower;
      if (w == "\xE2\x80\x94" || w == "\xE2\x80\x93" || w == "-" || w == "(") return true;
    }
  // "The embassy on Friday blamed", "the coalition on Tuesday revised": the date sits before a
  // verb that is not the attack itself.
  if (last + 1 < v.tokens.size()) {
    const auto& next = v.tokens[last + 1];
    bool verb_like = next.word && !next.capitalized &&
                     (next.lower.ends_with("ed") || next.lower == "said" || next.lower == "told" ||
                      next.lower == "says");
    bool attack_word = v.token_in(last + 1, "attack_verb") || v.token_in(last + 1, "launch") ||
                       v.token_in(last + 1, "impact") || v.token_in(last + 1, "intercept");
    if (verb_like && !attack_word) return true;
  }
  for (std::size_t i = first > 3 ? first - 3 : 0; i < first; ++i)
    if (v.token_in(i, "report_verb")) return true;
  // "on Friday said" (rare); a comma ends the date's phrase: "early Thursday, according to".
  if (last + 1 < v.tokens.size() && v.token_in(last + 1, "report_verb")) return true;
  return false;
}

}  // namespace sitrep::extract
