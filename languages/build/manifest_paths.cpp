// Path and position helpers for the build-manifest readers.
#include "languages/build/manifest_paths.h"

#include "dbsilo/text.h"

namespace dbsilo::manifest {

std::string directory_of(std::string_view manifest_path) {
  const std::size_t slash = manifest_path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(manifest_path.substr(0, slash));
}

std::string directory_name(std::string_view directory) {
  if (directory.empty()) return "root";
  const std::size_t slash = directory.rfind('/');
  return std::string(slash == std::string_view::npos ? directory : directory.substr(slash + 1));
}

namespace {

bool is_absolute(std::string_view path) {
  const bool has_drive_letter = path.size() >= 2 && path[1] == ':' &&
                                ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  return path.starts_with('/') || path.starts_with('\\') || has_drive_letter;
}

}  // namespace

std::optional<std::string> resolve_relative(std::string_view base_dir, std::string_view relative) {
  std::string written(trim(relative));
  std::replace(written.begin(), written.end(), '\\', '/');
  if (is_absolute(written)) return std::nullopt;
  std::vector<std::string> segments;
  const std::string combined = base_dir.empty() ? written : std::string(base_dir) + "/" + written;
  for (std::string& segment : split(combined, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
      continue;
    }
    segments.push_back(std::move(segment));
  }
  return join(segments, "/");
}

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceLocation LineIndex::location(const std::string& path, std::size_t offset) const {
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(after - line_starts_.begin()) - 1;
  return {path, static_cast<int>(line_index) + 1, static_cast<int>(offset - line_starts_[line_index]) + 1};
}

void append_unique(std::vector<std::string>& values, std::string value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}

}  // namespace dbsilo::manifest
