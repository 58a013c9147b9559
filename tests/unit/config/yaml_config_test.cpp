// Unit tests for the YAML configuration front end: flattening, documents, merges, bad input.
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

ConfigFileFacts parse(std::string_view text, std::vector<Warning>& warnings) {
  return parse_yaml_config(text, "svc/application.yml", warnings);
}

ConfigDocument parse_single(std::string_view text) {
  std::vector<Warning> warnings;
  ConfigFileFacts facts = parse(text, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front().message;
  EXPECT_EQ(facts.documents.size(), 1u);
  return facts.documents.empty() ? ConfigDocument{} : facts.documents.front();
}

TEST(YamlConfigTest, FlattensNestedMapsWithDots) {
  const ConfigDocument document = parse_single(
      "spring:\n"
      "  datasource:\n"
      "    url: jdbc:postgresql://db:5432/orders\n"
      "    hikari:\n"
      "      maximum-pool-size: 10\n"
      "server:\n"
      "  port: 8080\n");
  EXPECT_EQ(keys_of(document), (std::vector<std::string>{"spring.datasource.url",
                                                         "spring.datasource.hikari.maximum-pool-size", "server.port"}));
  EXPECT_EQ(value_of(document, "spring.datasource.url"), "jdbc:postgresql://db:5432/orders");
  EXPECT_EQ(value_of(document, "spring.datasource.hikari.maximum-pool-size"), "10");
}

TEST(YamlConfigTest, SequencesBecomeIndexedKeys) {
  const ConfigDocument document = parse_single(
      "hosts:\n"
      "  - alpha\n"
      "  - beta\n"
      "routes:\n"
      "  - id: orders\n"
      "    uri: http://orders\n"
      "  - id: users\n"
      "matrix: [[1, 2], [3]]\n");
  EXPECT_EQ(value_of(document, "hosts[0]"), "alpha");
  EXPECT_EQ(value_of(document, "hosts[1]"), "beta");
  EXPECT_EQ(value_of(document, "routes[0].uri"), "http://orders");
  EXPECT_EQ(value_of(document, "routes[1].id"), "users");
  EXPECT_EQ(value_of(document, "matrix[0][1]"), "2");
  EXPECT_EQ(value_of(document, "matrix[1][0]"), "3");
}

TEST(YamlConfigTest, NullsAndEmptyListsAreEmptyValues) {
  const ConfigDocument document = parse_single("a: ~\nb:\nc: null\nd: []\ne: 'null'\nf: {}\n");
  EXPECT_EQ(value_of(document, "a"), "");
  EXPECT_EQ(value_of(document, "b"), "");
  EXPECT_EQ(value_of(document, "c"), "");
  EXPECT_EQ(value_of(document, "d"), "");
  EXPECT_EQ(value_of(document, "e"), "null");  // a quoted "null" is a string
  EXPECT_EQ(find_entry(document, "f"), nullptr);  // an empty map holds no property
}

TEST(YamlConfigTest, ScalarsKeepTheirText) {
  const ConfigDocument document = parse_single(
      "flag: true\nratio: 0.5\nquoted: \"a: b\"\nliteral: |\n  line1\n  line2\nfolded: >\n  one\n  two\n");
  EXPECT_EQ(value_of(document, "flag"), "true");
  EXPECT_EQ(value_of(document, "ratio"), "0.5");
  EXPECT_EQ(value_of(document, "quoted"), "a: b");
  EXPECT_EQ(value_of(document, "literal"), "line1\nline2\n");
  EXPECT_EQ(value_of(document, "folded"), "one two\n");
}

TEST(YamlConfigTest, DottedKeysAreKeptWhenJoined) {
  const ConfigDocument document = parse_single(
      "spring.datasource:\n"
      "  url: jdbc:h2:mem:a\n"
      "spring:\n"
      "  jpa.hibernate.ddl-auto: none\n");
  EXPECT_EQ(value_of(document, "spring.datasource.url"), "jdbc:h2:mem:a");
  EXPECT_EQ(value_of(document, "spring.jpa.hibernate.ddl-auto"), "none");
}

TEST(YamlConfigTest, BracketedKeysLoseTheirBrackets) {
  const ConfigDocument document = parse_single(
      "logging:\n"
      "  level:\n"
      "    \"[org.hibernate.SQL]\": debug\n"
      "\"[top.level]\": x\n");
  EXPECT_EQ(value_of(document, "logging.level.org.hibernate.SQL"), "debug");
  EXPECT_EQ(value_of(document, "top.level"), "x");
}

TEST(YamlConfigTest, LocationsAreOneBasedKeyPositions) {
  const ConfigDocument document = parse_single(
      "# comment\n"
      "spring:\n"
      "  datasource:\n"
      "    url: x\n"
      "list:\n"
      "  - first\n");
  const ConfigEntry* url = find_entry(document, "spring.datasource.url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->location, (SourceLocation{"svc/application.yml", 4, 5}));
  const ConfigEntry* first = find_entry(document, "list[0]");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->location.line, 6);
  EXPECT_EQ(first->location.column, 5);  // the item itself, after "- "
}

// A typical Spring Boot file: defaults, then profile documents in both syntaxes.
constexpr std::string_view spring_multi_document =
    "spring:\n"                                   // 1
    "  application:\n"                            // 2
    "    name: orders\n"                          // 3
    "  datasource:\n"                             // 4
    "    url: jdbc:h2:mem:orders\n"               // 5
    "---\n"                                       // 6
    "spring:\n"                                   // 7
    "  config:\n"                                 // 8
    "    activate:\n"                             // 9
    "      on-profile: prod & cloud\n"            // 10
    "  datasource:\n"                             // 11
    "    url: jdbc:postgresql://prod-db/orders\n" // 12
    "---\n"                                       // 13
    "# legacy syntax\n"                           // 14
    "spring:\n"                                   // 15
    "  profiles: dev\n"                           // 16
    "  datasource:\n"                             // 17
    "    url: jdbc:postgresql://localhost/dev\n"  // 18
    "---\n"                                       // 19
    "spring:\n"                                   // 20
    "  profiles:\n"                               // 21
    "    - test\n"                                // 22
    "    - ci\n"                                  // 23
    "other: 1\n";                                 // 24

TEST(YamlConfigTest, SpringMultiDocumentActivations) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(spring_multi_document, warnings);
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(facts.documents.size(), 4u);
  EXPECT_EQ(facts.documents[0].activation, "");
  EXPECT_EQ(facts.documents[1].activation, "prod & cloud");
  EXPECT_EQ(facts.documents[2].activation, "dev");
  EXPECT_EQ(facts.documents[3].activation, "test | ci");
  EXPECT_EQ(value_of(facts.documents[1], "spring.datasource.url"), "jdbc:postgresql://prod-db/orders");
  // The activation keys stay entries too.
  EXPECT_EQ(value_of(facts.documents[1], "spring.config.activate.on-profile"), "prod & cloud");
  EXPECT_EQ(value_of(facts.documents[3], "spring.profiles[1]"), "ci");
}

