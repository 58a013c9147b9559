// Helpers shared by the build-manifest readers: manifest-relative paths, offsets to lines, tables.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/location.h"

namespace dbsilo::manifest {

// "a/b/pom.xml" -> "a/b"; "pom.xml" -> "" (the scanned root).
std::string directory_of(std::string_view manifest_path);

// A name for a unit that has none of its own: the directory's last segment, or "root" for the
// scanned root itself (whose real name the reader cannot know).
std::string directory_name(std::string_view directory);

// Joins a path written in a manifest (either separator, "." and ".." allowed) onto `base_dir`
// and normalizes it. nullopt when it is absolute or climbs above the scanned root.
// "${VAR}" segments and globs are kept as written.
std::optional<std::string> resolve_relative(std::string_view base_dir, std::string_view relative);

// Offsets in a text -> 1-based line and column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  SourceLocation location(const std::string& path, std::size_t offset) const;

 private:
  std::vector<std::size_t> line_starts_;
};

// Small sorted tables of framework knowledge: membership by binary search.
template <typename Table>
bool table_contains(const Table& sorted_table, std::string_view value) {
  return std::binary_search(std::begin(sorted_table), std::end(sorted_table), value);
}

// Appends `value` unless it is already there (module lists keep their first order).
void append_unique(std::vector<std::string>& values, std::string value);

}  // namespace dbsilo::manifest
