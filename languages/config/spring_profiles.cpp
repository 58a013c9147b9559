// Evaluates Spring profile expressions ("(a | b) & !c", "a, b") against the active profiles.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/text.h"
#include "languages/config/config_parsers.h"

namespace dbsilo {

namespace {

bool is_operator(char c) { return c == '(' || c == ')' || c == '&' || c == '|' || c == '!'; }

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Recursive descent over one comma-free expression. Every parse_* returns nullopt when the
// expression is malformed, so a bad expression never matches (Spring would reject it).
class ProfileExpressionParser {
 public:
  ProfileExpressionParser(std::string_view expression, const std::vector<std::string>& active_profiles)
      : expression_(expression), active_profiles_(active_profiles) {}

  std::optional<bool> parse_whole() {
    const std::optional<bool> result = parse_expression();
    skip_blanks();
    if (position_ != expression_.size()) return std::nullopt;  // e.g. a stray ')'
    return result;
  }

 private:
  // expression := term ('&' term)* | term ('|' term)*   (mixing needs parentheses, as in Spring)
  std::optional<bool> parse_expression() {
    std::optional<bool> result = parse_term();
    if (!result) return std::nullopt;
    char joining_operator = 0;
    while (true) {
      skip_blanks();
      if (at_end() || (peek() != '&' && peek() != '|')) return result;
      const char next_operator = peek();
      if (joining_operator != 0 && joining_operator != next_operator) return std::nullopt;
      joining_operator = next_operator;
      ++position_;
      const std::optional<bool> operand = parse_term();
      if (!operand) return std::nullopt;
      result = joining_operator == '&' ? (*result && *operand) : (*result || *operand);
    }
  }

  // term := '!' term | '(' expression ')' | profile-name
  std::optional<bool> parse_term() {
    skip_blanks();
    if (at_end()) return std::nullopt;
    if (peek() == '!') {
      ++position_;
      const std::optional<bool> negated = parse_term();
      if (!negated) return std::nullopt;
      return !*negated;
    }
    if (peek() == '(') {
      ++position_;
      const std::optional<bool> inner = parse_expression();
      skip_blanks();
      if (!inner || at_end() || peek() != ')') return std::nullopt;
      ++position_;
      return inner;
    }
    return parse_profile_name();
  }

  // A name runs to the next operator; Spring trims it but keeps inner blanks.
  std::optional<bool> parse_profile_name() {
    const std::size_t start = position_;
    while (!at_end() && !is_operator(peek())) ++position_;
    const std::string_view name = trim(expression_.substr(start, position_ - start));
    if (name.empty()) return std::nullopt;
    return std::find(active_profiles_.begin(), active_profiles_.end(), name) != active_profiles_.end();
  }

  void skip_blanks() {
    while (!at_end() && is_blank(peek())) ++position_;
  }
  bool at_end() const { return position_ >= expression_.size(); }
  char peek() const { return expression_[position_]; }

  std::string_view expression_;
  const std::vector<std::string>& active_profiles_;
  std::size_t position_ = 0;
};

}  // namespace

bool profile_expression_matches(std::string_view expression, const std::vector<std::string>& active_profiles) {
  bool any_element = false;
  bool any_match = false;
  for (const std::string& element : split(expression, ',')) {
    if (trim(element).empty()) continue;  // "a, , b": empty items are ignored
    any_element = true;
    const std::optional<bool> matches = ProfileExpressionParser(element, active_profiles).parse_whole();
    if (!matches) return false;  // one malformed item makes the whole list invalid
    any_match = any_match || *matches;
  }
  return any_element && any_match;
}

}  // namespace dbsilo
