// Unit tests for the tree-sitter XML reader: tree shape, decoding, positions, recovery, guards.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "languages/xml/xml_document.h"

namespace dbsilo {
namespace {

XmlDocument parse(std::string_view text, std::vector<Warning>& warnings) { return parse_xml(text, "conf/app.xml", warnings); }

TEST(XmlDocument, BuildsElementsAttributesAndTextIgnoringPrologCommentsAndPis) {
  const std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE project>\n"
      "<!-- leading comment -->\n"
      "<project version=\"4\">\n"
      "  <name>shop</name>\n"
      "  <!-- <name>commented-out</name> -->\n"
      "  <?ignore me?>\n"
      "  <empty/>\n"
      "  <name>second</name>\n"
      "</project>\n";
  std::vector<Warning> warnings;
  const XmlDocument document = parse(text, warnings);
  EXPECT_TRUE(warnings.empty());
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(document.root->name, "project");
  ASSERT_EQ(document.root->children.size(), 3u);
  EXPECT_EQ(document.root->children[1].name, "empty");
  EXPECT_EQ(document.root->child_text("name"), "shop");
  EXPECT_EQ(document.root->children_named("name").size(), 2u);
  ASSERT_NE(document.root->attribute("version"), nullptr);
  EXPECT_EQ(*document.root->attribute("version"), "4");
  EXPECT_EQ(document.root->attribute("missing"), nullptr);
  EXPECT_EQ(document.root->child("missing"), nullptr);
  EXPECT_EQ(document.root->child_text("missing"), "");
  EXPECT_EQ(document.root->text, "");  // only whitespace, a comment and a PI directly inside
}

TEST(XmlDocument, DecodesEntitiesAndCharacterReferencesInTextAndAttributes) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse(
      "<r a=\"x &amp; y &lt;&gt; &quot;q&quot; &apos;s&apos;\" b='&#65;&#x42;&#x20AC;'>"
      "1 &lt; 2 &amp;&amp; &#x1F600; &unknown; &#0; &#xD800;</r>",
      warnings);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(*document.root->attribute("a"), "x & y <> \"q\" 's'");
  EXPECT_EQ(*document.root->attribute("b"), "AB\xE2\x82\xAC");
  // Unknown entities and invalid references stay as written.
  EXPECT_EQ(document.root->text, "1 < 2 && \xF0\x9F\x98\x80 &unknown; &#0; &#xD800;");
}

TEST(XmlDocument, DecodeReferencesKeepsWhatIsNotAReference) {
  EXPECT_EQ(decode_xml_references("a & b"), "a & b");
  EXPECT_EQ(decode_xml_references("&amp"), "&amp");
  EXPECT_EQ(decode_xml_references("&#xZZ;&#;&#x;"), "&#xZZ;&#;&#x;");
  EXPECT_EQ(decode_xml_references("&#1114112;&#x110000;"), "&#1114112;&#x110000;");
  EXPECT_EQ(decode_xml_references("&#99999999999999999999;"), "&#99999999999999999999;");
  EXPECT_EQ(decode_xml_references("&#233;&#xe9;&amp;lt;"), "\xC3\xA9\xC3\xA9&lt;");
}

TEST(XmlDocument, ConcatenatesTextAndCdataDirectlyInsideAndTrims) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse(
      "<script>\n  select 1 <![CDATA[where a < b && c > d]]> end <inner>child</inner>tail\n</script>", warnings);
  ASSERT_NE(document.root, nullptr);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(document.root->text, "select 1 where a < b && c > d end tail");
  EXPECT_EQ(document.root->child_text("inner"), "child");
}

TEST(XmlDocument, NormalizesLineEndsAndAttributeWhitespace) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse("<r a=\"one\ttwo\r\nthree&#10;\">x\r\ny\rz</r>", warnings);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(*document.root->attribute("a"), "one two three\n");
  EXPECT_EQ(document.root->text, "x\ny\nz");
}

TEST(XmlDocument, LooksUpChildrenAndAttributesByLocalName) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse(
      "<beans:beans xmlns:beans=\"http://www.springframework.org/schema/beans\"\n"
      "             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "             xsi:schemaLocation=\"loc\">\n"
      "  <beans:bean id=\"a\"/>\n"
      "  <bean id=\"b\"/>\n"
      "</beans:beans>",
      warnings);
  ASSERT_NE(document.root, nullptr);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(document.root->name, "beans:beans");
  const auto beans = document.root->children_named("bean");
  ASSERT_EQ(beans.size(), 2u);
  EXPECT_EQ(beans[0]->name, "beans:bean");
  EXPECT_EQ(*beans[1]->attribute("id"), "b");
  ASSERT_NE(document.root->attribute("schemaLocation"), nullptr);
  EXPECT_EQ(*document.root->attribute("schemaLocation"), "loc");
  // A namespace declaration is found by its full name only.
  EXPECT_EQ(document.root->attribute("xsi"), nullptr);
  ASSERT_NE(document.root->attribute("xmlns:xsi"), nullptr);
  EXPECT_EQ(xml_local_name("a:b:c"), "c");
  EXPECT_EQ(xml_local_name("plain"), "plain");
}

