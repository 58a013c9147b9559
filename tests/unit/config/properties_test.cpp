// Unit tests for the Java .properties front end (java.util.Properties syntax).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_support.h"
#include "languages/config/config_parsers.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

using config_test::find_entry;
using config_test::keys_of;
using config_test::value_of;

ConfigDocument parse_one(std::string_view text, std::vector<Warning>& warnings) {
  ConfigFileFacts facts = parse_properties(text, "app/application.properties", warnings);
  EXPECT_EQ(facts.documents.size(), 1u);
  return facts.documents.empty() ? ConfigDocument{} : facts.documents.front();
}

ConfigDocument parse_one(std::string_view text) {
  std::vector<Warning> warnings;
  ConfigDocument document = parse_one(text, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;
  return document;
}

TEST(PropertiesTest, AcceptsEqualsColonAndBlankSeparators) {
  const ConfigDocument document = parse_one(
      "equals=1\n"
      "colon:2\n"
      "blank 3\n"
      "spaced   =   4\n"
      "tabbed\t:\t5\n"
      "double==6\n"
      "blank_then_colon  :  7\n");
  EXPECT_EQ(value_of(document, "equals"), "1");
  EXPECT_EQ(value_of(document, "colon"), "2");
  EXPECT_EQ(value_of(document, "blank"), "3");
  EXPECT_EQ(value_of(document, "spaced"), "4");
  EXPECT_EQ(value_of(document, "tabbed"), "5");
  EXPECT_EQ(value_of(document, "double"), "=6");  // only the first '=' separates
  EXPECT_EQ(value_of(document, "blank_then_colon"), "7");
}

TEST(PropertiesTest, ValueKeepsInnerAndTrailingBlanks) {
  const ConfigDocument document = parse_one("greeting = hello  world  \nempty=\nbare\n");
  EXPECT_EQ(value_of(document, "greeting"), "hello  world  ");
  EXPECT_EQ(value_of(document, "empty"), "");
  EXPECT_EQ(value_of(document, "bare"), "");
}

TEST(PropertiesTest, SkipsCommentsAndBlankLines) {
  const ConfigDocument document = parse_one(
      "# hash comment\n"
      "! bang comment\n"
      "   # indented comment\n"
      "\n"
      "   \t \n"
      "a=1 # not a comment inside a value\n");
  EXPECT_EQ(keys_of(document), std::vector<std::string>{"a"});
  EXPECT_EQ(value_of(document, "a"), "1 # not a comment inside a value");
}

TEST(PropertiesTest, LocationsPointAtTheKey) {
  const ConfigDocument document = parse_one("# header\n\n   spring.datasource.url=jdbc:h2:mem:x\nnext=1\n");
  const ConfigEntry* url = find_entry(document, "spring.datasource.url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->location, (SourceLocation{"app/application.properties", 3, 4}));
  const ConfigEntry* next = find_entry(document, "next");
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->location.line, 4);
  EXPECT_EQ(next->location.column, 1);
}

TEST(PropertiesTest, JoinsContinuationLinesDroppingTheirIndent) {
  const ConfigDocument document = parse_one(
      "intro=first\n"
      "list=alpha, \\\n"
      "     beta, \\\n"
      "\t# gamma is not a comment here\n"
      "after=2\n");
  EXPECT_EQ(value_of(document, "list"), "alpha, beta, # gamma is not a comment here");
  const ConfigEntry* after = find_entry(document, "after");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->location.line, 5);  // line numbers keep counting through continuations
  EXPECT_EQ(find_entry(document, "list")->location.line, 2);
}

TEST(PropertiesTest, ContinuationCanSplitTheKey) {
  const ConfigDocument document = parse_one("spring.data\\\n  source.url=x\n");
  EXPECT_EQ(value_of(document, "spring.datasource.url"), "x");
}

TEST(PropertiesTest, EvenBackslashesDoNotContinue) {
  const ConfigDocument document = parse_one("path=C:\\\\temp\\\\\nnext=1\n");
  EXPECT_EQ(value_of(document, "path"), "C:\\temp\\");
  EXPECT_EQ(value_of(document, "next"), "1");
}

TEST(PropertiesTest, BlankLineEndsAContinuation) {
  const ConfigDocument document = parse_one("a=1\\\n\nb=2\n");
  EXPECT_EQ(value_of(document, "a"), "1");
  EXPECT_EQ(value_of(document, "b"), "2");
}

TEST(PropertiesTest, TrailingBackslashAtEndOfFileIsDropped) {
  const ConfigDocument document = parse_one("a=value\\");
  EXPECT_EQ(value_of(document, "a"), "value");
}

