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
