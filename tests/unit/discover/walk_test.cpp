// Unit tests for walk_tree: builds real temporary trees (gitignore, links, FIFOs, sockets) and walks them.
#include <fcntl.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <string>
#include <vector>

#include "scanner/discover/walk.h"

namespace dbsilo {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;

// A fresh directory under the system temp dir, removed (links are not followed) when done.
class TempTree {
 public:
  TempTree() {
    static std::atomic<int> counter{0};
    std::random_device random;
    base_ = fs::temp_directory_path() /
            ("dbsilo_walk_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
             std::to_string(random()));
    root_ = base_ / "root";
    fs::create_directories(root_);
    outside_ = base_ / "outside";
    fs::create_directories(outside_);
  }
  ~TempTree() {
    std::error_code ignored;
    fs::permissions(base_ / "root", fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(base_, ignored);
  }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const fs::path& root() const { return root_; }
  const fs::path& outside() const { return outside_; }  // a sibling of the root, never walked

  void file(const std::string& relative, const std::string& content = "x\n") const {
    const fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
  }
  void dir(const std::string& relative) const { fs::create_directories(root_ / relative); }
  // `target` is written into the link as given (relative targets resolve from the link's directory).
  void link(const std::string& target, const std::string& relative) const {
    fs::create_directories((root_ / relative).parent_path());
    fs::create_symlink(target, root_ / relative);
  }
  void fifo(const std::string& relative) const {
    fs::create_directories((root_ / relative).parent_path());
    ASSERT_EQ(::mkfifo((root_ / relative).c_str(), 0644), 0) << std::strerror(errno);
  }
  void socket(const std::string& relative) const {
    const std::string path = (root_ / relative).native();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    ASSERT_LT(path.size(), sizeof address.sun_path);
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(descriptor, 0);
    ASSERT_EQ(::bind(descriptor, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0) << std::strerror(errno);
    ::close(descriptor);
  }

 private:
  fs::path base_;
  fs::path root_;
  fs::path outside_;
};

WalkResult walk(const fs::path& root, WalkOptions options = {}) { return walk_tree(root, options); }

Warning warning_at(const std::string& path, const std::string& message) { return Warning{SourceLocation{path}, message}; }

TEST(WalkTree, ListsRegularFilesSortedAndSlashSeparated) {
  TempTree tree;
  tree.file("b.txt");
  tree.file("a/z.yml");
  tree.file("a/b/c.java");
  tree.file("A.md");
  tree.dir("empty");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("A.md", "a/b/c.java", "a/z.yml", "b.txt"));
  EXPECT_THAT(result.warnings, IsEmpty());
}

TEST(WalkTree, AlwaysSkipsVersionControlAndNodeModulesDirectories) {
  TempTree tree;
  tree.file("src/app.js");
  tree.file(".git/config");
  tree.file(".hg/store");
  tree.file(".svn/entries");
  tree.file("node_modules/pg/index.js");
  tree.file("web/node_modules/mysql/index.js");
  tree.file("sub/.git");  // a submodule's pointer file
  tree.file("sub/.gitkeep");
  const WalkResult result = walk(tree.root(), WalkOptions{.honour_gitignore = false});
  EXPECT_THAT(result.files, ElementsAre("src/app.js", "sub/.gitkeep"));
}

TEST(WalkTree, NestedGitignoreNegationAndPrecedence) {
  TempTree tree;
  tree.file(".gitignore", "*.log\n!important.log\n");
  tree.file("debug.log");
  tree.file("important.log");
  tree.file("svc/.gitignore", "!keep.log\n*.tmp\n");
  tree.file("svc/keep.log");
  tree.file("svc/other.log");
  tree.file("svc/scratch.tmp");
  tree.file("lib/scratch.tmp");
  tree.file("svc/deep/.gitignore", "keep.log\n");
  tree.file("svc/deep/keep.log");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "important.log", "lib/scratch.tmp", "svc/.gitignore",
                                        "svc/deep/.gitignore", "svc/keep.log"));
}

