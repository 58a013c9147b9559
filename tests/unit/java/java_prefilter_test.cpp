// java_may_hold_facts: files the pre-filter rejects are never parsed, so every way a fact can
// start must pass it, and plain code must not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "languages/java/java_extractor.h"

namespace dbsilo {
namespace {

TEST(JavaPrefilter, PassesEveryKindOfFactSource) {
  const char* sources[] = {
      "@Entity class Order { @Id Long id; }",
      "@jakarta.persistence.Table(name = \"orders\") class Order {}",
      "@Document(collection = \"carts\") class Cart {}",
      "interface Orders extends JpaRepository<Order, Long> {}",
      "class Dao { List<?> all() { return template.queryForList(\"SELECT * FROM orders\"); } }",
      "class Dao { String q = \"select id from orders\"; }",
      "class Dao { String q = \"\"\"\n      UPDATE orders SET x = 1\n      \"\"\"; }",
      "class Dao { String q = \"\\n  DELETE FROM orders\"; }",
      "class Dao { String q = String.format(\"%nINSERT INTO orders VALUES (%s)\", 1); }",
      "class Dao { void f() { getJdbcTemplate().update(SQL); } }",
      "class Publisher { private final KafkaTemplate<String, Order> kafka; }",
      "class Publisher { void f() { eventPublisher.publishEvent(x); } }",
      "class Reader { void f(MongoOperations ops) { ops.find(q, Order.class); } }",
      "class Listener { @RabbitListener(queues = \"q\") void on(String s) {} }",
      "class Holder { private static Map<String, Order> cache; }",
      "class Holder { static int counter = 0; }",
      "class Holder { public static final List<String> NAMES = new ArrayList<>(); }",
      "class Holder { static final Object STATE = new ConcurrentHashMap<>(); }",
      "class Registry { private static final Registry INSTANCE = new Registry(); private int count; }",
      "class Holder { @Nullable static String last; }",
      "class Dao { void f(Session session) { session.createQuery(HQL); } }",
  };
  for (const char* source : sources) EXPECT_TRUE(java_may_hold_facts(source)) << source;
}

TEST(JavaPrefilter, RejectsPlainCode) {
  const char* sources[] = {
      "package a.b;\nimport java.util.*;\npublic class OrderDto { private Long id; public Long getId() { return id; } }",
      "class Failure extends RuntimeException { private static final long serialVersionUID = 1L; }",
      "class Service { private static final Logger log = LoggerFactory.getLogger(Service.class); }",
      "import static org.junit.Assert.*;\nclass Util { public static String trim(String s) { return s.trim(); } }",
      "class Util { static <T> List<T> copy(List<T> in) { return in; } static { init(); } }",
      "class Names { public static final String GREETING = \"Pick a product from the list\"; }",
      "@RestController class Api { @GetMapping(\"/orders/{id}\") String get(@PathVariable long id) { return \"updated later\"; } }",
      "class Constants { static final int LIMIT = 0x1F; static final String[] EMPTY = {}; }",
  };
  for (const char* source : sources) EXPECT_FALSE(java_may_hold_facts(source)) << source;
}

// What the pre-filter rejects yields nothing when parsed: same facts with it on and off.
TEST(JavaPrefilter, RejectedFilesHoldNoFacts) {
  const std::string plain = "class Service { private static final Logger log = LoggerFactory.getLogger(Service.class);\n"
                            "  String describe(long id) { return \"order \" + id; } }";
  ASSERT_FALSE(java_may_hold_facts(plain));
  std::vector<Warning> warnings;
  const JavaFileFacts parsed = extract_java(plain, "Service.java", warnings, JavaPrefilter::off);
  EXPECT_TRUE(parsed.entities.empty() && parsed.repositories.empty() && parsed.queries.empty() && parsed.store_accesses.empty() &&
              parsed.events.empty() && parsed.global_state.empty());
}

std::string where(const SourceLocation& location) { return std::to_string(location.line) + ":" + std::to_string(location.column); }

// Every fact with every field, so "the same facts" means the same bytes.
std::string dump(const JavaFileFacts& facts) {
  std::ostringstream out;
  for (const auto& e : facts.entities) {
    out << "entity " << e.qualified_name << " " << e.entity_name << " " << e.store_kind << " " << e.schema << "." << e.name << " " << e.origin
        << " @" << where(e.location) << " cols";
    for (const auto& column : e.columns) out << " " << column;
    for (const auto& table : e.secondary_tables) out << " +" << table;
    out << "\n";
  }
  for (const auto& r : facts.repositories) out << "repository " << r.interface_name << " " << r.entity_class << " " << r.store_kind << " @" << where(r.location) << "\n";
  for (const auto& q : facts.queries) out << "query " << q.language << " " << q.api << " @" << where(q.location) << " " << q.text << "\n";
  for (const auto& a : facts.store_accesses) {
    out << "store " << a.api << " " << a.operation << " " << a.name << " " << a.entity_class << " " << a.database << " @" << where(a.location) << "\n";
  }
  for (const auto& e : facts.events) out << "event " << e.role << " " << e.broker << " " << e.channel << " @" << where(e.location) << "\n";
  for (const auto& g : facts.global_state) out << "state " << g.kind << " " << g.name << " " << g.type << " @" << where(g.location) << "\n";
  return out.str();
}

// Every Java file the tests hold (fixtures, inputs): the same facts whether files and method
// bodies are skipped or everything is parsed.
TEST(JavaPrefilter, EveryTestJavaFileGivesTheSameFactsParsedWhole) {
  std::size_t files = 0;
  std::size_t with_facts = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(DBSILO_SOURCE_DIR) / "tests")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".java") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<Warning> ignored;
    const std::string filtered = dump(extract_java(source, "F.java", ignored, JavaPrefilter::on));
    const std::string whole = dump(extract_java(source, "F.java", ignored, JavaPrefilter::off));
    EXPECT_EQ(filtered, whole) << entry.path();
    ++files;
    if (!whole.empty()) ++with_facts;
  }
  EXPECT_GE(files, 25u);
  EXPECT_GE(with_facts, 20u);
}

