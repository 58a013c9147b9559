// The whole pipeline: discover -> extract -> resolve -> rules -> findings ready for a printer.
#pragma once

#include <filesystem>
#include <future>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/finding.h"
#include "dbsilo/model.h"
#include "dbsilo/timings.h"
#include "scanner/report/printer.h"

namespace dbsilo {

struct CompileFlags;  // languages/cpp/cpp_extractor.h
class CodeUseCache;   // scanner/resolve/code_model.h

struct ScanOptions {
  std::filesystem::path root;
  std::vector<std::string> profiles;      // --profile, evaluated in addition to the default
  std::vector<std::string> enabled_rules;   // --enable: only these (empty = all)
  std::vector<std::string> disabled_rules;  // --disable
  bool include_tests = false;               // scan src/test/** too
  std::string changed_since;                // --changed-since GITREF: report findings touching changed files only
  // --compile-commands FILE: C++ files listed there are parsed with their build flags. Empty:
  // compile_commands.json in the root or in build/ when present, else each file on its own.
  std::filesystem::path compile_commands;
  bool java_prefilter = true;  // false: parse every Java file (tests prove the pre-filter loses nothing)
  // --jobs: extraction threads, 0 = one per core. The output does not depend on it.
  unsigned jobs = 0;
  // --cache DIR: the fact cache folder. Empty = no cache: in-process callers (tests, the editor)
  // never write to the user's cache unless they ask; the CLI fills in default_cache_dir().
  std::filesystem::path cache_dir;
  // `dbsilo facts --shard K/N`: extract only the files of shard K (1-based) of N; 0/0 = every file.
  unsigned shard_index = 0;
  unsigned shard_count = 0;
  bool progress = false;  // draw a progress line on stderr (the CLI sets it on a terminal only)
  // --timings: when set, each phase (walk, extract, discover, resolve steps, every rule) appends
  // its wall time here.
  std::vector<PhaseTiming>* timings = nullptr;
};

struct ScanResult {
  Model model;
  std::vector<DatastoreSummary> datastores;
  std::vector<Finding> findings;  // sorted, deduplicated across profiles
  std::vector<Warning> warnings;  // sorted
  std::size_t suppressed = 0;
  // run_scan frees the collected facts (tens of thousands of structs) on another thread while the
  // caller prints; the last copy of a result waits for it. Nothing here points into them.
  std::shared_future<void> facts_released;
};

// Which front end reads a file, from its path alone; FileKind::other = not read at all.
FileKind classify_file(std::string_view relative_path, bool include_tests);

// Runs one front end over a file's bytes; `compile_flags` only matter to C++ files.
// `java_prefilter`: Java files that cannot hold a fact are not parsed.
FileFacts extract_file(const std::string& relative_path, FileKind kind, std::string_view bytes, const CompileFlags* compile_flags = nullptr,
                       bool java_prefilter = true);

// The first half of a scan: every file's facts (discover + extract) and the warnings of reading them.
struct CollectedFacts {
  std::vector<FileFacts> files;  // sorted by path
  std::vector<Warning> warnings;
  std::size_t extracted = 0;   // files run through a front end
  std::size_t from_cache = 0;  // files whose facts came from the cache
  std::size_t unchanged = 0;   // of those, files not even read: their stamp was unchanged
};

// Which shard of `shard_count` a file belongs to (0-based), from a hash of its relative path
// alone: stable across machines, runs and file orders.
unsigned shard_of(std::string_view relative_path, unsigned shard_count);

// Throws on unknown rule ids in --enable/--disable.
void validate_rule_selection(const ScanOptions& options);

// Walks the root and extracts every file it reads. Throws when the root is not a directory.
CollectedFacts collect_facts(const ScanOptions& options);

// The second half: cross-file linking, units, resolution, rules, suppressions. Only file facts
// go in, so a caller holding facts (editor, cache, shards) can rerun it after changing one file.
// `files` are read in place when sorted by path and already linked to their Dockerfiles, else
// copied. `code_cache` (optional): per-file work kept between analyses of one tree, see
// CodeUseCache; results are the same with or without it.
ScanResult analyze_facts(const std::vector<FileFacts>& files, std::vector<Warning> collection_warnings, const ScanOptions& options,
                         CodeUseCache* code_cache = nullptr);

// collect_facts + analyze_facts.
ScanResult run_scan(const ScanOptions& options);

// Every rule's metadata as printers see it (no rule code).
std::vector<RuleDescription> describe_rules();

}  // namespace dbsilo
