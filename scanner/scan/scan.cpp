// run_scan: wires the stages together and applies rule selection and severities.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "dbsilo/rule.h"
#include "dbsilo/text.h"
#include "languages/cpp/cpp_extractor.h"
#include "languages/java/java_extractor.h"
#include "scanner/discover/project_config.h"
#include "scanner/discover/units.h"
#include "scanner/discover/walk.h"
#include "scanner/resolve/resolve.h"
#include "scanner/resolve/code_model.h"
#include "scanner/scan/scan.h"
#include "scanner/scan/changed_files.h"
#include "scanner/scan/fact_cache.h"
#include "scanner/scan/source_reader.h"
#include "scanner/scan/suppressions.h"

namespace dbsilo {
namespace {

// Size cap, binary content and changes since the walk: see source_reader.h.
std::optional<std::string> read_file_checked(const std::filesystem::path& root, const std::string& relative, std::vector<Warning>& warnings) {
  return read_source_file(root, relative, warnings);
}

std::vector<std::string> root_ignore_globs(const std::filesystem::path& root, std::vector<Warning>& warnings) {
  for (const char* name : {"dbsilo.yaml", "dbsilo.yml"}) {
    const auto path = root / name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) continue;
    std::vector<Warning> ignored;  // reported when the file is extracted with the others
    if (auto bytes = read_file_checked(root, name, ignored)) return read_project_config(*bytes, name, ignored).ignore;
  }
  (void)warnings;
  return {};
}

// C++ build flags: the given compile_commands.json, else one in the root or build/ (never a build run).
std::map<std::string, CompileFlags> compile_flags_of(const ScanOptions& options, std::vector<Warning>& warnings) {
  std::filesystem::path database = options.compile_commands;
  if (database.empty()) {
    for (const auto* candidate : {"compile_commands.json", "build/compile_commands.json"}) {
      std::error_code error;
      if (std::filesystem::is_regular_file(options.root / candidate, error)) {
        database = options.root / candidate;
        break;
      }
    }
  }
  if (database.empty()) return {};
  return read_compile_commands(database, options.root, warnings);
}

// env_file entries may name files of any name; read those the path classifier skipped.
// `walked`: the walk's files, sorted. Already read under their own kind: `files`, and in a
// sharded run `read_by_other_shards`.
void extract_env_files(const std::filesystem::path& root, const std::vector<std::string>& walked, const std::set<std::string>& read_by_other_shards,
                       std::vector<FileFacts>& files, std::vector<Warning>& warnings) {
  std::set<std::pair<std::string, SourceLocation>> wanted;
  for (const auto& file : files) {
    if (!file.compose) continue;
    for (const auto& service : file.compose->services) {
      for (const auto& env_file : service.env_files) wanted.insert(env_file);
    }
  }
  if (wanted.empty()) return;
  std::set<std::string> extracted = read_by_other_shards;
  for (const auto& file : files) extracted.insert(file.path);
  for (const auto& [path, location] : wanted) {
    if (extracted.contains(path)) continue;
    if (!std::binary_search(walked.begin(), walked.end(), path)) {
      warnings.push_back({location, "env_file '" + path + "' not found inside the scanned root"});
      continue;
    }
    if (auto bytes = read_file_checked(root, path, warnings)) {
      files.push_back(extract_file(path, FileKind::dotenv, *bytes));
      extracted.insert(path);
    }
  }
}

// One file for the extraction workers, and what came of it.
struct ExtractionItem {
  std::string path;
  FileKind kind = FileKind::other;
  const CompileFlags* flags = nullptr;
};

// A file's facts go straight into their slot of the collected files (FileFacts is over 1 KB:
// moving 28,000 of them from results into a second vector was a serial 20 ms and 30 MB).
struct ExtractionResult {
  bool has_facts = false;  // false: not read (too big, binary, gone); warnings say why
  std::vector<Warning> warnings;
  bool from_cache = false;
  std::size_t bytes = 0;
  // For the fact cache's next pack: the record this file's facts came from, or what to record.
  const FactCache::Record* reused = nullptr;  // an unchanged file's record in the loaded pack
  std::optional<FileStamp> stamp;             // otherwise, when the file has one: record it
  std::uint64_t context = 0;
  std::string key;
  std::string payload;            // encoded facts of a file extracted now
  std::string_view pack_payload;  // or those of the pack record with the same content key
};

// "1234/5678 files  45.6 MB/s" on stderr, redrawn at most every 100 ms and erased at the end.
// Only the CLI turns it on, and only when stderr is a terminal.
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::size_t total) : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()) {}
  ~ProgressLine() {
    if (enabled_ && drawn_) std::fprintf(stderr, "\r\033[K");
  }
  void advance(std::size_t bytes) {
    if (!enabled_) return;
    const std::size_t done = done_.fetch_add(1) + 1;
    const std::size_t total_bytes = bytes_.fetch_add(bytes) + bytes;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;  // another worker is drawing: never wait for the terminal
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done != total_) return;
    last_ = now;
    drawn_ = true;
    const double seconds = std::max(1e-3, std::chrono::duration<double>(now - start_).count());
    std::fprintf(stderr, "\r\033[Kdbsilo: %zu/%zu files  %.1f MB/s", done, total_, static_cast<double>(total_bytes) / 1e6 / seconds);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
  std::atomic<std::size_t> done_{0};
  std::atomic<std::size_t> bytes_{0};
  std::mutex mutex_;
  bool drawn_ = false;
};

