// Unit tests for the JSON configuration front end: flattening, key lines, errors, secrets.
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

ConfigDocument parse_single(std::string_view text) {
  std::vector<Warning> warnings;
  ConfigFileFacts facts = parse_json_config(text, "svc/appsettings.json", warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;
  EXPECT_EQ(facts.documents.size(), 1u);
  return facts.documents.empty() ? ConfigDocument{} : facts.documents.front();
}

TEST(JsonConfigTest, FlattensObjectsAndArraysInSourceOrder) {
  const ConfigDocument document = parse_single(R"({
  "zeta": {"url": "postgres://db/z"},
  "alpha": [1, {"name": "n"}, [true]],
  "port": 5432,
  "ratio": 0.25,
  "enabled": false,
  "nothing": null,
  "none": [],
  "empty": {}
})");
  EXPECT_EQ(keys_of(document), (std::vector<std::string>{"zeta.url", "alpha[0]", "alpha[1].name", "alpha[2][0]", "port",
                                                         "ratio", "enabled", "nothing", "none"}));
  EXPECT_EQ(value_of(document, "zeta.url"), "postgres://db/z");
  EXPECT_EQ(value_of(document, "alpha[0]"), "1");
  EXPECT_EQ(value_of(document, "alpha[2][0]"), "true");
  EXPECT_EQ(value_of(document, "port"), "5432");
  EXPECT_EQ(value_of(document, "ratio"), "0.25");
  EXPECT_EQ(value_of(document, "enabled"), "false");
  EXPECT_EQ(value_of(document, "nothing"), "");
  EXPECT_EQ(value_of(document, "none"), "");
}

TEST(JsonConfigTest, KeyLinesAndColumnsFollowTheSource) {
  const ConfigDocument document = parse_single(
      "{\n"                                   // 1
      "  \"ConnectionStrings\": {\n"          // 2
      "    \"Orders\": \"Host=db\",\n"        // 3
      "    \"Users\": \"Host=db2\"\n"         // 4
      "  },\n"                                // 5
      "  \"Other\": {\"Orders\": \"x\"}\n"    // 6
      "}\n");
  const ConfigEntry* orders = find_entry(document, "ConnectionStrings.Orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->location, (SourceLocation{"svc/appsettings.json", 3, 5}));
  EXPECT_EQ(find_entry(document, "ConnectionStrings.Users")->location.line, 4);
  const ConfigEntry* other_orders = find_entry(document, "Other.Orders");
  ASSERT_NE(other_orders, nullptr);
  EXPECT_EQ(other_orders->location.line, 6);  // same name, later occurrence
  EXPECT_EQ(other_orders->location.column, 13);
}

TEST(JsonConfigTest, ValuesThatLookLikeKeysDoNotShiftLines) {
  const ConfigDocument document = parse_single(
      "{\n"
      "  \"a\": \"b\",\n"
      "  \"list\": [\"b\", \"c:\"],\n"
      "  \"b\": 1\n"
      "}\n");
  EXPECT_EQ(find_entry(document, "b")->location.line, 4);
}

TEST(JsonConfigTest, EscapedKeysAndDottedKeys) {
  const ConfigDocument document = parse_single(
      "{\n"
      "  \"caf\\u00e9\": 1,\n"
      "  \"spring.datasource\": {\"url\": \"jdbc:h2:mem:x\"},\n"
      "  \"quote\\\"d\": 2\n"
      "}\n");
  EXPECT_EQ(value_of(document, "caf\xC3\xA9"), "1");
  EXPECT_EQ(find_entry(document, "caf\xC3\xA9")->location.line, 2);
  EXPECT_EQ(value_of(document, "spring.datasource.url"), "jdbc:h2:mem:x");
  EXPECT_EQ(find_entry(document, "quote\"d")->location.line, 4);
}

TEST(JsonConfigTest, CommentsAreTolerated) {
  const ConfigDocument document = parse_single(
      "{\n"
      "  // \"fake\": 1,\n"
      "  /* \"also\": 2 */\n"
      "  \"real\": 3\n"
      "}\n");
  EXPECT_EQ(keys_of(document), std::vector<std::string>{"real"});
  EXPECT_EQ(find_entry(document, "real")->location.line, 4);
}

TEST(JsonConfigTest, RootArrayAndRootScalar) {
  const ConfigDocument array = parse_single("[{\"a\": 1}, 2]");
  EXPECT_EQ(value_of(array, "[0].a"), "1");
  EXPECT_EQ(value_of(array, "[1]"), "2");
  EXPECT_TRUE(parse_single("42").entries.empty());
}

TEST(JsonConfigTest, SyntaxErrorWarnsWithLineAndNoInput) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse_json_config(
      "{\n"
      "  \"password\": \"NotInTheWarning\",\n"
      "  \"b\": NotInTheWarningEither\n"
      "}\n",
      "bad.json", warnings);
  EXPECT_TRUE(facts.documents.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.path, "bad.json");
  EXPECT_EQ(warnings[0].location.line, 3);
  EXPECT_EQ(warnings[0].message.rfind("invalid JSON", 0), 0u);
  EXPECT_EQ(warnings[0].message.find("NotInTheWarning"), std::string::npos);
}

TEST(JsonConfigTest, TruncatedInputWarnsAtTheEnd) {
  std::vector<Warning> warnings;
  parse_json_config("{\n  \"a\": {\n", "t.json", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_GE(warnings[0].location.line, 2);
  EXPECT_NE(warnings[0].message.find("end of input"), std::string::npos);
}

TEST(JsonConfigTest, SecretsAreRedacted) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse_json_config(
      R"({"db": {"user": "app", "password": "C0rrectHorse", "url": "postgres://db/x"},
          "clientSecret": "C0rrectHorse", "keys": {"private-key": "C0rrectHorse"}})",
      "config.json", warnings);
  const ConfigDocument& document = facts.documents.at(0);
  EXPECT_TRUE(find_entry(document, "db.password")->secret);
  EXPECT_TRUE(find_entry(document, "clientSecret")->secret);
  EXPECT_TRUE(find_entry(document, "keys.private-key")->secret);
  EXPECT_FALSE(find_entry(document, "db.url")->secret);
  EXPECT_EQ(value_of(document, "db.user"), "app");
  EXPECT_EQ(find_entry(document, "clientSecret")->secret_digest, find_entry(document, "db.password")->secret_digest);
  EXPECT_FALSE(config_test::appears_anywhere(facts, warnings, "C0rrectHorse"));
}

}  // namespace
}  // namespace dbsilo