TEST(PropertiesTest, DecodesCharacterEscapes) {
  const ConfigDocument document = parse_one("escapes=tab\\tnl\\ncr\\rff\\fend\nplain=\\q\\\\\n");
  EXPECT_EQ(value_of(document, "escapes"), "tab\tnl\ncr\rff\fend");
  EXPECT_EQ(value_of(document, "plain"), "q\\");  // unknown escapes stand for the character
}

TEST(PropertiesTest, DecodesUnicodeEscapesToUtf8) {
  const ConfigDocument document = parse_one("city=Z\\u00fcrich\neuro=\\u20AC\nemoji=\\uD83D\\uDE00\nkey\\u00e9=1\n");
  EXPECT_EQ(value_of(document, "city"), "Z\xC3\xBCrich");
  EXPECT_EQ(value_of(document, "euro"), "\xE2\x82\xAC");
  EXPECT_EQ(value_of(document, "emoji"), "\xF0\x9F\x98\x80");  // a surrogate pair is one code point
  EXPECT_EQ(value_of(document, "key\xC3\xA9"), "1");
}

TEST(PropertiesTest, EscapedSeparatorsBelongToTheKey) {
  const ConfigDocument document = parse_one(
      "a\\=b=1\n"
      "c\\:d:2\n"
      "e\\ f 3\n"
      "\\#not-a-comment=4\n"
      "\\!bang=5\n");
  EXPECT_EQ(value_of(document, "a=b"), "1");
  EXPECT_EQ(value_of(document, "c:d"), "2");
  EXPECT_EQ(value_of(document, "e f"), "3");
  EXPECT_EQ(value_of(document, "#not-a-comment"), "4");
  EXPECT_EQ(value_of(document, "!bang"), "5");
}

TEST(PropertiesTest, MalformedUnicodeEscapeWarnsWithLineAndGoesOn) {
  std::vector<Warning> warnings;
  const ConfigDocument document = parse_one("first=1\nbroken=ab\\u12G4cd\nlast=3\n", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);
  EXPECT_NE(warnings[0].message.find("broken"), std::string::npos);
  EXPECT_EQ(warnings[0].message.find("ab"), std::string::npos);  // the value is never quoted
  EXPECT_EQ(value_of(document, "broken"), "ab\\u12G4cd");
  EXPECT_EQ(value_of(document, "last"), "3");
}

TEST(PropertiesTest, TruncatedUnicodeEscapeAtEndWarns) {
  std::vector<Warning> warnings;
  parse_one("x=\\u12", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 1);
}

TEST(PropertiesTest, HandlesCrLfAndCrLineEndings) {
  const ConfigDocument crlf = parse_one("a=1\r\nb=2\r\n");
  EXPECT_EQ(value_of(crlf, "a"), "1");
  EXPECT_EQ(find_entry(crlf, "b")->location.line, 2);
  const ConfigDocument cr = parse_one("a=1\rb=2\rc=3");
  EXPECT_EQ(value_of(cr, "b"), "2");
  EXPECT_EQ(find_entry(cr, "c")->location.line, 3);
}

TEST(PropertiesTest, OneDocumentWithoutActivation) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts =
      parse_properties("spring.config.activate.on-profile=prod\nx=1\n", "a.properties", warnings);
  ASSERT_EQ(facts.documents.size(), 1u);
  EXPECT_EQ(facts.documents[0].activation, "");
  EXPECT_EQ(facts.documents[0].entries.size(), 2u);
}

TEST(PropertiesTest, ByteOrderMarkIsNotPartOfTheFirstKey) {
  const ConfigDocument document = parse_one("\xEF\xBB\xBFserver.port=8080\n");
  EXPECT_EQ(value_of(document, "server.port"), "8080");
}

TEST(PropertiesTest, DuplicateKeysAreAllReported) {
  const ConfigDocument document = parse_one("a=1\na=2\n");
  ASSERT_EQ(document.entries.size(), 2u);
  EXPECT_EQ(document.entries[1].value, "2");
}

TEST(PropertiesTest, SecretValueIsReplacedByItsDigest) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse_properties(
      "spring.datasource.url=jdbc:postgresql://db/orders\n"
      "spring.datasource.password=Hunter2Secret\n"
      "app.db_pass = Hunter2Secret\n",
      "application.properties", warnings);
  const ConfigDocument& document = facts.documents.at(0);
  const ConfigEntry* password = find_entry(document, "spring.datasource.password");
  ASSERT_NE(password, nullptr);
  EXPECT_TRUE(password->secret);
  EXPECT_EQ(password->value, "");
  EXPECT_EQ(password->secret_digest, secret_digest("Hunter2Secret"));
  EXPECT_EQ(find_entry(document, "app.db_pass")->secret_digest, password->secret_digest);
  EXPECT_FALSE(find_entry(document, "spring.datasource.url")->secret);
  EXPECT_FALSE(config_test::appears_anywhere(facts, warnings, "Hunter2Secret"));
}

}  // namespace
}  // namespace dbsilo
