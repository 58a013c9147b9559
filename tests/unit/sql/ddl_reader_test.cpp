// Unit tests for the DDL readers: Flyway-style scripts, MySQL DDL, USE, dollar quotes, Liquibase XML and YAML.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "languages/sql/ddl_reader.h"
#include "languages/sql/sql_tables.h"

namespace dbsilo {
namespace {

// "schema.table(col,col)@line" per table, "table->schema.referenced@line" per foreign key.
std::vector<std::string> described_tables(const DdlFacts& facts) {
  std::vector<std::string> tables;
  for (const TableDefinitionFact& table : facts.tables) {
    std::string columns;
    for (const std::string& column : table.columns) columns += (columns.empty() ? "" : ",") + column;
    tables.push_back((table.schema.empty() ? "" : table.schema + ".") + table.name + "(" + columns + ")@" +
                     std::to_string(table.location.line));
  }
  return tables;
}

std::vector<std::string> described_keys(const DdlFacts& facts) {
  std::vector<std::string> keys;
  for (const ForeignKeyFact& key : facts.foreign_keys) {
    keys.push_back(key.table + "->" + (key.referenced_schema.empty() ? "" : key.referenced_schema + ".") +
                   key.referenced_table + "@" + std::to_string(key.location.line));
  }
  return keys;
}

using Lines = std::vector<std::string>;

TEST(SqlDdl, FlywayMigrationWithThreeTablesAndForeignKeys) {
  const std::string script =
      "-- V1__init.sql: CREATE TABLE in a comment is nothing\n"  // 1
      "CREATE TABLE customers (\n"                                // 2
      "  id bigint PRIMARY KEY,\n"                                // 3
      "  email text NOT NULL -- ; not a split\n"                  // 4
      ");\n"                                                      // 5
      "CREATE TABLE IF NOT EXISTS sales.orders (\n"               // 6
      "  id bigserial PRIMARY KEY,\n"                             // 7
      "  customer_id bigint REFERENCES customers(id),\n"          // 8
      "  note text DEFAULT 'a;b'\n"                               // 9
      ");\n"                                                      // 10
      "/* block; comment */ CREATE TABLE order_lines (\n"         // 11
      "  order_id bigint, sku text,\n"                            // 12
      "  CONSTRAINT fk_order FOREIGN KEY (order_id)\n"            // 13
      "    REFERENCES sales.orders (id)\n"                        // 14
      ");\n"                                                      // 15
      "ALTER TABLE order_lines ADD CONSTRAINT fk_sku FOREIGN KEY (sku) REFERENCES catalog.products(sku);\n"  // 16
      "INSERT INTO customers VALUES (1, 'x@example.org');\n";     // 17
  std::vector<Warning> warnings;
  const DdlFacts facts = read_sql_ddl(script, "db/migration/V1__init.sql", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(described_tables(facts), (Lines{"customers(id,email)@2", "sales.orders(id,customer_id,note)@6",
                                            "order_lines(order_id,sku)@11"}));
  EXPECT_EQ(described_keys(facts), (Lines{"orders->customers@8", "order_lines->sales.orders@14",
                                          "order_lines->catalog.products@16"}));
  ASSERT_FALSE(facts.tables.empty());
  EXPECT_EQ(facts.tables[0].location.path, "db/migration/V1__init.sql");
  EXPECT_EQ(facts.tables[0].location.column, 1);
  EXPECT_EQ(facts.tables[2].location.column, 22);
}

TEST(SqlDdl, MysqlDdlWithBackticksEngineAndUse) {
  const std::string script =
      "CREATE DATABASE IF NOT EXISTS `shop`;\n"                                  // 1
      "USE `shop`;\n"                                                            // 2
      "DROP TABLE IF EXISTS `orders`;\n"                                         // 3
      "CREATE TABLE `orders` (\n"                                                // 4
      "  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,\n"                       // 5
      "  `customer_id` int(11) NOT NULL,\n"                                      // 6
      "  PRIMARY KEY (`id`),\n"                                                  // 7
      "  KEY `idx_customer` (`customer_id`),\n"                                  // 8
      "  CONSTRAINT `fk_customer` FOREIGN KEY (`customer_id`) REFERENCES `crm`.`Customers` (`id`)\n"  // 9
      ") ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARSET=utf8mb4;\n"              // 10
      "CREATE TABLE `payments` (`id` int, `order_id` int REFERENCES `orders`(`id`)) ENGINE=InnoDB;\n";  // 11
  std::vector<Warning> warnings;
  const DdlFacts facts = read_sql_ddl(script, "schema.sql", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(facts.databases, (std::vector<std::string>{"shop"}));
  // USE makes `shop` the schema of tables written without one (MySQL: database == schema).
  EXPECT_EQ(described_tables(facts), (Lines{"shop.orders(id,customer_id)@4", "shop.payments(id,order_id)@11"}));
  EXPECT_EQ(described_keys(facts), (Lines{"orders->crm.Customers@9", "payments->shop.orders@11"}));
}

TEST(SqlDdl, DollarQuotedFunctionBodyDefinesNothing) {
  const std::string script =
      "CREATE FUNCTION audit() RETURNS trigger AS $body$\n"
      "BEGIN\n"
      "  CREATE TABLE IF NOT EXISTS hidden (id int); INSERT INTO log VALUES (1);\n"
      "  RETURN NEW;\n"
      "END;\n"
      "$body$ LANGUAGE plpgsql;\n"
      "CREATE TABLE visible (id int);\n";
  std::vector<Warning> warnings;
  const DdlFacts facts = read_sql_ddl(script, "V2__audit.sql", warnings);
  EXPECT_EQ(described_tables(facts), (Lines{"visible(id)@7"}));
}

TEST(SqlDdl, CreateDatabaseInPostgresAndAlterAddColumnReferences) {
  std::vector<Warning> warnings;
  const DdlFacts facts = read_sql_ddl(
      "CREATE DATABASE inventory;\nALTER TABLE stock ADD COLUMN warehouse_id int REFERENCES logistics.warehouses(id);",
      "init.sql", warnings);
  EXPECT_EQ(facts.databases, (std::vector<std::string>{"inventory"}));
  EXPECT_EQ(described_keys(facts), (Lines{"stock->logistics.warehouses@2"}));
  EXPECT_TRUE(facts.tables.empty());
}

TEST(SqlDdl, GarbageAndOversizedStatementsAreWarningsWithoutValues) {
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_sql_ddl(std::string("\0\x01\xff CREATE TABLE (((", 19), "bad.sql", warnings).tables.empty());
  EXPECT_TRUE(read_sql_ddl("CREATE TABLE", "bad.sql", warnings).tables.empty());
  EXPECT_TRUE(warnings.empty());
  const std::string secret = "s3cr3t-value";
  std::string huge = "INSERT INTO t VALUES ('" + secret + std::string(kMaxSqlStatementBytes, 'x') + "');\nCREATE TABLE after_huge (id int);";
  const DdlFacts facts = read_sql_ddl(huge, "data.sql", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 1);
  EXPECT_EQ(warnings[0].message.find(secret), std::string::npos);
  EXPECT_EQ(described_tables(facts), (Lines{"after_huge(id)@2"}));
  const std::string deep = "CREATE TABLE deep (id int CHECK " + std::string(50000, '(') + "1" + std::string(50000, ')') + ");";
  EXPECT_EQ(read_sql_ddl(deep, "deep.sql", warnings).tables.size(), 1u);
}

TEST(SqlDdl, MigrationPaths) {
  EXPECT_TRUE(is_sql_migration_path("src/main/resources/db/migration/V1__init.sql"));
  EXPECT_TRUE(is_sql_migration_path("schema.SQL"));
  EXPECT_FALSE(is_sql_migration_path("db/changelog/master.xml"));
  EXPECT_FALSE(is_sql_migration_path("sql"));
}

TEST(Liquibase, XmlChangelog) {
  const std::string changelog =
      "<?xml version=\"1.0\"?>\n"                                                                    // 1
      "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"                  // 2
      "  <changeSet id=\"1\" author=\"a\">\n"                                                        // 3
      "    <createTable tableName=\"Invoices\" schemaName=\"billing\">\n"                            // 4
      "      <column name=\"id\" type=\"bigint\"/>\n"                                                // 5
      "      <column name=\"customer_id\" type=\"bigint\">\n"                                        // 6
      "        <constraints nullable=\"false\" references=\"crm.customers(id)\" foreignKeyName=\"fk\"/>\n"  // 7
      "      </column>\n"                                                                            // 8
      "    </createTable>\n"                                                                         // 9
      "    <addForeignKeyConstraint baseTableName=\"invoices\" baseColumnNames=\"order_id\"\n"       // 10
      "        referencedTableName=\"orders\" referencedColumnNames=\"id\" constraintName=\"fk2\"/>\n"  // 11
      "    <rollback><createTable tableName=\"ghost\"/></rollback>\n"                                // 12
      "  </changeSet>\n"                                                                           // 13
      "  <changeSet id=\"2\" author=\"a\">\n"                                                        // 14
      "    <sql>\n"                                                                                  // 15
      "      CREATE TABLE audit (id int, invoice_id int REFERENCES invoices(id));\n"                 // 16
      "    </sql>\n"                                                                                 // 17
      "  </changeSet>\n"                                                                           // 18
      "</databaseChangeLog>\n";
  std::vector<Warning> warnings;
  ASSERT_TRUE(is_liquibase_changelog("src/main/resources/db/changelog/db.changelog-master.xml", changelog));
  const DdlFacts facts = read_liquibase_changelog(changelog, "db/changelog/master.xml", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(described_tables(facts), (Lines{"billing.invoices(id,customer_id)@4", "audit(id,invoice_id)@16"}));
  EXPECT_EQ(described_keys(facts), (Lines{"invoices->crm.customers@7", "invoices->orders@10", "audit->invoices@16"}));
}

TEST(Liquibase, YamlChangelog) {
  const std::string changelog =
      "databaseChangeLog:\n"                               // 1
      "  - changeSet:\n"                                   // 2
      "      id: 1\n"                                      // 3
      "      author: a\n"                                  // 4
      "      changes:\n"                                   // 5
      "        - createTable:\n"                           // 6
      "            tableName: shipments\n"                 // 7
      "            columns:\n"                             // 8
      "              - column:\n"                          // 9
      "                  name: id\n"                       // 10
      "              - column:\n"                          // 11
      "                  name: order_id\n"                 // 12
      "                  constraints:\n"                   // 13
      "                    referencedTableName: orders\n"  // 14
      "                    foreignKeyName: fk_order\n"     // 15
      "        - addForeignKeyConstraint:\n"               // 16
      "            baseTableName: shipments\n"             // 17
      "            referencedTableName: carriers\n"        // 18
      "            referencedTableSchemaName: logistics\n" // 19
      "        - sql:\n"                                   // 20
      "            sql: CREATE TABLE tracking (id int)\n"; // 21
  std::vector<Warning> warnings;
  ASSERT_TRUE(is_liquibase_changelog("db/master.yaml", changelog));
  const DdlFacts facts = read_liquibase_changelog(changelog, "db/master.yaml", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(described_tables(facts), (Lines{"shipments(id,order_id)@7", "tracking(id)@21"}));
  EXPECT_EQ(described_keys(facts), (Lines{"shipments->orders@14", "shipments->logistics.carriers@16"}));
}

TEST(Liquibase, DetectionAndBrokenInput) {
  EXPECT_TRUE(is_liquibase_changelog("db/changelog/001-init.yml", "x: 1"));
  EXPECT_TRUE(is_liquibase_changelog("db/db.changelog-master.json", "{}"));
  EXPECT_FALSE(is_liquibase_changelog("config/application.yml", "spring:\n  datasource: {}\n"));
  EXPECT_FALSE(is_liquibase_changelog("changelog-service/src/main/resources/application.yml", "server: {}"));
  EXPECT_FALSE(is_liquibase_changelog("db/changelog/001.sql", "databaseChangeLog"));
  std::vector<Warning> warnings;
  EXPECT_TRUE(read_liquibase_changelog("databaseChangeLog: [ {changeSet: ", "db/changelog.yaml", warnings).tables.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.path, "db/changelog.yaml");
  warnings.clear();
  EXPECT_TRUE(read_liquibase_changelog("{\"name\": \"not liquibase\"", "changelog.json", warnings).tables.empty());
  EXPECT_TRUE(warnings.empty());
  const std::string deep = "databaseChangeLog: " + std::string(10000, '[');
  EXPECT_TRUE(read_liquibase_changelog(deep, "db/changelog.yaml", warnings).tables.empty());
}

}  // namespace
}  // namespace dbsilo
