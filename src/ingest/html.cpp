// HTML to paragraph blocks with gumbo.
#include <gumbo.h>

#include <cstring>
#include <memory>

#include "ingest/blocks.h"
#include "ingest/text_util.h"

namespace sitrep::ingest::detail {
namespace {

// Elements whose whole subtree is chrome, never article text.
bool is_skipped_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

BlockKind kind_of(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1:
      return BlockKind::kHeadline;
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return BlockKind::kHeading;
    case GUMBO_TAG_P:
      return BlockKind::kParagraph;
    case GUMBO_TAG_LI:
      return BlockKind::kListItem;
    case GUMBO_TAG_BLOCKQUOTE:
      return BlockKind::kQuote;
    default:
      return BlockKind::kOther;
  }
}

std::string attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr == nullptr ? "" : ascii_lower(attr->value);
}

// Splits class/id values into words ("related-posts__list" -> related, posts, list).
template <typename F>
void for_each_word(std::string_view value, F&& f) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const bool separator = i == value.size() || value[i] == ' ' || value[i] == '-' ||
                           value[i] == '_' || value[i] == '\t' || value[i] == '\n';
    if (!separator) continue;
    if (i > start) f(value.substr(start, i - start));
    start = i + 1;
  }
}

bool any_word_in(std::string_view value, std::initializer_list<std::string_view> words) {
  bool found = false;
  for_each_word(value, [&](std::string_view word) {
    for (auto w : words)
      if (word == w) found = true;
  });
  return found;
}

bool is_social_embed(const GumboNode* node) {
  const std::string cls = attribute(node, "class");
  return any_word_in(cls, {"tweet", "twitter", "instagram", "tiktok", "bluesky", "mastodon",
                           "threads", "facebook"});
}

// Page chrome announced by ARIA roles or class/id names (a whole subtree). Only for wrappers
// that are not the page or article itself.
bool is_chrome(const GumboNode* node, GumboTag tag) {
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_MAIN ||
      tag == GUMBO_TAG_ARTICLE)
    return false;
  const std::string role = attribute(node, "role");
  if (role == "navigation" || role == "banner" || role == "contentinfo" ||
      role == "complementary" || role == "search" || role == "dialog")
    return true;
  if (attribute(node, "aria-hidden") == "true") return true;
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr) return true;
  const std::string style = attribute(node, "style");
  if (style.find("display:none") != std::string::npos ||
      style.find("display: none") != std::string::npos)
    return true;
  static const std::initializer_list<std::string_view> kChromeWords = {
      "share",        "sharing",       "social",  "related", "newsletter", "subscribe",
      "subscription", "cookie",        "cookies", "consent", "comments",   "comment",
      "advert",       "advertisement", "ads",     "ad",      "promo",      "sidebar",
      "breadcrumb",   "breadcrumbs",   "byline",  "paywall", "popup",      "modal",
      "footer",       "nav",           "navbar",  "menu",    "masthead",   "signup",
      "recommended",  "outbrain",      "taboola", "author",  "tags",       "caption",
      "banner"};
  return any_word_in(attribute(node, "class"), kChromeWords) ||
         any_word_in(attribute(node, "id"), kChromeWords);
}

class Walker {
 public:
  Extracted result;

