// Shared by the Java front-end tests: run extract_java on a snippet and keep its warnings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "languages/java/java_extractor.h"

namespace dbsilo::test {

struct Extracted {
  JavaFileFacts facts;
  std::vector<Warning> warnings;
};

inline Extracted extract(std::string_view source) {
  Extracted result;
  result.facts = extract_java(source, "src/main/java/Example.java", result.warnings);
  return result;
}

}  // namespace dbsilo::test