TEST(YamlConfigTest, KeyLinesInTheThirdDocumentAreAbsolute) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(spring_multi_document, warnings);
  ASSERT_GE(facts.documents.size(), 3u);
  const ConfigEntry* url = find_entry(facts.documents[2], "spring.datasource.url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->location.line, 18);
  EXPECT_EQ(url->location.column, 5);
  EXPECT_EQ(find_entry(facts.documents[2], "spring.profiles")->location.line, 16);
  EXPECT_EQ(find_entry(facts.documents[3], "other")->location.line, 24);
}

TEST(YamlConfigTest, OnProfileWinsOverLegacyAndListsJoinAsAnyOf) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(
      "spring:\n"
      "  profiles: legacy\n"
      "  config.activate.on-profile: [\"a & b\", c]\n",
      warnings);
  ASSERT_EQ(facts.documents.size(), 1u);
  EXPECT_EQ(facts.documents[0].activation, "(a & b) | c");
  EXPECT_TRUE(profile_expression_matches(facts.documents[0].activation, {"c"}));
  EXPECT_FALSE(profile_expression_matches(facts.documents[0].activation, {"a"}));
}

TEST(YamlConfigTest, ProfilesActiveIsNotAnActivation) {
  const ConfigDocument document = parse_single("spring:\n  profiles:\n    active: prod\n");
  EXPECT_EQ(document.activation, "");
  EXPECT_EQ(value_of(document, "spring.profiles.active"), "prod");
}

