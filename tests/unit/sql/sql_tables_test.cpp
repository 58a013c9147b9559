// Unit tests for SQL table extraction: normalisation, libpg_query walk, token fallback, JPQL entities.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "languages/sql/sql_tables.h"

namespace dbsilo {
namespace {

// "schema.name" or "name", with "!" appended for a write: compact to compare whole lists.
std::vector<std::string> described(const SqlAnalysis& analysis) {
  std::vector<std::string> tables;
  for (const TableUse& use : analysis.tables) {
    tables.push_back((use.schema.empty() ? "" : use.schema + ".") + use.name + (use.write ? "!" : ""));
  }
  return tables;
}

using Tables = std::vector<std::string>;

TEST(NormaliseSql, RewritesMysqlQuotesAndJdbcParameters) {
  EXPECT_EQ(normalise_sql_for_postgres("SELECT `id`, `name` FROM `users` WHERE `email` = ? LIMIT ?"),
            "SELECT \"id\", \"name\" FROM \"users\" WHERE \"email\" = $1 LIMIT $2");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM t WHERE a = ?1 AND b = ?2"), "SELECT * FROM t WHERE a = $1 AND b = $2");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM t WHERE a = :email OR b = :email OR c = :other"),
            "SELECT * FROM t WHERE a = $1 OR b = $1 OR c = $2");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM t WHERE id = #{id} AND k = #{key}"),
            "SELECT * FROM t WHERE id = $1 AND k = $2");
}

TEST(NormaliseSql, LeavesCastsQuotesCommentsAndSlicesAlone) {
  EXPECT_EQ(normalise_sql_for_postgres("SELECT id::text, '?' || ':x', \"a?b\" FROM t -- what?\nWHERE a[1:n] = ?"),
            "SELECT id::text, '?' || ':x', \"a?b\" FROM t -- what?\nWHERE a[1:n] = $1");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT 'it''s :here' FROM t WHERE x = :p"), "SELECT 'it''s :here' FROM t WHERE x = $1");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT $$ ? :x $$ FROM t"), "SELECT $$ ? :x $$ FROM t");
}

TEST(NormaliseSql, PlaceholdersTrailingSemicolonAndMysqlLimit) {
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM ${table} WHERE id = ${id}"),
            "SELECT * FROM dbsilo_unresolved WHERE id = $1");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM ? WHERE id = ?"), "SELECT * FROM dbsilo_unresolved WHERE id = $1");
  EXPECT_EQ(normalise_sql_for_postgres("DELETE FROM t;  \n"), "DELETE FROM t\n");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM t LIMIT 10, 20"), "SELECT * FROM t LIMIT 20 OFFSET 10");
  EXPECT_EQ(normalise_sql_for_postgres("SELECT * FROM t LIMIT ?, ?"), "SELECT * FROM t LIMIT $2 OFFSET $1");
}

TEST(AnalyseSql, JoinsWithAliases) {
  const SqlAnalysis analysis = analyse_sql("SELECT email FROM users u JOIN orders o ON o.user_id=u.id WHERE u.id=$1");
  EXPECT_TRUE(analysis.parsed);
  EXPECT_EQ(described(analysis), (Tables{"users", "orders"}));
}

TEST(AnalyseSql, InsertReturningIsAWrite) {
  const SqlAnalysis analysis = analyse_sql("INSERT INTO audit_log (user_id, action) VALUES ($1,'login') RETURNING id");
  EXPECT_TRUE(analysis.parsed);
  EXPECT_EQ(described(analysis), (Tables{"audit_log!"}));
}

TEST(AnalyseSql, UpdateWithSubqueryAcrossSchemas) {
  const SqlAnalysis analysis = analyse_sql(
      "UPDATE billing.invoices SET status='paid' WHERE id=$1 AND customer_id IN (SELECT id FROM crm.customers WHERE vip)");
  EXPECT_TRUE(analysis.parsed);
  EXPECT_EQ(described(analysis), (Tables{"billing.invoices!", "crm.customers"}));
}

