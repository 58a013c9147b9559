// Unit tests for the path and position helpers shared by the build-manifest readers.
#include <gtest/gtest.h>

#include "languages/build/manifest_paths.h"

namespace dbsilo::manifest {
namespace {

TEST(ManifestPaths, DirectoryOfAndName) {
  EXPECT_EQ(directory_of("a/b/pom.xml"), "a/b");
  EXPECT_EQ(directory_of("pom.xml"), "");
  EXPECT_EQ(directory_name("services/orders"), "orders");
  EXPECT_EQ(directory_name("orders"), "orders");
  EXPECT_EQ(directory_name(""), "root");
}

TEST(ManifestPaths, ResolveRelativeNormalizesAndStaysInsideTheRoot) {
  EXPECT_EQ(resolve_relative("a", "b"), "a/b");
  EXPECT_EQ(resolve_relative("a/x", "../b/./c/"), "a/b/c");
  EXPECT_EQ(resolve_relative("", " ./libs\\db "), "libs/db");
  EXPECT_EQ(resolve_relative("a", "packages/*"), "a/packages/*");
  EXPECT_EQ(resolve_relative("a", ".."), "");
  EXPECT_EQ(resolve_relative("a", "../.."), std::nullopt);
  EXPECT_EQ(resolve_relative("a", "/etc"), std::nullopt);
  EXPECT_EQ(resolve_relative("a", "C:\\work"), std::nullopt);
}

TEST(ManifestPaths, LineIndexGivesOneBasedLinesAndColumns) {
  const LineIndex lines("ab\ncd\n\nx");
  EXPECT_EQ(lines.location("f", 0), (SourceLocation{"f", 1, 1}));
  EXPECT_EQ(lines.location("f", 4), (SourceLocation{"f", 2, 2}));
  EXPECT_EQ(lines.location("f", 6), (SourceLocation{"f", 3, 1}));
  EXPECT_EQ(lines.location("f", 7), (SourceLocation{"f", 4, 1}));
}

}  // namespace
}  // namespace dbsilo::manifest
