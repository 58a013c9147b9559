// extract_java: the Java front end; per-file facts (entities, repositories, queries, events, global state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/location.h"

namespace dbsilo {

// Everything one .java file tells about data ownership and sharing. Each fact depends only on
// the file's bytes; resolution (entity -> table of another file, topic owners) happens later.
struct JavaFileFacts {
  std::vector<EntityMappingFact> entities;
  std::vector<RepositoryFact> repositories;
  std::vector<QueryTextFact> queries;
  std::vector<StoreAccessFact> store_accesses;
  std::vector<EventFact> events;
  std::vector<GlobalStateFact> global_state;
};

// off: parse every file (to check that the pre-filter loses nothing).
enum class JavaPrefilter { on, off };

// False only when `source` names nothing a fact can start from (no table's annotation, receiver
// type or bean name, no literal opening with an SQL verb, no static field that may be state).
bool java_may_hold_facts(std::string_view source);

// Parses `source` with tree-sitter-java and runs the embedded patterns (languages/java/queries).
// Files java_may_hold_facts rejects are not parsed (so their syntax errors go unreported: they
// cannot change a finding). Never throws: a damaged file yields what can still be read plus at
// most one syntax warning. `path` is relative to the scanned root and is copied into every location.
JavaFileFacts extract_java(std::string_view source, const std::string& path, std::vector<Warning>& warnings,
                           JavaPrefilter prefilter = JavaPrefilter::on);

// Compiles the embedded patterns and the grammar's name tables now (about 15 ms) instead of in
// the first extract_java call, where every worker would wait for them. Optional; thread-safe.
void prepare_java_extractor();

}  // namespace dbsilo