void extract_one(const ScanOptions& options, const FactCache* cache, const ExtractionItem& item, ExtractionResult& result, FileFacts& facts) {
  std::optional<FileStamp> stamp;
  std::uint64_t context = 0;
  // Stamped before reading: a change racing the read leaves a stamp older than the content
  // recorded, so the next run reads the file again instead of trusting stale facts. A file the
  // pack has a record of is stamped by path, so an unchanged one is never opened; any other is
  // stamped by the open file's fstat, before its bytes are read (one path lookup, not two).
  bool stamp_when_opened = false;
  if (cache) {
    context = FactCache::context_of(item.path, item.kind, item.flags, options.java_prefilter);
    stamp_when_opened = !cache->has_path(item.path);
    if (!stamp_when_opened) stamp = stamp_of(options.root / item.path);
    if (stamp) {
      if (const FactCache::Record* record = cache->trusted(item.path, *stamp, context)) {
        if (auto cached = decode_cached_file(record->payload, item.path)) {
          result.warnings = std::move(cached->read_warnings);
          facts = std::move(cached->facts);
          result.has_facts = true;
          result.from_cache = true;
          result.reused = record;
          result.bytes = static_cast<std::size_t>(stamp->size);
          return;
        }
      }
    }
  }
  struct stat opened {};
  auto bytes = read_source_file(options.root, item.path, result.warnings, stamp_when_opened ? &opened : nullptr);
  if (!bytes) return;
  if (stamp_when_opened) stamp = stamp_from(opened);
  result.bytes = bytes->size();
  if (!cache) {
    facts = extract_file(item.path, item.kind, *bytes, item.flags, options.java_prefilter);
    result.has_facts = true;
    return;
  }
  // C++ files are parsed on their own even with build flags (includes are never followed), so
  // their bytes and flags are all their facts depend on: the key holds both.
  std::string key = FactCache::key(item.path, item.kind, *bytes, item.flags, options.java_prefilter);
  std::optional<CachedFile> cached;
  const FactCache::Record* same_content = cache->with_key(key);
  if (same_content) cached = decode_cached_file(same_content->payload, item.path);
  if (cached) {
    facts = std::move(cached->facts);
    result.from_cache = true;
  } else {
    facts = extract_file(item.path, item.kind, *bytes, item.flags, options.java_prefilter);
  }
  result.has_facts = true;
  if (!stamp) return;  // nothing to recognise the file by next time
  // The key covers the path and every byte, so the record of the same key holds these very
  // facts and read warnings: its payload is recorded again as it is.
  if (cached) {
    result.pack_payload = same_content->payload;
  } else {
    result.payload = encode_cached_file(result.warnings, facts);
  }
  result.stamp = stamp;
  result.context = context;
  result.key = std::move(key);
}
// A shared queue (an atomic index into `items`) drained by `jobs` workers. Each worker thread
// has its own parsers: the Java front end keeps a thread_local TSParser, the C++ one a
// thread_local CXIndex, and the SQL analysis cache is locked. Results land in the slot of their
// item, so their order is the walk's whatever thread did the work.
// `files` gets one slot per item, filled by whichever worker takes it.
std::vector<ExtractionResult> extract_in_parallel(const ScanOptions& options, const FactCache* cache, const std::vector<ExtractionItem>& items,
                                                  std::vector<FileFacts>& files) {
  std::vector<ExtractionResult> results(items.size());
  files.resize(items.size());
  unsigned workers = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, std::max<std::size_t>(items.size(), 1)));
  ProgressLine progress(options.progress, items.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failures(items.size());
  const auto work = [&] {
    for (std::size_t index = next.fetch_add(1); index < items.size(); index = next.fetch_add(1)) {
      try {
        extract_one(options, cache, items[index], results[index], files[index]);
      } catch (...) {
        failures[index] = std::current_exception();
      }
      progress.advance(results[index].bytes);
    }
  };
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::jthread> threads;
    for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work);
  }
  // The first failure in walk order, as a serial run would have thrown it.
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return results;
}

