// C++ database client knowledge: which calls take SQL, a connection, a database or a collection.
#pragma once

#include <span>
#include <string_view>

#include "dbsilo/datastore.h"

namespace dbsilo::cpp {

// What an argument of a client call holds.
enum class CallRole {
  sql,              // SQL text (exec, query, prepare, ...)
  connection,       // a connection string or URI
  host,             // a host name; `port` / `database` give the other arguments (hiredis, mysql_real_connect)
  engine_driver,    // a driver name that says the engine (QSqlDatabase::addDatabase("QPSQL"), SOCI backends)
  set_host,         // builder setters: one connection per file from the last host, port and database set
  set_port,
  set_database,
  database,         // a database name (mongoc_client_get_database, client["db"])
  collection,       // a collection name; `database` gives the database argument when the call names one
  create_collection,  // a collection the caller creates (or indexes): the caller owns it
};

// One call of one client library. `call` is matched against the end of the written callee:
// "pqxx::connection" matches `pqxx::connection c(...)` and `pqxx::connection{...}`; a name
// without "::" also matches member calls (`txn.exec(...)`, `db->collection(...)`).
struct ClientCall {
  std::string_view call;
  std::string_view library;   // "libpqxx", "mongoc", ... (for messages: "SQL in libpqxx exec")
  CallRole role;
  int argument;               // index of the argument with that role
  Engine engine;              // Engine::unknown when the call does not say
  int port = -1;              // CallRole::host: index of the port argument (-1 = none)
  int database = -1;          // CallRole::host / collection: index of the database argument
  bool member_only = false;   // the name is too common to match as a free function (exec, query)
};

// Every known call, sorted by `call`.
std::span<const ClientCall> client_calls();

// Entries whose last name is `callee_last_name`; the caller checks the qualifier and member use.
std::span<const ClientCall> find_client_calls(std::string_view callee_last_name);

// Engine by a driver name: "QPSQL" -> postgres, "postgresql" (SOCI) -> postgres, ...
Engine engine_of_driver(std::string_view driver);

// Collection methods that write (insert_one, update_many, ...) or create (create_index) on a
// collection reached by subscripts or collection("x"); everything else reads.
std::string_view collection_operation_of(std::string_view method);

}  // namespace dbsilo::cpp
