// Paragraph-level blocks extracted from a document, before boilerplate scoring. Internal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::ingest::detail {

enum class BlockKind { kHeadline, kHeading, kParagraph, kListItem, kQuote, kOther };

struct Block {
  std::string text;  // one paragraph, typography normalized, trimmed, no newlines
  BlockKind kind = BlockKind::kParagraph;
  std::size_t link_chars = 0;  // bytes of text inside <a> (HTML only)
  bool social_embed = false;   // inside an embedded social post (HTML blockquote.twitter-tweet)
};

struct Extracted {
  std::vector<Block> blocks;
  std::string headline;  // h1 or <title> for HTML; empty for text
};

Extracted extract_html(std::string_view html);
Extracted extract_text(std::string_view text);

// True for a paragraph that ends with a social-post attribution
// "— Name (@handle) Month D, YYYY" (the whole paragraph may be only that line).
bool ends_with_social_attribution(std::string_view paragraph);

// Boilerplate score of blocks[index]; >= kBoilerplateThreshold means drop it.
constexpr double kBoilerplateThreshold = 3.0;
struct ScoreContext {
  std::string_view headline_lower;  // lowercase
  std::string_view outlet_lower;    // lowercase
  bool html = false;
  bool previous_dropped = false;  // the block before this one was scored as boilerplate
};
double boilerplate_score(const std::vector<Block>& blocks, std::size_t index,
                         const ScoreContext& context);

}  // namespace sitrep::ingest::detail
