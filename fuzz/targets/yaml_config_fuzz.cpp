// Fuzz target: the YAML configuration reader (multi-document split, flattening, merge keys,
// aliases, profile activation) and the JSON reader that flattens the same way; every input also
// checks that values under secret keys are dropped.
#include <vector>

#include "fuzz/fuzz_support.h"
#include "languages/config/config_parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  std::vector<dbsilo::Warning> warnings;
  if (selector % 4 == 3) {
    dbsilo::fuzz::check_secrets_dropped(dbsilo::parse_json_config(text, "config/settings.json", warnings));
  } else {
    dbsilo::fuzz::check_secrets_dropped(dbsilo::parse_yaml_config(text, "src/main/resources/application.yml", warnings));
  }
  return 0;
}
