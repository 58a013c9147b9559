// The C++ front end: SQL, connections, collections, mappings and global state from single-file parses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "dbsilo/sql_shape.h"
#include "languages/cpp/client_calls.h"
#include "languages/cpp/cpp_extractor.h"
#include "languages/cpp/cpp_text.h"

namespace dbsilo {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

CppFileFacts extract(std::string_view source, std::vector<Warning>* warnings_out = nullptr) {
  std::vector<Warning> warnings;
  CppFileFacts facts = extract_cpp(source, "svc/src/repo.cpp", nullptr, warnings);
  if (warnings_out) *warnings_out = warnings;
  return facts;
}

std::vector<std::string> query_texts(const CppFileFacts& facts) {
  std::vector<std::string> texts;
  for (const auto& query : facts.queries) texts.push_back(query.text);
  return texts;
}

TEST(ClientCalls, TableIsSortedByLastName) {
  const auto calls = cpp::client_calls();
  const auto last = [](std::string_view call) {
    const auto colons = call.rfind("::");
    return colons == std::string_view::npos ? call : call.substr(colons + 2);
  };
  for (std::size_t i = 1; i < calls.size(); ++i) EXPECT_LE(last(calls[i - 1].call), last(calls[i].call)) << calls[i].call;
  EXPECT_EQ(cpp::find_client_calls("connection").size(), 2u);  // pqxx::connection, nanodbc::connection
  EXPECT_EQ(cpp::engine_of_driver("QPSQL"), Engine::postgres);
}

TEST(CppText, DecodesLiteralsAndPlaceholders) {
  EXPECT_EQ(cpp::decode_string_literal(R"("a\"b\n")"), "a\"b\n");
  EXPECT_EQ(cpp::decode_string_literal(R"--(R"sql(SELECT "x" FROM t)sql")--"), "SELECT \"x\" FROM t");
  EXPECT_EQ(cpp::decode_string_literal(R"(u8"x")"), "x");
  EXPECT_EQ(cpp::decode_string_literal("'x'"), std::nullopt);
  EXPECT_EQ(cpp::replace_printf_placeholders("update pages set slug = %s where id = %d and p = '100%%'"),
            "update pages set slug = $1 where id = $2 and p = '100%'");
  EXPECT_TRUE(looks_like_sql("select id from users"));
  EXPECT_FALSE(looks_like_sql("Select a product from the list"));
}

TEST(CppExtractor, SqlInPqxxCallsRawStringsConcatenationAndConstants) {
  const auto facts = extract(R"cpp(
#include <pqxx/pqxx>
#include "db/orders.h"
constexpr const char* kFindUser = "SELECT email FROM users WHERE id = $1";
void load(pqxx::connection& conn, int id) {
  pqxx::work txn{conn};
  txn.exec_params(kFindUser, id);
  txn.exec(R"(UPDATE orders
              SET seen = true)");
  txn.exec("DELETE FROM " "audit_log " "WHERE id = " + std::to_string(id));
  conn.prepare("find_invoice", "SELECT * FROM invoices WHERE id = $1");
}
)cpp");
  EXPECT_THAT(query_texts(facts), ElementsAre("SELECT email FROM users WHERE id = $1", "UPDATE orders\n              SET seen = true",
                                              "DELETE FROM audit_log WHERE id = ?", "SELECT * FROM invoices WHERE id = $1"));
  EXPECT_EQ(facts.queries[0].api, "libpqxx exec_params");
  EXPECT_EQ(facts.queries[0].location.line, 7);
  ASSERT_EQ(facts.includes.size(), 1u);
  EXPECT_EQ(facts.includes[0].path, "db/orders.h");
}

TEST(CppExtractor, LiteralConnectionsDropPasswords) {
  const auto facts = extract(R"cpp(
void open() {
  pqxx::connection conn("host=orders-db port=5432 dbname=orders user=app password=s3cret");
  mongoc_client_t* client = mongoc_client_new("mongodb://catalog-db:27017/catalog");
  redisContext* cache = redisConnect("cache", 6380);
  MYSQL* my = mysql_real_connect(handle, "billing-db", "u", "p", "billing", 3306, nullptr, 0);
  sw::redis::Redis redis("tcp://sessions:6379");
  auto sprintf_shape = pqxx::connection(buffer_with("postgres://%s@%s:%d/%s"));
}
)cpp");
  ASSERT_EQ(facts.connections.size(), 5u);
  const auto& pg = facts.connections[0];
  EXPECT_EQ(pg.source, "literal");
  ASSERT_TRUE(pg.target);
  EXPECT_EQ(pg.target->engine, Engine::postgres);
  EXPECT_EQ(pg.target->endpoints.front().host, "orders-db");
  EXPECT_EQ(pg.target->database, "orders");
  EXPECT_TRUE(pg.target->password_digest.has_value());
  EXPECT_EQ(facts.connections[1].target->engine, Engine::mongodb);
  EXPECT_EQ(facts.connections[2].target->endpoints.front().port, 6380);
  EXPECT_EQ(facts.connections[3].target->database, "billing");
  EXPECT_EQ(facts.connections[4].target->engine, Engine::redis);
  EXPECT_EQ(facts.connections[4].target->endpoints.front().host, "sessions");
}

TEST(CppExtractor, ConfigKeyedEnvironmentAndHelperConnections) {
  const auto facts = extract(R"cpp(
pqxx::connection orders(const nlohmann::json& config) {
  return pqxx::connection(config["orders-db"]["url"].get<std::string>());
}
redisContext* cache(const YAML::Node& config) {
  return redisConnect(config["cache"]["host"].as<std::string>().c_str(), config["cache"]["port"].as<int>());
}
mongocxx::uri events() { return mongocxx::uri{std::getenv("EVENTS_MONGO_URL")}; }
pqxx::connection connect_to(const std::string& name) {
  const std::string url = settings()[name]["url"];
  return pqxx::connection(url);
}
void use() { auto c = connect_to("billing-db"); }
)cpp");
  ASSERT_EQ(facts.connections.size(), 4u);
  EXPECT_EQ(facts.connections[0].source, "config");
  EXPECT_THAT(facts.connections[0].config_key, ElementsAre("orders-db"));
  EXPECT_THAT(facts.connections[1].config_key, ElementsAre("cache"));
  EXPECT_EQ(facts.connections[1].engine, Engine::redis);
  EXPECT_EQ(facts.connections[2].source, "environment");
  EXPECT_EQ(facts.connections[2].environment_variable, "EVENTS_MONGO_URL");
  EXPECT_EQ(facts.connections[3].helper_function, "connect_to");
  EXPECT_EQ(facts.connections[3].helper_parameter, 0);
  EXPECT_THAT(facts.connections[3].config_key, ElementsAre(""));
  const auto call = std::find_if(facts.literal_calls.begin(), facts.literal_calls.end(), [](const LiteralCallFact& fact) { return fact.callee == "connect_to"; });
  ASSERT_NE(call, facts.literal_calls.end());
  EXPECT_EQ(call->literal, "billing-db");
}

TEST(CppExtractor, MongoCollections) {
  const auto facts = extract(R"cpp(
void run(mongocxx::pool& pool, mongoc_client_t* raw) {
  auto client = pool.acquire();
  auto orders = (*client)["shop"]["orders"];
  mongocxx::database db = (*client)["shop"];
  db["invoices"].insert_one(doc.view());
  db.create_collection("audit");
  mongoc_collection_t* c = mongoc_client_get_collection(raw, "shop", "payments");
}
)cpp");
  std::vector<std::string> seen;
  for (const auto& access : facts.store_accesses) seen.push_back(access.name + ":" + access.database + ":" + access.operation);
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre("orders:shop:read", "invoices::write", "audit::create", "payments:shop:read"));
}