// Plain import declarations are read from the text and left out of the parse; the store kinds
// they decide (Cassandra, MongoDB) and every location after them stay as a whole parse gives.
TEST(JavaPrefilter, ImportsReadFromTextGiveWhatTheParseGives) {
  const std::vector<std::string> sources = {
      // no package; wildcard, static and commented imports
      "import org.springframework.data.cassandra.core.mapping.*;\n// mapping\nimport static java.util.Objects.requireNonNull;\n"
      "/* entity */ import org.springframework.data.cassandra.core.mapping.Table;\n\n@Table(\"events\")\npublic class Event { private String id; }\n",
      // a package; MongoDB decides the collection
      "package a.b;\n\nimport org.springframework.data.mongodb.core.MongoTemplate;\nimport java.util.List;\n\n"
      "class Repo {\n  private final MongoTemplate mongoTemplate;\n  List<Object> all() { return mongoTemplate.findAll(Object.class, \"orders\"); }\n}\n",
      // shapes left to the parser: a comment inside a declaration, blanks around a dot
      "package a;\nimport org.springframework /* x */ .data.cassandra.core.mapping.Table;\n@Table(\"t\") class T { String id; }\n",
      "package a;\nimport jakarta . persistence.Entity;\n@Entity @Table(name = \"t\") class T { Long id; }\n",
  };
  for (const auto& source : sources) {
    std::vector<Warning> warnings;
    const std::string filtered = dump(extract_java(source, "F.java", warnings, JavaPrefilter::on));
    const std::string whole = dump(extract_java(source, "F.java", warnings, JavaPrefilter::off));
    EXPECT_EQ(filtered, whole) << source;
    EXPECT_FALSE(whole.empty()) << "no facts from: " << source;
  }
  std::vector<Warning> warnings;
  const JavaFileFacts cassandra = extract_java(sources[0], "Event.java", warnings);
  ASSERT_EQ(cassandra.entities.size(), 1u);
  EXPECT_EQ(cassandra.entities[0].location.line, 7);
  const JavaFileFacts mongo = extract_java(sources[1], "Repo.java", warnings);
  ASSERT_EQ(mongo.store_accesses.size(), 1u);
  EXPECT_EQ(mongo.store_accesses[0].name, "orders");
  EXPECT_EQ(mongo.store_accesses[0].location.line, 8);
}

// A skipped body keeps every later node where it was: locations after it do not move.
TEST(JavaPrefilter, LocationsAfterSkippedBodiesStayPut) {
  const std::string source =
      "class Dao {\n"
      "  private final JdbcTemplate jdbc;\n"
      "  int plain(int a) {\n    int total = 0;\n    for (int i = 0; i < a; i++) { total += i * 2; }\n    return total + a * 3 + 42;\n  }\n"
      "  void run() { jdbc.update(\"DELETE FROM orders WHERE id = 1\"); }\n"
      "}\n";
  std::vector<Warning> warnings;
  const JavaFileFacts facts = extract_java(source, "Dao.java", warnings);
  ASSERT_EQ(facts.queries.size(), 1u);
  EXPECT_EQ(facts.queries[0].location.line, 8);
  EXPECT_EQ(facts.queries[0].api, "JdbcTemplate.update");
  EXPECT_EQ(dump(facts), dump(extract_java(source, "Dao.java", warnings, JavaPrefilter::off)));
  EXPECT_TRUE(warnings.empty());
}

}  // namespace
}  // namespace dbsilo
