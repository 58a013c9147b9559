// Scaling a scan out: --jobs, the fact cache and shards must each leave the report unchanged.
// Every test here compares whole JSON and SARIF reports, so a fact lost on the way fails them.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "cli_support.h"
#include "fixture_expectations.h"
#include "hostile_tree.h"
#include "scanner/scan/fact_cache.h"
#include "scanner/scan/scan.h"

namespace dbsilo {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(DBSILO_SOURCE_DIR) / "tests" / "fixtures";

// Every fixture case plus the bundled examples (C++ services among them).
std::vector<fs::path> scan_roots() {
  auto roots = testing::fixture_cases(kFixtures);
  for (const char* example : {"shop", "shop-k8s", "cpp-shop"}) roots.push_back(fs::path(DBSILO_SOURCE_DIR) / "examples" / example);
  return roots;
}

ScanOptions options_for(const fs::path& root) {
  ScanOptions options;
  options.root = root;
  options.profiles = testing::read_profiles(root);
  return options;
}

std::string report(const ScanResult& result, const std::string& format) {
  std::ostringstream out;
  auto printer = make_printer(format, out, {});
  printer->begin({"test", result.model.units, result.datastores, describe_rules(), &result.model});
  for (const auto& finding : result.findings) printer->finding(finding);
  printer->finish({result.warnings, result.suppressed, result.findings.size(), 0});
  return out.str();
}

std::string reports(const ScanResult& result) { return report(result, "json") + "\n----\n" + report(result, "sarif"); }

std::string facts_text(const CollectedFacts& collected) {
  std::string text;
  for (const auto& file : collected.files) text += facts_to_json(file).dump() + "\n";
  for (const auto& warning : collected.warnings) text += warning_to_json(warning).dump() + "\n";
  return text;
}

TEST(ParallelExtraction, EveryFixtureGivesTheSameReportsWithOneOrFourJobs) {
  for (const auto& root : scan_roots()) {
    ScanOptions options = options_for(root);
    options.jobs = 1;
    const std::string serial = reports(run_scan(options));
    options.jobs = 4;
    const std::string parallel = reports(run_scan(options));
    EXPECT_EQ(serial, parallel) << root << ":\n" << testing::first_difference(serial, parallel);
    EXPECT_GT(serial.size(), 200u) << root;
  }
}

TEST(ParallelExtraction, CommandLineAcceptsJobs) {
  const fs::path shop = fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop";
  const auto one = testing::run_dbsilo("scan " + shop.string() + " --format sarif --jobs 1");
  const auto four = testing::run_dbsilo("scan " + shop.string() + " --format sarif --jobs 4");
  EXPECT_EQ(one.exit_code, 1) << one.output.substr(0, 400);
  EXPECT_EQ(one.output, four.output);
}

// The first file of that name under `root` in directory order; empty when there is none.
fs::path first_file_named(const fs::path& root, const std::string& name) {
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().filename() == name) return entry.path();
  }
  return {};
}

// Facts read back from the cache equal the facts extracted, fact for fact and report for report.
TEST(FactCache, WarmScanOfEveryFixtureReadsEverythingFromTheCacheAndReportsTheSame) {
  const fs::path cache = testing::scratch_dir("fact-cache-roundtrip");
  for (const auto& root : scan_roots()) {
    ScanOptions options = options_for(root);
    const CollectedFacts extracted = collect_facts(options);
    options.cache_dir = cache;
    const CollectedFacts cold = collect_facts(options);
    const CollectedFacts warm = collect_facts(options);
    // (The cold run may already hit: fixtures share files with the same path and bytes.)
    EXPECT_EQ(cold.from_cache + cold.extracted, extracted.extracted) << root;
    EXPECT_EQ(warm.extracted, 0u) << root;
    EXPECT_EQ(warm.from_cache, extracted.extracted) << root;
    EXPECT_EQ(facts_text(warm), facts_text(extracted)) << root;
    const std::string want = reports(analyze_facts(extracted.files, extracted.warnings, options));
    const std::string got = reports(analyze_facts(warm.files, warm.warnings, options));
    EXPECT_EQ(want, got) << root << ":\n" << testing::first_difference(want, got);
  }
  fs::remove_all(cache);
}

