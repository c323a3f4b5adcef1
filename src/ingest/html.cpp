// HTML to paragraph blocks with gumbo.
#include <gumbo.h>

#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

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

// Iterative walk over gumbo's tree (an explicit stack, never recursion on the input's depth).
class Walker {
 public:
  Extracted result;

  void walk(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next_child = 0;
      bool block = false;
      Context saved;
    };
    std::vector<Frame> stack;
    if (!enter(root, stack)) return;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboVector& children = frame.node->v.element.children;
      if (frame.next_child < children.length) {
        const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
        enter(child, stack);  // may reallocate: `frame` is not used after this
        continue;
      }
      if (frame.block) flush();
      context_ = frame.saved;
      stack.pop_back();
    }
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

  void read_title(const GumboNode* node) {
    if (title_.empty()) title_ = text_of(node);
  }

 private:
  struct Context {
    BlockKind kind = BlockKind::kOther;
    bool in_link = false;
    bool social = false;
  };

  // Handles `node` on the way down; pushes a frame when its children are to be walked.
  template <typename Stack>
  bool enter(const GumboNode* node, Stack& stack) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        append(node->v.text.text);
        return false;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return false;  // comments, document
    }
    const GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_TITLE) {
      read_title(node);
      return false;
    }
    const bool social = tag == GUMBO_TAG_BLOCKQUOTE && is_social_embed(node);
    if (!social && (is_skipped_tag(tag) || is_chrome(node, tag))) {
      // The headline often sits in the page header; keep it and drop the rest of the header.
      if (tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_DIV) collect_headlines(node);
      return false;
    }
    if (tag == GUMBO_TAG_BR) {
      flush();
      return false;
    }
    const bool block = is_block_tag(tag);
    if (block) flush();
    stack.push_back({node, 0, block, context_});
    if (block && tag != GUMBO_TAG_UL && tag != GUMBO_TAG_OL) context_.kind = kind_of(tag);
    if (tag == GUMBO_TAG_A) context_.in_link = true;
    if (social) context_.social = true;
    return true;
  }

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
    // gumbo writes a character reference to a surrogate (&#xD800;) as its three raw bytes,
    // which are not UTF-8; every later stage assumes valid UTF-8.
    detail::repair_utf8(buffer_);
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

  // Visits `root` and its descendants in document order; `f` returns false to skip a subtree.
  template <typename F>
  static void preorder(const GumboNode* root, F&& f) {
    std::vector<const GumboNode*> pending{root};
    while (!pending.empty()) {
      const GumboNode* node = pending.back();
      pending.pop_back();
      if (!f(node) || node->type != GUMBO_NODE_ELEMENT) continue;
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i-- > 0;)
        pending.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }

  static std::string text_of(const GumboNode* node) {
    std::string text;
    preorder(node, [&text](const GumboNode* n) {
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) text += n->v.text.text;
      return n->type == GUMBO_NODE_ELEMENT;
    });
    detail::repair_utf8(text);  // as in flush(): surrogate references
    return text;
  }

  void collect_headlines(const GumboNode* root) {
    preorder(root, [this](const GumboNode* node) {
      if (node->type != GUMBO_NODE_ELEMENT) return false;
      if (node->v.element.tag != GUMBO_TAG_H1) return true;
      flush();
      std::string text = collapse_whitespace(normalize_typography(text_of(node)));
      if (!text.empty()) result.blocks.push_back({std::move(text), BlockKind::kHeadline, 0, false});
      return false;
    });
  }

  Context context_;
  std::string buffer_;
  BlockKind buffer_kind_ = BlockKind::kOther;
  bool buffer_social_ = false;
  std::size_t buffer_links_ = 0;
  std::string title_;
};

// Every block gumbo allocates, on one intrusive list, so the whole tree is freed in one loop:
// gumbo_destroy_output frees the tree recursively, which overflows the stack on deep input.
class GumboArena {
 public:
  GumboArena() { head_.prev = head_.next = &head_; }
  ~GumboArena() {
    for (Header* h = head_.next; h != &head_;) {
      Header* next = h->next;
      std::free(h);
      h = next;
    }
  }
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;

