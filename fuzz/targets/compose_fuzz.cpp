// Fuzz target: the docker-compose reader (services, env, env_file paths, networks, ports, merge keys).
#include <vector>

#include "fuzz/fuzz_support.h"
#include "languages/compose/compose_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [selector, text] = dbsilo::fuzz::split_selector(dbsilo::fuzz::as_text(data, size));
  std::vector<dbsilo::Warning> warnings;
  // Nested and top-level files differ in how relative paths may climb towards the root.
  (void)dbsilo::read_compose_file(text, selector % 2 == 0 ? "docker-compose.yml" : "deploy/dev/docker-compose.yml", warnings);
  bool escaped = false;
  (void)dbsilo::join_relative_path("deploy/dev", text.substr(0, 256), escaped);
  return 0;
}
