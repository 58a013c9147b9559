// Java front end: query texts (JdbcTemplate, EntityManager, @Query, MyBatis, bare SQL) with constant folding.
#include <gtest/gtest.h>

#include "dbsilo/sql_shape.h"
#include "languages/java/java_text.h"
#include "tests/unit/java/java_test_support.h"

namespace dbsilo {
namespace {

using test::extract;

const QueryTextFact* find_api(const JavaFileFacts& facts, std::string_view api) {
  for (const QueryTextFact& query : facts.queries) {
    if (query.api == api) return &query;
  }
  return nullptr;
}

TEST(JavaQueries, JdbcTemplateWithConstantsAndConcatenation) {
  const auto result = extract(R"(class InvoiceDao {
  private static final String TABLE = "billing.invoices";
  private static final String BASE = "SELECT id, total FROM " + TABLE;
  private final JdbcTemplate jdbc;
  List<Invoice> byCustomer(long id) {
    return jdbc.query(BASE + " WHERE customer_id = " + id, mapper);
  }
  int purge() { return jdbcTemplate.update(InvoiceDao.BASE.replace("x", "y")); }
}
)");
  EXPECT_TRUE(result.warnings.empty());
  ASSERT_EQ(result.facts.queries.size(), 1u);
  const QueryTextFact& query = result.facts.queries[0];
  EXPECT_EQ(query.text, "SELECT id, total FROM billing.invoices WHERE customer_id = ?");
  EXPECT_EQ(query.language, "sql");
  EXPECT_EQ(query.api, "JdbcTemplate.query");
  EXPECT_EQ(query.location.line, 3);  // the first literal piece, inside the constant
  EXPECT_EQ(query.location.column, 38);
}

TEST(JavaQueries, TextBlockLosesIncidentalIndentation) {
  const auto result = extract(
      "class Q {\n"
      "  void run(NamedParameterJdbcTemplate named) {\n"
      "    named.queryForList(\"\"\"\n"
      "        SELECT o.id\n"
      "          FROM orders o   \n"
      "        WHERE o.state = :state\n"
      "        \"\"\", params);\n"
      "  }\n"
      "}\n");
  const QueryTextFact* query = find_api(result.facts, "NamedParameterJdbcTemplate.queryForList");
  ASSERT_NE(query, nullptr);
  EXPECT_EQ(query->text, "SELECT o.id\n  FROM orders o\nWHERE o.state = :state\n");
  EXPECT_EQ(query->location.line, 3);
}

TEST(JavaQueries, StringFormatSkeletonAndLocalVariables) {
  const auto result = extract(R"(class Reports {
  void run() {
    String sql = String.format("SELECT * FROM %s WHERE day = %d AND pct > 5%%", table, day);
    jdbcTemplate.queryForObject(sql, Long.class);
    jdbcClient.sql("DELETE FROM sessions WHERE expired").update();
  }
}
)");
  ASSERT_EQ(result.facts.queries.size(), 2u);
  EXPECT_EQ(result.facts.queries[0].text, "SELECT * FROM ? WHERE day = ? AND pct > 5%");
  EXPECT_EQ(result.facts.queries[0].api, "JdbcTemplate.queryForObject");
  EXPECT_EQ(result.facts.queries[1].api, "JdbcClient.sql");
  EXPECT_EQ(result.facts.queries[1].language, "sql");
}

TEST(JavaQueries, EntityManagerJpqlAndNative) {
  const auto result = extract(R"(class Repo {
  @PersistenceContext EntityManager manager;
  void run() {
    manager.createQuery("select c from Customer c where c.vip = true", Customer.class);
    manager.createNativeQuery("SELECT * FROM crm.customers");
  }
}
)");
  ASSERT_EQ(result.facts.queries.size(), 2u);
  EXPECT_EQ(result.facts.queries[0].language, "jpql");
  EXPECT_EQ(result.facts.queries[0].api, "EntityManager.createQuery");
  EXPECT_EQ(result.facts.queries[1].language, "sql");
  EXPECT_EQ(result.facts.queries[1].api, "EntityManager.createNativeQuery");
}

