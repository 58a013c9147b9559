// Hostile input: every bad file gets a located warning, the scan ends in bounded time and memory,
// and the findings are exactly those of the same tree without the bad files.
#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <thread>

#include "hostile_tree.h"
#include "scanner/scan/scan.h"
#include "scanner/scan/source_reader.h"

extern char** environ;

namespace dbsilo {
namespace {

namespace fs = std::filesystem;

// Bounds for the whole scan of examples/shop plus every hostile file (the README's limits are
// per file; these are what the sum of them may cost). Sanitizers slow code ~3x and add shadow memory.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif
constexpr double kMaxSeconds = kSanitized ? 180.0 : 60.0;
constexpr long kMaxResidentMiB = kSanitized ? 3072 : 1024;

// A finding's identity here is its rule and location (with its related locations). Messages and
// fingerprints are not compared: the bad files include compose projects, and with more than one
// deployment scope in the tree a message names its scope ("... postgres://shop-db:5432 in .").
std::vector<std::string> finding_lines(const ScanResult& result) {
  std::vector<std::string> lines;
  const auto at = [](const SourceLocation& location) {
    return location.path + ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
  };
  for (const auto& finding : result.findings) {
    std::string line = finding.rule + " " + at(finding.location);
    for (const auto& related : finding.related) line += " related " + at(related.location);
    lines.push_back(line);
  }
  return lines;
}

std::string describe(const std::vector<Warning>& warnings) {
  std::string text;
  for (const auto& warning : warnings) {
    text += warning.location.path + ":" + std::to_string(warning.location.line) + ": " + warning.message + "\n";
  }
  return text;
}

ScanResult scan(const fs::path& root) {
  ScanOptions options;
  options.root = root;
  return run_scan(options);
}

// One tree for every test here: building it writes ~15 MB.
class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new fs::path(testing::scratch_dir("badinput"));
    clean_ = new fs::path(*scratch_ / "clean");
    hostile_ = new fs::path(*scratch_ / "hostile-root");
    outside_ = new fs::path(*scratch_ / "outside");
    testing::copy_shop_example(*clean_);
    testing::copy_shop_example(*hostile_);
    expected_ = new std::vector<testing::ExpectedWarning>(testing::add_hostile_files(*hostile_, *outside_));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*scratch_);
    delete scratch_;
    delete clean_;
    delete hostile_;
    delete outside_;
    delete expected_;
  }
  static fs::path* scratch_;
  static fs::path* clean_;
  static fs::path* hostile_;
  static fs::path* outside_;
  static std::vector<testing::ExpectedWarning>* expected_;
};
fs::path* BadInput::scratch_ = nullptr;
fs::path* BadInput::clean_ = nullptr;
fs::path* BadInput::hostile_ = nullptr;
fs::path* BadInput::outside_ = nullptr;
std::vector<testing::ExpectedWarning>* BadInput::expected_ = nullptr;

TEST_F(BadInput, EveryBadFileIsWarnedAboutWithItsLocation) {
  const ScanResult result = scan(*hostile_);
  ASSERT_GE(expected_->size(), 20u) << "the hostile tree lost its bad files";
  for (const auto& want : *expected_) {
    const bool found = std::any_of(result.warnings.begin(), result.warnings.end(), [&](const Warning& warning) {
      return warning.location.path == want.path && (want.line == 0 || warning.location.line == want.line) &&
             warning.message.find(want.message_part) != std::string::npos;
    });
    EXPECT_TRUE(found) << "no warning at " << want.path << ":" << want.line << " containing '" << want.message_part
                       << "'; warnings were:\n"
                       << describe(result.warnings);
  }
}

TEST_F(BadInput, RealFindingsAreThoseOfTheCleanTree) {
  const auto clean = finding_lines(scan(*clean_));
  ASSERT_GE(clean.size(), 10u) << "examples/shop should break the pattern in many ways";
  const ScanResult hostile = scan(*hostile_);
  EXPECT_EQ(finding_lines(hostile), clean);
}

TEST_F(BadInput, NothingFromOutsideTheRootIsUsed) {
  const ScanResult result = scan(*hostile_);
  for (const auto& datasource : result.model.datasources) {
    for (const auto& endpoint : datasource.target.endpoints) EXPECT_NE(endpoint.host, "outside-db") << datasource.origin.location.path;
  }
  for (const auto& warning : result.warnings) {
    EXPECT_EQ(warning.message.find(testing::kHostileSecret), std::string::npos) << warning.location.path;
  }
}