TEST(WalkTree, IgnoredDirectoryIsNotDescendedSoNegationCannotReinclude) {
  TempTree tree;
  tree.file(".gitignore", "build/\n!build/keep.txt\nout/*\n!out/keep.txt\n");
  tree.file("build/keep.txt");
  tree.file("build/x.o");
  tree.file("out/keep.txt");
  tree.file("out/x.o");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "out/keep.txt"));
}

TEST(WalkTree, AnchoredAndUnanchoredPatterns) {
  TempTree tree;
  tree.file(".gitignore", "/top.txt\ndocs/draft.md\nanywhere.txt\n");
  tree.file("top.txt");
  tree.file("x/top.txt");
  tree.file("docs/draft.md");
  tree.file("x/docs/draft.md");
  tree.file("anywhere.txt");
  tree.file("x/y/anywhere.txt");
  tree.file("sub/.gitignore", "/local.txt\n");
  tree.file("sub/local.txt");
  tree.file("sub/deeper/local.txt");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "sub/.gitignore", "sub/deeper/local.txt", "x/docs/draft.md",
                                        "x/top.txt"));
}

TEST(WalkTree, DirectoryOnlyPatternsSkipDirectoriesButNotFilesOfThatName) {
  TempTree tree;
  tree.file(".gitignore", "cache/\n");
  tree.file("cache/a.bin");
  tree.file("svc/cache/b.bin");
  tree.file("lib/cache");  // a file called cache stays
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "lib/cache"));
}

TEST(WalkTree, DoubleStarPatternForms) {
  TempTree tree;
  tree.file(".gitignore", "**/gen\nlogs/**\na/**/z.txt\n");
  tree.file("gen/a.java");
  tree.file("p/q/gen/b.java");
  tree.file("logs/today.txt");
  tree.file("logs/old/may.txt");
  tree.file("a/z.txt");
  tree.file("a/b/c/z.txt");
  tree.file("b/a/z.txt");
  tree.file("p/q/keep.java");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "b/a/z.txt", "p/q/keep.java"));
}

TEST(WalkTree, EscapesCommentsAndTrailingSpacesInGitignore) {
  TempTree tree;
  tree.file(".gitignore", "# comment.txt\n\\#hash.txt\n\\!bang.txt\ntrimmed.txt   \r\nspace\\ \n");
  tree.file("comment.txt");
  tree.file("# comment.txt");
  tree.file("#hash.txt");
  tree.file("!bang.txt");
  tree.file("trimmed.txt");
  tree.file("space ");
  tree.file("space");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("# comment.txt", ".gitignore", "comment.txt", "space"));
}

TEST(WalkTree, ReadsInfoExcludeWithLowerPrecedenceThanGitignore) {
  TempTree tree;
  tree.file(".git/info/exclude", "*.secret\nlocal/\n");
  tree.file(".gitignore", "!shared.secret\n");
  tree.file("a.secret");
  tree.file("shared.secret");
  tree.file("local/notes.txt");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "shared.secret"));
}

TEST(WalkTree, HonourGitignoreFalseListsIgnoredFiles) {
  TempTree tree;
  tree.file(".gitignore", "*.log\n");
  tree.file(".git/info/exclude", "*.txt\n");
  tree.file("a.log");
  tree.file("b.txt");
  const WalkResult result = walk(tree.root(), WalkOptions{.honour_gitignore = false});
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "a.log", "b.txt"));
}

TEST(WalkTree, GitignoreAboveTheRootIsNotRead) {
  TempTree tree;
  tree.file(".gitignore", "*.txt\n");
  tree.file("project/a.txt");
  tree.file("project/b.yml");
  const WalkResult result = walk(tree.root() / "project");
  EXPECT_THAT(result.files, ElementsAre("a.txt", "b.yml"));
}

TEST(WalkTree, GitignoreLinkedFromOutsideTheRootIsNotRead) {
  TempTree tree;
  std::ofstream(tree.outside() / "patterns") << "*.txt\n";
  tree.link((tree.outside() / "patterns").native(), ".gitignore");
  tree.file("a.txt");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("a.txt"));
  EXPECT_THAT(result.warnings, ElementsAre(warning_at(".gitignore", "skipped symbolic link pointing outside the scanned root")));
}

