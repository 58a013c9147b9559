// Code facts joined into the model: who owns which table or collection, who uses it, events, library contents.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dbsilo/facts.h"
#include "dbsilo/model.h"

namespace dbsilo {

// Fills model.store_objects, store_uses, events, library_data_definitions and
// library_global_state. `ownership` is dbsilo.yaml's table-or-collection -> service map.
void resolve_code(const std::vector<FileFacts>& files, const std::map<std::string, std::string>& ownership, Model& model);

}  // namespace dbsilo
