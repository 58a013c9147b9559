// Fuzz target: the Java front end (tree-sitter parse, embedded .scm queries, literal folding).
#include <vector>

#include "fuzz/fuzz_support.h"
#include "languages/java/java_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<dbsilo::Warning> warnings;
  (void)dbsilo::extract_java(dbsilo::fuzz::as_text(data, size), "src/main/java/shop/Orders.java", warnings);
  return 0;
}
