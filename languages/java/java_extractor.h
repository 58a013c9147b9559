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

// Parses `source` with tree-sitter-java and runs the embedded patterns (languages/java/queries).
// Never throws: a damaged file yields what can still be read plus at most one syntax warning.
// `path` is relative to the scanned root and is copied into every location.
JavaFileFacts extract_java(std::string_view source, const std::string& path, std::vector<Warning>& warnings);

}  // namespace dbsilo
