// Unit tests for glob_matches and GitignoreMatcher: git's pattern rules without touching the disk.
#include <gtest/gtest.h>

#include "scanner/discover/walk.h"

namespace dbsilo {
namespace {

TEST(GlobMatches, LiteralPathsMatchExactly) {
  EXPECT_TRUE(glob_matches("src/main.cpp", "src/main.cpp"));
  EXPECT_FALSE(glob_matches("src/main.cpp", "src/main.cp"));
  EXPECT_FALSE(glob_matches("src/main.cpp", "src/main.cpp.bak"));
  EXPECT_FALSE(glob_matches("", "a"));
  EXPECT_TRUE(glob_matches("", ""));
}

TEST(GlobMatches, StarStaysInsideOneSegment) {
  EXPECT_TRUE(glob_matches("*.log", "error.log"));
  EXPECT_TRUE(glob_matches("*.log", ".log"));
  EXPECT_FALSE(glob_matches("*.log", "logs/error.log"));
  EXPECT_TRUE(glob_matches("src/*.cpp", "src/a.cpp"));
  EXPECT_FALSE(glob_matches("src/*.cpp", "src/sub/a.cpp"));
  EXPECT_TRUE(glob_matches("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(glob_matches("a*b*c", "aXXbYY/c"));
}

TEST(GlobMatches, QuestionMarkIsOneCharacterButNotASlash) {
  EXPECT_TRUE(glob_matches("file?.txt", "file1.txt"));
  EXPECT_FALSE(glob_matches("file?.txt", "file.txt"));
  EXPECT_FALSE(glob_matches("file?.txt", "file12.txt"));
  EXPECT_FALSE(glob_matches("a?b", "a/b"));
}

TEST(GlobMatches, BracketClassesRangesAndNegation) {
  EXPECT_TRUE(glob_matches("[a-c]x", "bx"));
  EXPECT_FALSE(glob_matches("[a-c]x", "dx"));
  EXPECT_TRUE(glob_matches("[!a-c]x", "dx"));
  EXPECT_FALSE(glob_matches("[!a-c]x", "ax"));
  EXPECT_TRUE(glob_matches("[^0-9]", "z"));
  EXPECT_FALSE(glob_matches("[^0-9]", "5"));
  EXPECT_TRUE(glob_matches("[]]", "]"));          // ']' first is a member
  EXPECT_TRUE(glob_matches("[[:digit:]]*", "7up"));
  EXPECT_FALSE(glob_matches("[[:digit:]]*", "up"));
  EXPECT_FALSE(glob_matches("a[/]b", "a/b"));     // a class never matches the separator
  EXPECT_FALSE(glob_matches("a[!x]b", "a/b"));
  EXPECT_TRUE(glob_matches("[ab", "[ab"));        // unterminated: literal '['
}

TEST(GlobMatches, BackslashEscapesTheNextCharacter) {
  EXPECT_TRUE(glob_matches("\\*.txt", "*.txt"));
  EXPECT_FALSE(glob_matches("\\*.txt", "a.txt"));
  EXPECT_TRUE(glob_matches("what\\?", "what?"));
  EXPECT_FALSE(glob_matches("what\\?", "whatX"));
  EXPECT_TRUE(glob_matches("\\[x]", "[x]"));
}

TEST(GlobMatches, LeadingDoubleStarMatchesAtAnyDepth) {
  EXPECT_TRUE(glob_matches("**/generated", "generated"));
  EXPECT_TRUE(glob_matches("**/generated", "a/generated"));
  EXPECT_TRUE(glob_matches("**/generated", "a/b/c/generated"));
  EXPECT_FALSE(glob_matches("**/generated", "a/generated/x"));
  EXPECT_FALSE(glob_matches("**/generated", "a/notgenerated"));
  EXPECT_TRUE(glob_matches("**/build/*.o", "x/build/a.o"));
}

TEST(GlobMatches, TrailingDoubleStarMatchesEverythingInside) {
  EXPECT_TRUE(glob_matches("vendor/**", "vendor/a"));
  EXPECT_TRUE(glob_matches("vendor/**", "vendor/a/b/c.go"));
  EXPECT_FALSE(glob_matches("vendor/**", "vendor"));
  EXPECT_FALSE(glob_matches("vendor/**", "vendors/a"));
  EXPECT_TRUE(glob_matches("**", "any/thing/at/all"));
}

TEST(GlobMatches, MiddleDoubleStarMatchesZeroOrMoreDirectories) {
  EXPECT_TRUE(glob_matches("a/**/b", "a/b"));
  EXPECT_TRUE(glob_matches("a/**/b", "a/x/b"));
  EXPECT_TRUE(glob_matches("a/**/b", "a/x/y/z/b"));
  EXPECT_FALSE(glob_matches("a/**/b", "a/xb"));
  EXPECT_FALSE(glob_matches("a/**/b", "b/a/b"));
}

TEST(GlobMatches, DoubleStarInsideASegmentIsAPlainStar) {
  EXPECT_TRUE(glob_matches("a**z", "abcz"));
  EXPECT_FALSE(glob_matches("a**z", "ab/cz"));
  EXPECT_FALSE(glob_matches("**z", "a/z"));
}

TEST(GitignoreMatcher, CommentsBlankLinesAndEmptyMatcherIgnoreNothing) {
  GitignoreMatcher empty;
  EXPECT_FALSE(empty.is_ignored("anything", false));
  GitignoreMatcher matcher;
  matcher.add_patterns("", "# a comment\n\n   \n#*.txt\n");
  EXPECT_FALSE(matcher.is_ignored("a.txt", false));
  EXPECT_FALSE(matcher.is_ignored("# a comment", false));
}

TEST(GitignoreMatcher, EscapedHashAndBangAreLiterals) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "\\#notes.txt\n\\!important.txt\n");
  EXPECT_TRUE(matcher.is_ignored("#notes.txt", false));
  EXPECT_TRUE(matcher.is_ignored("!important.txt", false));
  EXPECT_FALSE(matcher.is_ignored("important.txt", false));
}

TEST(GitignoreMatcher, TrailingSpacesAreTrimmedUnlessEscaped) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "trimmed.txt   \nkept\\ \r\n");
  EXPECT_TRUE(matcher.is_ignored("trimmed.txt", false));
  EXPECT_TRUE(matcher.is_ignored("kept ", false));
  EXPECT_FALSE(matcher.is_ignored("kept", false));
}

