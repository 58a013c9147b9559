// Bracket nesting: where Java/C++ source first goes deeper than the limit, ignoring brackets in
// comments and literals.
#include <gtest/gtest.h>

#include <string>

#include "scanner/scan/nesting.h"

namespace dbsilo {
namespace {

std::string nested(std::size_t depth) { return std::string(depth, '(') + std::string(depth, ')'); }

TEST(Nesting, ShallowCodeIsNeverFlagged) {
  EXPECT_FALSE(find_nesting_deeper_than("class A { void f() { g(a[1], h(() -> { return 1; })); } }", 256));
  EXPECT_FALSE(find_nesting_deeper_than(nested(256), 256));
}

TEST(Nesting, LocatesTheFirstBracketPastTheLimit) {
  const auto deep = find_nesting_deeper_than("int x;\n  f" + nested(300), 256);
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->line, 2);
  EXPECT_EQ(deep->column, 4 + 256);  // two spaces, 'f', then the 257th '('
}

TEST(Nesting, ClosingBracketsBringTheDepthBack) {
  std::string siblings;
  for (int i = 0; i < 1000; ++i) siblings += nested(200);
  EXPECT_FALSE(find_nesting_deeper_than(siblings, 256));
  EXPECT_TRUE(find_nesting_deeper_than("{" + nested(256) + "}", 256));
}

TEST(Nesting, BracketsInCommentsAndLiteralsDoNotCount) {
  const std::string open(300, '(');
  EXPECT_FALSE(find_nesting_deeper_than("// " + open + "\nint x;", 256));
  EXPECT_FALSE(find_nesting_deeper_than("/* " + open + " */ int x;", 256));
  EXPECT_FALSE(find_nesting_deeper_than("String s = \"" + open + "\\\"" + open + "\";", 256));
  EXPECT_FALSE(find_nesting_deeper_than("char c = '('; char d = '\\''; " + std::string("f(1'000'000);"), 256));
  EXPECT_FALSE(find_nesting_deeper_than("String s = \"\"\"\n  \"" + open + "\n  \"\"\";", 256));
  EXPECT_FALSE(find_nesting_deeper_than("auto s = R\"sql(" + open + ")\" still raw )sql\";", 256));
  EXPECT_FALSE(find_nesting_deeper_than("auto s = u8R\"(" + open + ")\";", 256));
}

TEST(Nesting, AnUnclosedLiteralEndsAtItsLine) {
  // A stray quote must not hide the rest of the file from the check.
  const auto deep = find_nesting_deeper_than("char* s = \"unclosed;\n" + nested(300), 256);
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->line, 2);
}

}  // namespace
}  // namespace dbsilo