  void walk(const GumboNode* node, int depth) {
    if (depth > 400) return;  // pathological nesting; the parser already bounds most of it
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        append(node->v.text.text);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return;  // comments, document
    }
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_TITLE) {
      if (title_.empty()) title_ = text_of(node);
      return;
    }
    const bool social = tag == GUMBO_TAG_BLOCKQUOTE && is_social_embed(node);
    if (!social && (is_skipped_tag(tag) || is_chrome(node, tag))) {
      // The headline often sits in the page header; keep it and drop the rest of the header.
      if (tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_DIV) collect_headlines(node, depth);
      return;
    }
    if (tag == GUMBO_TAG_BR) {
      flush();
      return;
    }
    const bool block = is_block_tag(tag);
    if (block) flush();
    const Context saved = context_;
    if (block && tag != GUMBO_TAG_UL && tag != GUMBO_TAG_OL) context_.kind = kind_of(tag);
    if (tag == GUMBO_TAG_A) context_.in_link = true;
    if (social) context_.social = true;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    if (block) flush();
    context_ = saved;
  }

  void finish() {
    flush();
    result.headline = collapse_whitespace(normalize_typography(title_));
    bool has_h1 = false;
    for (const auto& block : result.blocks)
      if (block.kind == BlockKind::kHeadline) {
        if (!has_h1) result.headline = block.text;
        has_h1 = true;
      }
    // Without an <h1> the <title> is the headline; site names after " | " are not.
    if (!has_h1 && !result.headline.empty()) {
      const std::size_t bar = result.headline.find(" | ");
      if (bar != std::string::npos && bar > 0) result.headline.resize(bar);
      Block headline{result.headline, BlockKind::kHeadline, 0, false};
      result.blocks.insert(result.blocks.begin(), std::move(headline));
    }
  }

 private:
  struct Context {
    BlockKind kind = BlockKind::kOther;
    bool in_link = false;
    bool social = false;
  };

  void append(const char* text) {
    if (buffer_.empty()) {
      buffer_kind_ = context_.kind;
      buffer_social_ = context_.social;
    }
    const std::size_t length = std::strlen(text);
    if (context_.in_link) buffer_links_ += length;
    buffer_.append(text, length);
  }

  void flush() {
    if (buffer_.empty()) return;
    std::string text = collapse_whitespace(normalize_typography(buffer_));
    const std::size_t raw_size = buffer_.size();
    buffer_.clear();
    if (!text.empty()) {
      // Link bytes were counted before whitespace collapsing; scale to the final length.
      const std::size_t links = raw_size == 0 ? 0 : buffer_links_ * text.size() / raw_size;
      result.blocks.push_back({std::move(text), buffer_kind_, links, buffer_social_});
    }
    buffer_links_ = 0;
  }

  static std::string text_of(const GumboNode* node) {
    std::string text;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) return node->v.text.text;
    if (node->type != GUMBO_NODE_ELEMENT) return text;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      text += text_of(static_cast<const GumboNode*>(children.data[i]));
    return text;
  }

  void collect_headlines(const GumboNode* node, int depth) {
    if (depth > 400 || node->type != GUMBO_NODE_ELEMENT) return;
    if (node->v.element.tag == GUMBO_TAG_H1) {
      flush();
      std::string text = collapse_whitespace(normalize_typography(text_of(node)));
      if (!text.empty()) result.blocks.push_back({std::move(text), BlockKind::kHeadline, 0, false});
      return;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      collect_headlines(static_cast<const GumboNode*>(children.data[i]), depth + 1);
  }

  Context context_;
  std::string buffer_;
  BlockKind buffer_kind_ = BlockKind::kOther;
  bool buffer_social_ = false;
  std::size_t buffer_links_ = 0;
  std::string title_;
};

}  // namespace

Extracted extract_html(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never look at parse errors; don't collect them
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&options, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Walker walker;
  if (output) {
    // <title> lives in <head>, which the walk skips.
    const GumboNode* root = output->root;
    if (root->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = root->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_HEAD) {
          const GumboVector& head = child->v.element.children;
          for (unsigned k = 0; k < head.length; ++k) {
            const auto* node = static_cast<const GumboNode*>(head.data[k]);
            if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_TITLE)
              walker.walk(node, 1);
          }
        }
      }
    }
    walker.walk(output->root, 0);
  }
  walker.finish();
  return std::move(walker.result);
}

Extracted extract_text(std::string_view text) {
  Extracted extracted;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = normalize_typography(text.substr(pos, end - pos));
    pos = end + 1;
    const std::string_view trimmed = trim(line);
    if (trimmed.empty()) continue;
    extracted.blocks.push_back({std::string(trimmed), BlockKind::kParagraph, 0, false});
  }
  return extracted;
}

}  // namespace sitrep::ingest::detail