// Helm charts are templates, not YAML: their templates/ folder is not read, and the chart is
// named once so the silence is explained.
std::set<std::string> helm_chart_dirs(const std::vector<std::string>& files) {
  std::set<std::string> charts;
  for (const auto& path : files) {
    const auto slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name == "Chart.yaml" || name == "Chart.yml") charts.insert(slash == std::string::npos ? std::string() : path.substr(0, slash));
  }
  return charts;
}

bool in_chart_templates(const std::string& path, const std::set<std::string>& charts) {
  for (const auto& chart : charts) {
    const std::string templates = chart.empty() ? "templates/" : chart + "/templates/";
    if (path.starts_with(templates)) return true;
  }
  return false;
}

// A compose `build:` whose Dockerfile starts FROM postgres runs a postgres: join each
// compose service with the base image of the Dockerfile it builds.
void link_dockerfiles(std::vector<FileFacts>& files) {
  std::map<std::string, std::string> base_image_of;
  for (const auto& file : files) {
    if (file.kind == FileKind::dockerfile) base_image_of[file.path] = file.dockerfile_base_image;
  }
  for (auto& file : files) {
    if (!file.compose) continue;
    for (auto& service : file.compose->services) {
      if (service.build_context.empty() && service.dockerfile.empty()) continue;
      const std::string dockerfile = !service.dockerfile.empty() ? service.dockerfile
                                     : service.build_context.empty() ? std::string("Dockerfile")
                                                                     : service.build_context + "/Dockerfile";
      if (auto found = base_image_of.find(dockerfile); found != base_image_of.end()) service.built_from_image = found->second;
    }
  }
}

// Whether link_dockerfiles would leave every compose service as it is.
bool dockerfiles_linked(const std::vector<FileFacts>& files) {
  std::map<std::string, const std::string*> base_image_of;
  for (const auto& file : files) {
    if (file.kind == FileKind::dockerfile) base_image_of[file.path] = &file.dockerfile_base_image;
  }
  for (const auto& file : files) {
    if (!file.compose) continue;
    for (const auto& service : file.compose->services) {
      if (service.build_context.empty() && service.dockerfile.empty()) continue;
      const std::string dockerfile = !service.dockerfile.empty() ? service.dockerfile
                                     : service.build_context.empty() ? std::string("Dockerfile")
                                                                     : service.build_context + "/Dockerfile";
      if (auto found = base_image_of.find(dockerfile); found != base_image_of.end() && *found->second != service.built_from_image) return false;
    }
  }
  return true;
}

// Profile names the tree defines: application-<p>.*, appsettings.<p>.json, on-profile
// expressions, docker-compose.<p>.yml and kustomize overlay folders.
std::set<std::string> profiles_defined(const std::vector<FileFacts>& files) {
  std::set<std::string> profiles;
  for (const auto& file : files) {
    const auto slash = file.path.rfind('/');
    const std::string name = slash == std::string::npos ? file.path : file.path.substr(slash + 1);
    const std::string dir = slash == std::string::npos ? std::string() : file.path.substr(0, slash);
    const std::string stem = name.substr(0, name.rfind('.'));
    for (char separator : {'-', '.'}) {
      if (const auto at = stem.find(separator); at != std::string::npos) {
        profiles.insert(stem.substr(at + 1));
        for (const auto& part : split(stem.substr(at + 1), '.')) profiles.insert(part);
        for (const auto& part : split(stem.substr(at + 1), '-')) profiles.insert(part);
      }
    }
    if (file.kubernetes && file.kubernetes->kustomization) profiles.insert(dir.substr(dir.rfind('/') + 1));
    if (!file.config) continue;
    for (const auto& document : file.config->documents) {
      std::string word;
      for (char c : document.activation + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
          word += c;
        } else {
          if (!word.empty()) profiles.insert(word);
          word.clear();
        }
      }
    }
  }
  return profiles;
}