TEST(WalkTree, IgnoreGlobsMatchThePathOrAnyParent) {
  TempTree tree;
  tree.file("vendor/lib/x.go");
  tree.file("vendor.go");
  tree.file("svc/generated/Model.java");
  tree.file("generated/Top.java");
  tree.file("docs/index.md");
  tree.file("svc/docs/keep.md");
  tree.file("tmp/scratch.txt");
  tree.file("svc/App.java");
  WalkOptions options;
  options.ignore_globs = {"vendor/**", "**/generated", "docs", "./tmp/"};
  const WalkResult result = walk(tree.root(), options);
  EXPECT_THAT(result.files, ElementsAre("svc/App.java", "svc/docs/keep.md", "vendor.go"));
}

TEST(WalkTree, IgnoreGlobsSilenceWarningsForIgnoredPaths) {
  TempTree tree;
  tree.fifo("tmp/pipe");
  tree.link("missing", "tmp/dangling");
  tree.file("a.txt");
  WalkOptions options;
  options.ignore_globs = {"tmp"};
  const WalkResult result = walk(tree.root(), options);
  EXPECT_THAT(result.files, ElementsAre("a.txt"));
  EXPECT_THAT(result.warnings, IsEmpty());
}

TEST(WalkTree, SymlinksOutsideTheRootAreSkippedWithWarning) {
  TempTree tree;
  std::ofstream(tree.outside() / "secret.env") << "PASSWORD=x\n";
  fs::create_directories(tree.outside() / "dir");
  std::ofstream(tree.outside() / "dir" / "db.yml") << "url: x\n";
  tree.link((tree.outside() / "secret.env").native(), "app/secret.env");
  tree.link("../../outside/dir", "app/config");  // relative, climbing out
  tree.file("app/main.py");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("app/main.py"));
  EXPECT_THAT(result.warnings,
              ElementsAre(warning_at("app/config", "skipped symbolic link pointing outside the scanned root"),
                          warning_at("app/secret.env", "skipped symbolic link pointing outside the scanned root")));
}

TEST(WalkTree, LinkToParentDirectoryTerminatesWithLoopWarning) {
  TempTree tree;
  tree.file("a/f.txt");
  tree.link("..", "a/up");
  tree.link(".", "a/self");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("a/f.txt"));
  EXPECT_THAT(result.warnings, ElementsAre(warning_at("a/self", "skipped symbolic link loop"),
                                           warning_at("a/up", "skipped symbolic link loop")));
}

TEST(WalkTree, LinksPointingAtEachOtherAreReportedAsALoop) {
  TempTree tree;
  tree.link("pong", "ping");
  tree.link("ping", "pong");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, IsEmpty());
  EXPECT_THAT(result.warnings, ElementsAre(warning_at("ping", "skipped symbolic link loop"),
                                           warning_at("pong", "skipped symbolic link loop")));
}

TEST(WalkTree, MutuallyLinkedDirectoriesTerminate) {
  TempTree tree;
  tree.file("x/a.txt");
  tree.file("y/b.txt");
  tree.link("../y", "x/to_y");
  tree.link("../x", "y/to_x");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("x/a.txt", "x/to_y/b.txt", "y/b.txt", "y/to_x/a.txt"));
  EXPECT_THAT(result.warnings, Contains(warning_at("x/to_y/to_x", "skipped symbolic link loop")));
}

TEST(WalkTree, BrokenLinkIsSkippedWithWarning) {
  TempTree tree;
  tree.link("does-not-exist.yml", "config.yml");
  tree.file("real.yml");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("real.yml"));
  EXPECT_THAT(result.warnings, ElementsAre(warning_at("config.yml", "skipped broken symbolic link")));
}

TEST(WalkTree, LinksInsideTheRootAreFollowedAndListedUnderTheLinkPath) {
  TempTree tree;
  tree.file("shared/db.yml");
  tree.file("shared/nested/pool.yml");
  tree.link("../shared", "svc/shared");
  tree.link("../shared/db.yml", "svc/app.yml");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("shared/db.yml", "shared/nested/pool.yml", "svc/app.yml", "svc/shared/db.yml",
                                        "svc/shared/nested/pool.yml"));
  EXPECT_THAT(result.warnings, IsEmpty());
}

