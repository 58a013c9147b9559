// Reads libpq keyword/value strings ("host=db port=5432 dbname=orders"), strictly, as libpq does.
#include <algorithm>
#include <array>

#include "dbsilo/text.h"
#include "languages/datastore/connection_parts.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

using namespace connection_parts;

struct KeywordValue {
  std::string key;
  std::string value;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

void skip_blanks(std::string_view text, std::size_t& at) {
  while (at < text.size() && is_blank(text[at])) ++at;
}

// A value: 'single quoted' (may hold blanks) or bare up to the next blank; in both a backslash
// takes the next character literally. nullopt for an unterminated quote.
std::optional<std::string> read_value(std::string_view text, std::size_t& at) {
  const bool quoted = at < text.size() && text[at] == '\'';
  if (quoted) ++at;
  std::string value;
  while (at < text.size()) {
    const char c = text[at];
    if (quoted ? c == '\'' : is_blank(c)) break;
    if (c == '\\' && at + 1 < text.size()) ++at;
    value += text[at++];
  }
  if (!quoted) return value;
  if (at >= text.size()) return std::nullopt;
  ++at;  // the closing quote
  return value;
}

// Every "key = value" pair, or nullopt as soon as the text stops following the grammar.
std::optional<std::vector<KeywordValue>> read_pairs(std::string_view text) {
  std::vector<KeywordValue> pairs;
  std::size_t at = 0;
  for (skip_blanks(text, at); at < text.size(); skip_blanks(text, at)) {
    const std::size_t key_start = at;
    while (at < text.size() && text[at] != '=' && !is_blank(text[at])) ++at;
    std::string key(text.substr(key_start, at - key_start));
    skip_blanks(text, at);
    if (key.empty() || at >= text.size() || text[at] != '=') return std::nullopt;
    ++at;
    skip_blanks(text, at);
    std::optional<std::string> value = read_value(text, at);
    if (!value) return std::nullopt;
    pairs.push_back({std::move(key), std::move(*value)});
  }
  return pairs;
}

// Keys that say which server or database is meant; "service" defers both to pg_service.conf.
bool names_a_target(const KeywordValue& pair) {
  static constexpr std::array<std::string_view, 4> target_keys{"dbname", "host", "hostaddr", "service"};
  return std::ranges::find(target_keys, pair.key) != target_keys.end();
}

}  // namespace

std::optional<ConnectionTarget> parse_libpq_keywords(std::string_view text) {
  const std::optional<std::vector<KeywordValue>> pairs = read_pairs(usable_text(text));
  // Only libpq's own keywords, and at least one naming a target: "a=b c=d" prose is not libpq.
  if (!pairs || pairs->empty()) return std::nullopt;
  if (!std::ranges::all_of(*pairs, [](const KeywordValue& pair) { return is_libpq_keyword(pair.key); })) return std::nullopt;
  if (!std::ranges::any_of(*pairs, names_a_target)) return std::nullopt;
  TargetDraft draft = start_draft(Engine::postgres);
  for (const KeywordValue& pair : *pairs) apply_parameter(draft, pair.key, pair.value);
  return finish_draft(std::move(draft));
}

}  // namespace dbsilo
