// Language identification. Internal to src/ingest.
//
// Most news text is told by its script and its function words alone: Arabic letters without
// Persian, Kurdish or Urdu ones are Arabic; Latin text whose most frequent short words are
// clearly English, French, Spanish, Portuguese, German, Italian or Dutch is that language.
// Only when that is unsure does libexttextcat's n-gram classifier read a bounded prefix (it
// costs ~100x more: docs/PERFORMANCE.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sitrep::ingest::detail {

// ISO 639-1 code ("en", "fr", "ar", "ku"...), a longer code for languages without one, or
// "und" when the text is too short, unrecognised, or the language models are not installed.
// Thread-safe.
std::string identify_language(std::string_view text);

// The two halves of identify_language. The fast one answers only when the script and the
// function words are clear (nullopt otherwise); the n-gram one always answers. Exposed so tests
// can check that the fast answer agrees with the n-gram one wherever the fast one is given.
std::optional<std::string> identify_language_fast(std::string_view text);
std::string identify_language_ngram(std::string_view text);
// Arabic when Arabic letters are two fifths or more of a (bounded) whole text that is not all
// Arabic: an Arabic article around an English caption. nullopt otherwise.
std::optional<std::string> identify_mixed_arabic(std::string_view text);

// Maps a textcat category ("en--utf8", "zh-CN-utf8", "ckb--utf8") to a language code.
std::string language_code(std::string_view textcat_name);

}  // namespace sitrep::ingest::detail
