// java_may_hold_facts: files the pre-filter rejects are never parsed, so every way a fact can
// start must pass it, and plain code must not.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dbsilo
