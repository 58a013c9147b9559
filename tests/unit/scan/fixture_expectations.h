// Reads inline expectations (`# expect: rule-id`) from a fixture monorepo and compares them to findings.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>

#include "dbsilo/finding.h"
#include "dbsilo/text.h"

namespace dbsilo::testing {

// (path, line, rule): a finding's primary location and rule.
using ExpectedFinding = std::tuple<std::string, int, std::string>;

struct FixtureExpectations {
  std::set<ExpectedFinding> expected;   // from `expect:` comments: the finding stands on the next code line
  std::set<ExpectedFinding> forbidden;  // from `ok:` comments: nothing of that rule may stand there
};

namespace detail {

struct Marker {
  std::string kind;  // "expect" or "ok"
  std::vector<std::string> rules;
};

inline std::optional<Marker> marker_in(const std::string& line) {
  static const std::regex pattern(R"(^\s*(?:#|//|--|<!--)\s*(expect|ok):\s*([a-z0-9,\- ]+?)\s*(?:-->)?\s*$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  Marker marker;
  marker.kind = match[1];
  for (const auto& rule : split(match[2].str(), ',')) {
    const std::string trimmed(trim(rule));
    if (!trimmed.empty()) marker.rules.push_back(trimmed);
  }
  return marker;
}

}  // namespace detail

// Formats without comments (JSON) list their expectations in `fixture.expect` at the case
// root, one `expect: path:line: rule` (or `ok: ...`) per line.
inline void read_sidecar_expectations(const std::filesystem::path& fixture_root, FixtureExpectations& expectations) {
  std::ifstream in(fixture_root / "fixture.expect");
  static const std::regex pattern(R"(^\s*(expect|ok):\s*([^:]+):(\d+):\s*([a-z0-9\-]+)\s*$)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_match(line, match, pattern)) continue;
    ExpectedFinding item{match[2].str(), std::stoi(match[3].str()), match[4].str()};
    (match[1] == "expect" ? expectations.expected : expectations.forbidden).insert(item);
  }
}

inline FixtureExpectations read_expectations(const std::filesystem::path& fixture_root) {
  FixtureExpectations expectations;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture_root)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = std::filesystem::relative(entry.path(), fixture_root).generic_string();
    std::ifstream in(entry.path());
    std::vector<detail::Marker> pending;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (auto marker = detail::marker_in(line)) {
        pending.push_back(*marker);
        continue;
      }
      for (const auto& marker : pending) {
        for (const auto& rule : marker.rules) {
          (marker.kind == "expect" ? expectations.expected : expectations.forbidden).insert({relative, number, rule});
        }
      }
      pending.clear();
    }
  }
  read_sidecar_expectations(fixture_root, expectations);
  return expectations;
}

inline std::vector<std::string> read_profiles(const std::filesystem::path& fixture_root) {
  std::vector<std::string> profiles;
  std::ifstream in(fixture_root / "fixture.args");
  std::string flag;
  std::string value;
  while (in >> flag >> value) {
    if (flag == "--profile") profiles.push_back(value);
  }
  return profiles;
}

inline std::set<ExpectedFinding> actual_findings(const std::vector<Finding>& findings) {
  std::set<ExpectedFinding> actual;
  for (const auto& finding : findings) actual.insert({finding.location.path, finding.location.line, finding.rule});
  return actual;
}

inline std::vector<std::filesystem::path> fixture_cases(const std::filesystem::path& fixtures_root) {
  std::vector<std::filesystem::path> cases;
  for (const auto& group : std::filesystem::directory_iterator(fixtures_root)) {
    if (!group.is_directory()) continue;
    for (const auto& child : std::filesystem::directory_iterator(group.path())) {
      if (!child.is_directory()) continue;
      // rules/<id>/<case>: one more level; other groups hold cases directly.
      if (group.path().filename() == "rules") {
        for (const auto& case_dir : std::filesystem::directory_iterator(child.path())) {
          if (case_dir.is_directory()) cases.push_back(case_dir.path());
        }
      } else {
        cases.push_back(child.path());
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace dbsilo::testing
