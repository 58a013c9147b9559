// File facts on disk: the fact cache (one binary pack per scanned tree) and shard files of `dbsilo facts`.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "dbsilo/facts.h"

namespace dbsilo {

struct CompileFlags;    // languages/cpp/cpp_extractor.h
struct CollectedFacts;  // scanner/scan/scan.h

// Bump whenever FileFacts (or anything it holds) changes shape or meaning: older packs and
// shard files are then ignored or refused instead of being read as something they are not.
// 2: the cache became one binary pack per scanned tree. 3: queries carry their SQL tables.
inline constexpr int kFactSchemaVersion = 3;

// FileFacts <-> JSON (shard files). Every field is written; reading throws on a missing or mistyped field.
nlohmann::json facts_to_json(const FileFacts& facts);
FileFacts facts_from_json(const nlohmann::json& json);
nlohmann::json warning_to_json(const Warning& warning);
Warning warning_from_json(const nlohmann::json& json);

// The user's cache folder for dbsilo: $XDG_CACHE_HOME/dbsilo, else $HOME/.cache/dbsilo; empty
// when neither is set.
std::filesystem::path default_cache_dir();

// What stat says about a file: when all of it is unchanged, so is the file (as git's index
// assumes), and a warm scan uses the facts recorded for it without reading it.
struct FileStamp {
  std::int64_t size = 0;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0;  // inode change time: also moves when a file is replaced or touched back
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  bool operator==(const FileStamp&) const = default;
};
// nullopt when the file cannot be stat'ed or is not a regular file.
std::optional<FileStamp> stamp_of(const std::filesystem::path& file);
FileStamp stamp_from(const struct stat& info);

// One file's extraction as the cache keeps it: the warnings of reading it, and its facts.
struct CachedFile {
  std::vector<Warning> read_warnings;
  FileFacts facts;
};
std::string encode_cached_file(const std::vector<Warning>& read_warnings, const FileFacts& facts);
// nullopt when the bytes are damaged or belong to another path.
std::optional<CachedFile> decode_cached_file(std::string_view payload, const std::string& relative_path);

// The fact cache: one binary pack per scanned tree (root and the options that change facts),
// holding for each file its stamp, a content key (everything extraction depends on: path, kind,
// bytes, C++ flags, pre-filter, dbsilo build, schema) and its encoded facts. A warm scan trusts a
// file whose stamp is unchanged; a file whose stamp moved is read and hashed, and its facts are
// taken from the pack when its key is there (content-addressed: a touched, copied back or renamed
// file is not extracted again). The pack ends in a checksum; one that does not check out, or was
// written by another build, is ignored whole. It is written to a unique temporary file and
// renamed into place, so concurrent runs never see half a pack. One pack per tree also bounds the
// cache: a rescan replaces the tree's pack instead of adding entries.
class FactCache {
 public:
  // Views into the loaded pack, or into the caller's strings for a pack being saved.
  struct Record {
    std::string_view path;
    std::uint64_t context = 0;  // context_of(): path, kind, flags, pre-filter, build
    FileStamp stamp;
    std::string_view key;
    std::string_view payload;  // encode_cached_file()
  };

  // Loads the tree's pack when there is one that checks out.
  FactCache(std::filesystem::path dir, const std::string& tree_identity);
  FactCache(const FactCache&) = delete;  // records point into the loaded pack
  FactCache& operator=(const FactCache&) = delete;

  static std::string key(const std::string& relative_path, FileKind kind, std::string_view bytes, const CompileFlags* flags, bool java_prefilter);
  static std::uint64_t context_of(const std::string& relative_path, FileKind kind, const CompileFlags* flags, bool java_prefilter);

  // The record of an unchanged file: same stamp and context, and modified well before the scan
  // that recorded it began (else it could have changed within one timestamp tick).
  const Record* trusted(const std::string& relative_path, const FileStamp& stamp, std::uint64_t context) const;
  // Whether the pack holds a record of this path at all (else there is no stamp to compare).
  bool has_path(const std::string& relative_path) const { return record_of(relative_path) != nullptr; }
  // Any record of a file with this content key.
  const Record* with_key(const std::string& key) const;
  std::size_t size() const { return records_.size(); }

  // Writes the tree's pack (best effort: a cache that cannot be written only costs speed).
  void save(const std::vector<Record>& records) const;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path pack_path() const;

 private:
  const Record* record_of(const std::string& relative_path) const;  // records are sorted by path
  void load();

  std::filesystem::path dir_;
  std::string tree_identity_;
  std::int64_t started_ns_ = 0;       // when this run began: the next run's racy-file limit
  std::int64_t written_from_ns_ = 0;  // the loaded pack's
  std::string pack_;                  // the loaded pack's bytes; records point into it
  std::vector<Record> records_;  // sorted by path
  mutable std::once_flag by_key_built_;
  mutable std::unordered_map<std::string_view, std::size_t> by_key_;
};

// Shard files of `dbsilo facts --shard K/N`: one shard's file facts and collection warnings,
// with the dbsilo version and schema that wrote them.
nlohmann::json shard_to_json(const CollectedFacts& collected, unsigned shard_index, unsigned shard_count);

// Reads shard files and joins them into the facts of the whole tree. Throws unless they come from
// this dbsilo version and schema and hold every shard 1..N exactly once: a missing shard would
// silently drop findings.
CollectedFacts merge_shards(const std::vector<std::filesystem::path>& shard_files);

}  // namespace dbsilo
