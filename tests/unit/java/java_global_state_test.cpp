// Java front end: global state (static fields, static mutable collections, singletons) and robustness.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/java/java_test_support.h"

namespace dbsilo {
namespace {

using test::extract;

const GlobalStateFact* find_state(const JavaFileFacts& facts, std::string_view name) {
  for (const GlobalStateFact& state : facts.global_state) {
    if (state.name == name) return &state;
  }
  return nullptr;
}

TEST(JavaGlobalState, StaticFieldsAndCollections) {
  const auto result = extract(R"(class TenantContext {
  private static String currentTenant;
  public static int requests = 0, failures;
  static final Map<String, Object> CACHE = new ConcurrentHashMap<>();
  private static final List<String> SEEN = new ArrayList<>();
  static final Object LOCK = new HashMap<String, String>();
}
)");
  const auto& facts = result.facts;
  ASSERT_NE(find_state(facts, "TenantContext.currentTenant"), nullptr);
  EXPECT_EQ(find_state(facts, "TenantContext.currentTenant")->kind, "static-field");
  EXPECT_EQ(find_state(facts, "TenantContext.currentTenant")->type, "String");
  EXPECT_EQ(find_state(facts, "TenantContext.currentTenant")->location.line, 2);
  EXPECT_NE(find_state(facts, "TenantContext.requests"), nullptr);
  EXPECT_NE(find_state(facts, "TenantContext.failures"), nullptr);
  ASSERT_NE(find_state(facts, "TenantContext.CACHE"), nullptr);
  EXPECT_EQ(find_state(facts, "TenantContext.CACHE")->kind, "static-collection");
  EXPECT_EQ(find_state(facts, "TenantContext.CACHE")->type, "Map<String, Object>");
  EXPECT_NE(find_state(facts, "TenantContext.SEEN"), nullptr);
  EXPECT_NE(find_state(facts, "TenantContext.LOCK"), nullptr);  // declared Object, built as a HashMap
  EXPECT_EQ(facts.global_state.size(), 6u);
}

TEST(JavaGlobalState, Singleton) {
  const auto result = extract(R"(public class Registry {
  private static final Registry INSTANCE = new Registry();
  private Map<String, String> entries = new HashMap<>();
  public static Registry getInstance() { return INSTANCE; }
}
class Immutable {
  private static final Immutable INSTANCE = new Immutable();
  private final String name = "x";
}
)");
  ASSERT_EQ(result.facts.global_state.size(), 1u);
  EXPECT_EQ(result.facts.global_state[0].kind, "singleton");
  EXPECT_EQ(result.facts.global_state[0].name, "Registry.INSTANCE");
  EXPECT_EQ(result.facts.global_state[0].type, "Registry");
}

TEST(JavaGlobalState, HardNegatives) {
  const auto result = extract(R"(class Constants {
  public static final String TABLE = "orders";
  static final int MAX = 10;
  private static final Logger LOG = LoggerFactory.getLogger(Constants.class);
  private static Logger lazyLog;
  private static final org.apache.commons.logging.Log log = LogFactory.getLog(Constants.class);
  static final List<String> NAMES = List.of("a", "b");
  static final Map<String, Integer> CODES = Collections.unmodifiableMap(build());
  static final Status DEFAULT_STATUS = Status.OPEN;
  private final Map<String, String> perInstance = new HashMap<>();
  private int counter;
}
enum Status { OPEN, CLOSED; private final String label = "x"; }
interface Limits { int MAX = 5; }
)");
  EXPECT_TRUE(result.facts.global_state.empty()) << result.facts.global_state.size() << " "
                                                 << (result.facts.global_state.empty() ? "" : result.facts.global_state[0].name);
}

TEST(JavaRobustness, SyntaxErrorsWarnOnceAndExtractionGoesOn) {
  std::vector<Warning> warnings;
  const JavaFileFacts facts = extract_java(R"(class Broken {
  static int counter;
  void f( { int x = ; }
  void g() { jdbcTemplate.update("DELETE FROM carts WHERE id = ?", id); }
  void h( { ]]
}
)", "Broken.java", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message, "Java syntax error near line 3");
  EXPECT_EQ(warnings[0].location.path, "Broken.java");
  EXPECT_FALSE(facts.queries.empty());
}

TEST(JavaRobustness, GarbageHugeAndDeeplyNestedInputs) {
  std::string garbage;
  for (int i = 0; i < 20000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  std::vector<Warning> warnings;
  EXPECT_NO_THROW(extract_java(garbage, "g.java", warnings));
  EXPECT_LE(warnings.size(), 1u);

  // A 20,000-piece concatenation and 5,000 nested parentheses: bounded work, no stack overflow.
  std::string concatenation = "class C { static final String Q = \"SELECT a FROM t\"";
  for (int i = 0; i < 20000; ++i) concatenation += " + \" \"";
  concatenation += "; }";
  warnings.clear();
  const JavaFileFacts long_chain = extract_java(concatenation, "c.java", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_LE(long_chain.queries.size(), 1u);

  std::string nested = "class N { Object o = " + std::string(5000, '(') + "\"SELECT x FROM y\"" + std::string(5000, ')') + "; }";
  warnings.clear();
  EXPECT_NO_THROW(extract_java(nested, "n.java", warnings));

  // Constants that refer to each other in a cycle fold to nothing instead of looping.
  warnings.clear();
  const JavaFileFacts cycle =
      extract_java("class K { static final String A = B + \"x\"; static final String B = A + \"y\"; void f() { jdbcTemplate.query(A); } }",
                   "k.java", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(extract_java("", "empty.java", warnings).entities.size(), 0u);
}

}  // namespace
}  // namespace dbsilo
