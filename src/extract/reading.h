// Helpers every field reader shares: the evidence a value keeps, who a sentence attributes its
// content to, whether a site named in a sentence is the target or only a speaker or landmark.
#pragma once

#include <optional>
#include <string>

#include "core/report.h"
#include "extract/sentence_view.h"
#include "lexicon/lexicon.h"

namespace sitrep::extract {

// A value read from the article with the sentence that supports it.
template <typename T>
struct Read {
  T value{};
  std::optional<Evidence> evidence;
};

// The sentence as evidence, with its attributed source.
Evidence evidence_of(const SentenceView& v);

// Who the sentence attributes its content to: "according to X", "X said/reported/confirmed",
// as byte offsets [start, end) in the sentence; nullopt when no phrase names a speaker.
struct SourceSpan {
  std::size_t start = 0, end = 0;
};
std::optional<SourceSpan> source_of(const SentenceView& v);

// Whether byte `at` of the sentence lies inside a quotation ("...", or curly quotes).
bool inside_quotes(std::string_view text, std::size_t at);

// The backer a token names as a proxy's sponsor: "iran-backed", "pro-tehran", "iranian-aligned"
// give the actor index of "iran", "tehran", "iranian"; -1 when it names none.
int proxy_backer(const SentenceView& v, const lexicon::Lexicon& lexicon, std::string_view w);

// The day the sentence says, outside quotation marks, that a statement was made ("the Pentagon
// on Tuesday confirmed"): the last such date, or nullopt.
std::optional<std::string> statement_day(const SentenceView& v);

// A site or target phrase that is not what was attacked: the speaker ("the US Embassy said"),
// the issuer of a statement, the defender ("US Embassy air defenses shot down"), or a landmark
// that locates another place (", ten kilometres west of Baghdad airport", "where US troops are
// deployed").
bool not_the_target(const SentenceView& v, const Hit& hit);

// Whether token i is part of a projectile term (rocket, drone, missile, mortar): counts of
// launched / intercepted / impacted apply to those, not to bombs or gunfire.
bool is_projectile(const lexicon::Lexicon& lexicon, const SentenceView& v, std::size_t i);

// Whether a doubt ("not immediately clear", "no word on", "unconfirmed") sits in the same
// clause as token i: no comma, semicolon or contrastive conjunction between them.
bool uncertain_in_clause(const SentenceView& v, std::size_t i);

// Whether the clause of token i is about one projectile among several: "one of the rockets
// landed in an empty field, causing no casualties", "another fell near a farm".
bool about_one_projectile(const SentenceView& v, std::size_t i);

// Whether two facilities are the same site or one holds the other (the BDSC inside Baghdad
// International Airport).
bool same_or_nested(const lexicon::Facility& a, const lexicon::Facility& b);

}  // namespace sitrep::extract
