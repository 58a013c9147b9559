// A finding: one break of the pattern, located on both sides, with a fix and a stable fingerprint.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/location.h"

namespace dbsilo {

enum class Severity { note, warning, error };

std::string_view severity_name(Severity severity);

struct RelatedLocation {
  SourceLocation location;
  std::string message;

  bool operator==(const RelatedLocation&) const = default;
};

struct Finding {
  std::string rule;
  Severity severity = Severity::warning;
  std::string message;
  std::vector<std::string> services;  // the services involved, the primary one first
  SourceLocation location;
  std::vector<RelatedLocation> related;
  std::string fix;
  std::string fingerprint;  // stable across runs and line moves: no line numbers in it
  std::string profile;      // "" = found in the default evaluation
};

// Orders findings for output: by path, line, column, rule, message.
bool finding_order(const Finding& left, const Finding& right);

}  // namespace dbsilo