std::vector<DatastoreSummary> summarize_datastores(const Model& model) {
  std::map<std::pair<std::string, std::string>, DatastoreSummary> grouped;
  for (const auto& datasource : model.datasources) {
    if (datasource.server_key.empty()) continue;
    DatastoreSummary& summary = grouped[{datasource.server_key, datasource.database_label}];
    if (summary.id.empty()) {
      summary.id = datasource.server_label + (datasource.database_label.empty() ? "" : "/" + datasource.database_label);
      summary.engine = std::string(engine_name(datasource.target.engine));
      summary.host = datasource.target.endpoints.front().host;
      summary.port = datasource.target.endpoints.front().port ? datasource.target.endpoints.front().port : default_port(datasource.target.engine);
      summary.database = datasource.database_label;
    }
    if (std::find(summary.used_by.begin(), summary.used_by.end(), datasource.unit) == summary.used_by.end()) summary.used_by.push_back(datasource.unit);
    if (std::find(summary.origins.begin(), summary.origins.end(), datasource.origin.location) == summary.origins.end()) {
      summary.origins.push_back(datasource.origin.location);
    }
  }
  std::vector<DatastoreSummary> summaries;
  for (auto& [key, summary] : grouped) {
    std::sort(summary.used_by.begin(), summary.used_by.end());
    std::sort(summary.origins.begin(), summary.origins.end());
    summaries.push_back(std::move(summary));
  }
  std::sort(summaries.begin(), summaries.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return summaries;
}

std::map<std::string, std::string> rule_levels_of(const std::vector<FileFacts>& files) {
  for (const auto& file : files) {
    if (file.project_config && (file.path == "dbsilo.yaml" || file.path == "dbsilo.yml")) return file.project_config->rule_levels;
  }
  return {};
}

bool rule_selected(std::string_view id, const ScanOptions& options, const std::map<std::string, std::string>& levels) {
  const std::string rule_id(id);
  if (!options.enabled_rules.empty()) {
    return std::find(options.enabled_rules.begin(), options.enabled_rules.end(), rule_id) != options.enabled_rules.end();
  }
  if (std::find(options.disabled_rules.begin(), options.disabled_rules.end(), rule_id) != options.disabled_rules.end()) return false;
  auto level = levels.find(rule_id);
  return level == levels.end() || level->second != "off";
}

Severity severity_of(const RuleInfo& info, const std::map<std::string, std::string>& levels) {
  auto level = levels.find(std::string(info.id));
  if (level == levels.end()) return info.default_severity;
  if (level->second == "error") return Severity::error;
  if (level->second == "note") return Severity::note;
  return Severity::warning;
}

// A finding also seen in the default evaluation is not repeated for a profile.
std::vector<Finding> without_profile_repeats(std::vector<Finding> findings, const std::vector<std::string>& profiles) {
  const auto profile_rank = [&profiles](const std::string& profile) {
    return std::find(profiles.begin(), profiles.end(), profile) - profiles.begin();
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) { return profile_rank(a.profile) < profile_rank(b.profile); });
  std::set<std::string> seen;
  std::vector<Finding> kept;
  for (auto& finding : findings) {
    if (!seen.insert(finding.fingerprint).second) continue;
    kept.push_back(std::move(finding));
  }
  return kept;
}

}  // namespace

std::vector<RuleDescription> describe_rules() {
  std::vector<RuleDescription> descriptions;
  for (const auto& rule : all_rules()) {
    const auto& info = rule->info();
    RuleDescription description{std::string(info.id), std::string(info.name), std::string(info.summary), std::string(info.fix),
                                info.default_severity, std::string(rule_doc(info.id)),
                                std::string(kRuleDocBaseUrl) + std::string(info.id) + ".md", {}};
    for (const auto tag : info.tags) description.tags.emplace_back(tag);
    descriptions.push_back(std::move(description));
  }
  return descriptions;
}