  static void* allocate(void* self, std::size_t size) {
    auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + size));
    if (h == nullptr) std::abort();  // gumbo cannot recover from a failed allocation
    Header& head = static_cast<GumboArena*>(self)->head_;
    h->prev = &head;
    h->next = head.next;
    head.next->prev = h;
    head.next = h;
    return h + 1;
  }
  static void deallocate(void*, void* pointer) {
    if (pointer == nullptr) return;
    Header* h = static_cast<Header*>(pointer) - 1;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    std::free(h);
  }

 private:
  struct alignas(std::max_align_t) Header {
    Header* prev;
    Header* next;
  };
  Header head_;
};

// ---- check_html: a linear pre-scan that bounds depth, attributes and elements.

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (name == n) return true;
  return false;
}

bool is_void(std::string_view name) {
  return one_of(name, {"area",   "base",     "br",      "col",   "embed",  "hr",      "img",
                       "input",  "link",     "meta",    "param", "source", "track",   "wbr",
                       "keygen", "basefont", "bgsound", "frame", "image",  "isindex", "menuitem"});
}

bool is_raw_text(std::string_view name) {
  return one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                       "noframes", "noscript"});
}

// Elements a parser closes when a sibling of the same group opens (<p>, <li>, <td> ...); the
// group's scope boundaries stop that search as they stop the parser's.
int sibling_group(std::string_view name) {
  if (name == "p") return 1;
  if (name == "li") return 2;
  if (name == "dt" || name == "dd") return 3;
  if (name == "td" || name == "th") return 4;
  if (name == "tr") return 5;
  if (name == "tbody" || name == "thead" || name == "tfoot") return 6;
  if (name == "option" || name == "optgroup") return 7;
  if (name == "rb" || name == "rt" || name == "rp" || name == "rtc") return 8;
  return 0;
}

bool is_scope_boundary(std::string_view name, int group) {
  if (one_of(name, {"html", "table", "template", "svg", "math"})) return true;
  switch (group) {
    case 1:  // p: button scope
      return one_of(name, {"td", "th", "caption", "button", "applet", "object", "marquee"});
    case 2:  // li: list item scope
      return one_of(name, {"ul", "ol", "td", "th", "caption", "applet", "object", "marquee"});
    case 3:
      return one_of(name, {"dl", "td", "th", "caption", "applet", "object", "marquee"});
    case 7:
      return name == "select";
    case 8:
      return name == "ruby";
    default:  // table parts: the table itself
      return false;
  }
}

std::string lower_name(std::string_view name) {
  std::string out(name.size(), '\0');
  for (std::size_t i = 0; i < name.size(); ++i)
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  return out;
}

// Position of the end of the raw-text element `name` opened before `from` (after its "</name"),
// or npos.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != std::string_view::npos;
       at = html.find("</", at + 2)) {
    if (at + 2 + name.size() > html.size()) return std::string_view::npos;
    if (lower_name(html.substr(at + 2, name.size())) == name) return at + 2 + name.size();
  }
  return std::string_view::npos;
}

}  // namespace

