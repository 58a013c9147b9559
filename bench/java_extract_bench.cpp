// Benchmark: Java extraction throughput on one core (read + pre-filter + tree-sitter parse + queries + facts).
// Usage: dbsilo_bench_java CORPUS_DIR   (make one with dbsilo_make_java_corpus; any tree of .java files works)
// Prints the throughput with the pre-filter (as scans run) and with every file parsed (the worst case).
#include <time.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "languages/java/java_extractor.h"

namespace {

struct Sources {
  std::vector<std::pair<std::string, std::string>> files;  // (path, text)
  std::size_t bytes = 0;
};

Sources read_sources(const std::filesystem::path& root) {
  Sources sources;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".java") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    sources.bytes += text.str().size();
    sources.files.emplace_back(entry.path().string(), text.str());
  }
  return sources;
}

void run(const Sources& sources, dbsilo::JavaPrefilter prefilter, const char* label) {
  std::size_t facts = 0;
  // CPU time of this thread: "per core" even when other processes share the machine.
  const auto cpu_seconds = [] {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
  };
  const double start = cpu_seconds();
  for (const auto& [path, text] : sources.files) {
    std::vector<dbsilo::Warning> warnings;
    const auto extracted = dbsilo::extract_java(text, path, warnings, prefilter);
    facts += extracted.entities.size() + extracted.repositories.size() + extracted.queries.size() + extracted.store_accesses.size() +
             extracted.events.size() + extracted.global_state.size();
  }
  const double seconds = cpu_seconds() - start;
  const double megabytes = static_cast<double>(sources.bytes) / (1024.0 * 1024.0);
  std::cout << label << ": " << facts << " facts, " << seconds << " s of CPU: " << megabytes / seconds << " MB/s per core\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR\n";
    return 2;
  }
  const Sources sources = read_sources(argv[1]);
  std::size_t kept_files = 0;
  std::size_t kept_bytes = 0;
  for (const auto& [path, text] : sources.files) {
    if (!dbsilo::java_may_hold_facts(text)) continue;
    ++kept_files;
    kept_bytes += text.size();
  }
  std::cout << sources.files.size() << " files, " << static_cast<double>(sources.bytes) / (1024.0 * 1024.0) << " MB; the pre-filter keeps "
            << kept_files << " files (" << (sources.bytes ? 100.0 * static_cast<double>(kept_bytes) / static_cast<double>(sources.bytes) : 0.0)
            << "% of bytes)\n";
  run(sources, dbsilo::JavaPrefilter::on, "pre-filter on ");
  run(sources, dbsilo::JavaPrefilter::off, "every file parsed");
  return 0;
}
