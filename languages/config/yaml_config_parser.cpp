// YAML configuration front end (yaml-cpp): documents split by hand, flattened, merge keys applied.
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"
#include "languages/config/config_support.h"

namespace dbsilo {

namespace {

// Deeper nesting only comes from self-referencing aliases (`&a [*a]`), which yaml-cpp loads
// as cyclic graphs; alias "bombs" are stopped by the entry budget.
constexpr int max_nesting_depth = 64;
constexpr std::size_t max_entries_per_file = 100000;

// One document's text, cut out of the file so a syntax error in it cannot hide the others.
struct YamlSegment {
  std::string text;
  int first_line = 0;  // 0-based line of the file where `text` starts
};

bool is_blank_or_comment(std::string_view line) {
  const std::string_view content = trim(line);
  return content.empty() || content.front() == '#';
}

// `---` or `...` at column 0, alone or followed by a blank (`--- # comment`, `--- !tag`).
bool is_document_marker(std::string_view line, std::string_view marker) {
  if (line.substr(0, 3) != marker) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r';
}

// Splits on document markers. Line numbers and columns are preserved: a `---` line stays in
// its document with the marker blanked out (the rest may hold a flow node or a tag).
class YamlDocumentSplitter {
 public:
  std::vector<YamlSegment> split(std::string_view text) {
    int line_index = 0;
    for (const std::string& line : dbsilo::split(text, '\n')) {
      const std::string_view line_view = line;
      if (is_document_marker(line_view, "---")) {
        start_segment(line_index);
        add_line("   " + line.substr(3));
      } else if (is_document_marker(line_view, "...")) {
        start_segment(line_index);
        add_line("");
      } else if (!line.empty() && line.front() == '%' && !current_has_content_) {
        add_line("");  // a directive (%YAML, %TAG): outside a document, nothing to flatten
      } else {
        add_line(line);
      }
      ++line_index;
    }
    start_segment(line_index);
    return std::move(segments_);
  }

 private:
  void start_segment(int line_index) {
    if (current_has_content_) segments_.push_back(std::move(current_));
    current_ = YamlSegment{"", line_index};
    current_has_content_ = false;
  }

  void add_line(const std::string& line) {
    current_.text += line;
    current_.text += '\n';
    if (!is_blank_or_comment(line)) current_has_content_ = true;
  }

  std::vector<YamlSegment> segments_;
  YamlSegment current_;
  bool current_has_content_ = false;
};

// yaml-cpp appends input to a few messages ("unknown escape character: x"); cut that part so a
// warning never quotes a value.
std::string message_without_input(const std::string& message) {
  const std::size_t quoted_part = message.find(": ");
  return quoted_part == std::string::npos ? message : message.substr(0, quoted_part);
}

// Names a parent key in warnings (keys only, never values).
std::string describe_parent(const std::string& prefix) {
  return prefix.empty() ? std::string("the top level") : "'" + prefix + "'";
}

bool is_merge_key(const YAML::Node& key) {
  return key.IsScalar() && key.Scalar() == "<<" && key.Tag() == "?";  // a quoted "<<" is a plain key
}

using YamlPairs = std::vector<std::pair<YAML::Node, YAML::Node>>;

// Flattens one document into entries, key locations made absolute with `first_line`.
class YamlFlattener {
 public:
  YamlFlattener(const std::string& path, int first_line, std::vector<Warning>& warnings, std::size_t& entries_left)
      : path_(path), first_line_(first_line), warnings_(warnings), entries_left_(entries_left) {}

  std::vector<ConfigEntry> flatten_document(const YAML::Node& root) {
    if (root.IsMap()) flatten_map(root, "", 0);
    if (root.IsSequence()) flatten_sequence(root, "", location_of(root), 0);
    return std::move(entries_);  // a scalar document holds no key
  }

 private:
  void flatten_node(const YAML::Node& node, const std::string& key, const SourceLocation& key_location, int depth) {
    if (entries_left_ == 0) return;
    if (depth > max_nesting_depth) {
      warn_once(nesting_warned_, key_location, "nesting deeper than " + std::to_string(max_nesting_depth) +
                                                   " levels under '" + key + "' (self-referencing alias?): skipped");
      return;
    }
    switch (node.Type()) {
      case YAML::NodeType::Null: add_entry(key, "", key_location); break;
      case YAML::NodeType::Scalar: add_entry(key, node.Scalar(), key_location); break;
      case YAML::NodeType::Sequence: flatten_sequence(node, key, key_location, depth + 1); break;
      case YAML::NodeType::Map: flatten_map(node, key, depth + 1); break;
      case YAML::NodeType::Undefined: break;
    }
  }

  void flatten_sequence(const YAML::Node& sequence, const std::string& key, const SourceLocation& key_location,
                        int depth) {
    if (sequence.size() == 0) add_entry(key, "", key_location);  // Spring binds `[]` as ""
    for (std::size_t index = 0; index < sequence.size(); ++index) {
      const YAML::Node item = sequence[index];
      flatten_node(item, config_support::index_key(key, index), location_of(item), depth);
    }
  }

  void flatten_map(const YAML::Node& map, const std::string& prefix, int depth) {
    for (const auto& [key, value] : pairs_with_merges(map, prefix, depth)) {
      if (!key.IsScalar()) {
        warnings_.push_back({location_of(key), "non-scalar key under " + describe_parent(prefix) + " ignored"});
        continue;
      }
      flatten_node(value, config_support::join_key(prefix, key.Scalar()), location_of(key), depth);
    }
  }

