// Unit tests for Spring placeholders and compose variables: defaults, nesting, cycles, limits.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "languages/config/placeholders.h"

namespace dbsilo {
namespace {

// A lookup over a fixed map; counts calls so tests can prove the resolver stops.
struct MapLookup {
  std::map<std::string, std::string> values;
  int calls = 0;

  PlaceholderLookup function() {
    return [this](std::string_view name) -> std::optional<std::string> {
      ++calls;
      const auto found = values.find(std::string(name));
      if (found == values.end()) return std::nullopt;
      return found->second;
    };
  }
};

PlaceholderResult spring(std::string_view text, MapLookup& lookup) {
  return resolve_spring_placeholders(text, lookup.function());
}

PlaceholderResult compose(std::string_view text, MapLookup& lookup) {
  return resolve_compose_variables(text, lookup.function());
}

// ---- Spring ---------------------------------------------------------------------------------

TEST(SpringPlaceholdersTest, ResolvesNamesAndDefaults) {
  MapLookup lookup{{{"db.host", "pg"}, {"db.port", "5432"}, {"empty", ""}}};
  const PlaceholderResult result = spring("jdbc:postgresql://${db.host}:${db.port}/${db.name:orders}", lookup);
  EXPECT_EQ(result.text, "jdbc:postgresql://pg:5432/orders");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.cycle);
  EXPECT_EQ(spring("[${empty:fallback}]", lookup).text, "[]");  // set-but-empty is a value in Spring
}

TEST(SpringPlaceholdersTest, DefaultsMayContainColons) {
  MapLookup lookup;
  const PlaceholderResult result = spring("${DATABASE_URL:jdbc:postgresql://localhost:5432/app}", lookup);
  EXPECT_EQ(result.text, "jdbc:postgresql://localhost:5432/app");
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(spring("${a:}", lookup).text, "");  // empty default
}

TEST(SpringPlaceholdersTest, UnresolvedPlaceholdersStayVerbatim) {
  MapLookup lookup{{{"known", "k"}}};
  const PlaceholderResult result = spring("x-${unknown}-${known}", lookup);
  EXPECT_EQ(result.text, "x-${unknown}-k");
  EXPECT_FALSE(result.complete);
  EXPECT_FALSE(result.cycle);
}

TEST(SpringPlaceholdersTest, NestedPlaceholdersInDefaultsAndNames) {
  MapLookup lookup{{{"fallback", "fb"}, {"env", "prod"}, {"prod.url", "jdbc:h2:mem:prod"}}};
  EXPECT_EQ(spring("${primary:${fallback}}", lookup).text, "fb");
  EXPECT_EQ(spring("${primary:${secondary:${tertiary:deep}}}", lookup).text, "deep");
  EXPECT_EQ(spring("${${env}.url}", lookup).text, "jdbc:h2:mem:prod");
}

TEST(SpringPlaceholdersTest, LookedUpValuesAreResolvedInTurn) {
  MapLookup lookup{{{"url", "jdbc:mysql://${host}/${db:shop}"}, {"host", "${real.host}"}, {"real.host", "mysql"}}};
  const PlaceholderResult result = spring("${url}", lookup);
  EXPECT_EQ(result.text, "jdbc:mysql://mysql/shop");
  EXPECT_TRUE(result.complete);
}

TEST(SpringPlaceholdersTest, UnusedDefaultsAreNotResolved) {
  MapLookup lookup{{{"a", "A"}}};
  const PlaceholderResult result = spring("${a:${missing}}", lookup);
  EXPECT_EQ(result.text, "A");
  EXPECT_TRUE(result.complete);
}

TEST(SpringPlaceholdersTest, EscapedPlaceholderIsLiteral) {
  MapLookup lookup{{{"a", "A"}}};
  const PlaceholderResult result = spring("\\${a} and ${a}", lookup);
  EXPECT_EQ(result.text, "${a} and A");
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(lookup.calls, 1);
}

TEST(SpringPlaceholdersTest, DirectAndIndirectCyclesTerminate) {
  MapLookup self{{{"a", "${a}"}}};
  const PlaceholderResult direct = spring("${a}", self);
  EXPECT_TRUE(direct.cycle);
  EXPECT_FALSE(direct.complete);
  EXPECT_EQ(direct.text, "${a}");

  MapLookup pair{{{"a", "x${b}"}, {"b", "y${a}"}}};
  const PlaceholderResult indirect = spring("<${a}>", pair);
  EXPECT_TRUE(indirect.cycle);
  EXPECT_FALSE(indirect.complete);
  EXPECT_EQ(indirect.text, "<xy${a}>");
}

TEST(SpringPlaceholdersTest, RepeatedButAcyclicReferencesAreNotCycles) {
  MapLookup lookup{{{"a", "${b}-${b}"}, {"b", "v"}}};
  const PlaceholderResult result = spring("${a}/${a}", lookup);
  EXPECT_EQ(result.text, "v-v/v-v");
  EXPECT_FALSE(result.cycle);
  EXPECT_TRUE(result.complete);
}

TEST(SpringPlaceholdersTest, LongChainsStopAtTheDepthLimit) {
  MapLookup lookup;
  for (int i = 0; i < 100; ++i) lookup.values["n" + std::to_string(i)] = "${n" + std::to_string(i + 1) + "}";
  lookup.values["n100"] = "end";
  const PlaceholderResult result = spring("${n0}", lookup);
  EXPECT_FALSE(result.complete);
  EXPECT_FALSE(result.cycle);
  EXPECT_NE(result.text.find("${n"), std::string::npos);
  EXPECT_LT(lookup.calls, 100);
}

TEST(SpringPlaceholdersTest, ExponentialExpansionIsCapped) {
  MapLookup lookup;
  for (char name = 'a'; name < 'z'; ++name) {
    const std::string next(1, static_cast<char>(name + 1));
    lookup.values[std::string(1, name)] = "${" + next + "}${" + next + "}";
  }
  lookup.values["z"] = "0123456789";
  const auto started = std::chrono::steady_clock::now();
  const PlaceholderResult result = spring("${a}", lookup);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(result.complete);
  EXPECT_LT(result.text.size(), 64u << 20);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 5);
}

