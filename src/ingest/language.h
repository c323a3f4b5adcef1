// Language identification with libexttextcat. Internal to src/ingest.
#pragma once

#include <string>
#include <string_view>

namespace sitrep::ingest::detail {

// ISO 639-1 code ("en", "fr", "ar", "ku"...), a longer code for languages without one, or
// "und" when the text is too short, unrecognised, or the language models are not installed.
// Thread-safe.
std::string identify_language(std::string_view text);

// Maps a textcat category ("en--utf8", "zh-CN-utf8", "ckb--utf8") to a language code.
std::string language_code(std::string_view textcat_name);

}  // namespace sitrep::ingest::detail