  // The map's own pairs in order, with `<<: *anchor` (or `<<: [*a, *b]`) replaced by the
  // referenced maps' pairs. Explicit keys win over merged ones, earlier merged maps over later.
  YamlPairs pairs_with_merges(const YAML::Node& map, const std::string& prefix, int depth) {
    std::set<std::string> taken_keys;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (it->first.IsScalar() && !is_merge_key(it->first)) taken_keys.insert(it->first.Scalar());
    }
    YamlPairs pairs;
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!is_merge_key(it->first)) {
        pairs.emplace_back(it->first, it->second);
        continue;
      }
      for (const YAML::Node& source : merge_sources(it->second, prefix, location_of(it->first))) {
        if (depth > max_nesting_depth) {
          warn_once(nesting_warned_, location_of(it->first), "merge keys nested too deep under " + describe_parent(prefix) + ": skipped");
          break;
        }
        for (auto& [merged_key, merged_value] : pairs_with_merges(source, prefix, depth + 1)) {
          if (merged_key.IsScalar() && !taken_keys.insert(merged_key.Scalar()).second) continue;
          pairs.emplace_back(merged_key, merged_value);
        }
      }
    }
    return pairs;
  }

  std::vector<YAML::Node> merge_sources(const YAML::Node& merged, const std::string& prefix,
                                        const SourceLocation& merge_location) {
    std::vector<YAML::Node> sources;
    if (merged.IsMap()) sources.push_back(merged);
    if (merged.IsSequence()) {
      for (std::size_t index = 0; index < merged.size(); ++index) {
        if (merged[index].IsMap()) sources.push_back(merged[index]);
      }
    }
    if (sources.empty() || (merged.IsSequence() && sources.size() != merged.size())) {
      warnings_.push_back({merge_location, "merge key '<<' under " + describe_parent(prefix) + " does not refer to a map"});
    }
    return sources;
  }

  void add_entry(const std::string& key, std::string value, const SourceLocation& location) {
    if (entries_left_ == 0) return;
    if (--entries_left_ == 0) {
      warnings_.push_back({location, "more than " + std::to_string(max_entries_per_file) +
                                         " entries (alias expansion?): the rest of the file is skipped"});
    }
    entries_.push_back({key, std::move(value), location});
  }

  void warn_once(bool& warned, const SourceLocation& location, std::string message) {
    if (warned) return;
    warned = true;
    warnings_.push_back({location, std::move(message)});
  }

  SourceLocation location_of(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {path_, first_line_ + 1, 0};
    return {path_, first_line_ + mark.line + 1, mark.column + 1};
  }

  const std::string& path_;
  int first_line_;
  std::vector<Warning>& warnings_;
  std::size_t& entries_left_;
  std::vector<ConfigEntry> entries_;
  bool nesting_warned_ = false;
};

// "a" stays "a"; "a & b" becomes "(a & b)" so joining with " | " keeps its meaning.
std::string as_operand(std::string_view expression) {
  const std::string trimmed(trim(expression));
  const bool compound = trimmed.find_first_of("&|,") != std::string::npos;
  return compound ? "(" + trimmed + ")" : trimmed;
}

// Whether `key` is `property` or one of its list items `property[n]`, compared canonically.
bool is_property_or_item(const std::string& canonical_key, std::string_view property) {
  if (canonical_key.substr(0, property.size()) != property) return false;
  return canonical_key.size() == property.size() || canonical_key[property.size()] == '[';
}

// `spring.config.activate.on-profile` wins over the legacy `spring.profiles`; lists are any-of.
std::string document_activation(const std::vector<ConfigEntry>& entries) {
  std::vector<std::string> on_profile;
  std::vector<std::string> legacy_profiles;
  for (const ConfigEntry& entry : entries) {
    const std::string canonical_key = canonical_property_key(entry.key);
    if (is_property_or_item(canonical_key, "spring.config.activate.onprofile")) on_profile.push_back(entry.value);
    if (is_property_or_item(canonical_key, "spring.profiles")) legacy_profiles.push_back(entry.value);
  }
  const std::vector<std::string>& chosen = on_profile.empty() ? legacy_profiles : on_profile;
  if (chosen.size() == 1) return std::string(trim(chosen.front()));
  std::vector<std::string> operands;
  for (const std::string& expression : chosen) operands.push_back(as_operand(expression));
  return join(operands, " | ");
}

void parse_segment(const YamlSegment& segment, const std::string& path, ConfigFileFacts& facts,
                   std::vector<Warning>& warnings, std::size_t& entries_left) {
  try {
    // One document per segment, so YAML::Load suffices; YAML::LoadAll can loop forever on
    // some malformed flow input (seen with yaml-cpp 0.7).
    const YAML::Node root = YAML::Load(segment.text);
    ConfigDocument document;
    document.entries = YamlFlattener(path, segment.first_line, warnings, entries_left).flatten_document(root);
    document.activation = document_activation(document.entries);
    facts.documents.push_back(std::move(document));
  } catch (const YAML::Exception& error) {
    const int line = segment.first_line + (error.mark.is_null() ? 0 : error.mark.line) + 1;
    const int column = error.mark.is_null() ? 0 : error.mark.column + 1;
    warnings.push_back({{path, line, column}, "invalid YAML: " + message_without_input(error.msg)});
  } catch (...) {  // yaml-cpp may throw other exceptions on binary input: never let them escape
    warnings.push_back({{path, segment.first_line + 1, 0}, "invalid YAML: the document could not be read"});
  }
}

}  // namespace

ConfigFileFacts parse_yaml_config(std::string_view text, const std::string& path, std::vector<Warning>& warnings) {
  ConfigFileFacts facts;
  std::size_t entries_left = max_entries_per_file;
  for (const YamlSegment& segment : YamlDocumentSplitter().split(config_support::without_byte_order_mark(text))) {
    parse_segment(segment, path, facts, warnings, entries_left);
  }
  config_support::redact_secret_values(facts);
  return facts;
}

}  // namespace dbsilo
