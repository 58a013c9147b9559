// Benchmark: C++ extraction throughput on one core (libclang single-file parse + AST + token pass + facts).
// Usage: dbsilo_bench_cpp CORPUS_DIR   (make one with dbsilo_make_cpp_corpus)
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "languages/cpp/cpp_extractor.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR\n";
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> sources;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    const auto extension = entry.path().extension();
    if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".h")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bytes += text.str().size();
    sources.emplace_back(std::filesystem::relative(entry.path(), argv[1]).generic_string(), text.str());
  }
  std::size_t facts = 0;
  std::size_t warnings_seen = 0;
  // CPU time is what "per core" means; wall time also counts waiting for a busy machine's cores.
  const std::clock_t cpu_start = std::clock();
  const auto start = std::chrono::steady_clock::now();
  for (const auto& [path, text] : sources) {
    std::vector<dbsilo::Warning> warnings;
    const auto extracted = dbsilo::extract_cpp(text, path, nullptr, warnings);
    facts += extracted.entities.size() + extracted.queries.size() + extracted.store_accesses.size() + extracted.global_state.size() +
             extracted.connections.size();
    warnings_seen += warnings.size();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double megabytes = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::cout << sources.size() << " files, " << megabytes << " MB, " << facts << " facts, " << warnings_seen << " warnings: " << cpu_seconds
            << " s CPU (" << seconds << " s wall), " << megabytes / cpu_seconds << " MB/s per core\n";
  return 0;
}
