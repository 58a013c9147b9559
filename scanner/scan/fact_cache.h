// File facts on disk: the fact cache (one entry per file version) and shard files of `dbsilo facts`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dbsilo/facts.h"

namespace dbsilo {

struct CompileFlags;    // languages/cpp/cpp_extractor.h
struct CollectedFacts;  // scanner/scan/scan.h

// Bump whenever FileFacts (or anything it holds) changes shape or meaning: older entries and
// shard files are then ignored or refused instead of being read as something they are not.
inline constexpr int kFactSchemaVersion = 1;

// FileFacts <-> JSON. Every field is written; reading throws on a missing or mistyped field.
nlohmann::json facts_to_json(const FileFacts& facts);
FileFacts facts_from_json(const nlohmann::json& json);
nlohmann::json warning_to_json(const Warning& warning);
Warning warning_from_json(const nlohmann::json& json);

// The user's cache folder for dbsilo: $XDG_CACHE_HOME/dbsilo, else $HOME/.cache/dbsilo; empty
// when neither is set.
std::filesystem::path default_cache_dir();

// Content-addressed fact cache. An entry is keyed by everything extraction depends on (path,
// kind, bytes, C++ flags, pre-filter, dbsilo build, schema) and carries a checksum: a torn,
// truncated or foreign entry fails to load and the file is simply extracted again. Writes go to
// a unique temporary file renamed into place, so concurrent runs never see half an entry.
class FactCache {
 public:
  explicit FactCache(std::filesystem::path dir);

  static std::string key(const std::string& relative_path, FileKind kind, std::string_view bytes, const CompileFlags* flags, bool java_prefilter);

  // nullopt when there is no entry or it does not check out.
  std::optional<FileFacts> load(const std::string& key, const std::string& relative_path) const;
  // Best effort: a cache that cannot be written only costs speed.
  void store(const std::string& key, const FileFacts& facts) const;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path entry_path(const std::string& key) const;

 private:
  std::filesystem::path dir_;
};

// Shard files of `dbsilo facts --shard K/N`: one shard's file facts and collection warnings,
// with the dbsilo version and schema that wrote them.
nlohmann::json shard_to_json(const CollectedFacts& collected, unsigned shard_index, unsigned shard_count);

// Reads shard files and joins them into the facts of the whole tree. Throws unless they come from
// this dbsilo version and schema and hold every shard 1..N exactly once: a missing shard would
// silently drop findings.
CollectedFacts merge_shards(const std::vector<std::filesystem::path>& shard_files);

}  // namespace dbsilo
