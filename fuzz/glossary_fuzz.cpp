// Glossaries (src/lexicon/glossary.h): gloss.tsv and affixes.tsv written from the input and read
// by Glossary::load, then a text glossed and every span of the gloss mapped back. The input is
// cut by "@@ NAME" lines (fuzz.h): "gloss.tsv", "affixes.tsv", "language" and "text".
#include <string>

#include "fuzz.h"
#include "lexicon/glossary.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sitrep;
  auto parts = fuzz::parts_of(fuzz::bytes_of(data, size));
  const auto dir = fuzz::scratch_dir("glossary");
  fuzz::write_file(dir / "gloss.tsv", parts["gloss.tsv"]);
  if (parts.contains("affixes.tsv")) fuzz::write_file(dir / "affixes.tsv", parts["affixes.tsv"]);
  std::string language = parts["language"];
  while (!language.empty() && language.back() == '\n') language.pop_back();
  auto glossary = lexicon::Glossary::load(dir, language.empty() ? "ar" : language);
  const std::string& text = parts["text"];
  (void)lexicon::fold_for_gloss(text);
  if (!glossary) return 0;
  const lexicon::Glossed glossed = glossary->gloss(text);
  std::size_t at = 0;
  for (const auto& piece : glossed.pieces) {
    fuzz::check(piece.gloss_start == at && piece.gloss_start <= piece.gloss_end,
                "pieces cover the gloss in order");
    fuzz::check(piece.source_start <= piece.source_end && piece.source_end <= text.size(),
                "a piece's source inside the text");
    if (piece.literal)
      fuzz::check(piece.gloss_end - piece.gloss_start == piece.source_end - piece.source_start,
                  "a literal piece maps byte for byte");
    at = piece.gloss_end;
  }
  fuzz::check(at == glossed.text.size(), "pieces cover the whole gloss");
  for (std::size_t start = 0; start < glossed.text.size(); start += 7) {
    const std::size_t end = std::min(glossed.text.size(), start + 13);
    const Span source = glossed.to_source({start, end});
    fuzz::check(source.start <= source.end && source.end <= text.size(), "to_source in the text");
  }
  if (fuzz::valid_utf8(text)) fuzz::check(fuzz::valid_utf8(glossed.text), "gloss is UTF-8");
  return 0;
}
