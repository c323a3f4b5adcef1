// Paragraph-level blocks extracted from a document, before boilerplate scoring. Internal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"

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

// Safe on any input: the walk is iterative and gumbo's tree is freed as a whole (no recursion on
// the input's depth). Call check_html first to bound its time.
Extracted extract_html(std::string_view html);

// One linear pass over the markup, before gumbo: why `html` is beyond `limits` (nesting depth,
// attributes on one element, number of elements), or "" when it is within them. The depth is
// that of the tree an HTML parser builds, approximated from above: unclosed <p>, <li>, <td> ...
// are closed by their next sibling as a parser does, end tags close what they match.
std::string check_html(std::string_view html, const HtmlLimits& limits);
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
