// --changed-since: the files a pull request touches, from git, relative to the scanned root.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dbsilo/finding.h"

namespace dbsilo {

// Files changed between the merge base of `git_ref` and HEAD, plus uncommitted and untracked
// files, as paths relative to `root`. nullopt with `error` set when git fails (not a
// repository, unknown ref). The ref is passed to git as one argument, never through a shell.
std::optional<std::set<std::string>> changed_files_since(const std::filesystem::path& root, const std::string& git_ref, std::string& error);

// Keeps the findings with a location (primary or related) in a changed file.
void keep_findings_in_changed_files(std::vector<Finding>& findings, const std::set<std::string>& changed);

}  // namespace dbsilo