TEST(GitignoreMatcher, NegationReincludesAndLastMatchWins) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "*.log\n!keep.log\n");
  EXPECT_TRUE(matcher.is_ignored("debug.log", false));
  EXPECT_FALSE(matcher.is_ignored("keep.log", false));
  EXPECT_FALSE(matcher.is_ignored("sub/keep.log", false));

  GitignoreMatcher reversed;
  reversed.add_patterns("", "!keep.log\n*.log\n");
  EXPECT_TRUE(reversed.is_ignored("keep.log", false));
}

TEST(GitignoreMatcher, DeeperFilesTakePrecedence) {
  GitignoreMatcher matcher;
  matcher.add_patterns("svc", "!*.env\n");  // added first on purpose: depth decides, not order
  matcher.add_patterns("", "*.env\n");
  EXPECT_TRUE(matcher.is_ignored("root.env", false));
  EXPECT_FALSE(matcher.is_ignored("svc/app.env", false));
  EXPECT_FALSE(matcher.is_ignored("svc/deep/app.env", false));
  EXPECT_TRUE(matcher.is_ignored("other/app.env", false));
}

TEST(GitignoreMatcher, PatternsOnlyApplyBelowTheirDirectory) {
  GitignoreMatcher matcher;
  matcher.add_patterns("a", "secret.txt\n");
  EXPECT_TRUE(matcher.is_ignored("a/secret.txt", false));
  EXPECT_TRUE(matcher.is_ignored("a/b/secret.txt", false));
  EXPECT_FALSE(matcher.is_ignored("secret.txt", false));
  EXPECT_FALSE(matcher.is_ignored("ab/secret.txt", false));
}

TEST(GitignoreMatcher, SlashAtStartOrMiddleAnchorsThePattern) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "/top.txt\ndocs/draft.md\nanywhere.txt\n");
  matcher.add_patterns("sub", "/local.txt\n");
  EXPECT_TRUE(matcher.is_ignored("top.txt", false));
  EXPECT_FALSE(matcher.is_ignored("x/top.txt", false));
  EXPECT_TRUE(matcher.is_ignored("docs/draft.md", false));
  EXPECT_FALSE(matcher.is_ignored("x/docs/draft.md", false));
  EXPECT_TRUE(matcher.is_ignored("anywhere.txt", false));
  EXPECT_TRUE(matcher.is_ignored("x/y/anywhere.txt", false));
  EXPECT_TRUE(matcher.is_ignored("sub/local.txt", false));
  EXPECT_FALSE(matcher.is_ignored("sub/deeper/local.txt", false));
}

TEST(GitignoreMatcher, TrailingSlashMatchesDirectoriesOnly) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "cache/\n");
  EXPECT_TRUE(matcher.is_ignored("cache", true));
  EXPECT_TRUE(matcher.is_ignored("x/cache", true));
  EXPECT_FALSE(matcher.is_ignored("cache", false));
  EXPECT_TRUE(matcher.is_ignored("cache/inside.txt", false));  // via its ignored parent
}

TEST(GitignoreMatcher, IgnoredParentCannotBeReincludedInto) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "build/\n!build/keep.txt\n");
  EXPECT_TRUE(matcher.is_ignored("build/keep.txt", false));

  GitignoreMatcher contents_only;  // ignoring the contents (not the directory) can be undone
  contents_only.add_patterns("", "build/*\n!build/keep.txt\n");
  EXPECT_FALSE(contents_only.is_ignored("build/keep.txt", false));
  EXPECT_TRUE(contents_only.is_ignored("build/other.txt", false));
}

TEST(GitignoreMatcher, DoubleStarForms) {
  GitignoreMatcher matcher;
  matcher.add_patterns("", "**/gen\nlogs/**\na/**/z.txt\n");
  EXPECT_TRUE(matcher.is_ignored("gen", true));
  EXPECT_TRUE(matcher.is_ignored("p/q/gen", true));
  EXPECT_TRUE(matcher.is_ignored("logs/today.txt", false));
  EXPECT_FALSE(matcher.is_ignored("logs", true));
  EXPECT_TRUE(matcher.is_ignored("a/z.txt", false));
  EXPECT_TRUE(matcher.is_ignored("a/b/c/z.txt", false));
  EXPECT_FALSE(matcher.is_ignored("b/a/z.txt", false));
}

TEST(GitignoreMatcher, BaseDirectorySpellingsAreNormalized) {
  GitignoreMatcher matcher;
  matcher.add_patterns("./svc/", "*.tmp\n");
  matcher.add_patterns(".", "*.bak\n");
  EXPECT_TRUE(matcher.is_ignored("svc/a.tmp", false));
  EXPECT_FALSE(matcher.is_ignored("a.tmp", false));
  EXPECT_TRUE(matcher.is_ignored("x/a.bak", false));
}

}  // namespace
}  // namespace dbsilo
