// Unit tests for the .env front end: quotes, export, comments, bad lines, secrets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_support.h"
#include "languages/config/config_parsers.h"

namespace dbsilo {
namespace {

using config_test::find_entry;
using config_test::keys_of;
using config_test::value_of;

ConfigDocument parse_single(std::string_view text, std::vector<Warning>& warnings) {
  ConfigFileFacts facts = parse_dotenv(text, "deploy/.env", warnings);
  EXPECT_EQ(facts.documents.size(), 1u);
  return facts.documents.empty() ? ConfigDocument{} : facts.documents.front();
}

ConfigDocument parse_single(std::string_view text) {
  std::vector<Warning> warnings;
  ConfigDocument document = parse_single(text, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;
  return document;
}

TEST(DotenvTest, PlainAssignmentsAndExport) {
  const ConfigDocument document = parse_single(
      "DB_HOST=postgres\n"
      "export DB_PORT=5432\n"
      "  SPACED_KEY = spaced value  \n"
      "EMPTY=\n"
      "exported_name=x\n");
  EXPECT_EQ(value_of(document, "DB_HOST"), "postgres");
  EXPECT_EQ(value_of(document, "DB_PORT"), "5432");
  EXPECT_EQ(value_of(document, "SPACED_KEY"), "spaced value");
  EXPECT_EQ(value_of(document, "EMPTY"), "");
  EXPECT_EQ(value_of(document, "exported_name"), "x");  // "export" only as a separate word
}

TEST(DotenvTest, CommentsAndBlankLinesAreSkipped) {
  const ConfigDocument document = parse_single(
      "# leading comment\n"
      "\n"
      "   \n"
      "  # indented comment\n"
      "A=1 # trailing comment\n"
      "B=http://host/path#fragment\n"
      "C=  # only a comment\n");
  EXPECT_EQ(keys_of(document), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(value_of(document, "A"), "1");
  EXPECT_EQ(value_of(document, "B"), "http://host/path#fragment");  // '#' needs a blank before it
  EXPECT_EQ(value_of(document, "C"), "");
}

TEST(DotenvTest, SingleQuotesAreLiteral) {
  const ConfigDocument document = parse_single("S='a \\n b # not a comment ${X}'\nT=''\n");
  EXPECT_EQ(value_of(document, "S"), "a \\n b # not a comment ${X}");
  EXPECT_EQ(value_of(document, "T"), "");
}

TEST(DotenvTest, DoubleQuotesHaveEscapes) {
  const ConfigDocument document = parse_single(
      "D=\"line1\\nline2\\ttab \\\"quoted\\\" back\\\\slash\"\n"
      "K=\"keep # this\" # drop this\n"
      "V=\"\\$literal\"\n");
  EXPECT_EQ(value_of(document, "D"), "line1\nline2\ttab \"quoted\" back\\slash");
  EXPECT_EQ(value_of(document, "K"), "keep # this");
  EXPECT_EQ(value_of(document, "V"), "\\$literal");  // left for the variable resolver
}

TEST(DotenvTest, QuotedValuesMaySpanLines) {
  const ConfigDocument document = parse_single(
      "CERT=\"-----BEGIN-----\n"
      "abc\n"
      "-----END-----\"\n"
      "NEXT=1\n");
  EXPECT_EQ(value_of(document, "CERT"), "-----BEGIN-----\nabc\n-----END-----");
  const ConfigEntry* next = find_entry(document, "NEXT");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->location.line, 4);
}

TEST(DotenvTest, LocationsPointAtTheKey) {
  const ConfigDocument document = parse_single("# c\nexport   URL=x\n  B=2\n");
  EXPECT_EQ(find_entry(document, "URL")->location, (SourceLocation{"deploy/.env", 2, 10}));
  EXPECT_EQ(find_entry(document, "B")->location, (SourceLocation{"deploy/.env", 3, 3}));
}

TEST(DotenvTest, LinesWithoutEqualsWarnWithoutQuotingThem) {
  std::vector<Warning> warnings;
  const ConfigDocument document = parse_single("A=1\nthisIsNotAnAssignment\nB=2\n", warnings);
  EXPECT_EQ(keys_of(document), (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);
  EXPECT_EQ(warnings[0].message.find("thisIsNotAnAssignment"), std::string::npos);
}

TEST(DotenvTest, InvalidNamesWarn) {
  std::vector<Warning> warnings;
  const ConfigDocument document = parse_single("=orphan\nTWO WORDS=x\nOK=1\n", warnings);
  EXPECT_EQ(keys_of(document), std::vector<std::string>{"OK"});
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].location.line, 1);
  EXPECT_EQ(warnings[1].location.line, 2);
}

TEST(DotenvTest, UnterminatedQuoteWarnsAndKeepsTheRest) {
  std::vector<Warning> warnings;
  const ConfigDocument document = parse_single("A=1\nB=\"open\nstill open\n", warnings);
  EXPECT_EQ(value_of(document, "B"), "open\nstill open\n");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);
  EXPECT_EQ(warnings[0].message.find("still"), std::string::npos);  // no value text
  EXPECT_NE(warnings[0].message.find("'B'"), std::string::npos);
}

TEST(DotenvTest, CrLfLineEndings) {
  const ConfigDocument document = parse_single("A=1\r\nB='two'\r\nC=\"three\"\r\n");
  EXPECT_EQ(value_of(document, "A"), "1");
  EXPECT_EQ(value_of(document, "B"), "two");
  EXPECT_EQ(value_of(document, "C"), "three");
}

TEST(DotenvTest, SecretsAreRedacted) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse_dotenv(
      "POSTGRES_USER=orders\n"
      "POSTGRES_PASSWORD=Tr0ub4dor&3\n"
      "MYSQL_ROOT_PASSWORD='Tr0ub4dor&3'\n"
      "export API_TOKEN=\"Tr0ub4dor&3\"\n"
      "DB_PASS=Tr0ub4dor&3 # comment\n",
      ".env", warnings);
  const ConfigDocument& document = facts.documents.at(0);
  for (const char* key : {"POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "API_TOKEN", "DB_PASS"}) {
    const ConfigEntry* entry = find_entry(document, key);
    ASSERT_NE(entry, nullptr) << key;
    EXPECT_TRUE(entry->secret) << key;
    EXPECT_EQ(entry->secret_digest, find_entry(document, "POSTGRES_PASSWORD")->secret_digest) << key;
  }
  EXPECT_EQ(value_of(document, "POSTGRES_USER"), "orders");
  EXPECT_FALSE(config_test::appears_anywhere(facts, warnings, "Tr0ub4dor"));
}

}  // namespace
}  // namespace dbsilo
