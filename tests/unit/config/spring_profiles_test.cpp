// Unit tests for Spring profile expressions: names, !, &, |, parentheses and comma lists.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "languages/config/config_parsers.h"

namespace dbsilo {
namespace {

const std::vector<std::string> prod_cloud = {"prod", "cloud"};

TEST(SpringProfilesTest, SingleNamesAndNegation) {
  EXPECT_TRUE(profile_expression_matches("prod", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("dev", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("!dev", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("!prod", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("!!prod", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("Prod", prod_cloud));  // names are case-sensitive
}

TEST(SpringProfilesTest, AndOrAndParentheses) {
  EXPECT_TRUE(profile_expression_matches("prod & cloud", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("prod & dev", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("dev | cloud", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("dev | test", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("(dev | prod) & !test", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("(dev | prod) & !cloud", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("!(dev & prod)", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("((prod))", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("prod&cloud&!dev", prod_cloud));
}

TEST(SpringProfilesTest, CommaListsMeanAnyOf) {
  EXPECT_TRUE(profile_expression_matches("dev, prod", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("dev, test", prod_cloud));
  EXPECT_TRUE(profile_expression_matches("dev,(prod & cloud)", prod_cloud));
  EXPECT_TRUE(profile_expression_matches(" \t prod \n", prod_cloud));
}

TEST(SpringProfilesTest, InvalidExpressionsNeverMatch) {
  EXPECT_FALSE(profile_expression_matches("", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("   ", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("prod & cloud | dev", prod_cloud));  // mixing needs parentheses
  EXPECT_FALSE(profile_expression_matches("(prod", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("prod)", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("prod &", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("& prod", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("!", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("()", prod_cloud));
  EXPECT_FALSE(profile_expression_matches("prod, (dev", prod_cloud));  // one bad item spoils the list
  EXPECT_TRUE(profile_expression_matches("(prod & cloud) | dev", prod_cloud));
}

TEST(SpringProfilesTest, NoActiveProfiles) {
  EXPECT_FALSE(profile_expression_matches("prod", {}));
  EXPECT_TRUE(profile_expression_matches("!prod", {}));
}

}  // namespace
}  // namespace dbsilo
