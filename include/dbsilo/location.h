// Where a fact or finding stands in the scanned tree, and warnings about bad input.
#pragma once

#include <compare>
#include <string>

namespace dbsilo {

// A position in a file. `path` is relative to the scanned root with '/' separators;
// line and column are 1-based (0 means "whole file").
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;

  auto operator<=>(const SourceLocation&) const = default;
  bool operator==(const SourceLocation&) const = default;
};

// Bad or surprising input: reported with its location, and the scan goes on.
// A message never quotes a configuration value (it could be a secret): only key names and paths.
struct Warning {
  SourceLocation location;
  std::string message;

  auto operator<=>(const Warning&) const = default;
  bool operator==(const Warning&) const = default;
};

}  // namespace dbsilo
