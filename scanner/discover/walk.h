// Walks the scanned tree: honours .gitignore files and ignore globs, never leaves the root.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/location.h"

namespace dbsilo {

// Matches paths against gitignore patterns (negation, directory-only '/', anchored patterns,
// '*', '?', '[...]', '**'). Patterns are added per directory, deeper files taking precedence.
class GitignoreMatcher {
 public:
  // `base_dir` is the directory (relative to the root, "" for the root) the patterns come from.
  void add_patterns(std::string_view base_dir, std::string_view gitignore_text);
  // `relative_path` from the root; true when the last matching pattern ignores it.
  bool is_ignored(std::string_view relative_path, bool is_directory) const;

 private:
  struct Pattern {
    std::string base_dir;
    std::string glob;
    bool negated = false;
    bool directory_only = false;
    bool anchored = false;
  };
  std::vector<Pattern> patterns_;
};

// Glob match with '*', '?', '[...]' and '**' segments on '/'-separated paths.
bool glob_matches(std::string_view glob, std::string_view path);

struct WalkOptions {
  std::vector<std::string> ignore_globs;  // extra globs relative to the root (dbsilo.yaml `ignore`)
  bool honour_gitignore = true;
};

struct WalkResult {
  std::vector<std::string> files;  // regular files, relative to the root, sorted, '/'-separated
  std::vector<Warning> warnings;   // links out of the root, link loops, FIFOs/devices/sockets, unreadable dirs
};

// Always skips .git, .hg, .svn and node_modules. Symbolic links are followed only when their
// target stays inside the root; a directory reached twice (link loop) is walked once.
WalkResult walk_tree(const std::filesystem::path& root, const WalkOptions& options);

}  // namespace dbsilo
