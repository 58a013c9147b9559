// The language server keeps per-file code analysis between edits (CodeUseCache): reports must be
// those of a fresh analysis, and only what an edit touched may be recomputed.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fixture_expectations.h"
#include "scanner/resolve/code_model.h"
#include "scanner/scan/scan.h"

namespace dbsilo {
namespace {

namespace fs = std::filesystem;

std::string reports(const ScanResult& result) {
  std::string text;
  for (const char* format : {"json", "sarif"}) {
    std::ostringstream out;
    auto printer = make_printer(format, out, {});
    printer->begin({"test", result.model.units, result.datastores, describe_rules(), &result.model});
    for (const auto& finding : result.findings) printer->finding(finding);
    printer->finish({result.warnings, result.suppressed, result.findings.size(), 0});
    text += out.str() + "\n----\n";
  }
  return text;
}

// Reports do not show every use (a service's use of its own table makes no finding): compare them too.
std::string uses_text(const Model& model) {
  std::string text;
  for (const StoreUse* use_pointer : model.store_uses) {
    const StoreUse& use = *use_pointer;
    text += use.unit + "|" + use.store_kind + "|" + use.name + "|" + use.schema + "|" + use.operation + "|" + use.how + "|" + use.server_key + "|" +
            use.location.path + ":" + std::to_string(use.location.line) + ":" + std::to_string(use.location.column) + "\n";
  }
  return text;
}

void expect_same_as_fresh(const CollectedFacts& collected, const ScanOptions& options, CodeUseCache& cache, const std::string& what) {
  const ScanResult fresh = analyze_facts(collected.files, collected.warnings, options);
  const ScanResult cached = analyze_facts(collected.files, collected.warnings, options, &cache);
  EXPECT_EQ(reports(fresh), reports(cached)) << what;
  EXPECT_EQ(uses_text(fresh.model), uses_text(cached.model)) << what;
}

TEST(CodeUseCache, EveryFixtureAndExampleAnalysesAsWithoutIt) {
  auto roots = testing::fixture_cases(fs::path(DBSILO_SOURCE_DIR) / "tests" / "fixtures");
  for (const char* example : {"shop", "shop-k8s", "cpp-shop"}) roots.push_back(fs::path(DBSILO_SOURCE_DIR) / "examples" / example);
  for (const auto& root : roots) {
    ScanOptions options;
    options.root = root;
    options.profiles = testing::read_profiles(root);
    const CollectedFacts collected = collect_facts(options);
    CodeUseCache cache;
    expect_same_as_fresh(collected, options, cache, root.string() + " (first analysis)");
    expect_same_as_fresh(collected, options, cache, root.string() + " (second analysis)");
    EXPECT_EQ(cache.computed, 0u) << root << ": nothing changed, yet a file was analysed again";
  }
}

class CacheRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("dbsilo-code-cache-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    write("docker-compose.yml", "services:\n  svc0: {build: svc0}\n  svc1: {build: svc1}\n  db0: {image: \"postgres:16\"}\n  db1: {image: \"postgres:16\"}\n");
    for (const char* service : {"svc0", "svc1"}) {
      write(std::string(service) + "/src/main/resources/application.properties",
            "spring.datasource.url=jdbc:postgresql://db0:5432/" + std::string(service) + "\n");
    }
    write("svc0/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE s0_t (id BIGINT PRIMARY KEY);\n");
    write("svc1/src/main/resources/db/migration/V1__init.sql", "CREATE TABLE s1_t (id BIGINT PRIMARY KEY);\nCREATE TABLE orders (id BIGINT PRIMARY KEY);\n");
    write("svc1/src/main/java/com/x/Order.java",
          "package com.x;\nimport jakarta.persistence.*;\n@Entity\n@Table(name = \"orders\")\npublic class Order { @Id private Long id; }\n");
    write("svc0/src/main/java/com/y/Reader.java",
          "package com.y;\nimport jakarta.persistence.EntityManager;\npublic class Reader {\n  private EntityManager em;\n"
          "  Object all() { return em.createQuery(\"SELECT o FROM Order o\").getResultList(); }\n}\n");
    write("svc0/src/main/java/com/y/Plain.java",
          "package com.y;\nimport org.springframework.jdbc.core.JdbcTemplate;\npublic class Plain {\n  private JdbcTemplate jdbcTemplate;\n"
          "  Object read(long id) { return jdbcTemplate.queryForList(\"SELECT * FROM s0_t WHERE id = ?\", id); }\n}\n");
    options_.root = root_;
    collected_ = collect_facts(options_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }

  FileFacts& facts_of(const std::string& relative) {
    for (auto& file : collected_.files) {
      if (file.path == relative) return file;
    }
    ADD_FAILURE() << "no facts for " << relative;
    return collected_.files.front();
  }

  static std::size_t uses_named(const Model& model, const std::string& name) {
    return static_cast<std::size_t>(std::count_if(model.store_uses.begin(), model.store_uses.end(), [&](const StoreUse* use) { return use->name == name; }));
  }

  fs::path root_;
  ScanOptions options_;
  CollectedFacts collected_;
  CodeUseCache cache_;
};

TEST_F(CacheRepo, AnEditedQueryIsAnalysedAgainAndNothingElse) {
  expect_same_as_fresh(collected_, options_, cache_, "first analysis");
  ASSERT_GE(cache_.computed, 2u);
  const std::size_t files = cache_.computed;

  auto& edited = facts_of("svc0/src/main/java/com/y/Plain.java").queries.at(0);
  edited.text = "SELECT * FROM s1_t WHERE id = ?";
  edited.sql_tables.reset();  // a hand edit: the resolver analyses the new text itself
  const ScanResult result = analyze_facts(collected_.files, collected_.warnings, options_, &cache_);
  EXPECT_EQ(cache_.computed, 1u);
  EXPECT_EQ(cache_.reused, files - 1);
  EXPECT_EQ(uses_named(result.model, "s1_t"), 1u) << "the cached read of s0_t came back";
  EXPECT_EQ(uses_named(result.model, "s0_t"), 0u);
  expect_same_as_fresh(collected_, options_, cache_, "after the edit");
}

TEST_F(CacheRepo, ARenamedEntityReachesTheJpqlOfAnotherFile) {
  expect_same_as_fresh(collected_, options_, cache_, "first analysis");
  ASSERT_EQ(uses_named(analyze_facts(collected_.files, collected_.warnings, options_, &cache_).model, "orders"), 1u);

  // Only Order.java changed, but Reader.java's JPQL names the entity: its uses must follow.
  facts_of("svc1/src/main/java/com/x/Order.java").entities.at(0).name = "orders_v2";
  const ScanResult result = analyze_facts(collected_.files, collected_.warnings, options_, &cache_);
  EXPECT_EQ(uses_named(result.model, "orders_v2"), 1u);
  EXPECT_EQ(uses_named(result.model, "orders"), 0u);
  EXPECT_EQ(cache_.computed, 1u) << "only the file that looked the entity up is analysed again";
  expect_same_as_fresh(collected_, options_, cache_, "after the rename");
}

TEST_F(CacheRepo, AMovedDatasourceChangesTheServerOfCachedUses) {
  expect_same_as_fresh(collected_, options_, cache_, "first analysis");
  const std::string before = uses_text(analyze_facts(collected_.files, collected_.warnings, options_, &cache_).model);

  write("svc0/src/main/resources/application.properties", "spring.datasource.url=jdbc:postgresql://db1:5432/svc0\n");
  collected_ = collect_facts(options_);
  const ScanResult result = analyze_facts(collected_.files, collected_.warnings, options_, &cache_);
  EXPECT_NE(uses_text(result.model), before) << "the uses kept their old server";
  expect_same_as_fresh(collected_, options_, cache_, "after the move");
}

TEST_F(CacheRepo, ARemovedFileLeavesTheCache) {
  analyze_facts(collected_.files, collected_.warnings, options_, &cache_);
  ASSERT_TRUE(cache_.entries.contains("svc0/src/main/java/com/y/Plain.java"));
  std::erase_if(collected_.files, [](const FileFacts& file) { return file.path == "svc0/src/main/java/com/y/Plain.java"; });
  expect_same_as_fresh(collected_, options_, cache_, "after the removal");
  EXPECT_FALSE(cache_.entries.contains("svc0/src/main/java/com/y/Plain.java"));
}

}  // namespace
}  // namespace dbsilo