TEST(FactCache, WarmRescanReExtractsOnlyTheChangedFile) {
  const fs::path scratch = testing::scratch_dir("fact-cache-rescan");
  const fs::path root = scratch / "shop";
  fs::copy(fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop", root, fs::copy_options::recursive);
  ScanOptions options = options_for(root);
  options.cache_dir = scratch / "cache";
  const CollectedFacts cold = collect_facts(options);
  ASSERT_GT(cold.extracted, 10u);
  // Change a properties file: its facts must change with it.
  const fs::path changed = first_file_named(root, "application.properties");
  ASSERT_FALSE(changed.empty());
  std::ofstream(changed, std::ios::app) << "\nspring.datasource.url=jdbc:postgresql://rescan-db:5432/rescan\n";
  const CollectedFacts warm = collect_facts(options);
  EXPECT_EQ(warm.extracted, 1u);
  EXPECT_EQ(warm.from_cache, cold.extracted - 1);
  EXPECT_NE(facts_text(warm).find("rescan-db"), std::string::npos);
  options.cache_dir.clear();
  EXPECT_EQ(facts_text(collect_facts(options)), facts_text(warm));
  fs::remove_all(scratch);
}

// Damaged packs of every kind are ignored whole and the files extracted again; the report is
// unchanged, and the pack written back is whole again.
TEST(FactCache, DamagedPacksAreIgnoredAndReplaced) {
  const fs::path scratch = testing::scratch_dir("fact-cache-corrupt");
  const fs::path root = scratch / "shop";
  fs::copy(fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop", root, fs::copy_options::recursive);
  ScanOptions options = options_for(root);
  const std::string expected = reports(run_scan(options));
  options.cache_dir = scratch / "cache";
  const CollectedFacts cold = collect_facts(options);
  ASSERT_GT(cold.extracted, 10u);
  std::vector<fs::path> packs;
  for (const auto& entry : fs::recursive_directory_iterator(options.cache_dir)) {
    if (entry.is_regular_file()) packs.push_back(entry.path());
  }
  ASSERT_EQ(packs.size(), 1u) << "one pack per tree";
  const fs::path pack = packs.front();
  const std::string good = testing::read_text(pack);
  // A valid pack of another tree (same files, another root) in this tree's place.
  ScanOptions other = options_for(fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop");
  other.cache_dir = scratch / "other-cache";
  collect_facts(other);
  std::string foreign;
  for (const auto& entry : fs::recursive_directory_iterator(other.cache_dir)) {
    if (entry.is_regular_file()) foreign = testing::read_text(entry.path());
  }
  ASSERT_FALSE(foreign.empty());

  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x20);
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"a flipped byte (only the checksum can tell)", flipped},
      {"truncated", good.substr(0, good.size() / 2)},
      {"empty", ""},
      {"a foreign header", "dbsilo-facts 0 0 2\n{}"},
      {"the pack of another tree", foreign},
  };
  for (const auto& [what, bytes] : damages) {
    testing::write_bytes(pack, bytes);
    const CollectedFacts damaged = collect_facts(options);
    EXPECT_EQ(damaged.from_cache, 0u) << what;
    EXPECT_EQ(damaged.extracted, cold.extracted) << what;
    const std::string got = reports(analyze_facts(damaged.files, damaged.warnings, options));
    EXPECT_EQ(expected, got) << what << ": " << testing::first_difference(expected, got);
    // The re-extracted facts were written back: the next run takes them all from the cache.
    EXPECT_EQ(collect_facts(options).from_cache, cold.extracted) << what;
  }
  fs::remove_all(scratch);
}

// Records are decoded defensively too: any byte string as a payload is refused or decoded, never
// trusted past its end (the pack checksum makes this the second line of defence).
TEST(FactCache, DamagedRecordsNeverDecode) {
  FileFacts facts;
  facts.path = "svc/src/main/resources/application.properties";
  facts.kind = FileKind::properties;
  facts.queries.push_back({"SELECT id FROM orders", "sql", "JdbcTemplate.query", {facts.path, 3, 7}});
  const std::string payload = encode_cached_file({{{facts.path, 1, 0}, "invalid UTF-8 on line 1"}}, facts);
  const auto decoded = decode_cached_file(payload, facts.path);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->facts.queries.at(0).text, "SELECT id FROM orders");
  EXPECT_EQ(decoded->read_warnings.at(0).message, "invalid UTF-8 on line 1");
  EXPECT_FALSE(decode_cached_file(payload, "another/path.properties")) << "a record of another file";
  for (std::size_t size = 0; size < payload.size(); ++size) {
    EXPECT_FALSE(decode_cached_file(payload.substr(0, size), facts.path)) << "truncated to " << size;
  }
  EXPECT_FALSE(decode_cached_file(payload + "x", facts.path)) << "trailing bytes";
  EXPECT_FALSE(decode_cached_file(std::string(64, '\xff'), facts.path));
}

