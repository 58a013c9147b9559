// Runs git (fork/exec, no shell) to list the files a change touches.
#include "scanner/scan/changed_files.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "dbsilo/text.h"

namespace dbsilo {
namespace {

struct GitOutput {
  int exit_code = -1;
  std::string text;
};

GitOutput run_git(const std::filesystem::path& root, const std::vector<std::string>& arguments) {
  GitOutput output;
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) return output;
  const pid_t child = fork();
  if (child < 0) {
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    return output;
  }
  if (child == 0) {
    dup2(pipe_ends[1], STDOUT_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    std::vector<std::string> argv_storage = {"git", "-C", root.string()};
    argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : argv_storage) argv.push_back(argument.data());
    argv.push_back(nullptr);
    execvp("git", argv.data());
    _exit(127);
  }
  close(pipe_ends[1]);
  char buffer[4096];
  ssize_t count = 0;
  while ((count = read(pipe_ends[0], buffer, sizeof buffer)) > 0) output.text.append(buffer, static_cast<std::size_t>(count));
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return output;
}

void add_lines(const std::string& text, std::set<std::string>& into) {
  for (const auto& line : split(text, '\n')) {
    const std::string path(trim(line));
    if (!path.empty()) into.insert(path);
  }
}

}  // namespace

std::optional<std::set<std::string>> changed_files_since(const std::filesystem::path& root, const std::string& git_ref, std::string& error) {
  if (git_ref.empty() || git_ref.starts_with("-")) {
    error = "--changed-since needs a git revision, not '" + git_ref + "'";
    return std::nullopt;
  }
  // The pull request's own changes: everything since it forked from the target branch.
  const GitOutput merge_base = run_git(root, {"merge-base", git_ref, "HEAD"});
  if (merge_base.exit_code != 0) {
    error = "git could not find the merge base of '" + git_ref + "' and HEAD in " + root.string();
    return std::nullopt;
  }
  const std::string base(trim(merge_base.text));
  std::set<std::string> changed;
  const GitOutput diff = run_git(root, {"diff", "--name-only", "--relative", "--no-renames", base, "--"});
  if (diff.exit_code != 0) {
    error = "git diff against " + base + " failed in " + root.string();
    return std::nullopt;
  }
  add_lines(diff.text, changed);
  const GitOutput untracked = run_git(root, {"ls-files", "--others", "--exclude-standard"});
  if (untracked.exit_code == 0) add_lines(untracked.text, changed);
  return changed;
}

void keep_findings_in_changed_files(std::vector<Finding>& findings, const std::set<std::string>& changed) {
  std::erase_if(findings, [&](const Finding& finding) {
    if (changed.contains(finding.location.path)) return false;
    return std::none_of(finding.related.begin(), finding.related.end(),
                        [&](const RelatedLocation& related) { return changed.contains(related.location.path); });
  });
}

}  // namespace dbsilo