// Runs the CLI as a child (wait4 gives its own peak memory) over the hostile tree in every format.
TEST_F(BadInput, EveryFormatFinishesWithinTimeAndMemoryBounds) {
  for (const std::string format : {"text", "json", "sarif", "github", "gitlab", "html"}) {
    const std::string output = (*scratch_ / ("out." + format)).string();
    std::vector<std::string> arguments = {DBSILO_BINARY, "scan", hostile_->string(), "--format", format, "-o", output};
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const auto started = std::chrono::steady_clock::now();
    pid_t child = 0;
    ASSERT_EQ(posix_spawn(&child, DBSILO_BINARY, nullptr, nullptr, argv.data(), environ), 0);
    int status = 0;
    rusage usage{};
    ASSERT_EQ(wait4(child, &status, 0, &usage), child);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(WIFEXITED(status)) << format << ": the scan crashed (signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << ")";
    EXPECT_EQ(WEXITSTATUS(status), 1) << format << ": findings expected, no internal error";
    EXPECT_LT(seconds, kMaxSeconds) << format;
    EXPECT_LT(usage.ru_maxrss / 1024, kMaxResidentMiB) << format << ": peak resident MiB";
    const std::string report = testing::read_text(output);
    EXPECT_NE(report.find("hostile/fifo/application.properties"), std::string::npos) << format << ": warnings belong in the report";
    EXPECT_EQ(report.find(testing::kHostileSecret), std::string::npos) << format << " printed a secret";
  }
}

// Files that change between the walk and the read: each case on read_source_file directly,
// because a scan cannot be paused between its two steps.
TEST(SourceReader, FileVanishedAfterTheWalk) {
  const auto root = testing::scratch_dir("reader-vanished");
  std::vector<Warning> warnings;
  EXPECT_FALSE(read_source_file(root, "gone/application.yml", warnings));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.path, "gone/application.yml");
  EXPECT_NE(warnings[0].message.find("vanished"), std::string::npos) << warnings[0].message;
  fs::remove_all(root);
}

TEST(SourceReader, FileSwappedForAFifoDoesNotBlock) {
  const auto root = testing::scratch_dir("reader-fifo");
  ASSERT_EQ(::mkfifo((root / "application.properties").c_str(), 0644), 0);
  std::vector<Warning> warnings;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(read_source_file(root, "application.properties", warnings));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("regular file"), std::string::npos) << warnings[0].message;
  fs::remove_all(root);
}

TEST(SourceReader, FileSwappedForALinkOutOfTheRootIsNotRead) {
  const auto scratch = testing::scratch_dir("reader-link");
  testing::write_bytes(scratch / "outside.properties", std::string("password=") + std::string(testing::kHostileSecret));
  testing::write_bytes(scratch / "root/inside/ok.properties", "a=1\n");
  fs::create_symlink(scratch / "outside.properties", scratch / "root/app.properties");
  fs::create_symlink(scratch, scratch / "root/up");  // a directory link: the escape is in a middle component
  std::vector<Warning> warnings;
  EXPECT_FALSE(read_source_file(scratch / "root", "app.properties", warnings));
  EXPECT_FALSE(read_source_file(scratch / "root", "up/outside.properties", warnings));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].message.find("outside the scanned root"), std::string::npos) << warnings[0].message;
  EXPECT_NE(warnings[1].message.find("outside the scanned root"), std::string::npos) << warnings[1].message;
  // The guard must not reject what is legitimately inside.
  const auto inside = read_source_file(scratch / "root", "inside/ok.properties", warnings);
  ASSERT_TRUE(inside);
  EXPECT_EQ(*inside, "a=1\n");
  EXPECT_EQ(warnings.size(), 2u);
  fs::remove_all(scratch);
}

TEST(SourceReader, InvalidUtf8IsLocatedByLine) {
  EXPECT_EQ(first_invalid_utf8_line("plain\nascii\n"), 0);
  EXPECT_EQ(first_invalid_utf8_line("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n"), 0);  // é € 😀
  EXPECT_EQ(first_invalid_utf8_line("a\nb\n\x80"), 3);                          // lone continuation byte
  EXPECT_EQ(first_invalid_utf8_line("\xc0\xaf"), 1);                            // overlong '/'
  EXPECT_EQ(first_invalid_utf8_line("x\n\xed\xa0\x80"), 2);                     // UTF-16 surrogate
  EXPECT_EQ(first_invalid_utf8_line("\xf4\x90\x80\x80"), 1);                    // past U+10FFFF
  EXPECT_EQ(first_invalid_utf8_line("ok\n\xe2\x82"), 2);                        // cut short at the end
  EXPECT_EQ(first_invalid_utf8_line("\xff"), 1);
}

// Files appearing and vanishing while scans run: whatever the timing, no crash, no hang, and the
// findings of the untouched services stay the same.
TEST_F(BadInput, FilesChurningDuringTheScan) {
  const auto churn_root = *scratch_ / "churn";
  testing::copy_shop_example(churn_root);
  const auto expected = finding_lines(scan(churn_root));
  ASSERT_FALSE(expected.empty());
  std::atomic<bool> done = false;
  std::thread churner([&] {
    for (int round = 0; !done; ++round) {
      const auto dir = churn_root / "churn" / std::to_string(round % 7);
      testing::write_bytes(dir / "application.properties", "spring.datasource.url=jdbc:postgresql://${X}/x\n");
      testing::write_bytes(dir / "docker-compose.yml", "services:\n  c:\n    image: alpine\n");
      fs::remove_all(churn_root / "churn" / std::to_string((round + 3) % 7));
    }
  });
  for (int run = 0; run < 3; ++run) EXPECT_EQ(finding_lines(scan(churn_root)), expected) << "run " << run;
  done = true;
  churner.join();
}

}  // namespace
}  // namespace dbsilo