// Sets every file's modification time an hour back, as for a tree checked out well before the scan.
void age_tree(const fs::path& root) {
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const struct timespec times[2] = {{::time(nullptr) - 3600, 0}, {::time(nullptr) - 3600, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, entry.path().c_str(), times, 0), 0) << entry.path();
  }
}

// A warm scan of an unchanged tree reads no file; a changed file is read again even when its
// size and modification time were put back (its inode change time moved).
TEST(FactCache, UnchangedFilesAreNotReadAndChangedOnesAre) {
  const fs::path scratch = testing::scratch_dir("fact-cache-stamps");
  const fs::path root = scratch / "shop";
  fs::copy(fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop", root, fs::copy_options::recursive);
  age_tree(root);
  // Setting the times moved each file's inode change time to now; a stamp that recent is not
  // trusted (it could change again within one timestamp tick), so the scan starts 2 s later.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  ScanOptions options = options_for(root);
  options.cache_dir = scratch / "cache";
  const CollectedFacts cold = collect_facts(options);
  ASSERT_GT(cold.extracted, 10u);
  EXPECT_EQ(cold.unchanged, 0u);
  const CollectedFacts warm = collect_facts(options);
  EXPECT_EQ(warm.unchanged, cold.extracted) << "every file's stamp is unchanged and old enough to trust";
  EXPECT_EQ(facts_text(warm), facts_text(cold));

  const fs::path changed = first_file_named(root, "application.properties");
  ASSERT_FALSE(changed.empty());
  struct stat before {};
  ASSERT_EQ(::stat(changed.c_str(), &before), 0);
  // Same size, same modification time: only the inode change time tells.
  std::string text = testing::read_text(changed);
  const std::string url = "spring.datasource.url=";
  const auto at = text.find(url);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, url.size(), "spring.datasource.url=jdbc:postgresql://stamp-db:5432/x\n#");
  text.resize(static_cast<std::size_t>(before.st_size));
  testing::write_bytes(changed, text);
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, changed.c_str(), times, 0), 0);
  const CollectedFacts after = collect_facts(options);
  EXPECT_EQ(after.unchanged, cold.extracted - 1);
  EXPECT_EQ(after.extracted, 1u);
  EXPECT_NE(facts_text(after).find("stamp-db"), std::string::npos);
  options.cache_dir.clear();
  EXPECT_EQ(facts_text(collect_facts(options)), facts_text(after));
  fs::remove_all(scratch);
}

