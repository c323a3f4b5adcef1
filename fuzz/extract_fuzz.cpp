// The whole pipeline on arbitrary bytes: clean (text or HTML), then the Extractor with the real
// lexicon, gazetteer and detection model, then the report's JSON and back. The first byte picks
// the form and the language: as identified, or forced to Arabic or French so the glossaries
// read whatever comes.
#include <memory>
#include <string>

#include "clean_check.h"
#include "core/json.h"
#include "extract/extract.h"
#include "ingest/text_util.h"

namespace {

const sitrep::extract::Extractor& extractor() {
  using namespace sitrep;
  static const auto lexicon = [] {
    auto loaded = lexicon::Lexicon::load(lexicon::Lexicon::default_data_dir());
    fuzz::check(loaded.has_value(), "the lexicon loads");
    return std::make_unique<lexicon::Lexicon>(std::move(*loaded));
  }();
  static const auto instance = [] {
    auto model = extract::DetectModel::load_default(lexicon::Lexicon::default_data_dir());
    fuzz::check(model.has_value(), "the detection model loads");
    return std::make_unique<extract::Extractor>(*lexicon, std::move(*model));
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  Document document;
  document.doc = "fuzz.txt";
  document.published = (selector & 8) ? "2024-02-29" : "";
  document.raw = std::string(fuzz::bytes_of(data + 1, size - 1));
  ingest::detail::repair_utf8(document.raw);
  document.is_html = (selector & 4) != 0;
  auto clean = ingest::clean(document, ingest::HtmlLimits{});
  if (!clean) return 0;
  fuzz::check_clean(document, *clean);
  switch (selector & 3) {
    case 1:
      clean->language = "ar";
      break;
    case 2:
      clean->language = "fr";
      break;
    default:
      break;
  }
  const Report report = extractor().extract(document, *clean);
  const nlohmann::json json = to_json(report);
  const std::string dumped = json.dump();  // throws (and so aborts) on invalid UTF-8
  const auto back = report_from_json(nlohmann::json::parse(dumped));
  fuzz::check(back.has_value(), "a report reads back from its JSON");
  fuzz::check(to_json(*back) == json, "report JSON round trip");
  return 0;
}