TEST(AnalyseSql, MysqlBackticksAndQuestionMarksParseAfterNormalising) {
  const SqlAnalysis analysis = analyse_sql("SELECT `id`, `name` FROM `users` WHERE `email` = ? LIMIT ?");
  EXPECT_TRUE(analysis.parsed);
  EXPECT_EQ(described(analysis), (Tables{"users"}));
}

TEST(AnalyseSql, NamedAndNumberedParametersParse) {
  EXPECT_TRUE(analyse_sql("SELECT * FROM accounts WHERE owner = :owner AND id::text = :id").parsed);
  const SqlAnalysis numbered = analyse_sql("DELETE FROM sessions WHERE user_id = ?1");
  EXPECT_TRUE(numbered.parsed);
  EXPECT_EQ(described(numbered), (Tables{"sessions!"}));
}

TEST(AnalyseSql, CteNamesAreNotTables) {
  const SqlAnalysis analysis = analyse_sql("WITH t AS (SELECT * FROM a.b) DELETE FROM c USING t WHERE c.id=t.id");
  EXPECT_TRUE(analysis.parsed);
  EXPECT_EQ(described(analysis), (Tables{"a.b", "c!"}));
}

TEST(AnalyseSql, UnquotedNamesFoldQuotedKeepCase) {
  EXPECT_EQ(described(analyse_sql("SELECT * FROM Orders JOIN \"LineItems\" USING (id)")), (Tables{"orders", "LineItems"}));
}

TEST(AnalyseSql, WriteStatementsOfEveryKind) {
  EXPECT_EQ(described(analyse_sql("TRUNCATE staging; DROP TABLE IF EXISTS old.a, b")), (Tables{"staging!", "old.a!", "b!"}));
  EXPECT_EQ(described(analyse_sql("MERGE INTO tgt USING src ON tgt.id=src.id WHEN MATCHED THEN UPDATE SET v=src.v")),
            (Tables{"tgt!", "src"}));
  EXPECT_EQ(described(analyse_sql("CREATE TABLE reports AS SELECT * FROM orders")), (Tables{"reports!", "orders"}));
  EXPECT_EQ(described(analyse_sql("ALTER TABLE shop.items ADD COLUMN sku text")), (Tables{"shop.items!"}));
  EXPECT_EQ(described(analyse_sql("INSERT INTO archive SELECT * FROM archive")), (Tables{"archive!"}));
}

TEST(AnalyseSql, PlaceholderTableNamesAreDroppedAndSchemasCleared) {
  EXPECT_EQ(described(analyse_sql("SELECT * FROM ${prefix}_orders o JOIN customers c ON c.id = o.cid")),
            (Tables{"customers"}));
  EXPECT_EQ(described(analyse_sql("SELECT * FROM ${schema}.orders")), (Tables{"orders"}));
}

TEST(AnalyseSql, FallsBackToTokensOnMysqlOnlySyntax) {
  const SqlAnalysis analysis = analyse_sql(
      "INSERT INTO `orders` (id, total) VALUES (?, ?) ON DUPLICATE KEY UPDATE total = VALUES(total)");
  EXPECT_FALSE(analysis.parsed);
  EXPECT_EQ(described(analysis), (Tables{"orders!"}));

  const SqlAnalysis multi = analyse_sql(
      "UPDATE LOW_PRIORITY shop.stock s, shop.items i SET s.qty = 0 WHERE s.item = i.id AND EXTRACT(YEAR FROM i.made) < 2000");
  EXPECT_FALSE(multi.parsed);
  EXPECT_EQ(described(multi), (Tables{"shop.stock!", "shop.items!"}));

  const SqlAnalysis subquery = analyse_sql(
      "SELECT SQL_CALC_FOUND_ROWS * FROM (SELECT * FROM payments) p STRAIGHT_JOIN refunds r ON r.pid = p.id LOCK IN SHARE MODE");
  EXPECT_FALSE(subquery.parsed);
  EXPECT_EQ(described(subquery), (Tables{"payments", "refunds"}));
}

TEST(AnalyseSql, CreateDatabaseAndUse) {
  const SqlAnalysis analysis = analyse_sql("CREATE DATABASE IF NOT EXISTS billing; USE billing; SELECT * FROM invoices");
  EXPECT_EQ(analysis.created_databases, (std::vector<std::string>{"billing"}));
  EXPECT_EQ(analysis.used_database, "billing");
  EXPECT_EQ(described(analysis), (Tables{"invoices"}));
}

