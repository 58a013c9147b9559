// Fuzz target: the .properties reader (escapes, continuations, separators) and the .env reader;
// every input also checks that values under secret keys are dropped.
#include <vector>

#include "fuzz/fuzz_support.h"
#include "languages/config/config_parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  std::vector<dbsilo::Warning> warnings;
  // .env shares the key=value shape, so both readers see the same mutations.
  if (selector % 2 == 0) {
    dbsilo::fuzz::check_secrets_dropped(dbsilo::parse_properties(text, "application.properties", warnings));
  } else {
    dbsilo::fuzz::check_secrets_dropped(dbsilo::parse_dotenv(text, ".env", warnings));
  }
  return 0;
}