TEST(WalkTree, ADirectoryIsEnteredThroughLinksOnlyOnce) {
  TempTree tree;
  tree.file("shared/db.yml");
  tree.link("../shared", "a/shared");
  tree.link("../shared", "b/shared");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("a/shared/db.yml", "shared/db.yml"));
  EXPECT_THAT(result.warnings,
              ElementsAre(warning_at("b/shared", "skipped symbolic link to a directory already walked through another link")));
}

TEST(WalkTree, LinksIntoAlwaysSkippedDirectoriesAreNotFollowed) {
  TempTree tree;
  tree.file(".git/config");
  tree.file("node_modules/pg/index.js");
  tree.link(".git", "gitdir");
  tree.link(".git/config", "config");
  tree.link("node_modules/pg", "pg");
  tree.file("app.js");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("app.js"));
  EXPECT_THAT(result.warnings, IsEmpty());
}

TEST(WalkTree, LinkedDirectoryMatchesDirectoryOnlyPatterns) {
  TempTree tree;
  tree.file(".gitignore", "build/\n");
  tree.file("real/out.txt");
  tree.link("real", "build");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre(".gitignore", "real/out.txt"));
}

TEST(WalkTree, FifoIsSkippedWithWarningAndNeverOpened) {
  TempTree tree;
  tree.fifo("pipe");
  tree.fifo("sub/.gitignore");  // a FIFO where an ignore file is expected must not be read either
  tree.link("../pipe", "sub/pipe_link");
  tree.file("sub/a.txt");
  auto walking = std::async(std::launch::async, [&] { return walk(tree.root()); });
  if (walking.wait_for(std::chrono::seconds(10)) == std::future_status::timeout) {
    ADD_FAILURE() << "walk_tree blocked: it opened a FIFO";
    for (const char* fifo : {"pipe", "sub/.gitignore"}) {  // unblock it so the test ends
      const int writer = ::open((tree.root() / fifo).c_str(), O_WRONLY | O_NONBLOCK);
      if (writer >= 0) ::close(writer);
    }
  }
  const WalkResult result = walking.get();
  EXPECT_THAT(result.files, ElementsAre("sub/a.txt"));
  EXPECT_THAT(result.warnings, ElementsAre(warning_at("pipe", "skipped FIFO: not a regular file"),
                                           warning_at("sub/.gitignore", "skipped FIFO: not a regular file"),
                                           warning_at("sub/pipe_link", "skipped FIFO: not a regular file")));
}

TEST(WalkTree, SocketAndDeviceLinksAreSkippedWithWarning) {
  TempTree tree;
  tree.socket("app.sock");
  tree.link("/dev/null", "null");  // outside the root: that rule comes first
  tree.file("a.txt");
  const WalkResult result = walk(tree.root());
  EXPECT_THAT(result.files, ElementsAre("a.txt"));
  EXPECT_THAT(result.warnings, ElementsAre(warning_at("app.sock", "skipped socket: not a regular file"),
                                           warning_at("null", "skipped symbolic link pointing outside the scanned root")));
}

TEST(WalkTree, WalkingARootThatIsADeviceDirectoryReportsDevices) {
  // /dev holds character devices (null, zero...): they must be reported, never opened.
  struct stat null_device {};
  if (::lstat("/dev/null", &null_device) != 0 || !S_ISCHR(null_device.st_mode)) GTEST_SKIP() << "no /dev/null device";
  const WalkResult result = walk("/dev", WalkOptions{.ignore_globs = {"*/**"}});
  EXPECT_THAT(result.files, Not(Contains("null")));
  EXPECT_THAT(result.warnings, Contains(warning_at("null", "skipped character device: not a regular file")));
}