TEST(XmlDocument, RecordsOneBasedStartTagPositions) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse("<?xml version=\"1.0\"?>\n<a>\n  <b/>\n\t<c x=\"1\">t</c></a>", warnings);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(document.root->line, 2);
  EXPECT_EQ(document.root->column, 1);
  ASSERT_EQ(document.root->children.size(), 2u);
  EXPECT_EQ(document.root->children[0].line, 3);
  EXPECT_EQ(document.root->children[0].column, 3);
  EXPECT_EQ(document.root->children[1].line, 4);
  EXPECT_EQ(document.root->children[1].column, 2);
}

TEST(XmlDocument, BrokenXmlKeepsEarlierElementsWithOneWarning) {
  const std::string text =
      "<project>\n"
      "  <artifactId>orders</artifactId>\n"
      "  <dependencies>\n"
      "    <dependency attr=\"1>\n"
      "    <x></x>\n"
      "  </dependencies>\n"
      "</project>\n";
  std::vector<Warning> warnings;
  const XmlDocument document = parse(text, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message, "invalid XML near line 4");
  EXPECT_EQ(warnings[0].location.path, "conf/app.xml");
  EXPECT_EQ(warnings[0].location.line, 4);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(document.root->name, "project");
  EXPECT_EQ(document.root->child_text("artifactId"), "orders");
  EXPECT_NE(document.root->child("dependencies"), nullptr);
}

TEST(XmlDocument, MismatchedEndTagIsReportedAndPrefixKept) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse("<a>\n<b>x</c>\n</a>", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(document.root->child_text("b"), "x");
}

TEST(XmlDocument, UnclosedElementsAtEndOfFileAreKept) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse("<a>\n  <b>text\n", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message.rfind("invalid XML near line", 0), 0u);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(document.root->child_text("b"), "text");
}

TEST(XmlDocument, WarningsNeverQuoteContent) {
  std::vector<Warning> warnings;
  parse("<a password=\"hunter2\"><b>hunter2</c></a>", warnings);
  ASSERT_FALSE(warnings.empty());
  for (const Warning& warning : warnings) EXPECT_EQ(warning.message.find("hunter2"), std::string::npos);
}

TEST(XmlDocument, GarbageAndBinaryInputNeverCrash) {
  std::vector<Warning> warnings;
  EXPECT_EQ(parse("garbage <<< >> & ;; </ ", warnings).root, nullptr);
  EXPECT_EQ(warnings.size(), 1u);

  warnings.clear();  // a tag cut short still counts as what parsed
  const XmlDocument cut_short = parse("garbage <<< >> & ;; </ <a", warnings);
  ASSERT_NE(cut_short.root, nullptr);
  EXPECT_EQ(cut_short.root->name, "a");
  EXPECT_EQ(warnings.size(), 1u);

  warnings.clear();
  std::string binary = "<a>\x01\x02";
  binary += '\0';
  binary += "\xff\xfe</a>";
  EXPECT_EQ(parse(binary, warnings).root, nullptr);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("binary"), std::string::npos);

  warnings.clear();
  EXPECT_EQ(parse("  \n ", warnings).root, nullptr);
  ASSERT_EQ(warnings.size(), 1u);

  warnings.clear();
  std::string pseudo_random;
  unsigned state = 12345;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245u + 12345u;
    const char c = static_cast<char>(((state >> 16) % 94) + 33);  // printable, many '<' '&' '"'
    pseudo_random += c;
  }
  parse(pseudo_random, warnings);  // must simply return
  EXPECT_FALSE(warnings.empty());
}

TEST(XmlDocument, DeepNestingIsCutWithAWarning) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  std::vector<Warning> warnings;
  const XmlDocument document = parse(deep, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("nesting deeper than"), std::string::npos);
  ASSERT_NE(document.root, nullptr);
  int depth = 1;
  for (const XmlElement* element = document.root.get(); !element->children.empty(); element = &element->children[0]) ++depth;
  EXPECT_EQ(depth, kMaxXmlDepth);
}

TEST(XmlDocument, DeepNestingAfterAnUnclosedCommentIsStillCut) {
  std::string text = "<r><!-- never closed ";
  for (int i = 0; i < 20000; ++i) text += "<a>";
  std::vector<Warning> warnings;
  parse(text, warnings);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings[0].message.find("nesting deeper than"), std::string::npos);
}

TEST(XmlDocument, ManyUnmatchedEndTagsNeverCrash) {
  // The grammar's scanner never pops "a" here: without the guard its tag stack overflows.
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "<a></b>";
  std::vector<Warning> warnings;
  const XmlDocument document = parse(text, warnings);
  EXPECT_FALSE(warnings.empty());
  EXPECT_NE(document.root, nullptr);
}

TEST(XmlDocument, HugeInputIsRefused) {
  std::string huge = "<a>";
  huge.append(kMaxXmlBytes, 'x');
  huge += "</a>";
  std::vector<Warning> warnings;
  EXPECT_EQ(parse(huge, warnings).root, nullptr);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("larger than"), std::string::npos);
}

TEST(XmlDocument, ContentAfterTheRootIsNotPartOfTheDocument) {
  std::vector<Warning> warnings;
  const XmlDocument document = parse("<a>x</a>\n<b/>", warnings);
  ASSERT_NE(document.root, nullptr);
  EXPECT_EQ(document.root->name, "a");
  EXPECT_TRUE(document.root->children.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.line, 2);
}

}  // namespace
}  // namespace dbsilo
