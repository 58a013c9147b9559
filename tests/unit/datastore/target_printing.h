// Test support: readable gtest output for the datastore types, and short ways to build expectations.
#pragma once

#include <ostream>
#include <vector>

#include "dbsilo/datastore.h"

namespace dbsilo {

inline void PrintTo(Engine engine, std::ostream* out) { *out << engine_name(engine); }

inline void PrintTo(const Endpoint& endpoint, std::ostream* out) { *out << endpoint.host << ':' << endpoint.port; }

inline void PrintTo(const ConnectionTarget& target, std::ostream* out) {
  *out << engine_name(target.engine) << " [";
  for (const Endpoint& endpoint : target.endpoints) *out << ' ' << endpoint.host << ':' << endpoint.port;
  *out << " ] db=" << target.database << " schema=" << target.schema << " user=" << target.user
       << (target.password_digest ? " (password)" : "") << (target.in_process ? " in-process" : "")
       << (target.dns_seed_list ? " srv" : "");
}

using Endpoints = std::vector<Endpoint>;

}  // namespace dbsilo
