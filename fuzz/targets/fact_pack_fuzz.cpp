// Fuzz target: the fact cache's binary record decoder (scanner/scan/binary_archive.h through
// decode_cached_file). Arbitrary bytes must decode or be refused, never crash or allocate past the
// input; and any facts the front ends extract must survive encode -> decode unchanged.
#include <array>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_support.h"
#include "scanner/scan/fact_cache.h"
#include "scanner/scan/scan.h"

namespace {

constexpr std::array<const char*, 6> kPaths = {"orders/src/main/resources/application.yml", "orders/src/main/resources/application.properties",
                                               "orders/src/main/java/com/x/OrderRepository.java", "docker-compose.yml",
                                               "db/migration/V1__init.sql", "orders/src/db.cpp"};

std::string json_of(const dbsilo::FileFacts& facts) {
  return dbsilo::facts_to_json(facts).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  const std::string path = kPaths[(selector / 2) % kPaths.size()];
  if (selector % 2 == 0) {
    (void)dbsilo::decode_cached_file(text, path);
    return 0;
  }
  const dbsilo::FileFacts facts = dbsilo::extract_file(path, dbsilo::classify_file(path, false), text);
  const auto decoded = dbsilo::decode_cached_file(dbsilo::encode_cached_file(facts.warnings, facts), path);
  if (!decoded || json_of(decoded->facts) != json_of(facts) || decoded->read_warnings != facts.warnings) std::abort();
  return 0;
}
