// Unit tests for secret key recognition and for redaction across every config format.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_support.h"
#include "languages/config/config_parsers.h"
#include "languages/datastore/connection_string.h"

namespace dbsilo {
namespace {

TEST(SecretKeysTest, RecognisesSpringStyleKeys) {
  EXPECT_TRUE(is_secret_key("spring.datasource.password"));
  EXPECT_TRUE(is_secret_key("spring.security.oauth2.client.registration.github.client-secret"));
  EXPECT_TRUE(is_secret_key("app.jwt.secret"));
  EXPECT_TRUE(is_secret_key("spring.cloud.vault.token"));
  EXPECT_TRUE(is_secret_key("stripe.apiKey"));
  EXPECT_TRUE(is_secret_key("tls.private-key"));
  EXPECT_TRUE(is_secret_key("aws.credentials"));
  EXPECT_TRUE(is_secret_key("db.passwd"));
  EXPECT_TRUE(is_secret_key("db.pwd"));
  EXPECT_TRUE(is_secret_key("app.access_token"));
  EXPECT_TRUE(is_secret_key("app.encryption-key"));
  EXPECT_TRUE(is_secret_key("SPRING.DATASOURCE.PASSWORD"));
}

TEST(SecretKeysTest, RecognisesEnvironmentStyleKeys) {
  EXPECT_TRUE(is_secret_key("DB_PASSWORD"));
  EXPECT_TRUE(is_secret_key("MYSQL_ROOT_PASSWORD"));
  EXPECT_TRUE(is_secret_key("SPRING_DATASOURCE_PASSWORD"));
  EXPECT_TRUE(is_secret_key("GITHUB_TOKEN"));
  EXPECT_TRUE(is_secret_key("AWS_SECRET_ACCESS_KEY"));
  EXPECT_TRUE(is_secret_key("STRIPE_API_KEY"));
  EXPECT_TRUE(is_secret_key("DB_PASS"));
  EXPECT_TRUE(is_secret_key("dbPass"));
}

TEST(SecretKeysTest, SuffixesAndTwoSegmentCompounds) {
  EXPECT_TRUE(is_secret_key("app.dbpassword"));
  EXPECT_TRUE(is_secret_key("stripe.api.key"));
  EXPECT_TRUE(is_secret_key("jwt.secret.key"));
  EXPECT_TRUE(is_secret_key("app.tokens[2]"));
  EXPECT_TRUE(is_secret_key("app.password[0]"));
}

TEST(SecretKeysTest, LeavesOrdinaryKeysAlone) {
  EXPECT_FALSE(is_secret_key("spring.datasource.url"));
  EXPECT_FALSE(is_secret_key("spring.datasource.username"));
  EXPECT_FALSE(is_secret_key("app.password-encoder-strength"));
  EXPECT_FALSE(is_secret_key("app.token-uri"));
  EXPECT_FALSE(is_secret_key("POSTGRES_PASSWORD_FILE"));
  EXPECT_FALSE(is_secret_key("proxy.bypass"));
  EXPECT_FALSE(is_secret_key("ui.compass"));
  EXPECT_FALSE(is_secret_key("cache.key"));
  EXPECT_FALSE(is_secret_key("password.policy.min-length"));
  EXPECT_FALSE(is_secret_key(""));
}

// The same password written in all four formats: never visible, always the same digest.
TEST(SecretKeysTest, NoFormatLeaksThePassword) {
  constexpr std::string_view password = "pA55-w0rd!unique";
  std::vector<Warning> warnings;
  const ConfigFileFacts properties =
      parse_properties("spring.datasource.password=pA55-w0rd!unique\n", "a.properties", warnings);
  const ConfigFileFacts yaml = parse_yaml_config("spring:\n  datasource:\n    password: pA55-w0rd!unique\n", "a.yml", warnings);
  const ConfigFileFacts dotenv = parse_dotenv("SPRING_DATASOURCE_PASSWORD=pA55-w0rd!unique\n", ".env", warnings);
  const ConfigFileFacts json = parse_json_config(R"({"spring":{"datasource":{"password":"pA55-w0rd!unique"}}})", "a.json", warnings);

  for (const ConfigFileFacts* facts : {&properties, &yaml, &dotenv, &json}) {
    ASSERT_EQ(facts->documents.size(), 1u);
    ASSERT_EQ(facts->documents[0].entries.size(), 1u);
    const ConfigEntry& entry = facts->documents[0].entries[0];
    EXPECT_TRUE(entry.secret) << entry.key;
    EXPECT_EQ(entry.value, "") << entry.key;
    EXPECT_EQ(entry.secret_digest, secret_digest(password)) << entry.key;
    EXPECT_FALSE(config_test::appears_anywhere(*facts, warnings, password)) << entry.key;
  }
  EXPECT_TRUE(warnings.empty());
}

TEST(SecretKeysTest, DifferentSecretsHaveDifferentDigests) {
  std::vector<Warning> warnings;
  const ConfigFileFacts facts = parse_dotenv("A_PASSWORD=one\nB_PASSWORD=two\nC_PASSWORD=one\n", ".env", warnings);
  const std::vector<ConfigEntry>& entries = facts.documents.at(0).entries;
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_NE(entries[0].secret_digest, entries[1].secret_digest);
  EXPECT_EQ(entries[0].secret_digest, entries[2].secret_digest);
}

}  // namespace
}  // namespace dbsilo