TEST(AnalyseSql, GarbageHugeAndDeepInputNeverCrash) {
  EXPECT_TRUE(analyse_sql("").tables.empty());
  EXPECT_TRUE(analyse_sql(std::string("\0\xff\xfe'unterminated", 17)).tables.empty());
  const SqlAnalysis huge = analyse_sql(std::string(kMaxSqlStatementBytes + 1, 'x'));
  EXPECT_FALSE(huge.parsed);
  EXPECT_TRUE(huge.tables.empty());
  const std::string deep = "SELECT " + std::string(20000, '(') + "1" + std::string(20000, ')') + " FROM deep_table";
  const SqlAnalysis nested = analyse_sql(deep);
  EXPECT_EQ(described(nested), (Tables{"deep_table"}));
  std::string deep_subqueries = "SELECT * FROM t0";
  for (int level = 1; level < 300; ++level) deep_subqueries = "SELECT * FROM (" + deep_subqueries + ") s" + std::to_string(level);
  EXPECT_FALSE(analyse_sql(deep_subqueries).tables.empty());
}

TEST(Jpql, DetectsJpqlShapes) {
  EXPECT_TRUE(looks_like_jpql("SELECT u FROM User u WHERE u.email = :e"));
  EXPECT_TRUE(looks_like_jpql("from Invoice where paid = false"));
  EXPECT_TRUE(looks_like_jpql("SELECT NEW com.shop.dto.Total(o.id, SUM(i.price)) FROM Order o JOIN o.items i GROUP BY o.id"));
  EXPECT_TRUE(looks_like_jpql("SELECT o FROM Order o JOIN FETCH o.lines WHERE o.id = ?1"));
  EXPECT_TRUE(looks_like_jpql("SELECT c.name FROM Customer c JOIN c.orders o"));
  EXPECT_FALSE(looks_like_jpql("SELECT email FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = ?"));
  EXPECT_FALSE(looks_like_jpql("SELECT * FROM billing.invoices i JOIN crm.customers c ON c.id = i.customer_id"));
  EXPECT_FALSE(looks_like_jpql("INSERT INTO audit_log (a) VALUES (:a)"));
}

TEST(Jpql, EntityNamesAreCaseSensitiveAndSkipPaths) {
  EXPECT_EQ(jpql_entity_names("SELECT u FROM User u WHERE u.email = :e"), (std::vector<std::string>{"User"}));
  EXPECT_EQ(jpql_entity_names("SELECT NEW com.shop.dto.Total(o.id, SUM(i.price)) FROM Order o JOIN o.items i, "
                              "IN(o.tags) t WHERE o.customer IN (SELECT c FROM CustomerAccount c) GROUP BY o.id"),
            (std::vector<std::string>{"Order", "CustomerAccount"}));
  EXPECT_EQ(jpql_entity_names("UPDATE PurchaseOrder p SET p.state = 'DONE'"), (std::vector<std::string>{"PurchaseOrder"}));
  EXPECT_EQ(jpql_entity_names("DELETE FROM com.shop.billing.Invoice inv WHERE inv.id = ?1"),
            (std::vector<std::string>{"Invoice"}));
  EXPECT_EQ(jpql_entity_names("SELECT o FROM Order o LEFT JOIN FETCH o.lines l JOIN Customer c ON c.id = o.customerId "
                              "WHERE TRIM(LEADING ' ' FROM c.name) = :n"),
            (std::vector<std::string>{"Order", "Customer"}));
  // @Entity @Table(name = "purchase_orders") class PurchaseOrder: JPQL names the entity, never the table.
  const std::vector<std::string> names = jpql_entity_names("select p from PurchaseOrder p where p.total > 10");
  EXPECT_EQ(names, (std::vector<std::string>{"PurchaseOrder"}));
  EXPECT_TRUE(jpql_entity_names("not jpql at all ((( '").empty());
}

}  // namespace
}  // namespace dbsilo