// Two scans filling one cache at once (each with several workers) leave only whole entries.
TEST(FactCache, ConcurrentRunsShareOneCache) {
  const fs::path scratch = testing::scratch_dir("fact-cache-concurrent");
  ScanOptions options = options_for(fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop");
  const std::string expected = facts_text(collect_facts(options));
  options.cache_dir = scratch / "cache";
  options.jobs = 3;
  std::vector<std::string> seen(4);
  {
    std::vector<std::jthread> runs;
    for (auto& text : seen) runs.emplace_back([&options, &text] { text = facts_text(collect_facts(options)); });
  }
  for (const auto& text : seen) EXPECT_EQ(text, expected);
  const CollectedFacts warm = collect_facts(options);
  EXPECT_EQ(warm.extracted, 0u);
  EXPECT_EQ(facts_text(warm), expected);
  for (const auto& entry : fs::recursive_directory_iterator(options.cache_dir)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << "left behind: " << entry.path();
  }
  fs::remove_all(scratch);
}

// Shards written to files and merged give the single-machine reports, for every fixture.
TEST(Shards, MergedShardsOfEveryFixtureGiveTheSingleMachineReports) {
  const fs::path scratch = testing::scratch_dir("shards");
  for (const auto& root : scan_roots()) {
    ScanOptions options = options_for(root);
    const std::string expected = reports(run_scan(options));
    for (unsigned count : {2u, 3u}) {
      std::vector<fs::path> shard_files;
      for (unsigned index = 1; index <= count; ++index) {
        ScanOptions shard = options;
        shard.shard_index = index;
        shard.shard_count = count;
        shard_files.push_back(scratch / ("facts-" + std::to_string(index) + ".json"));
        std::ofstream(shard_files.back()) << shard_to_json(collect_facts(shard), index, count).dump();
      }
      std::reverse(shard_files.begin(), shard_files.end());  // the order shard files are named in does not matter
      CollectedFacts merged = merge_shards(shard_files);
      const std::string got = reports(analyze_facts(std::move(merged.files), std::move(merged.warnings), options));
      EXPECT_EQ(expected, got) << root << " in " << count << " shards:\n" << testing::first_difference(expected, got);
    }
  }
  fs::remove_all(scratch);
}

TEST(Shards, CommandLineShardsMatchAPlainScanAndAMissingShardIsAnError) {
  const fs::path scratch = testing::scratch_dir("shards-cli");
  const fs::path shop = fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop";
  const auto plain = testing::run_dbsilo("scan " + shop.string() + " --format sarif");
  std::string files;
  for (int index = 1; index <= 3; ++index) {
    const fs::path file = scratch / ("facts-" + std::to_string(index) + ".json");
    const auto run = testing::run_dbsilo("facts " + shop.string() + " --shard " + std::to_string(index) + "/3 -o " + file.string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    files += " " + file.string();
  }
  const auto merged = testing::run_dbsilo("scan " + shop.string() + " --format sarif --facts" + files);
  EXPECT_EQ(merged.exit_code, plain.exit_code);
  EXPECT_EQ(merged.output, plain.output) << testing::first_difference(plain.output, merged.output);
  const auto missing = testing::run_dbsilo("scan " + shop.string() + " --facts " + (scratch / "facts-1.json").string() + " " +
                                           (scratch / "facts-3.json").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("shard 2/3 is missing"), std::string::npos) << missing.output;
  EXPECT_EQ(testing::run_dbsilo("facts " + shop.string() + " --shard 4/3").exit_code, 2);
  fs::remove_all(scratch);
}

// The command line fills the user's cache by default and leaves it alone with --no-cache.
TEST(FactCache, CommandLineDefaultsToTheUserCacheFolder) {
  const fs::path scratch = testing::scratch_dir("fact-cache-cli");
  const fs::path shop = fs::path(DBSILO_SOURCE_DIR) / "examples" / "shop";
  const std::string environment = "DBSILO_NO_CACHE= XDG_CACHE_HOME=" + scratch.string();
  testing::run_dbsilo("scan " + shop.string() + " --no-cache", environment);
  EXPECT_FALSE(fs::exists(scratch / "dbsilo"));
  testing::run_dbsilo("scan " + shop.string(), environment);
  EXPECT_TRUE(fs::is_directory(scratch / "dbsilo" / ("v" + std::to_string(kFactSchemaVersion))));
  fs::remove_all(scratch);
}

// A Latin-1 config: the binary cache keeps its bytes as they are, and the scan (cold, warm,
// sharded) reports exactly what an uncached scan does.
TEST(FactCache, FilesThatAreNotUtf8AreReportedAsUncached) {
  const fs::path scratch = testing::scratch_dir("fact-cache-latin1");
  fs::create_directories(scratch / "tree");
  {
    std::ofstream out(scratch / "tree" / "application.yml", std::ios::binary);
    out << "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/caf\xe9\n";
  }
  const std::string tree = (scratch / "tree").string();
  const std::string cache = "--cache " + (scratch / "cache").string();
  const auto uncached = testing::run_dbsilo("scan " + tree + " --format json --no-cache");
  const auto cold = testing::run_dbsilo("scan " + tree + " --format json " + cache);
  const auto warm = testing::run_dbsilo("scan " + tree + " --format json " + cache);
  EXPECT_NE(uncached.exit_code, 2) << uncached.output;
  EXPECT_EQ(cold.exit_code, uncached.exit_code) << cold.output;
  EXPECT_EQ(cold.output, uncached.output);
  EXPECT_EQ(warm.output, uncached.output);
  const auto shard = testing::run_dbsilo("facts " + tree + " --shard 1/1 --no-cache -o " + (scratch / "facts-1.json").string());
  EXPECT_EQ(shard.exit_code, 0) << shard.output;
  fs::remove_all(scratch);
}

}  // namespace
}  // namespace dbsilo
