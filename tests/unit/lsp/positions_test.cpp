// UTF-16 columns, LSP positions to byte offsets, buffer edits and file URIs.
#include "scanner/lsp/positions.h"

#include <gtest/gtest.h>

namespace dbsilo::lsp {
namespace {

TEST(Positions, Utf16LengthCountsSurrogatePairsTwice) {
  EXPECT_EQ(utf16_length("abc", 2), 2);
  EXPECT_EQ(utf16_length("M\xC3\xBCller", 3), 2);         // ü: two bytes, one unit
  EXPECT_EQ(utf16_length("\xE2\x82\xAC!", 4), 2);          // €: three bytes, one unit
  EXPECT_EQ(utf16_length("\xF0\x9F\x98\x80x", 5), 3);      // 😀: four bytes, two units
  EXPECT_EQ(utf16_length("\xFF\xC3x", 3), 3);              // invalid bytes: one unit each
  EXPECT_EQ(utf16_length("ab", 99), 2);                     // past the end: clamped
}

TEST(Positions, ByteOffsetInvertsUtf16Length) {
  const std::string text = "first\n  \xF0\x9F\x98\x80 = \"M\xC3\xBC\";\r\nlast";
  EXPECT_EQ(byte_offset(text, 0, 3), 3u);
  EXPECT_EQ(byte_offset(text, 1, 2), 8u);
  EXPECT_EQ(byte_offset(text, 1, 4), 12u);   // after the emoji
  EXPECT_EQ(byte_offset(text, 1, 3), 8u);    // inside the surrogate pair: before the emoji
  EXPECT_EQ(byte_offset(text, 1, 999), text.find('\n', 6));  // clamped to the line (the \r stays)
  EXPECT_EQ(byte_offset(text, 7, 0), text.size());
  EXPECT_EQ(line_text(text, 1), "  \xF0\x9F\x98\x80 = \"M\xC3\xBC\";");
  EXPECT_EQ(line_text(text, 2), "last");
  EXPECT_EQ(line_text(text, 3), "");
}

TEST(Positions, ReplaceRangeAppliesIncrementalEdits) {
  std::string text = "a\xC3\xBC" "c\nsecond\n";
  replace_range(text, 0, 1, 0, 2, "u");  // replaces ü
  EXPECT_EQ(text, "auc\nsecond\n");
  replace_range(text, 0, 3, 1, 3, "");  // joins lines
  EXPECT_EQ(text, "aucond\n");
  replace_range(text, 5, 0, 5, 0, "tail");  // past the end: appended
  EXPECT_EQ(text, "aucond\ntail");
}

TEST(Positions, FileUrisRoundTrip) {
  EXPECT_EQ(path_to_uri("/work/my repo/a#b.java"), "file:///work/my%20repo/a%23b.java");
  EXPECT_EQ(uri_to_path("file:///work/my%20repo/a%23b.java"), "/work/my repo/a#b.java");
  EXPECT_EQ(uri_to_path("FILE://localhost/x/y"), "/x/y");
  EXPECT_EQ(uri_to_path("file:///c%3A/x"), "/c:/x");
  EXPECT_EQ(uri_to_path("untitled:Untitled-1"), "");
  EXPECT_EQ(uri_to_path("file://server/share/x"), "");  // not a local path
  EXPECT_EQ(uri_to_path("file:///a%00b"), "");
  EXPECT_EQ(uri_to_path("file:///bad%zz"), "/bad%zz");
}

}  // namespace
}  // namespace dbsilo::lsp
