// Hibernate hbm.xml and MyBatis mapper readers.
#include <gtest/gtest.h>

#include "languages/sql/orm_xml.h"

namespace dbsilo {
namespace {

TEST(OrmXml, HibernateClassesBecomeTableMappings) {
  std::vector<Warning> warnings;
  const auto mappings = read_hibernate_mapping(
      "<hibernate-mapping package=\"shop\">\n"
      "  <class name=\"Customer\" table=\"customer_accounts\" schema=\"crm\">\n"
      "    <id name=\"id\" column=\"id\"/>\n"
      "    <property name=\"email\" column=\"email_address\"/>\n"
      "  </class>\n"
      "  <class name=\"shop.Note\"/>\n"
      "</hibernate-mapping>\n",
      "Customer.hbm.xml", warnings);
  ASSERT_EQ(mappings.size(), 2u);
  EXPECT_EQ(mappings[0].class_name, "Customer");
  EXPECT_EQ(mappings[0].qualified_name, "shop.Customer");
  EXPECT_EQ(mappings[0].name, "customer_accounts");
  EXPECT_EQ(mappings[0].schema, "crm");
  EXPECT_EQ(mappings[0].columns, (std::vector<std::string>{"id", "email_address"}));
  EXPECT_EQ(mappings[0].location.line, 2);
  EXPECT_EQ(mappings[1].name, "Note");
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(is_hibernate_mapping("a/b/Customer.hbm.xml"));
  EXPECT_FALSE(is_hibernate_mapping("pom.xml"));
}

TEST(OrmXml, MyBatisStatementsIncludeDynamicSql) {
  std::vector<Warning> warnings;
  const std::string mapper =
      "<mapper namespace=\"x.Mapper\">\n"
      "  <select id=\"find\">SELECT * FROM invoices <where><if test=\"a\">id = #{id}</if></where></select>\n"
      "  <resultMap id=\"r\" type=\"x.Invoice\"/>\n"
      "  <delete id=\"drop\">DELETE FROM invoices WHERE id = #{id}</delete>\n"
      "</mapper>\n";
  ASSERT_TRUE(looks_like_mybatis_mapper(mapper));
  const auto queries = read_mybatis_mapper(mapper, "m.xml", warnings);
  ASSERT_EQ(queries.size(), 2u);
  EXPECT_EQ(queries[0].text, "SELECT * FROM invoices id = #{id}");
  EXPECT_EQ(queries[0].api, "MyBatis <select id=find>");
  EXPECT_EQ(queries[0].location.line, 2);
  EXPECT_EQ(queries[1].language, "sql");
  EXPECT_FALSE(looks_like_mybatis_mapper("<project><modules/></project>"));
}

}  // namespace
}  // namespace dbsilo

namespace dbsilo {
namespace {

TEST(JpaOrmMapping, MapsEntitiesToTablesWithColumnsAndDefaults) {
  const std::string text = R"(<?xml version="1.0"?>
<entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm">
  <package>bank.ledger</package>
  <entity class="Account" name="LedgerAccount">
    <table name="ledger_accounts" schema="core"/>
    <attributes>
      <id name="id"/>
      <basic name="ownerName"><column name="owner"/></basic>
      <basic name="openedAt"/>
      <many-to-one name="branch"/>
    </attributes>
  </entity>
  <entity class="bank.ledger.PostingLine"/>
</entity-mappings>)";
  ASSERT_TRUE(looks_like_jpa_orm_mapping(text));
  std::vector<Warning> warnings;
  const auto mappings = read_jpa_orm_mapping(text, "orm.xml", warnings);
  ASSERT_EQ(mappings.size(), 2u);
  EXPECT_EQ(mappings[0].qualified_name, "bank.ledger.Account");
  EXPECT_EQ(mappings[0].entity_name, "LedgerAccount");
  EXPECT_EQ(mappings[0].schema + "." + mappings[0].name, "core.ledger_accounts");
  EXPECT_EQ(mappings[0].columns, (std::vector<std::string>{"id", "owner", "opened_at", "branch_id"}));
  EXPECT_EQ(mappings[0].location.line, 4);
  EXPECT_EQ(mappings[1].name, "posting_line");  // Spring's physical naming when no <table>
  EXPECT_EQ(mappings[1].origin, "orm.xml");
  EXPECT_TRUE(warnings.empty());
}

TEST(PersistenceXml, ListsManagedClassesAndSettingsWithoutSecrets) {
  const std::string text = R"(<persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
  <persistence-unit name="ledger">
    <class>bank.ledger.Posting</class>
    <properties>
      <property name="jakarta.persistence.jdbc.url" value="jdbc:postgresql://bankdb:5432/bank"/>
      <property name="jakarta.persistence.jdbc.password" value="s3cret-value"/>
    </properties>
  </persistence-unit>
</persistence>)";
  std::vector<Warning> warnings;
  const PersistenceUnitFacts facts = read_persistence_xml(text, "META-INF/persistence.xml", warnings);
  ASSERT_EQ(facts.managed_classes.size(), 1u);
  EXPECT_EQ(facts.managed_classes[0].entity_class, "Posting");
  EXPECT_EQ(facts.managed_classes[0].interface_name, "persistence-unit ledger");
  ASSERT_EQ(facts.config.documents.size(), 1u);
  const auto& entries = facts.config.documents[0].entries;
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].value, "jdbc:postgresql://bankdb:5432/bank");
  EXPECT_TRUE(entries[1].secret);
  EXPECT_EQ(entries[1].value, "");
  EXPECT_EQ(entries[1].location.line, 6);
}

TEST(PersistenceXml, BrokenXmlIsAWarningNotAFailure) {
  std::vector<Warning> warnings;
  const PersistenceUnitFacts facts = read_persistence_xml("<persistence><persistence-unit name=\"x\"><class>A", "persistence.xml", warnings);
  EXPECT_FALSE(warnings.empty());
  EXPECT_TRUE(facts.managed_classes.size() <= 1u);
}

}  // namespace
}  // namespace dbsilo