void validate_rule_selection(const ScanOptions& options) {
  for (const auto& id : options.enabled_rules) {
    if (!find_rule(id)) throw std::runtime_error("unknown rule '" + id + "' (see `dbsilo explain`)");
  }
  for (const auto& id : options.disabled_rules) {
    if (!find_rule(id)) throw std::runtime_error("unknown rule '" + id + "' (see `dbsilo explain`)");
  }
}

namespace {

// What makes two scans' facts comparable file by file: the tree and the options that change
// which files are read and how.
std::string tree_identity(const ScanOptions& options) {
  std::error_code error;
  std::filesystem::path root = std::filesystem::weakly_canonical(std::filesystem::absolute(options.root), error);
  if (error) root = std::filesystem::absolute(options.root);
  return root.string() + '\x1f' + (options.include_tests ? "tests" : "-") + '\x1f' + (options.java_prefilter ? "p" : "-") + '\x1f' +
         std::to_string(options.shard_index) + "/" + std::to_string(options.shard_count);
}

// The next pack: every file read, in walk order. Rewritten only when something differs from the
// loaded one, so a warm scan of an unchanged tree writes nothing.
void save_fact_cache(const FactCache& cache, const std::vector<ExtractionItem>& items, const std::vector<ExtractionResult>& results) {
  std::size_t unchanged = 0;
  for (const auto& result : results) unchanged += result.reused ? 1 : 0;
  const bool changed = std::any_of(results.begin(), results.end(), [](const ExtractionResult& result) { return result.stamp.has_value(); });
  if (!changed && unchanged == cache.size()) return;
  std::vector<FactCache::Record> records;
  for (std::size_t index = 0; index < results.size(); ++index) {
    const auto& result = results[index];
    if (result.reused) {
      records.push_back(*result.reused);
    } else if (result.stamp) {
      records.push_back({items[index].path, result.context, *result.stamp, result.key,
                         result.pack_payload.empty() ? std::string_view(result.payload) : result.pack_payload});
    }
  }
  cache.save(records);
}

// What writing the next pack needs once collection is over: the loaded pack (reused records
// point into it), the paths, and the extraction results (their keys and payloads).
struct PendingPackSave {
  std::unique_ptr<FactCache> cache;
  std::vector<ExtractionItem> items;
  std::vector<ExtractionResult> results;
};

}  // namespace

unsigned shard_of(std::string_view relative_path, unsigned shard_count) {
  if (shard_count == 0) return 0;
  return static_cast<unsigned>(fnv1a64(relative_path, fnv1a64("dbsilo-shard-v1")) % shard_count);
}

