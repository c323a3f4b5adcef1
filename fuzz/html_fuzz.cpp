// HTML cleaner: the bounds pre-scan (check_html), gumbo, the block walker, boilerplate removal
// and quoted-post marking on arbitrary markup, as load_inputs hands it over (UTF-8 repaired).
// Small limits on the second pass keep the rejection paths (depth, attributes, elements) busy.
#include <string>

#include "clean_check.h"
#include "ingest/text_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  Document document;
  document.raw = std::string(fuzz::bytes_of(data, size));
  ingest::detail::repair_utf8(document.raw);
  document.is_html = true;
  const auto text = ingest::clean(document, ingest::HtmlLimits{});
  if (text) fuzz::check_clean(document, *text);
  const auto small = ingest::clean(document, ingest::HtmlLimits{16, 8, 64});
  if (small) {
    fuzz::check_clean(document, *small);
    fuzz::check(text.has_value(), "what passes small limits passes the defaults");
  } else {
    fuzz::check(!small.error().message.empty(), "a rejection says why");
  }
  return 0;
}
