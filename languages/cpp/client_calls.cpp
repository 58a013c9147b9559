// The client-call table: one line per call of a C++ database client library, sorted by last name.
#include "languages/cpp/client_calls.h"

#include <algorithm>
#include <array>

#include "dbsilo/text.h"

namespace dbsilo::cpp {
namespace {

using enum CallRole;
constexpr Engine kPg = Engine::postgres;
constexpr Engine kMy = Engine::mysql;
constexpr Engine kLite = Engine::sqlite;
constexpr Engine kMongo = Engine::mongodb;
constexpr Engine kRedis = Engine::redis;
constexpr Engine kMemc = Engine::memcached;
constexpr Engine kAny = Engine::unknown;

// Sorted by the last name of `call` (then by `call`); client_calls_test checks the order.
// {call, library, role, argument, engine, port, database, member_only}
constexpr std::array kCalls = std::to_array<ClientCall>({
    {"PQconnectStart", "libpq", connection, 0, kPg},
    {"PQconnectdb", "libpq", connection, 0, kPg},
    {"PQexec", "libpq", sql, 1, kPg},
    {"PQexecParams", "libpq", sql, 1, kPg},
    {"PQprepare", "libpq", sql, 2, kPg},
    {"PQsendQuery", "libpq", sql, 1, kPg},
    {"PQsetdbLogin", "libpq", host, 0, kPg, 1, 4},
    {"QSqlQuery", "Qt SQL", sql, 0, kAny},
    {"sw::redis::Redis", "redis-plus-plus", connection, 0, kRedis},
    {"sw::redis::RedisCluster", "redis-plus-plus", connection, 0, kRedis},
    {"SQLDriverConnect", "ODBC", connection, 2, kAny},
    {"SQLExecDirect", "ODBC", sql, 1, kAny},
    {"SQLPrepare", "ODBC", sql, 1, kAny},
    {"Session", "MySQL X DevAPI", connection, 0, kMy},  // mysqlx::Session
    {"addDatabase", "Qt SQL", engine_driver, 0, kAny},
    {"asyncconnection", "libpqxx", connection, 0, kPg},
    {"collection", "mongocxx", collection, 0, kMongo, -1, -1, true},
    {"connect", "MySQL Connector/C++", connection, 0, kMy, -1, -1, true},  // driver->connect("tcp://host:3306", ...)
    {"nanodbc::connection", "nanodbc", connection, 0, kAny},
    {"pqxx::connection", "libpqxx", connection, 0, kPg},
    {"createCollection", "MySQL X DevAPI", create_collection, 0, kMy, -1, -1, true},
    {"create_collection", "mongocxx", create_collection, 0, kMongo, -1, -1, true},
    {"database", "mongocxx", database, 0, kMongo, -1, -1, true},
    {"exec", "libpqxx / Qt SQL", sql, 0, kAny, -1, -1, true},
    {"exec0", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"exec1", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"exec_params", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"exec_params0", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"exec_params1", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"execute", "MySQL Connector/C++", sql, 0, kAny, -1, -1, true},
    {"nanodbc::execute", "nanodbc", sql, 1, kAny},
    {"executeQuery", "MySQL Connector/C++", sql, 0, kMy, -1, -1, true},
    {"executeUpdate", "MySQL Connector/C++", sql, 0, kMy, -1, -1, true},
    {"nanodbc::just_execute", "nanodbc", sql, 1, kAny},
    {"lazyconnection", "libpqxx", connection, 0, kPg},
    {"memcached", "libmemcached", connection, 0, kMemc},
    {"memcached_server_add", "libmemcached", host, 1, kMemc, 2, -1},
    {"mongoc_client_get_collection", "mongoc", collection, 2, kMongo, -1, 1},
    {"mongoc_client_get_database", "mongoc", database, 1, kMongo},
    {"mongoc_client_new", "mongoc", connection, 0, kMongo},
    {"mongoc_database_create_collection", "mongoc", create_collection, 1, kMongo},
    {"mongoc_database_get_collection", "mongoc", collection, 1, kMongo},
    {"mongoc_uri_new", "mongoc", connection, 0, kMongo},
    {"mongoc_uri_new_with_error", "mongoc", connection, 0, kMongo},
    {"mysql_query", "MySQL C API", sql, 1, kMy},
    {"mysql_real_connect", "MySQL C API", host, 1, kMy, 5, 4},
    {"mysql_real_query", "MySQL C API", sql, 1, kMy},
    {"mysql_send_query", "MySQL C API", sql, 1, kMy},
    {"mysql_stmt_prepare", "MySQL C API", sql, 1, kMy},
    {"open", "SOCI", connection, 1, kAny, -1, -1, true},
    {"nanodbc::prepare", "nanodbc", sql, 1, kAny},
    {"prepare", "libpqxx / Qt SQL", sql, 1, kAny, -1, -1, true},  // conn.prepare("name", "SQL"); QSqlQuery.prepare("SQL") below
    {"prepare", "Qt SQL", sql, 0, kAny, -1, -1, true},
    {"prepareStatement", "MySQL Connector/C++", sql, 0, kMy, -1, -1, true},
    {"query", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"query_value", "libpqxx", sql, 0, kPg, -1, -1, true},
    {"redisAsyncConnect", "hiredis", host, 0, kRedis, 1, -1},
    {"redisConnect", "hiredis", host, 0, kRedis, 1, -1},
    {"redisConnectWithTimeout", "hiredis", host, 0, kRedis, 1, -1},
    {"soci::session", "SOCI", connection, 1, kAny},  // soci::session sql(soci::postgresql, "dbname=...")
    {"setDatabaseName", "Qt SQL", set_database, 0, kAny, -1, -1, true},
    {"setHostName", "Qt SQL", set_host, 0, kAny, -1, -1, true},
    {"setPort", "Qt SQL", set_port, 0, kAny, -1, -1, true},
    {"setSchema", "MySQL Connector/C++", set_database, 0, kMy, -1, -1, true},
    {"sqlite3_exec", "SQLite", sql, 1, kLite},
    {"sqlite3_open", "SQLite", connection, 0, kLite},
    {"sqlite3_open_v2", "SQLite", connection, 0, kLite},
    {"sqlite3_prepare", "SQLite", sql, 1, kLite},
    {"sqlite3_prepare_v2", "SQLite", sql, 1, kLite},
    {"sqlite3_prepare_v3", "SQLite", sql, 1, kLite},
    {"nanodbc::statement", "nanodbc", sql, 1, kAny},
    {"mongocxx::uri", "mongocxx", connection, 0, kMongo},
});

std::string_view last_name(std::string_view call) {
  const auto colons = call.rfind("::");
  return colons == std::string_view::npos ? call : call.substr(colons + 2);
}

struct DriverEngine {
  std::string_view driver;  // lower case
  Engine engine;
};

// Qt driver names, SOCI backend names and ODBC DRIVER= words, sorted.
constexpr std::array<DriverEngine, 16> kDrivers = {{
    {"mariadb", Engine::mariadb},   {"mongodb", Engine::mongodb}, {"mysql", Engine::mysql},     {"odbc", Engine::unknown},
    {"oracle", Engine::oracle},     {"postgres", Engine::postgres}, {"postgresql", Engine::postgres}, {"qmysql", Engine::mysql},
    {"qmysql3", Engine::mysql},     {"qoci", Engine::oracle},     {"qodbc", Engine::unknown},   {"qpsql", Engine::postgres},
    {"qpsql7", Engine::postgres},   {"qsqlite", Engine::sqlite},  {"sqlite", Engine::sqlite},   {"sqlite3", Engine::sqlite},
}};

struct CollectionMethod {
  std::string_view method;
  std::string_view operation;
};

// mongocxx collection methods that change data, sorted; the rest read.
constexpr std::array<CollectionMethod, 16> kCollectionMethods = {{
    {"bulk_write", "write"},   {"create_bulk_write", "write"}, {"create_index", "create"}, {"create_indexes", "create"},
    {"delete_many", "write"},  {"delete_one", "write"},        {"drop", "write"},          {"find_one_and_delete", "write"},
    {"find_one_and_replace", "write"}, {"find_one_and_update", "write"}, {"indexes", "create"}, {"insert_many", "write"},
    {"insert_one", "write"},   {"replace_one", "write"},       {"update_many", "write"},   {"update_one", "write"},
}};

}  // namespace

std::span<const ClientCall> client_calls() { return kCalls; }

std::span<const ClientCall> find_client_calls(std::string_view callee_last_name) {
  const auto range = std::equal_range(kCalls.begin(), kCalls.end(), callee_last_name, [](const auto& a, const auto& b) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, ClientCall>) {
      return last_name(a.call) < b;
    } else {
      return a < last_name(b.call);
    }
  });
  return {range.first, range.second};
}

Engine engine_of_driver(std::string_view driver) {
  const std::string lowered = to_lower(trim(driver));
  const auto found = std::lower_bound(kDrivers.begin(), kDrivers.end(), lowered, [](const DriverEngine& entry, const std::string& key) { return entry.driver < key; });
  return found != kDrivers.end() && found->driver == lowered ? found->engine : Engine::unknown;
}

std::string_view collection_operation_of(std::string_view method) {
  const auto found = std::lower_bound(kCollectionMethods.begin(), kCollectionMethods.end(), method,
                                      [](const CollectionMethod& entry, std::string_view key) { return entry.method < key; });
  return found != kCollectionMethods.end() && found->method == method ? found->operation : std::string_view("read");
}

}  // namespace dbsilo::cpp
