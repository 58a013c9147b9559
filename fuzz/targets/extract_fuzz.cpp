// Fuzz target: the extract stage's dispatcher over every other front end, picked by file name:
// XML (Maven, Liquibase, Hibernate, MyBatis), Gradle, CMake, package.json, dbsilo.yaml,
// Dockerfile, pooling-proxy configs, and the suppression-comment scan every file goes through.
#include <array>
#include <string>

#include "fuzz/fuzz_support.h"
#include "scanner/scan/scan.h"

namespace {

// Names chosen so classify_file sends each to a different reader.
constexpr std::array<const char*, 16> kPaths = {
    "pom.xml",           "settings.gradle",   "orders/build.gradle.kts", "CMakeLists.txt",
    "package.json",      "dbsilo.yaml",       "orders/Dockerfile",       "pgbouncer/pgbouncer.ini",
    "proxysql.cnf",      "db/changelog/db.changelog-master.xml",         "db/changelog/changelog.yaml",
    "orders/Order.hbm.xml", "src/main/resources/mapper/OrderMapper.xml",  "odyssey.conf",
    "pgpool.conf",       "orders/src/main/cpp/db.cpp"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  const std::string path = kPaths[selector % kPaths.size()];
  (void)dbsilo::extract_file(path, dbsilo::classify_file(path, false), text);
  return 0;
}
