// parse_xml: tree-sitter-xml parse, then the element tree rebuilt from its tags (robust to damage).
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <tree_sitter/api.h>

#include "dbsilo/text.h"
#include "languages/xml/xml_document.h"

extern "C" const TSLanguage* tree_sitter_xml(void);

namespace dbsilo {

namespace {

// ---- tree-sitter handles -------------------------------------------------------------------

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using ParserHandle = std::unique_ptr<TSParser, ParserDeleter>;
using TreeHandle = std::unique_ptr<TSTree, TreeDeleter>;

// Owns a TSTreeCursor; walking with a cursor keeps every traversal iterative and linear.
class Cursor {
 public:
  explicit Cursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~Cursor() { ts_tree_cursor_delete(&cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  TSNode node() const { return ts_tree_cursor_current_node(&cursor_); }
  bool first_child() { return ts_tree_cursor_goto_first_child(&cursor_); }
  bool next_sibling() { return ts_tree_cursor_goto_next_sibling(&cursor_); }
  bool parent() { return ts_tree_cursor_goto_parent(&cursor_); }

 private:
  TSTreeCursor cursor_;
};

std::string_view node_text(TSNode node, std::string_view text) {
  const std::uint32_t start = ts_node_start_byte(node);
  const std::uint32_t end = ts_node_end_byte(node);
  if (start >= end || end > text.size()) return {};
  return text.substr(start, end - start);
}

std::string_view node_type(TSNode node) { return ts_node_type(node); }

SourceLocation location_at(TSPoint point, const std::string& path) {
  return {path, static_cast<int>(point.row) + 1, static_cast<int>(point.column) + 1};
}

// Calls `visit` on each direct child of `node`, in order.
template <typename Visit>
void for_each_child(TSNode node, Visit&& visit) {
  Cursor cursor(node);
  if (!cursor.first_child()) return;
  do {
    visit(cursor.node());
  } while (cursor.next_sibling());
}

// ---- text normalization (XML 1.0 sections 2.11 and 3.3.3) ------------------------------------

// "\r\n" and lone "\r" become "\n", as an XML processor must before anything else.
std::string normalize_line_ends(std::string_view raw) {
  std::string normalized;
  normalized.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\r') {
      normalized += raw[i];
      continue;
    }
    normalized += '\n';
    if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
  }
  return normalized;
}

// Attribute values: literal tabs and line ends become spaces before references are decoded
// (so "&#10;" still yields a line end).
std::string attribute_value(std::string_view quoted) {
  std::string_view inner = quoted;
  if (inner.size() >= 2 && (inner.front() == '"' || inner.front() == '\'') && inner.back() == inner.front()) {
    inner = inner.substr(1, inner.size() - 2);
  }
  std::string spaced = normalize_line_ends(inner);
  std::replace_if(spaced.begin(), spaced.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
  return decode_xml_references(spaced);
}

// ---- syntax errors -------------------------------------------------------------------------

bool is_error_node(TSNode node) { return node_type(node) == "ERROR"; }

// Where the first syntax error is. Inside an ERROR node the parsed prefix shows up as complete
// named nodes; the first loose token (or nested ERROR / MISSING node) is where it went wrong.
// An ERROR made only of complete nodes (an unclosed element, a second root) went wrong where
// the next node starts, or at its own end.
TSPoint first_error_point(TSNode root) {
  Cursor cursor(root);
  while (true) {
    const TSNode node = cursor.node();
    if (ts_node_is_missing(node)) return ts_node_start_point(node);
    const bool inside_error = is_error_node(node);
    if (!cursor.first_child()) return ts_node_start_point(node);
    bool descended = false;
    do {
      const TSNode child = cursor.node();
      if (inside_error && !ts_node_is_named(child)) return ts_node_start_point(child);
      if (ts_node_is_missing(child) || is_error_node(child) || ts_node_has_error(child)) {
        descended = true;
        break;
      }
    } while (cursor.next_sibling());
    if (descended) continue;
    cursor.parent();
    if (cursor.next_sibling()) return ts_node_start_point(cursor.node());
    return ts_node_end_point(node);
  }
}

// ---- nesting guard -------------------------------------------------------------------------

bool is_tag_name_char(char c) {
  return !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' || c == '<' || c == '=' ||
           c == '"' || c == '\'');
}

// End of the tag opened at `open` ('>' outside quotes), or npos when a '<' or the end of the
// text comes first: a broken tag never makes the scan go past the next tag.
std::size_t tag_end(std::string_view text, std::size_t open) {
  char quote = 0;
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') return std::string_view::npos;
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Skips a construct that starts with `opener` at `position` up to `closer`; npos if unterminated.
std::size_t skip_construct(std::string_view text, std::size_t position, std::string_view opener, std::string_view closer) {
  const std::size_t close = text.find(closer, position + opener.size());
  return close == std::string_view::npos ? std::string_view::npos : close + closer.size();
}

// The grammar's external scanner keeps a stack of open tag names that it pops only on a
// matching end tag, and it corrupts memory once that stack is very deep. This mimics the
// stack and returns the offset of the tag that would push it past kMaxXmlDepth, or npos.
std::size_t nesting_cutoff(std::string_view text) {
  // Markup that holds no tags, checked in this order (longer openers first).
  constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kSkipped{{
      {"<!--", "-->"},
      {"<![CDATA[", "]]>"},
      {"<?", "?>"},
      {"<!", ">"},
  }};
  std::vector<std::string_view> open_names;
  std::size_t position = 0;
  while ((position = text.find('<', position)) != std::string_view::npos) {
    const std::string_view rest = text.substr(position);
    const auto skipped = std::find_if(kSkipped.begin(), kSkipped.end(), [&](const auto& construct) { return rest.starts_with(construct.first); });
    if (skipped != kSkipped.end()) {
      // Left open, the parser may recover past it and read tags inside: keep counting those.
      const std::size_t after = skip_construct(text, position, skipped->first, skipped->second);
      position = after == std::string_view::npos ? position + skipped->first.size() : after;
      continue;
    }
    const bool is_end_tag = rest.starts_with("</");
    const std::size_t name_start = position + (is_end_tag ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < text.size() && is_tag_name_char(text[name_end])) ++name_end;
    const std::string_view name = text.substr(name_start, name_end - name_start);
    const std::size_t end = tag_end(text, position);
    if (is_end_tag) {
      if (!open_names.empty() && open_names.back() == name) open_names.pop_back();
    } else if (!name.empty()) {
      const bool self_closing = end != std::string_view::npos && text[end - 1] == '/';
      if (!self_closing) open_names.push_back(name);
      if (open_names.size() > static_cast<std::size_t>(kMaxXmlDepth)) return position;
    }
    position = end == std::string_view::npos ? name_end : end + 1;
  }
  return std::string_view::npos;
}

int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// ---- building the element tree ----------------------------------------------------------------

// Receives tags and text in document order and nests them with a stack of open elements.
// An end tag closes the nearest open element of that name (and any left open inside it);
// an end tag matching nothing is ignored. Elements still open at the end are kept.
class TreeBuilder {
 public:
  TreeBuilder(const std::string& path, std::vector<Warning>& warnings) : path_(path), warnings_(warnings) {}

  void open(XmlElement element, bool self_closing) {
    if (root_closed_ || element.name.empty()) return;
    if (dropped_depth_ > 0 || open_.size() >= static_cast<std::size_t>(kMaxXmlDepth)) {
      warn_depth(element.line);
      if (!self_closing) ++dropped_depth_;
      return;
    }
    XmlElement* placed = nullptr;
    if (!root_) {
      root_ = std::make_unique<XmlElement>(std::move(element));
      placed = root_.get();
    } else {
      // Only the innermost open element gains children, so pointers to the open ones stay valid.
      open_.back()->children.push_back(std::move(element));
      placed = &open_.back()->children.back();
    }
    if (self_closing) {
      root_closed_ = open_.empty();
    } else {
      open_.push_back(placed);
    }
  }

  void close(std::string_view name) {
    if (dropped_depth_ > 0) {
      --dropped_depth_;
      return;
    }
    const auto match = std::find_if(open_.rbegin(), open_.rend(), [&](const XmlElement* element) { return element->name == name; });
    if (match == open_.rend()) return;
    const std::size_t keep = open_.size() - 1 - static_cast<std::size_t>(match - open_.rbegin());
    close_down_to(keep);
    root_closed_ = open_.empty();
  }

  void add_text(std::string_view decoded) {
    if (dropped_depth_ > 0 || open_.empty()) return;
    open_.back()->text += decoded;
  }

  std::unique_ptr<XmlElement> finish() {
    close_down_to(0);
    return std::move(root_);
  }

 private:
  void close_down_to(std::size_t remaining) {
    while (open_.size() > remaining) {
      XmlElement* closing = open_.back();
      closing->text = std::string(trim(closing->text));
      open_.pop_back();
    }
  }

  void warn_depth(int line) {
    if (depth_warned_) return;
    depth_warned_ = true;
    warnings_.push_back({{path_, line, 0}, "XML nesting deeper than " + std::to_string(kMaxXmlDepth) + " levels; deeper elements ignored"});
  }

  const std::string& path_;
  std::vector<Warning>& warnings_;
  std::unique_ptr<XmlElement> root_;
  std::vector<XmlElement*> open_;  // root first, innermost last
  bool root_closed_ = false;      // content after the root element is not part of the document
  int dropped_depth_ = 0;         // elements open beyond the depth limit
  bool depth_warned_ = false;
};

// What the tree walk does with a node, by its grammar type.
enum class NodeRole { start_tag, empty_tag, end_tag, char_data, cdata, reference, skip };

// Sorted by type name (binary search). Node types not listed are walked into.
constexpr std::array<std::pair<std::string_view, NodeRole>, 17> kNodeRoles{{
    {"AttValue", NodeRole::skip},  // only loose ones, inside ERROR nodes
    {"Attribute", NodeRole::skip},
    {"CDSect", NodeRole::cdata},
    {"CharData", NodeRole::char_data},
    {"CharRef", NodeRole::reference},
    {"Comment", NodeRole::skip},
    {"ETag", NodeRole::end_tag},
    {"EmptyElemTag", NodeRole::empty_tag},
    {"EntityRef", NodeRole::reference},
    {"PI", NodeRole::skip},
    {"PseudoAtt", NodeRole::skip},
    {"STag", NodeRole::start_tag},
    {"StyleSheetPI", NodeRole::skip},
    {"XMLDecl", NodeRole::skip},
    {"XmlModelPI", NodeRole::skip},
    {"doctypedecl", NodeRole::skip},
    {"prolog", NodeRole::skip},
}};

std::optional<NodeRole> role_of(TSNode node) {
  const std::string_view type = node_type(node);
  const auto found = std::lower_bound(kNodeRoles.begin(), kNodeRoles.end(), type, [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (found == kNodeRoles.end() || found->first != type) return std::nullopt;
  return found->second;
}

// The first Name child of a tag node, e.g. "beans:bean".
std::string tag_name(TSNode tag, std::string_view text) {
  std::string name;
  for_each_child(tag, [&](TSNode child) {
    if (name.empty() && node_type(child) == "Name") name = node_text(child, text);
  });
  return name;
}

std::pair<std::string, std::string> read_attribute(TSNode attribute, std::string_view text) {
  std::pair<std::string, std::string> name_and_value;
  for_each_child(attribute, [&](TSNode child) {
    const std::string_view type = node_type(child);
    if (type == "Name") name_and_value.first = node_text(child, text);
    if (type == "AttValue") name_and_value.second = attribute_value(node_text(child, text));
  });
  return name_and_value;
}

XmlElement element_from_tag(TSNode tag, std::string_view text) {
  XmlElement element;
  element.name = tag_name(tag, text);
  const TSPoint start = ts_node_start_point(tag);
  element.line = static_cast<int>(start.row) + 1;
  element.column = static_cast<int>(start.column) + 1;
  for_each_child(tag, [&](TSNode child) {
    if (node_type(child) != "Attribute") return;
    auto attribute = read_attribute(child, text);
    if (!attribute.first.empty()) element.attributes.push_back(std::move(attribute));
  });
  return element;
}

std::string cdata_text(TSNode section, std::string_view text) {
  std::string content;
  for_each_child(section, [&](TSNode child) {
    if (node_type(child) == "CData") content += normalize_line_ends(node_text(child, text));
  });
  return content;
}

// Applies one node to the builder; returns true when its children must be walked too.
bool apply_node(TSNode node, std::string_view text, TreeBuilder& builder) {
  const std::optional<NodeRole> role = role_of(node);
  if (!role) return true;
  switch (*role) {
    case NodeRole::start_tag: builder.open(element_from_tag(node, text), false); break;
    case NodeRole::empty_tag: builder.open(element_from_tag(node, text), true); break;
    case NodeRole::end_tag: builder.close(tag_name(node, text)); break;
    case NodeRole::char_data: builder.add_text(normalize_line_ends(node_text(node, text))); break;
    case NodeRole::cdata: builder.add_text(cdata_text(node, text)); break;
    case NodeRole::reference: builder.add_text(decode_xml_references(node_text(node, text))); break;
    case NodeRole::skip: break;
  }
  return false;
}

// Pre-order walk over the whole tree, without recursion.
void build_from_tree(TSNode root, std::string_view text, TreeBuilder& builder) {
  Cursor cursor(root);
  while (true) {
    if (apply_node(cursor.node(), text, builder) && cursor.first_child()) continue;
    while (!cursor.next_sibling()) {
      if (!cursor.parent()) return;
    }
  }
}

// ---- input guards --------------------------------------------------------------------------

// Returns the part of `text` that is safe to hand to tree-sitter, or nullopt (with a warning)
// when nothing is.
std::optional<std::string_view> parsable_text(std::string_view text, const std::string& path, std::vector<Warning>& warnings, bool& truncated) {
  if (text.size() > kMaxXmlBytes) {
    warnings.push_back({{path, 0, 0}, "XML file larger than " + std::to_string(kMaxXmlBytes / (1024 * 1024)) + " MiB not parsed"});
    return std::nullopt;
  }
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    warnings.push_back({{path, line_at(text, nul), 0}, "binary content (NUL byte): not parsed as XML"});
    return std::nullopt;
  }
  if (trim(text).empty()) {
    warnings.push_back({{path, 0, 0}, "empty XML file"});
    return std::nullopt;
  }
  const std::size_t cutoff = nesting_cutoff(text);
  truncated = cutoff != std::string_view::npos;
  if (!truncated) return text;
  warnings.push_back({{path, line_at(text, cutoff), 0},
                      "XML nesting deeper than " + std::to_string(kMaxXmlDepth) + " levels; the rest of the file is ignored"});
  return text.substr(0, cutoff);
}

ParserHandle make_parser(const std::string& path, std::vector<Warning>& warnings) {
  ParserHandle parser(ts_parser_new());
  const TSLanguage* language = tree_sitter_xml();
  if (!ts_parser_set_language(parser.get(), language)) {
    warnings.push_back({{path, 0, 0}, "tree-sitter XML grammar ABI " + std::to_string(ts_language_version(language)) +
                                          " is not supported by the tree-sitter runtime (ABI " +
                                          std::to_string(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) + ".." +
                                          std::to_string(TREE_SITTER_LANGUAGE_VERSION) + "): XML not parsed"});
    return nullptr;
  }
  return parser;
}

}  // namespace

XmlDocument parse_xml(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  XmlDocument document;
  bool truncated = false;
  const std::optional<std::string_view> parsable = parsable_text(text, path, warnings, truncated);
  if (!parsable) return document;
  const ParserHandle parser = make_parser(path, warnings);
  if (!parser) return document;
  const TreeHandle tree(ts_parser_parse_string(parser.get(), nullptr, parsable->data(), static_cast<std::uint32_t>(parsable->size())));
  if (!tree) {
    warnings.push_back({{path, 0, 0}, "XML parser gave up: not parsed"});
    return document;
  }
  const TSNode root = ts_tree_root_node(tree.get());
  // A truncated text always ends in unclosed elements: the depth warning already says why.
  if (ts_node_has_error(root) && !truncated) {
    const SourceLocation where = location_at(first_error_point(root), path);
    warnings.push_back({where, "invalid XML near line " + std::to_string(where.line)});
  }
  TreeBuilder builder(path, warnings);
  build_from_tree(root, *parsable, builder);
  document.root = builder.finish();
  if (!document.root && !ts_node_has_error(root)) warnings.push_back({{path, 0, 0}, "XML file has no root element"});
  return document;
}

}  // namespace dbsilo