TEST(SpringPlaceholdersTest, UnterminatedPlaceholderIsKept) {
  MapLookup lookup{{{"a", "A"}}};
  const PlaceholderResult result = spring("${a}-${a", lookup);
  EXPECT_EQ(result.text, "A-${a");
  EXPECT_FALSE(result.complete);
}

TEST(SpringPlaceholdersTest, PlainTextAndBracesPassThrough) {
  MapLookup lookup;
  const PlaceholderResult result = spring("{json} $5 $ {x}", lookup);
  EXPECT_EQ(result.text, "{json} $5 $ {x}");
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(lookup.calls, 0);
}

// ---- Compose --------------------------------------------------------------------------------

TEST(ComposeVariablesTest, BareAndBracedNames) {
  MapLookup lookup{{{"HOST", "db"}, {"PORT", "5432"}}};
  const PlaceholderResult result = compose("postgres://$HOST:${PORT}/app", lookup);
  EXPECT_EQ(result.text, "postgres://db:5432/app");
  EXPECT_TRUE(result.complete);
  EXPECT_EQ(compose("$HOST.internal", lookup).text, "db.internal");  // a name stops at '.'
}

TEST(ComposeVariablesTest, ColonDashTreatsEmptyAsUnsetDashDoesNot) {
  MapLookup lookup{{{"EMPTY", ""}, {"SET", "v"}}};
  EXPECT_EQ(compose("${EMPTY:-d}", lookup).text, "d");
  EXPECT_EQ(compose("${EMPTY-d}", lookup).text, "");
  EXPECT_EQ(compose("${UNSET-d}", lookup).text, "d");
  EXPECT_EQ(compose("${UNSET:-d}", lookup).text, "d");
  EXPECT_EQ(compose("${SET:-d}", lookup).text, "v");
  EXPECT_TRUE(compose("${UNSET:-}", lookup).complete);
}

TEST(ComposeVariablesTest, RequiredVariables) {
  MapLookup lookup{{{"EMPTY", ""}, {"SET", "v"}}};
  EXPECT_EQ(compose("${SET:?must be set}", lookup).text, "v");
  const PlaceholderResult missing = compose("x${UNSET:?must be set}", lookup);
  EXPECT_EQ(missing.text, "x${UNSET:?must be set}");
  EXPECT_FALSE(missing.complete);
  EXPECT_FALSE(compose("${EMPTY:?e}", lookup).complete);
  const PlaceholderResult empty_allowed = compose("${EMPTY?e}", lookup);
  EXPECT_TRUE(empty_allowed.complete);
  EXPECT_EQ(empty_allowed.text, "");
}

TEST(ComposeVariablesTest, AlternativeValues) {
  MapLookup lookup{{{"EMPTY", ""}, {"SET", "v"}}};
  EXPECT_EQ(compose("${SET:+alt}", lookup).text, "alt");
  EXPECT_EQ(compose("${EMPTY:+alt}", lookup).text, "");
  EXPECT_EQ(compose("${EMPTY+alt}", lookup).text, "alt");
  EXPECT_EQ(compose("${UNSET+alt}", lookup).text, "");
}

TEST(ComposeVariablesTest, DoubleDollarIsALiteralDollar) {
  MapLookup lookup{{{"A", "a"}}};
  const PlaceholderResult result = compose("$$A costs $$5 and $A", lookup);
  EXPECT_EQ(result.text, "$A costs $5 and a");
  EXPECT_TRUE(result.complete);
}

TEST(ComposeVariablesTest, NestedDefaults) {
  MapLookup lookup{{{"B", "b"}}};
  EXPECT_EQ(compose("${A:-${B:-x}}", lookup).text, "b");
  EXPECT_EQ(compose("${A:-${C:-x}}", lookup).text, "x");
  EXPECT_EQ(compose("${A:-pre-$B-post}", lookup).text, "pre-b-post");
}

TEST(ComposeVariablesTest, UnsetAndMalformedStayVerbatim) {
  MapLookup lookup;
  const PlaceholderResult unset = compose("$MISSING/${ALSO_MISSING}", lookup);
  EXPECT_EQ(unset.text, "$MISSING/${ALSO_MISSING}");
  EXPECT_FALSE(unset.complete);
  EXPECT_FALSE(compose("${}", lookup).complete);
  EXPECT_EQ(compose("${1BAD}", lookup).text, "${1BAD}");
  EXPECT_EQ(compose("${OPEN", lookup).text, "${OPEN");
  EXPECT_EQ(compose("cost: 5$", lookup).text, "cost: 5$");
  EXPECT_TRUE(compose("cost: 5$", lookup).complete);
}

TEST(ComposeVariablesTest, ValuesAreNotReinterpolated) {
  MapLookup lookup{{{"A", "${A}"}, {"B", "$$"}}};
  const PlaceholderResult result = compose("${A}|$B", lookup);
  EXPECT_EQ(result.text, "${A}|$$");
  EXPECT_TRUE(result.complete);
  EXPECT_FALSE(result.cycle);
  EXPECT_EQ(lookup.calls, 2);
}

}  // namespace
}  // namespace dbsilo