TEST(JavaQueries, SpringDataQueryNamedQueryAndMyBatis) {
  const auto result = extract(R"(
@NamedQuery(name = "Invoice.open", query = "SELECT i FROM Invoice i WHERE i.open = true")
@NamedNativeQuery(name = "Invoice.raw", query = "SELECT * FROM invoices")
class Invoice {}
interface InvoiceRepository extends JpaRepository<Invoice, Long> {
  @Query("SELECT i FROM Invoice i WHERE i.total > :min")
  List<Invoice> big(long min);
  @Query(value = "SELECT * FROM invoices WHERE total > ?1", nativeQuery = true)
  List<Invoice> bigNative(long min);
}
interface InvoiceMapper {
  @Select({"SELECT id FROM invoices", "WHERE id = #{id}"})
  Invoice one(long id);
  @Update("UPDATE invoices SET paid = true WHERE id = #{id}")
  void pay(long id);
}
)");
  const QueryTextFact* named = find_api(result.facts, "@NamedQuery");
  ASSERT_NE(named, nullptr);
  EXPECT_EQ(named->language, "jpql");
  const QueryTextFact* named_native = find_api(result.facts, "@NamedNativeQuery");
  ASSERT_NE(named_native, nullptr);
  EXPECT_EQ(named_native->language, "sql");
  int jpql = 0, native = 0;
  for (const QueryTextFact& query : result.facts.queries) {
    if (query.api == "@Query" && query.language == "jpql") ++jpql;
    if (query.api == "@Query" && query.language == "sql") ++native;
  }
  EXPECT_EQ(jpql, 1);
  EXPECT_EQ(native, 1);
  const QueryTextFact* select = find_api(result.facts, "@Select");
  ASSERT_NE(select, nullptr);
  EXPECT_EQ(select->text, "SELECT id FROM invoices WHERE id = #{id}");
  ASSERT_NE(find_api(result.facts, "@Update"), nullptr);
  EXPECT_EQ(result.facts.queries.size(), 6u);  // nothing reported twice as a bare literal
}

TEST(JavaQueries, MongoJsonQueryIsNotSql) {
  const auto result = extract(R"(import org.springframework.data.mongodb.repository.Query;
interface Carts extends MongoRepository<Cart, String> { @Query("{ 'owner': ?0 }") List<Cart> owned(String o); })");
  EXPECT_TRUE(result.facts.queries.empty());
}

TEST(JavaQueries, BareSqlLiteralAndProseIgnored) {
  const auto result = extract(R"java(class Migrator {
  static final String DDL = "create table audit_log (id bigint)";
  void run(Connection c) throws Exception {
    c.prepareStatement("insert into audit_log values (?)");
    log.info("Update failed for order");
    label.setText("Select a product from the list");
    String plain = "delete";
  }
}
)java");
  ASSERT_EQ(result.facts.queries.size(), 2u);
  EXPECT_EQ(result.facts.queries[0].text, "create table audit_log (id bigint)");
  EXPECT_EQ(result.facts.queries[0].api, "");
  EXPECT_EQ(result.facts.queries[0].language, "sql");
  EXPECT_EQ(result.facts.queries[1].text, "insert into audit_log values (?)");
  EXPECT_EQ(result.facts.queries[1].location.line, 4);
}

TEST(JavaQueries, UnknownReceiverIsABareLiteralNotAnApiCall) {
  const auto result = extract(R"(class C { void run(MyClient client) { client.query("SELECT 1 FROM dual"); } })");
  ASSERT_EQ(result.facts.queries.size(), 1u);
  EXPECT_EQ(result.facts.queries[0].api, "");
}

TEST(JavaText, DecodingAndNaming) {
  EXPECT_EQ(java::decode_string_literal(R"("a\tb\"c\\\u0041")"), "a\tb\"c\\A");
  EXPECT_EQ(java::decode_string_literal("\"\"\"\n    x\\s\n    y \\\n    z\n    \"\"\""), "x \ny z\n");
  EXPECT_EQ(java::format_skeleton("id=%1$s at %tY %n"), "id=? at ? \n");
  EXPECT_EQ(java::spring_physical_name("OrderLine2Item"), "order_line2_item");
  EXPECT_EQ(java::spring_physical_name("customer.homeAddress"), "customer_home_address");
  EXPECT_TRUE(looks_like_sql("  with t as (select 1) select * from t"));
  EXPECT_TRUE(looks_like_sql("MERGE INTO stock s USING x"));
  EXPECT_FALSE(looks_like_sql("Deleted items: 3"));
  EXPECT_FALSE(looks_like_sql("create a new account"));
  EXPECT_FALSE(looks_like_sql("SELECTION FROM list"));
}

}  // namespace
}  // namespace dbsilo
