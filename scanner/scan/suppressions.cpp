// Finds and applies suppressions; reports the ones without a reason and the ones that match nothing.
#include "scanner/scan/suppressions.h"

#include <algorithm>
#include <regex>
#include <set>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "scanner/discover/walk.h"

namespace dbsilo {
namespace {

std::vector<std::string> rule_list(std::string_view text) {
  std::vector<std::string> rules;
  for (const auto& item : split(text, ',')) {
    const std::string rule(trim(item));
    if (!rule.empty()) rules.push_back(rule);
  }
  return rules;
}

// Line number (1-based) of byte `offset`.
int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// From `start`, the line where the Java declaration that follows ends: its ';' or the '}'
// matching its first '{'. Strings, chars and comments are skipped; annotation arguments are
// balanced parentheses.
int declaration_end_line(std::string_view text, std::size_t start) {
  int parentheses = 0;
  int braces = 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (text[i] == '\\') ++i;
      }
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = text.find("*/", i + 2);
      if (i == std::string_view::npos) break;
      ++i;
      continue;
    }
    if (c == '(') ++parentheses;
    if (c == ')') --parentheses;
    if (parentheses > 0) continue;
    if (c == ';' && braces == 0) return line_at(text, i);
    if (c == '{') ++braces;
    if (c == '}' && --braces == 0) return line_at(text, i);
  }
  return line_at(text, text.size());
}

// The comment text on a line, for the reason of an annotation: "// because ..." -> "because ...".
std::string comment_text(std::string_view line) {
  const auto slashes = line.find("//");
  if (slashes == std::string_view::npos) return {};
  return std::string(trim(line.substr(slashes + 2)));
}

}  // namespace

std::vector<SuppressionFact> find_suppressions(std::string_view text, const std::string& path) {
  std::vector<SuppressionFact> found;
  if (text.find("dbsilo") == std::string_view::npos) return found;  // the common case: nothing to do
  static const std::regex comment(R"((?://|#|--|<!--|/\*)\s*dbsilo-ignore\s+([A-Za-z0-9\-, ]+?)\s*(?::\s*(.*?))?\s*(?:-->|\*/)?\s*$)");
  static const std::regex annotation(R"(@SuppressWarnings\s*\(\s*\{?([^)]*)\}?\s*\))");
  static const std::regex dbsilo_value(R"#("dbsilo:([A-Za-z0-9\-]+)")#");
  const auto lines = split(text, '\n');
  std::size_t offset = 0;
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const std::string& line = lines[index];
    const int number = static_cast<int>(index) + 1;
    std::smatch match;
    if (line.find("dbsilo-ignore") != std::string::npos && std::regex_search(line, match, comment)) {
      SuppressionFact suppression;
      suppression.rules = rule_list(match[1].str());
      suppression.reason = std::string(trim(match[2].str()));
      suppression.path = path;
      suppression.first_line = number;
      suppression.last_line = number + 1;  // its own line, or the code on the next one
      suppression.location = {path, number, static_cast<int>(match.position(0)) + 1};
      found.push_back(std::move(suppression));
    } else if (line.find("@SuppressWarnings") != std::string::npos && std::regex_search(line, match, annotation)) {
      SuppressionFact suppression;
      const std::string values = match[1].str();
      for (auto it = std::sregex_iterator(values.begin(), values.end(), dbsilo_value); it != std::sregex_iterator(); ++it) {
        suppression.rules.push_back((*it)[1].str());
      }
      if (suppression.rules.empty()) {
        offset += line.size() + 1;
        continue;
      }
      // Java annotations carry no reason: it is the comment on the annotation's line or the line above.
      suppression.reason = comment_text(line);
      if (suppression.reason.empty() && index > 0 && trim(lines[index - 1]).starts_with("//")) suppression.reason = comment_text(lines[index - 1]);
      suppression.path = path;
      suppression.first_line = number;
      suppression.last_line = declaration_end_line(text, offset + static_cast<std::size_t>(match.position(0) + match.length(0)));
      suppression.location = {path, number, static_cast<int>(match.position(0)) + 1};
      found.push_back(std::move(suppression));
    }
    offset += line.size() + 1;
  }
  return found;
}

SuppressionOutcome apply_suppressions(std::vector<Finding> findings, const std::vector<SuppressionFact>& suppressions) {
  SuppressionOutcome outcome;
  std::vector<bool> used(suppressions.size(), false);
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    const auto& suppression = suppressions[i];
    if (suppression.reason.empty()) {
      outcome.warnings.push_back({suppression.location, "suppression without a reason is ignored: write `dbsilo-ignore " +
                                                            join(suppression.rules, ", ") + ": <why this is acceptable>`"});
    }
    for (const auto& rule : suppression.rules) {
      if (!find_rule(rule)) outcome.warnings.push_back({suppression.location, "suppression names unknown rule '" + rule + "'"});
    }
  }
  for (auto& finding : findings) {
    bool suppressed = false;
    for (std::size_t i = 0; i < suppressions.size(); ++i) {
      const auto& suppression = suppressions[i];
      if (suppression.reason.empty()) continue;
      if (std::find(suppression.rules.begin(), suppression.rules.end(), finding.rule) == suppression.rules.end()) continue;
      if (!suppression.fingerprint.empty() && suppression.fingerprint != finding.fingerprint) continue;
      const bool path_matches = suppression.path.empty() || suppression.path == finding.location.path ||
                                (suppression.first_line == 0 && glob_matches(suppression.path, finding.location.path));
      if (!path_matches) continue;
      if (suppression.first_line > 0 && (finding.location.line < suppression.first_line || finding.location.line > suppression.last_line)) continue;
      used[i] = true;
      suppressed = true;
    }
    if (suppressed) {
      ++outcome.suppressed;
    } else {
      outcome.kept.push_back(std::move(finding));
    }
  }
  for (std::size_t i = 0; i < suppressions.size(); ++i) {
    const auto& rules = suppressions[i].rules;
    const bool names_a_rule = std::any_of(rules.begin(), rules.end(), [](const std::string& rule) { return find_rule(rule) != nullptr; });
    if (used[i] || suppressions[i].reason.empty() || !names_a_rule) continue;  // the other warnings already say why
    outcome.warnings.push_back({suppressions[i].location, "suppression of " + join(suppressions[i].rules, ", ") + " matches no finding; remove it"});
  }
  return outcome;
}

}  // namespace dbsilo