TEST(CppExtractor, OrmMappings) {
  const auto facts = extract(R"cpp(
#pragma db object table("shop_orders")
class Order { int id_; };
struct Invoices : sqlpp::table_t<Invoices, Invoices_::Id> {
  struct _alias_t { static constexpr const char _literal[] = "invoices"; };
};
void map(Wt::Dbo::Session& session) { session.mapClass<User>("user_account"); }
)cpp");
  std::vector<std::string> seen;
  for (const auto& entity : facts.entities) seen.push_back(entity.origin + ":" + entity.class_name + ":" + entity.name);
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre("odb:Order:shop_orders", "sqlpp11:Invoices:invoices", "wt-dbo:User:user_account"));
  EXPECT_THAT(facts.global_state, IsEmpty());  // _literal is a constant
}

TEST(CppExtractor, GlobalStateWithoutHeaders) {
  const auto facts = extract(R"cpp(
#include "cache.h"
namespace shop {
int request_count = 0;
const int kLimit = 10;
constexpr char kName[] = "shop";
const char* current_tenant = nullptr;
thread_local Session* session = nullptr;
std::map<std::string, Order> order_cache;
extern int declared_elsewhere;
class Registry {
 public:
  static Registry& instance() {
    static Registry registry;
    return registry;
  }
  static int hits;
  static const int kMax = 3;
 private:
  int count_ = 0;
};
int Registry::hits = 0;
int helper() { static int calls = 0; return ++calls; }
}
)cpp");
  std::vector<std::string> seen;
  for (const auto& state : facts.global_state) seen.push_back(state.kind + ":" + state.name);
  EXPECT_THAT(seen, ElementsAre("global-variable:shop::request_count", "global-variable:shop::current_tenant", "thread-local:shop::session",
                                "global-variable:shop::order_cache", "singleton:shop::Registry::instance()::registry", "static-field:shop::Registry::hits"));
}