TEST(YamlConfigTest, BrokenSecondDocumentKeepsFirstAndThird) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(
      "first: 1\n"          // 1
      "---\n"               // 2
      "second: [1, 2\n"     // 3
      "broken: here\n"      // 4
      "---\n"               // 5
      "third: 3\n",         // 6
      warnings);
  ASSERT_EQ(facts.documents.size(), 2u);
  EXPECT_EQ(value_of(facts.documents[0], "first"), "1");
  EXPECT_EQ(value_of(facts.documents[1], "third"), "3");
  EXPECT_EQ(find_entry(facts.documents[1], "third")->location.line, 6);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message.rfind("invalid YAML: ", 0), 0u);
  EXPECT_GE(warnings[0].location.line, 3);
  EXPECT_LE(warnings[0].location.line, 5);
  EXPECT_EQ(warnings[0].location.path, "svc/application.yml");
}

TEST(YamlConfigTest, DocumentEndMarkerAndDirectivesAreHandled) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(
      "%YAML 1.2\n"
      "---\n"
      "a: 1\n"
      "...\n"
      "--- # second\n"
      "b: 2\n"
      "...\n",
      warnings);
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(facts.documents.size(), 2u);
  EXPECT_EQ(find_entry(facts.documents[0], "a")->location.line, 3);
  EXPECT_EQ(find_entry(facts.documents[1], "b")->location.line, 6);
}

TEST(YamlConfigTest, FlowDocumentOnTheMarkerLine) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse("a: 1\n--- {b: 2}\n", warnings);
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(facts.documents.size(), 2u);
  EXPECT_EQ(value_of(facts.documents[1], "b"), "2");
  EXPECT_EQ(find_entry(facts.documents[1], "b")->location.line, 2);
}

TEST(YamlConfigTest, MergeKeysApplyTheAnchoredMap) {
  const ConfigDocument document = parse_single(
      "defaults: &defaults\n"                   // 1
      "  driver: org.postgresql.Driver\n"       // 2
      "  pool: 5\n"                             // 3
      "orders:\n"                               // 4
      "  <<: *defaults\n"                       // 5
      "  pool: 20\n"                            // 6
      "  url: jdbc:postgresql://db/orders\n");  // 7
  EXPECT_EQ(value_of(document, "orders.driver"), "org.postgresql.Driver");
  EXPECT_EQ(value_of(document, "orders.pool"), "20");  // the explicit key wins, even written later
  EXPECT_EQ(find_entry(document, "orders.<<"), nullptr);
  EXPECT_EQ(find_entry(document, "orders.driver")->location.line, 2);  // where the value is written
  int pool_entries = 0;
  for (const ConfigEntry& entry : document.entries) pool_entries += entry.key == "orders.pool";
  EXPECT_EQ(pool_entries, 1);
}

TEST(YamlConfigTest, MergeKeyListsPreferEarlierMaps) {
  const ConfigDocument document = parse_single(
      "a: &a {x: from-a, y: from-a}\n"
      "b: &b {y: from-b, z: from-b}\n"
      "c:\n"
      "  <<: [*a, *b]\n"
      "  z: own\n");
  EXPECT_EQ(value_of(document, "c.x"), "from-a");
  EXPECT_EQ(value_of(document, "c.y"), "from-a");
  EXPECT_EQ(value_of(document, "c.z"), "own");
}

TEST(YamlConfigTest, NestedMergesAndQuotedMergeKey) {
  const ConfigDocument document = parse_single(
      "base: &base {host: db}\n"
      "mid: &mid\n"
      "  <<: *base\n"
      "  port: 5432\n"
      "leaf:\n"
      "  <<: *mid\n"
      "  \"<<\": literal\n");
  EXPECT_EQ(value_of(document, "leaf.host"), "db");
  EXPECT_EQ(value_of(document, "leaf.port"), "5432");
  EXPECT_EQ(value_of(document, "leaf.<<"), "literal");  // quoted: an ordinary key
}