std::string check_html(std::string_view html, const HtmlLimits& limits) {
  std::vector<std::string> open;  // the parser's stack of open elements, as we model it
  std::size_t foreign = 0;        // open <svg>/<math>: there "/>" closes the element
  std::size_t elements = 0;
  const std::size_t n = html.size();
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos && i + 1 < n) {
    const char c = html[i + 1];
    if (c == '!' || c == '?') {  // comment, doctype, CDATA, processing instruction
      if (html.compare(i, 4, "<!--") == 0) {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? n : end + 3;
      } else {
        const std::size_t end = html.find('>', i + 2);
        i = end == std::string_view::npos ? n : end + 1;
      }
      continue;
    }
    const bool closing = c == '/';
    const std::size_t name_start = i + 1 + (closing ? 1 : 0);
    if (name_start >= n || !is_alpha(html[name_start])) {
      ++i;  // a '<' in text
      continue;
    }
    std::size_t k = name_start;
    while (k < n && !is_space(html[k]) && html[k] != '/' && html[k] != '>') ++k;
    const std::string name = lower_name(html.substr(name_start, k - name_start));
    std::size_t attributes = 0;
    bool self_closing = false;
    while (k < n && html[k] != '>') {
      const char ch = html[k];
      if (is_space(ch)) {
        ++k;
        continue;
      }
      if (ch == '/') {
        self_closing = k + 1 < n && html[k + 1] == '>';
        ++k;
        continue;
      }
      if (++attributes > limits.max_attributes)
        return "an HTML element <" + name + "> has more than " +
               std::to_string(limits.max_attributes) +
               " attributes (limit: --max-attributes, $SITREP_MAX_ATTRIBUTES)";
      ++k;  // the first character of a name, even '='
      while (k < n && !is_space(html[k]) && html[k] != '>' && html[k] != '/' && html[k] != '=') ++k;
      while (k < n && is_space(html[k])) ++k;
      if (k < n && html[k] == '=') {
        ++k;
        while (k < n && is_space(html[k])) ++k;
        if (k < n && (html[k] == '"' || html[k] == '\'')) {
          const std::size_t close = html.find(html[k], k + 1);
          k = close == std::string_view::npos ? n : close + 1;
        } else {
          while (k < n && !is_space(html[k]) && html[k] != '>') ++k;
        }
      }
    }
    i = k + 1;
    if (closing) {
      for (std::size_t d = open.size(); d-- > 0;)
        if (open[d] == name) {
          for (std::size_t e = d; e < open.size(); ++e)
            if (open[e] == "svg" || open[e] == "math") --foreign;
          open.resize(d);
          break;
        }
      continue;
    }
    if (++elements > limits.max_nodes)
      return "HTML has more than " + std::to_string(limits.max_nodes) +
             " elements (limit: --max-nodes, $SITREP_MAX_NODES)";
    if (is_raw_text(name)) {
      const std::size_t end = raw_text_end(html, i, name);
      i = end == std::string_view::npos ? n : end;
      continue;
    }
    if (name == "plaintext") break;
    if (is_void(name) || (self_closing && foreign > 0)) continue;
    if (const int group = sibling_group(name)) {
      for (std::size_t d = open.size(); d-- > 0;) {
        if (sibling_group(open[d]) == group) {
          open.resize(d);
          break;
        }
        if (is_scope_boundary(open[d], group)) break;
      }
    }
    if (name == "svg" || name == "math") ++foreign;
    open.push_back(name);
    if (open.size() > limits.max_depth)
      return "HTML elements nested more than " + std::to_string(limits.max_depth) +
             " deep (limit: --max-depth, $SITREP_MAX_DEPTH)";
  }
  return "";
}

Extracted extract_html(std::string_view html) {
  GumboArena arena;  // frees the whole tree when it goes out of scope
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never look at parse errors; don't collect them
  options.allocator = &GumboArena::allocate;
  options.deallocator = &GumboArena::deallocate;
  options.userdata = &arena;
  const GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
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
              walker.read_title(node);
          }
        }
      }
    }
    walker.walk(output->root);
  }
  walker.finish();
  return std::move(walker.result);
}