// The parse skips function bodies: statics declared in them are read from tokens, with the
// AST's rules (a static in a function returning a reference or pointer is a singleton; a
// thread_local one is per-thread state; constants and references are not state).
TEST(CppExtractor, StaticsInFunctionBodiesAreReadFromTokens) {
  const auto facts = extract(R"cpp(
TEST(Orders, FindsNothing) { static int runs = 0; }
namespace shop {
class API_EXPORT Registry final {
 public:
  static Registry& instance();
  static const Config& config() { static const Config config; return config; }
};
Registry& Registry::instance() { static Registry registry; return registry; }
pqxx::connection& connection() { static pqxx::connection conn{"postgresql://db/orders"}; return conn; }
auto pool() -> Pool* { static Pool pool; return &pool; }
int next_id() { static int counter = 0; return ++counter; }
void work() { thread_local Buffer buffer; static thread_local int depth = 0; }
const std::string& name(int code) {
  switch (code) {
    case 1: { static std::string text = "one"; return text; }
    case 2: { static std::string text = "two"; return text; }
  }
  static std::string& alias = other;
  static const char* last = nullptr;
  static constexpr int kLimit = 3;
  return alias;
}
Session& session() {
#ifdef _WIN32
  static WinSession current;
#else
  static PosixSession current;
#endif
  return current;
}
template <class T> class Cache { public: static Cache& get() { static Cache cache; return cache; } };
#define INSTANCE(T) T& instance_##T() { \
  static T value; return value; }
Worker::Worker() : buffer_(std::make_shared<Buffer>()) { static thread_local Env env; }
}
)cpp");
  std::vector<std::string> seen;
  for (const auto& state : facts.global_state) seen.push_back(state.kind + ":" + state.name + ":" + std::to_string(state.location.line));
  EXPECT_THAT(seen, ElementsAre("singleton:shop::Registry::instance()::registry:9", "singleton:shop::connection()::conn:10", "singleton:shop::pool()::pool:11",
                                "thread-local:shop::work()::buffer:13", "thread-local:shop::work()::depth:13", "singleton:shop::name()::text:16",
                                "singleton:shop::name()::text:17", "singleton:shop::name()::last:20", "singleton:shop::session()::current:26",
                                "singleton:shop::Cache::get()::cache:32", "thread-local:shop::Worker::Worker()::env:35"));
  ASSERT_FALSE(facts.global_state.empty());
  EXPECT_EQ(facts.global_state[0].type, "Registry");
  EXPECT_EQ(facts.global_state[1].type, "pqxx::connection");
  EXPECT_EQ(facts.global_state[7].type, "const char *");
}

TEST(CppExtractor, GlobalsTheAstDropsAreReadFromTokens) {
  const auto facts = extract(R"cpp(
namespace dbkit {
std::map<std::string, std::shared_ptr<pqxx::connection>> connection_cache;
char* const kFixed = nullptr;
const char* current = nullptr;
class Pool {
 public:
  static std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::vector<pqxx::connection> mine_;
};
std::vector<std::unique_ptr<pqxx::connection>> Pool::idle_;
}
)cpp");
  std::vector<std::string> seen;
  for (const auto& state : facts.global_state) seen.push_back(state.kind + ":" + state.name + ":" + std::to_string(state.location.line));
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre("global-variable:dbkit::connection_cache:3", "global-variable:dbkit::current:5",
                                                    "static-field:dbkit::Pool::idle_:8"));
}

TEST(CompileCommands, ReadsEntriesRelativeToTheRootAndParsesWithThem) {
  const auto root = std::filesystem::temp_directory_path() / "dbsilo_compile_commands_test";
  std::filesystem::create_directories(root / "svc" / "include");
  std::ofstream(root / "svc" / "include" / "names.h") << "#define ORDERS_TABLE \"orders\"\n";
  std::ofstream(root / "svc" / "main.cpp") << "#include \"names.h\"\nint request_count = 0;\n";
  std::ofstream(root / "compile_commands.json") << R"([
    {"directory": ")" << root.string() << R"(", "file": "svc/main.cpp", "command": "g++ -Isvc/include -DX=1 -c svc/main.cpp -o main.o"},
    {"file": "missing-directory.cpp"}
  ])";
  std::vector<Warning> warnings;
  const auto flags = read_compile_commands(root / "compile_commands.json", root, warnings);
  ASSERT_EQ(flags.size(), 1u);
  const auto& main_flags = flags.at("svc/main.cpp");
  EXPECT_THAT(main_flags.arguments, ElementsAre("-I" + (root / "svc" / "include").string(), "-DX=1"));
  ASSERT_EQ(warnings.size(), 1u);  // the entry without a directory
  std::vector<Warning> parse_warnings;
  const auto facts = extract_cpp("#include \"names.h\"\nint request_count = 0;\n", "svc/main.cpp", &main_flags, parse_warnings);
  ASSERT_EQ(facts.global_state.size(), 1u);
  EXPECT_EQ(facts.global_state[0].location.line, 2);
  std::filesystem::remove_all(root);
}

TEST(CppExtractor, BrokenInputStillYieldsFacts) {
  std::vector<Warning> warnings;
  const auto facts = extract("void f( { \"SELECT a FROM b\" ))) \xff\xfe int g = ", &warnings);
  EXPECT_THAT(query_texts(facts), ElementsAre("SELECT a FROM b"));
}

}  // namespace
}  // namespace dbsilo
