// Invariants over whole runs: same input gives byte-identical output in every format, whatever
// order the files were created in; nothing outside the scanned root is opened.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

#include "hostile_tree.h"

namespace dbsilo {
namespace {

namespace fs = std::filesystem;

// Every report the CLI can write, as arguments after the scanned path.
const std::vector<std::pair<std::string, std::string>>& report_commands() {
  static const std::vector<std::pair<std::string, std::string>> commands = {
      {"scan", "--format text"},   {"scan", "--format json"},  {"scan", "--format sarif"},
      {"scan", "--format github"}, {"scan", "--format gitlab"}, {"scan", "--format html"},
      {"scan", "--format json --profile prod --include-tests"},
      {"graph", "--format dot"},   {"graph", "--format mermaid"}, {"graph", "--format html"}};
  return commands;
}

// --jobs N (parallel extraction) is checked here as soon as the CLI offers it: each variant must
// give the output of the first. Until then only the default run exists.
// TODO(--jobs): once `scan --help` lists --jobs this picks it up by itself; nothing else to change.
std::vector<std::string> job_variants() {
  const auto help = testing::run_dbsilo("scan --help");
  if (help.output.find("--jobs") == std::string::npos) return {""};
  return {" --jobs 1", " --jobs 2", " --jobs 8"};
}

// Files of a tree, sorted: the order in which they are copied into a new tree is chosen from it.
std::vector<fs::path> files_of(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::error_code error;
    if (entry.is_regular_file(error)) files.push_back(fs::relative(entry.path(), root));
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Recreates `source` at `target`, creating files in `order`: directory entries then sit in a
// different order on disk, which a scan that trusts readdir order would show.
void recreate_tree(const fs::path& source, const fs::path& target, std::vector<fs::path> order) {
  fs::remove_all(target);
  fs::create_directories(target);
  for (const auto& relative : order) {
    fs::create_directories((target / relative).parent_path());
    fs::copy_file(source / relative, target / relative);
  }
}

// A tree with findings of every rule family and warnings: both examples and a few bad files.
fs::path determinism_source(const fs::path& scratch) {
  const fs::path source = scratch / "source";
  fs::create_directories(source);
  fs::copy(testing::source_dir() / "examples" / "shop", source / "shop", fs::copy_options::recursive);
  fs::copy(testing::source_dir() / "examples" / "shop-k8s", source / "shop-k8s", fs::copy_options::recursive);
  fs::copy(testing::source_dir() / "tests" / "inputs" / "secrets", source / "secrets", fs::copy_options::recursive);
  testing::write_bytes(source / "bad" / "application.yml", "a: [unclosed\n");
  testing::write_bytes(source / "bad" / "cycle" / "application.properties", "x=${y}\ny=${x}\nspring.datasource.url=jdbc:postgresql://${x}/d\n");
  return source;
}

std::map<std::string, std::string> all_reports(const fs::path& root, const std::string& jobs) {
  std::map<std::string, std::string> reports;
  for (const auto& [command, arguments] : report_commands()) {
    const auto result = testing::run_dbsilo(command + " " + root.string() + " " + arguments + jobs);
    EXPECT_NE(result.exit_code, 2) << command << " " << arguments << ": " << result.output.substr(0, 400);
    reports[command + " " + arguments] = result.output;
  }
  return reports;
}

TEST(Determinism, SameTreeGivesByteIdenticalOutputInEveryFormat) {
  const fs::path scratch = testing::scratch_dir("determinism");
  const fs::path source = determinism_source(scratch);
  const fs::path root = scratch / "root";  // one path for every run: reports may name the root
  auto order = files_of(source);
  ASSERT_GT(order.size(), 40u);

  recreate_tree(source, root, order);
  const auto variants = job_variants();
  const auto first = all_reports(root, variants.front());
  for (const auto& [name, text] : first) EXPECT_GT(text.size(), 100u) << name << " printed (almost) nothing";

  // Same tree again, then with the same files created in reverse and in a shuffled order.
  const auto again = all_reports(root, variants.front());
  std::reverse(order.begin(), order.end());
  recreate_tree(source, root, order);
  const auto reversed = all_reports(root, variants.back());
  std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(order.size() / 3), order.end());
  recreate_tree(source, root, order);
  std::map<std::string, std::string> rotated = all_reports(root, variants.back());
  for (const auto& [name, text] : first) {
    EXPECT_EQ(again.at(name), text) << name << " differs between two runs:\n" << testing::first_difference(text, again.at(name));
    EXPECT_EQ(reversed.at(name), text) << name << " depends on file creation order:\n" << testing::first_difference(text, reversed.at(name));
    EXPECT_EQ(rotated.at(name), text) << name << " depends on file creation order:\n" << testing::first_difference(text, rotated.at(name));
  }
  // Every --jobs variant against the default run (a no-op until --jobs exists, see job_variants).
  for (const auto& jobs : variants) {
    const auto with_jobs = all_reports(root, jobs);
    for (const auto& [name, text] : rotated) EXPECT_EQ(with_jobs.at(name), text) << name << jobs;
  }
  fs::remove_all(scratch);
}

// strace -y prints, for every successful open, the real path behind the descriptor (links
// resolved): each must be inside the root or part of the system (loader, libraries, /proc).
TEST(Containment, NothingOutsideTheRootIsOpened) {
  if (std::system("strace -f -qq -e trace=openat true >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "strace cannot trace here (not installed, or ptrace is not allowed); "
                    "BadInput.NothingFromOutsideTheRootIsUsed still checks the effect";
  }
  const fs::path scratch = testing::scratch_dir("containment");
  const fs::path root = scratch / "root";
  const fs::path outside = scratch / "outside";
  testing::copy_shop_example(root);
  const auto expected_warnings = testing::add_hostile_files(root, outside);
  ASSERT_FALSE(expected_warnings.empty());
  const fs::path trace = scratch / "trace.txt";
  const fs::path report = scratch / "report.json";
  const std::string command = "strace -f -qq -y -e trace=open,openat,openat2,creat -o " + trace.string() + " " + DBSILO_BINARY +
                              " scan " + root.string() + " --format json > " + report.string() + " 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_NE(status, -1);
  ASSERT_NE(testing::read_text(report).find("\"findings\""), std::string::npos) << testing::read_text(report).substr(0, 400);

  const std::string canonical_root = fs::canonical(root).string();
  const std::string canonical_scratch = fs::canonical(scratch).string();
  // What the loader, libc, ASan/UBSan and yaml-cpp may open; none of it comes from the scanned repository.
  // libclang's driver also reads the host's distribution files and lists /opt (ROCm/CUDA
  // detection) when it sets up a C++ parse, whatever the flags.
  const std::vector<std::string> system_prefixes = {"/lib/", "/lib64/", "/usr/", "/etc/ld.so", "/proc/", "/sys/", "/dev/",
                                                    "/etc/localtime", "/etc/debian_version", "/etc/lsb-release", "/etc/redhat-release",
                                                    "/etc/os-release", "/opt"};
  // A successful open: `openat(..., "asked") = 3</real/path>`.
  const std::regex opened(R"re(= \d+<([^>]*)>)re");
  std::ifstream lines(trace);
  std::string line;
  std::size_t inside_opens = 0;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, opened)) continue;
    const std::string path = match[1];
    if (path == canonical_root || path.starts_with(canonical_root + "/")) {
      ++inside_opens;
      continue;
    }
    EXPECT_FALSE(path.starts_with(canonical_scratch)) << "opened outside the root: " << line;
    const bool system = std::any_of(system_prefixes.begin(), system_prefixes.end(), [&](const std::string& prefix) { return path.starts_with(prefix); });
    EXPECT_TRUE(system) << "opened something that is neither the scanned tree nor the system: " << line;
  }
  // Guards the check: the scan did open the tree's files, so the trace saw real work.
  EXPECT_GT(inside_opens, 15u);
  fs::remove_all(scratch);
}

}  // namespace
}  // namespace dbsilo