TEST(YamlConfigTest, MergeOfAScalarWarns) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse("x: &s text\ny:\n  <<: *s\n  k: v\n", warnings);
  ASSERT_EQ(facts.documents.size(), 1u);
  EXPECT_EQ(value_of(facts.documents[0], "y.k"), "v");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 3);
  EXPECT_EQ(warnings[0].message.find("text"), std::string::npos);
}

TEST(YamlConfigTest, TabsAndBinaryGarbageDoNotCrash) {
  std::vector<Warning> warnings;
  const ConfigFileFacts tabs = parse("a:\n\tb: 1\n", warnings);
  EXPECT_TRUE(tabs.documents.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);

  std::string garbage;
  for (int i = 0; i < 2048; ++i) garbage += static_cast<char>((i * 131 + 7) % 256);
  std::vector<Warning> garbage_warnings;
  EXPECT_NO_THROW(parse(garbage, garbage_warnings));
  EXPECT_NO_THROW(parse(std::string("key: \"\\x\0zz\"\n[\n{", 16), garbage_warnings));
}

// yaml-cpp 0.7's LoadAll never returns on this input (found by fuzzing); a hang fails the run.
TEST(YamlConfigTest, MalformedFlowInputTerminates) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(",{\"a\":1\xFB%, {\xF4" "b\":2]}$", warnings);
  EXPECT_LE(facts.documents.size(), 1u);
  for (const ConfigDocument& document : facts.documents) EXPECT_TRUE(document.entries.empty());
}

TEST(YamlConfigTest, SelfReferencingAliasTerminates) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse("loop: &loop [1, *loop]\nafter: ok\n", warnings);
  ASSERT_EQ(facts.documents.size(), 1u);
  EXPECT_EQ(value_of(facts.documents[0], "after"), "ok");
  EXPECT_EQ(value_of(facts.documents[0], "loop[0]"), "1");
  EXPECT_FALSE(warnings.empty());
}

TEST(YamlConfigTest, AliasBombIsCappedWithAWarning) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'j'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + previous;
    bomb += "]\n";
    previous = name;
  }
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(bomb, warnings);
  ASSERT_EQ(facts.documents.size(), 1u);
  EXPECT_LE(facts.documents[0].entries.size(), 100000u);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings.back().message.find("entries"), std::string::npos);
}

TEST(YamlConfigTest, ErrorMessagesNeverQuoteInput) {
  std::vector<Warning> warnings;
  parse("password: \"abc\\qSECRETVALUE\"\n", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message, "invalid YAML: unknown escape character");
  EXPECT_EQ(warnings[0].message.find("SECRETVALUE"), std::string::npos);
}

TEST(YamlConfigTest, EmptyAndCommentOnlyFilesHaveNoDocuments) {
  std::vector<Warning> warnings;
  EXPECT_TRUE(parse("", warnings).documents.empty());
  EXPECT_TRUE(parse("# only a comment\n---\n---\n", warnings).documents.empty());
  EXPECT_TRUE(warnings.empty());
}

TEST(YamlConfigTest, SecretsAreRedactedInEveryDocument) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse(
      "spring:\n"
      "  datasource:\n"
      "    username: orders\n"
      "    password: Sup3rS3cretPw\n"
      "---\n"
      "app:\n"
      "  api-key: Sup3rS3cretPw\n"
      "  tokens: [Sup3rS3cretPw]\n",
      warnings);
  ASSERT_EQ(facts.documents.size(), 2u);
  const ConfigEntry* password = find_entry(facts.documents[0], "spring.datasource.password");
  ASSERT_NE(password, nullptr);
  EXPECT_TRUE(password->secret);
  EXPECT_EQ(password->location.line, 4);
  EXPECT_EQ(value_of(facts.documents[0], "spring.datasource.username"), "orders");
  EXPECT_EQ(find_entry(facts.documents[1], "app.api-key")->secret_digest, password->secret_digest);
  EXPECT_TRUE(find_entry(facts.documents[1], "app.tokens[0]")->secret);
  EXPECT_FALSE(config_test::appears_anywhere(facts, warnings, "Sup3rS3cretPw"));
}

}  // namespace
}  // namespace dbsilo