// Permission checks do not apply to root, so the walk runs in a child that drops to "nobody".
TEST(WalkTree, UnreadableDirectoryWarnsAndTheWalkContinues) {
  TempTree tree;
  tree.file("open/a.txt");
  tree.file("open/.gitignore", "*.txt\n");
  tree.file("locked/b.txt");
  fs::permissions(tree.root() / "locked", fs::perms::none);
  fs::permissions(tree.root() / "open" / ".gitignore", fs::perms::none);
  int pipe_ends[2];
  ASSERT_EQ(::pipe(pipe_ends), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_ends[0]);
    if (::geteuid() == 0) {
      const passwd* nobody = ::getpwnam("nobody");
      if (nobody == nullptr || ::setgid(nobody->pw_gid) != 0 || ::setuid(nobody->pw_uid) != 0) ::_exit(2);
    }
    const WalkResult result = walk(tree.root());
    std::string report;
    for (const std::string& file : result.files) report += "file " + file + "\n";
    for (const Warning& warning : result.warnings) report += "warning " + warning.location.path + ": " + warning.message + "\n";
    if (::write(pipe_ends[1], report.data(), report.size()) < 0) ::_exit(3);
    ::_exit(0);
  }
  ::close(pipe_ends[1]);
  std::string report;
  char buffer[4096];
  for (ssize_t count; (count = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;) report.append(buffer, count);
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  EXPECT_EQ(report,
            "file open/.gitignore\nfile open/a.txt\n"
            "warning locked: skipped unreadable directory\nwarning open/.gitignore: skipped unreadable ignore file\n");
}

TEST(WalkTree, MissingRootGivesAWarningAndNoFiles) {
  TempTree tree;
  const WalkResult result = walk(tree.root() / "missing");
  EXPECT_THAT(result.files, IsEmpty());
  EXPECT_THAT(result.warnings, ElementsAre(warning_at(".", "cannot read the scanned root directory")));
}

TEST(WalkTree, RootGivenThroughALinkOrRelativeSpellingWalksTheSame) {
  TempTree tree;
  tree.file("a/b.txt");
  fs::create_directory_symlink(tree.root(), tree.outside() / "root_link");
  EXPECT_EQ(walk(tree.outside() / "root_link").files, std::vector<std::string>{"a/b.txt"});
  EXPECT_EQ(walk(tree.root() / "a" / "..").files, std::vector<std::string>{"a/b.txt"});
}

TEST(WalkTree, TwoWalksGiveIdenticalResults) {
  TempTree tree;
  for (int i = 0; i < 50; ++i) tree.file("d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".txt");
  tree.link("missing", "d1/broken");
  tree.link("..", "d2/up");
  tree.fifo("d3/pipe");
  tree.link("../d4", "d5/d4_link");
  tree.fifo("root_pipe");  // reported while listing the root, before d1..d5: sorting must move it last
  tree.file("zz.txt");
  const WalkResult first = walk(tree.root());
  const WalkResult second = walk(tree.root());
  EXPECT_EQ(first.files, second.files);
  EXPECT_EQ(first.warnings, second.warnings);
  EXPECT_TRUE(std::is_sorted(first.files.begin(), first.files.end()));
  EXPECT_TRUE(std::is_sorted(first.warnings.begin(), first.warnings.end()));
  EXPECT_EQ(first.files.size(), 50u + 7u + 1u);  // d4's seven files again through d5/d4_link
  EXPECT_EQ(first.warnings.size(), 4u);
}

TEST(WalkTree, TwentyThousandFilesWalkQuickly) {
  TempTree tree;
  tree.file(".gitignore", "*.tmp\nbuild/\n!keep.tmp\n");
  for (int d = 0; d < 200; ++d) {
    const fs::path directory = tree.root() / ("pkg" + std::to_string(d)) / "src";
    fs::create_directories(directory);
    for (int f = 0; f < 100; ++f) {
      ::close(::open((directory / ("F" + std::to_string(f) + ".java")).c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const WalkResult result = walk(tree.root());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.files.size(), 20001u);
  // "Well under a second" on an idle machine; the bound leaves room for a loaded test runner.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1500);
  std::cout << "walked 20000 files in " << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";
}

}  // namespace
}  // namespace dbsilo
