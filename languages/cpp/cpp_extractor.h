// extract_cpp: the C++ front end (libclang); per-file facts about SQL, connections, collections, mappings, global state.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/location.h"

namespace dbsilo {

// Everything one C++ file tells. Facts depend only on the file's bytes and its compile flags.
struct CppFileFacts {
  std::vector<EntityMappingFact> entities;     // ODB #pragma db object, sqlpp11 table structs, Wt::Dbo mapClass
  std::vector<QueryTextFact> queries;          // SQL in client calls and bare SQL-shaped literals
  std::vector<StoreAccessFact> store_accesses; // MongoDB collections (mongoc, mongocxx)
  std::vector<GlobalStateFact> global_state;
  std::vector<ConnectionFact> connections;
  std::vector<LiteralCallFact> literal_calls;
  std::vector<IncludeFact> includes;
};

// Compile flags of one file from compile_commands.json (compiler, -o, -c and the file removed).
struct CompileFlags {
  std::vector<std::string> arguments;
  std::string file;       // absolute path, as the build names it (relative includes resolve from it)
};

// compile_commands.json entries by path relative to `root` ('/' separators). Bad entries and a
// broken file yield warnings located in the file; nothing throws.
std::map<std::string, CompileFlags> read_compile_commands(const std::filesystem::path& file, const std::filesystem::path& root,
                                                          std::vector<Warning>& warnings);

// Parses `source` with libclang. Without flags each file is parsed on its own (includes skipped,
// KeepGoing), which needs no build; with flags the file is parsed as its build does.
// Never throws: a file libclang cannot parse yields the token-level facts and one warning.
CppFileFacts extract_cpp(std::string_view source, const std::string& path, const CompileFlags* flags, std::vector<Warning>& warnings);

}  // namespace dbsilo
