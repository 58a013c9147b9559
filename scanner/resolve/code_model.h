// Code facts joined into the model: who owns which table or collection, who uses it, events, library contents.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"

namespace dbsilo {

// What resolve_code derived from each service file's queries and accesses, kept between analyses
// of one tree: the language server reanalyses the whole repository on every edit, and analysing
// every query text again was most of that. An entry is reused only when everything it was
// derived from is equal (the file's query, access and foreign-key facts, its unit, the servers
// it resolved, and the entities and unit dependencies it may have looked up), so results equal
// a fresh analysis. One analysis at a time; entries of files no longer analysed are dropped.
class CodeUseCache {
 public:
  struct Entry {
    std::string unit;
    std::vector<QueryTextFact> queries;
    std::vector<StoreAccessFact> store_accesses;
    std::vector<ForeignKeyFact> foreign_keys;
    std::vector<std::pair<std::string, std::string>> servers;  // (store kind, server_of) it used
    bool looked_up_entities = false;  // stale when the entity lookup context changes
    std::shared_ptr<const std::vector<StoreUse>> uses;  // in use order; shared with the models built from it
    unsigned analysis = 0;            // the last analysis that read it
  };
  std::map<std::string, Entry> entries;  // by file path
  std::string entity_context;             // what entity lookups depended on, last analysis
  unsigned analysis = 0;
  // Of the last analysis (tests and benches read them).
  std::size_t reused = 0;
  std::size_t computed = 0;
};

// Fills model.store_objects, store_uses, events, library_data_definitions and
// library_global_state. `ownership` is dbsilo.yaml's table-or-collection -> service map.
// `cache` (optional): per-file work kept from earlier calls, see CodeUseCache.
void resolve_code(const std::vector<FileFacts>& files, const std::map<std::string, std::string>& ownership, Model& model,
                  CodeUseCache* cache = nullptr);

}  // namespace dbsilo