namespace {

bool ends_with_comma(std::string_view line) {
  return line.ends_with(",") || line.ends_with("\xD8\x8C");  // Latin or Arabic comma
}

std::size_t words_in(std::string_view line) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : line) {
    const bool space = c == ' ' || c == '\t';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

// An article, preposition or conjunction ends no sentence or headline: "... at the US base at
// the / Conoco gas field".
bool ends_with_function_word(std::string_view line) {
  const std::size_t space = line.find_last_of(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view last = line.substr(space + 1);
  // Also a direction before its region ("in eastern / Syria") and their Arabic forms ("شرقي",
  // "في").
  for (std::string_view word : {"the",
                                "a",
                                "an",
                                "of",
                                "in",
                                "on",
                                "at",
                                "to",
                                "and",
                                "or",
                                "for",
                                "from",
                                "with",
                                "by",
                                "near",
                                "into",
                                "against",
                                "eastern",
                                "western",
                                "northern",
                                "southern",
                                "northeastern",
                                "northwestern",
                                "southeastern",
                                "southwestern",
                                "central",
                                "\xD9\x81\xD9\x8A" /* في */,
                                "\xD8\xB9\xD9\x84\xD9\x89" /* على */,
                                "\xD9\x85\xD9\x86" /* من */,
                                "\xD8\xA5\xD9\x84\xD9\x89" /* إلى */,
                                "\xD8\xB4\xD8\xB1\xD9\x82\xD9\x8A" /* شرقي */,
                                "\xD8\xBA\xD8\xB1\xD8\xA8\xD9\x8A" /* غربي */,
                                "\xD8\xB4\xD9\x85\xD8\xA7\xD9\x84\xD9\x8A" /* شمالي */,
                                "\xD8\xAC\xD9\x86\xD9\x88\xD8\xA8\xD9\x8A" /* جنوبي */})
    if (last == word) return true;
  return false;
}

bool ends_a_sentence(std::string_view line) {
  while (!line.empty() && (line.back() == '"' || line.back() == '\'' || line.back() == ')' ||
                           line.ends_with("\xE2\x80\x9D") || line.ends_with("\xC2\xBB"))) {
    line.remove_suffix(line.ends_with("\xE2\x80\x9D") ? 3 : line.ends_with("\xC2\xBB") ? 2 : 1);
  }
  return line.ends_with(".") || line.ends_with("!") || line.ends_with("?") || line.ends_with(":") ||
         line.ends_with("\xD8\x9F");  // Arabic question mark
}

}  // namespace

// One block per line. A page's hard-wrapped paragraph goes back together: a line that ends in a
// comma, or that does not end a sentence while the next line starts in lower case, goes on over
// the next line ("Unknown gunmen shelled, on Wednesday morning, / a Turkish military base north
// of / Iraq with eight rockets."; "Two rockets were fired at the US embassy in / Baghdad late on
// Friday"), up to a line that ends a sentence, at most eight lines, never across a blank line.
Extracted extract_text(std::string_view text) {
  constexpr int kMaxJoined = 8;
  Extracted extracted;
  int joined = 0;
  bool open = false;        // the last block goes on over the next line
  bool after_blank = true;  // a blank line (or the start) came since the last block
  bool comma_run = false;   // the block was joined from a line that ended in a comma
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = normalize_typography(text.substr(pos, end - pos));
    pos = end + 1;
    const std::string_view trimmed = trim(line);
    if (trimmed.empty()) {
      open = false;
      after_blank = true;
      continue;
    }
    // A line of words after a line of prose that has not ended, when it starts in lower case or
    // the line before ends in a function word; not page chrome such as a lone "x" or
    // "download-img" after a posting time.
    const bool lower_start = trimmed[0] >= 'a' && trimmed[0] <= 'z';
    // Not onto the page's first line (a headline: "... US base in Iraq" + "access_time 13 hours
    // ago"), and not a line of page chrome (an icon's name, a time: "calendar_today June 3").
    const std::size_t first_word_end = std::min(trimmed.find(' '), trimmed.size());
    const bool chrome =
        trimmed.substr(0, first_word_end).find_first_of("_0123456789") != std::string_view::npos;
    const bool continues = !after_blank && extracted.blocks.size() > 1 && !chrome &&
                           (lower_start || ends_with_function_word(extracted.blocks.back().text)) &&
                           words_in(trimmed) >= 2 &&
                           !ends_a_sentence(extracted.blocks.back().text) &&
                           words_in(extracted.blocks.back().text) >= 4;
    if ((open || continues) && joined < kMaxJoined) {
      std::string& block = extracted.blocks.back().text;
      block += ' ';
      block += trimmed;
      ++joined;
    } else {
      extracted.blocks.push_back({std::string(trimmed), BlockKind::kParagraph, 0, false});
      joined = 0;
      comma_run = false;
    }
    after_blank = false;
    const std::string_view block = extracted.blocks.back().text;
    // After a comma the run goes on up to a line that ends the sentence, whatever case the
    // lines start in (Arabic has none).
    comma_run = comma_run || ends_with_comma(block);
    open = ends_with_comma(block) || (comma_run && !ends_a_sentence(block));
  }
  return extracted;
}

}  // namespace sitrep::ingest::detail