namespace {

// `background_save`: when given, the pack is written on another thread and this future says when
// it is done (run_scan analyses meanwhile); otherwise it is written before returning.
CollectedFacts collect(const ScanOptions& options, std::future<void>* background_save) {
  std::error_code error;
  if (!std::filesystem::is_directory(options.root, error)) throw std::runtime_error("not a directory: " + options.root.string());
  const bool sharded = options.shard_count > 0;
  if (sharded && (options.shard_index < 1 || options.shard_index > options.shard_count)) {
    throw std::runtime_error("shard " + std::to_string(options.shard_index) + "/" + std::to_string(options.shard_count) + " is out of range");
  }
  // Tree-wide warnings (walk, Helm, compile_commands.json) come from the first shard only, so a
  // merge of all shards holds each exactly once, as a single-machine scan does.
  const bool tree_warnings = !sharded || options.shard_index == 1;
  CollectedFacts collected;
  std::vector<Warning> discarded;
  std::vector<Warning>& global_warnings = tree_warnings ? collected.warnings : discarded;
  PhaseClock clock(options.timings);
  // The walk leaves a core idle: the Java patterns compile there meanwhile.
  auto java_ready = std::async(std::launch::async, prepare_java_extractor);
  WalkOptions walk_options;
  walk_options.ignore_globs = root_ignore_globs(options.root, global_warnings);
  WalkResult walked = walk_tree(options.root, walk_options);
  global_warnings.insert(global_warnings.end(), walked.warnings.begin(), walked.warnings.end());

  auto& files = collected.files;
  const std::set<std::string> charts = helm_chart_dirs(walked.files);
  for (const auto& chart : charts) {
    const std::string chart_file = chart.empty() ? "Chart.yaml" : chart + "/Chart.yaml";
    global_warnings.push_back({{chart_file, 1, 1},
                               "Helm chart '" + (chart.empty() ? std::string(".") : chart) +
                                   "' is not rendered: its templates are not read (render it with `helm template` into the tree to scan it)"});
  }
  const auto compile_flags = compile_flags_of(options, global_warnings);
  clock.lap("walk");
  std::vector<ExtractionItem> items;
  std::set<std::string> read_by_some_shard;  // sharded: files another shard extracts under their own kind
  for (const auto& path : walked.files) {
    const FileKind kind = classify_file(path, options.include_tests);
    if (kind == FileKind::other || in_chart_templates(path, charts)) continue;
    if (sharded) {
      read_by_some_shard.insert(path);
      if (shard_of(path, options.shard_count) != options.shard_index - 1) continue;
    }
    const auto flags = compile_flags.find(path);
    items.push_back({path, kind, flags == compile_flags.end() ? nullptr : &flags->second});
  }
  std::unique_ptr<FactCache> cache;
  if (!options.cache_dir.empty()) {
    cache = std::make_unique<FactCache>(options.cache_dir, tree_identity(options));
    clock.lap("load the fact cache");
  }
  java_ready.get();
  std::vector<ExtractionResult> results = extract_in_parallel(options, cache.get(), items, files);
  clock.lap(cache ? "extract (or take from the fact cache)" : "extract");
  // Merged in walk order whatever the thread that did the work: the output cannot depend on --jobs.
  // Files not read leave their slot: the others move up (usually none has to).
  std::size_t kept = 0;
  for (std::size_t index = 0; index < results.size(); ++index) {
    const ExtractionResult& result = results[index];
    collected.warnings.insert(collected.warnings.end(), result.warnings.begin(), result.warnings.end());
    if (!result.has_facts) continue;
    (result.from_cache ? collected.from_cache : collected.extracted) += 1;
    if (result.reused) ++collected.unchanged;
    if (kept != index) files[kept] = std::move(files[index]);
    ++kept;
  }
  files.resize(kept);
  clock.lap("merge");
  if (cache && background_save) {
    auto pending = std::make_shared<PendingPackSave>(PendingPackSave{std::move(cache), std::move(items), std::move(results)});
    *background_save = std::async(std::launch::async, [pending] { save_fact_cache(*pending->cache, pending->items, pending->results); });
  } else if (cache) {
    save_fact_cache(*cache, items, results);
    clock.lap("save the fact cache");
  }
  extract_env_files(options.root, walked.files, read_by_some_shard, files, collected.warnings);
  const auto by_path = [](const FileFacts& a, const FileFacts& b) { return a.path < b.path; };
  if (!std::is_sorted(files.begin(), files.end(), by_path)) std::sort(files.begin(), files.end(), by_path);
  clock.lap("env files and sorting");
  return collected;
}

}  // namespace

CollectedFacts collect_facts(const ScanOptions& options) { return collect(options, nullptr); }

