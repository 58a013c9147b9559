// Options every command that extracts facts shares (scan, graph, facts): --jobs, --cache, --no-cache.
#pragma once

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "scanner/scan/fact_cache.h"
#include "scanner/scan/scan.h"

namespace dbsilo {

struct ExtractionFlags {
  unsigned jobs = 0;
  std::string cache;
  bool no_cache = false;
};

inline void add_extraction_flags(CLI::App* app, ExtractionFlags& flags) {
  app->add_option("--jobs,-j", flags.jobs, "extraction threads (default: all cores); the report is the same for every value");
  app->add_option("--cache", flags.cache, "fact cache folder (default: $XDG_CACHE_HOME/dbsilo or ~/.cache/dbsilo)");
  app->add_flag("--no-cache", flags.no_cache, "neither read nor write the fact cache (also: DBSILO_NO_CACHE=1)");
}

// The cache is on by default from the command line only. DBSILO_NO_CACHE turns the default off
// (the test suite sets it, so no test depends on or fills a user's cache); --cache DIR still wins.
inline void apply_extraction_flags(const ExtractionFlags& flags, ScanOptions& options) {
  options.jobs = flags.jobs;
  const char* no_cache = std::getenv("DBSILO_NO_CACHE");
  if (flags.no_cache) {
    options.cache_dir.clear();
  } else if (!flags.cache.empty()) {
    options.cache_dir = flags.cache;
  } else if (no_cache && *no_cache && std::string(no_cache) != "0") {
    options.cache_dir.clear();
  } else {
    options.cache_dir = default_cache_dir();
  }
  options.progress = isatty(STDERR_FILENO) != 0;
}

}  // namespace dbsilo
