// Walks the scanned tree: honours .gitignore files and ignore globs, never leaves the root.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
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
  // `relative_path` from the root; true when the last matching pattern ignores it. As in git, a
  // path inside an ignored directory stays ignored: a negation cannot re-include it.
  bool is_ignored(std::string_view relative_path, bool is_directory) const;

 private:
  struct Pattern {
    std::string base_dir;
    std::string glob;
    bool negated = false;
    bool directory_only = false;
    bool anchored = false;
  };
  // The pattern list of one .gitignore directory that can apply to a path being checked.
  struct ApplicableBase {
    std::size_t base_length = 0;                       // length of base_dir inside the checked path
    const std::vector<std::size_t>* pattern_indices;  // into patterns_, in file order
  };
  enum class Verdict { no_match, ignored, included };

  std::vector<ApplicableBase> applicable_bases(std::string_view relative_path) const;
  static Verdict verdict_for(std::string_view path, bool is_directory, const std::vector<Pattern>& patterns,
                             const std::vector<ApplicableBase>& bases, std::size_t base_count);
  static bool pattern_matches(const Pattern& pattern, std::string_view path_below_base, bool is_directory);

  std::vector<Pattern> patterns_;
  // base_dir -> indices into patterns_: a lookup per ancestor instead of a scan of every pattern.
  std::map<std::string, std::vector<std::size_t>, std::less<>> pattern_indices_by_base_;
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
// What a link leads to is listed under the link's path. Skipped with a warning: a link back into
// a directory being walked (a loop), a second link into a directory already entered through a link.
// Only .gitignore files (and .git/info/exclude) are opened: never a FIFO or a device.
WalkResult walk_tree(const std::filesystem::path& root, const WalkOptions& options);

}  // namespace dbsilo
