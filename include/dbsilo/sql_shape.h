// Whether a string from code reads as an SQL statement: shared by the Java and C++ front ends
// (and by the Java pre-filter, which must accept every verb this accepts).
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/text.h"

namespace dbsilo {

// Statement verbs, sorted; SQL writes them all upper or all lower case.
inline constexpr std::array<std::string_view, 10> kSqlVerbs = {"ALTER", "CREATE", "DELETE", "DROP", "INSERT", "MERGE", "REPLACE", "SELECT", "UPDATE", "WITH"};
static_assert(std::is_sorted(kSqlVerbs.begin(), kSqlVerbs.end()));

// Objects a CREATE / ALTER / DROP statement names right after its verb, sorted.
inline constexpr std::array<std::string_view, 12> kSqlDdlObjects = {"DATABASE", "INDEX",     "MATERIALIZED", "OR",     "SCHEMA", "SEQUENCE",
                                                                   "TABLE",    "TEMP",      "TEMPORARY",    "TRIGGER", "UNIQUE", "VIEW"};
static_assert(std::is_sorted(kSqlDdlObjects.begin(), kSqlDdlObjects.end()));

// `word` spelled as a statement verb: "SELECT" or "select", not "Select".
inline bool is_sql_verb_spelling(std::string_view word) {
  std::string upper(word);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::binary_search(kSqlVerbs.begin(), kSqlVerbs.end(), std::string_view(upper)) && (word == upper || word == to_lower(upper));
}

// The next word at or after `position` (letters, digits, '_'), upper-cased; advances `position`.
inline std::string upper_word_at(std::string_view text, std::size_t& position) {
  while (position < text.size() && !std::isalnum(static_cast<unsigned char>(text[position])) && text[position] != '_') ++position;
  std::string word;
  while (position < text.size() && (std::isalnum(static_cast<unsigned char>(text[position])) || text[position] == '_')) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[position])));
    ++position;
  }
  return word;
}

// A verb and the clause that proves it: SELECT ... FROM, INSERT INTO, UPDATE ... SET, ...
inline bool looks_like_sql(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty() || !std::isalpha(static_cast<unsigned char>(trimmed.front()))) return false;
  // Long texts are judged by their head: the clause that proves SQL comes early.
  const std::string_view head = trimmed.substr(0, 4096);
  std::size_t position = 0;
  const std::string verb = upper_word_at(head, position);
  if (position >= head.size() || !std::isspace(static_cast<unsigned char>(head[position]))) return false;
  // "Select a product from the list" is prose.
  if (!is_sql_verb_spelling(head.substr(0, verb.size()))) return false;
  std::vector<std::string> words;
  while (position < head.size() && words.size() < 512) {
    std::string word = upper_word_at(head, position);
    if (!word.empty()) words.push_back(std::move(word));
  }
  if (words.empty()) return false;
  const auto has = [&](std::string_view word) { return std::find(words.begin(), words.end(), word) != words.end(); };
  if (verb == "SELECT") return has("FROM");
  if (verb == "INSERT" || verb == "MERGE" || verb == "REPLACE") return words.front() == "INTO";
  if (verb == "UPDATE") return has("SET");
  if (verb == "DELETE") return has("FROM");
  if (verb == "WITH") return has("AS") && (has("SELECT") || has("INSERT") || has("UPDATE") || has("DELETE"));
  if (verb == "CREATE" || verb == "ALTER" || verb == "DROP") {
    return std::binary_search(kSqlDdlObjects.begin(), kSqlDdlObjects.end(), std::string_view(words.front()));
  }
  return false;
}

}  // namespace dbsilo
