// Benchmark: Java extraction throughput on one core (read + tree-sitter parse + queries + facts).
// Usage: dbsilo_bench_java CORPUS_DIR   (make one with dbsilo_make_java_corpus)
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "languages/java/java_extractor.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR\n";
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> sources;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file() || entry.path().extension() != ".java") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bytes += text.str().size();
    sources.emplace_back(entry.path().string(), text.str());
  }
  std::size_t facts = 0;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& [path, text] : sources) {
    std::vector<dbsilo::Warning> warnings;
    const auto extracted = dbsilo::extract_java(text, path, warnings);
    facts += extracted.entities.size() + extracted.queries.size() + extracted.events.size() + extracted.global_state.size();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double megabytes = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::cout << sources.size() << " files, " << megabytes << " MB, " << facts << " facts, " << seconds << " s on one core: " << megabytes / seconds
            << " MB/s per core\n";
  return 0;
}