ScanResult analyze_facts(const std::vector<FileFacts>& held, std::vector<Warning> collection_warnings, const ScanOptions& options,
                         CodeUseCache* code_cache) {
  validate_rule_selection(options);
  PhaseClock clock(options.timings);
  ScanResult result;
  result.warnings = std::move(collection_warnings);
  // The language server analyses the facts it holds on every edit: copying all of them was a
  // tenth of that, so they are only copied when sorting or Dockerfile linking would change them.
  const auto by_path = [](const FileFacts& a, const FileFacts& b) { return a.path < b.path; };
  std::optional<std::vector<FileFacts>> adjusted;
  if (!std::is_sorted(held.begin(), held.end(), by_path) || !dockerfiles_linked(held)) {
    adjusted = held;
    std::sort(adjusted->begin(), adjusted->end(), by_path);
    link_dockerfiles(*adjusted);
  }
  const std::vector<FileFacts>& files = adjusted ? *adjusted : held;
  for (const auto& file : files) result.warnings.insert(result.warnings.end(), file.warnings.begin(), file.warnings.end());
  const std::set<std::string> defined = profiles_defined(files);
  for (const auto& profile : options.profiles) {
    if (!defined.contains(profile)) {
      result.warnings.push_back({{"", 0, 0}, "--profile " + profile +
                                                 " matches no Spring profile, compose variant or kustomize overlay in the scanned tree"});
    }
  }
  clock.lap("prepare facts");
  DiscoveredUnits discovered = discover_units(files);
  clock.lap("discover units");
  result.warnings.insert(result.warnings.end(), discovered.warnings.begin(), discovered.warnings.end());
  ResolveOptions resolve_options;
  resolve_options.profiles = options.profiles;
  resolve_options.code_cache = code_cache;
  resolve_options.timings = options.timings;
  for (const auto& file : files) {
    if (file.project_config && (file.path == "dbsilo.yaml" || file.path == "dbsilo.yml")) resolve_options.ownership = file.project_config->ownership;
  }
  result.model = resolve_model(files, discovered, resolve_options, result.warnings);
  clock.lap("resolve (all steps)");
  result.datastores = summarize_datastores(result.model);
  clock.lap("summarize datastores");

  const auto levels = rule_levels_of(files);
  std::vector<Finding> findings;
  for (const auto& rule : all_rules()) {
    if (!rule_selected(rule->info().id, options, levels)) continue;
    std::vector<Finding> produced;
    rule->check(result.model, produced);
    for (auto& finding : produced) {
      finding.rule = std::string(rule->info().id);
      finding.severity = severity_of(rule->info(), levels);
      if (finding.fix.empty()) finding.fix = std::string(rule->info().fix);
      findings.push_back(std::move(finding));
    }
    clock.lap("rule " + std::string(rule->info().id));
  }
  findings = without_profile_repeats(std::move(findings), result.model.profiles);

  // Suppressions of rules that did not run are neither applied nor reported as unused.
  std::vector<SuppressionFact> suppressions;
  for (const auto& file : files) {
    suppressions.insert(suppressions.end(), file.suppressions.begin(), file.suppressions.end());
    if (file.project_config && (file.path == "dbsilo.yaml" || file.path == "dbsilo.yml")) {
      suppressions.insert(suppressions.end(), file.project_config->suppressions.begin(), file.project_config->suppressions.end());
    }
  }
  std::erase_if(suppressions, [&](const SuppressionFact& suppression) {
    return std::all_of(suppression.rules.begin(), suppression.rules.end(),
                       [&](const std::string& rule) { return find_rule(rule) && !rule_selected(rule, options, levels); });
  });
  SuppressionOutcome outcome = apply_suppressions(std::move(findings), suppressions);
  result.findings = std::move(outcome.kept);
  result.suppressed = outcome.suppressed;
  result.warnings.insert(result.warnings.end(), outcome.warnings.begin(), outcome.warnings.end());

  if (!options.changed_since.empty()) {
    std::string error;
    const auto changed = changed_files_since(options.root, options.changed_since, error);
    if (!changed) throw std::runtime_error(error);
    keep_findings_in_changed_files(result.findings, *changed);
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_order);
  std::sort(result.warnings.begin(), result.warnings.end());
  result.warnings.erase(std::unique(result.warnings.begin(), result.warnings.end()), result.warnings.end());
  clock.lap("suppressions and sorting");
  return result;
}

ScanResult run_scan(const ScanOptions& options) {
  validate_rule_selection(options);
  // The fact cache's pack is written while the facts are analysed (a cold scan's pack is most of
  // its size in bytes), and is whole on disk when the scan returns: the next scan reads it.
  std::future<void> pack_saved;
  CollectedFacts collected = collect(options, &pack_saved);
  ScanResult result = analyze_facts(std::move(collected.files), std::move(collected.warnings), options);
  result.facts_released = std::async(std::launch::async, [files = std::move(collected.files)]() mutable { std::vector<FileFacts>().swap(files); }).share();
  if (pack_saved.valid()) {
    PhaseClock clock(options.timings);
    pack_saved.get();
    clock.lap("save the fact cache (the rest of it, after the analysis)");
  }
  return result;
}

}  // namespace dbsilo
