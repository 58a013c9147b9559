// Content-Length framing: split input, several frames at once, and bad headers the reader skips.
#include "scanner/lsp/framing.h"

#include <gtest/gtest.h>

namespace dbsilo::lsp {
namespace {

TEST(Framing, FrameMessageWritesTheBodyLength) {
  EXPECT_EQ(frame_message("{}"), "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(frame_message("\xC3\xBC"), "Content-Length: 2\r\n\r\n\xC3\xBC");  // bytes, not characters
}

TEST(Framing, BytesSplitAnywhereMakeTheSameFrames) {
  const std::string stream = frame_message(R"({"a":1})") + frame_message(R"({"b":2})");
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    FrameReader reader;
    auto frames = reader.feed(std::string_view(stream).substr(0, cut));
    for (auto& frame : reader.feed(std::string_view(stream).substr(cut))) frames.push_back(std::move(frame));
    ASSERT_EQ(frames.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(frames[0].body, R"({"a":1})");
    EXPECT_EQ(frames[1].body, R"({"b":2})");
    EXPECT_TRUE(frames[0].error.empty());
    EXPECT_EQ(reader.buffered(), 0u);
  }
}

TEST(Framing, OtherHeadersAndCaseAreAccepted) {
  FrameReader reader;
  const auto frames = reader.feed("content-length: 3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\nabc");
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].body, "abc");
}

TEST(Framing, IncompleteBodyWaits) {
  FrameReader reader;
  EXPECT_TRUE(reader.feed("Content-Length: 10\r\n\r\n12345").empty());
  EXPECT_EQ(reader.buffered(), 27u);
  const auto frames = reader.feed("67890");
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].body, "1234567890");
}

TEST(Framing, BadHeadersAreReportedAndTheNextFrameStillArrives) {
  FrameReader reader;
  const std::string good = frame_message("{}");
  const auto frames = reader.feed("Content-Length: abc\r\n\r\n" + good + "X-Nothing: 1\r\n\r\n" + good + "garbage line\r\n\r\n" + good +
                                  "Content-Length: 99999999999\r\n\r\n" + good);
  ASSERT_EQ(frames.size(), 8u);
  EXPECT_EQ(frames[0].error, "Content-Length is not a number");
  EXPECT_EQ(frames[1].body, "{}");
  EXPECT_EQ(frames[2].error, "header without Content-Length");
  EXPECT_EQ(frames[3].body, "{}");
  EXPECT_EQ(frames[4].error, "header line without ':'");
  EXPECT_EQ(frames[5].body, "{}");
  EXPECT_NE(frames[6].error.find("over the"), std::string::npos);
  EXPECT_EQ(frames[7].body, "{}");
}

TEST(Framing, EndlessHeaderIsDroppedWithoutGrowingForever) {
  FrameReader reader;
  const auto frames = reader.feed(std::string(kMaxHeaderBytes + 100, 'x'));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_FALSE(frames[0].error.empty());
  EXPECT_LT(reader.buffered(), 8u);
  const auto next = reader.feed(frame_message("[]"));
  ASSERT_FALSE(next.empty());
  EXPECT_EQ(next.back().body, "[]");
}

}  // namespace
}  // namespace dbsilo::lsp
