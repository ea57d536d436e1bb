#include <gtest/gtest.h>

#include "tools/agent/event_stream.hpp"
#include "tools/agent/sse_parser.hpp"

namespace grid::tools {
namespace {

constexpr std::string_view kFeed =
    "event: event\n"
    "data: {\"height\":5,\"tx_index\":0,\"tx_id\":\"ab\",\"event\":{\"kind\":\"contract_created\","
    "\"account\":null,\"twin\":3,\"farm\":1,\"node\":2,\"contract\":\"7\",\"attributes\":{\"kind\":"
    "\"node\"}}}\n"
    "\n"
    ": keep-alive\n"
    "\n"
    "id: 5\n"
    "event: block\n"
    "data: {\"height\":5,\"hash\":\"cd\",\"time\":1700000005,\"txs\":1}\n"
    "\n";

TEST(SseParser, WholeStream) {
  SseParser p;
  auto messages = p.feed(kFeed);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].event, "event");
  EXPECT_FALSE(messages[0].id);
  EXPECT_NE(messages[0].data.find("contract_created"), std::string::npos);
  EXPECT_EQ(messages[1].event, "block");
  EXPECT_EQ(messages[1].id, "5");
  EXPECT_EQ(p.last_id(), "5");
  EXPECT_EQ(p.comments(), 1u);
}

TEST(SseParser, AnySplitGivesTheSameMessages) {
  SseParser whole;
  auto expected = whole.feed(kFeed);
  for (std::size_t cut = 0; cut <= kFeed.size(); ++cut) {
    SseParser p;
    auto got = p.feed(kFeed.substr(0, cut));
    auto rest = p.feed(kFeed.substr(cut));
    got.insert(got.end(), rest.begin(), rest.end());
    ASSERT_EQ(got, expected) << "cut at " << cut;
  }
  SseParser bytewise;  // one byte per chunk
  std::vector<SseMessage> got;
  for (char c : kFeed) {
    auto some = bytewise.feed(std::string_view(&c, 1));
    got.insert(got.end(), some.begin(), some.end());
  }
  EXPECT_EQ(got, expected);
}

TEST(SseParser, LineEndingsAndFieldRules) {
  SseParser p;
  // CRLF, a lone CR, multi-line data, no space after the colon, an unknown field, a field with
  // no colon, and a comment inside a message.
  auto m = p.feed("data:one\r\ndata: two\rretry: 10\r\n: note\nevent\nfoo: bar\n\r\n");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].data, "one\ntwo");
  EXPECT_EQ(m[0].event, "");
  EXPECT_EQ(p.comments(), 1u);
  // A CR at the end of one chunk and the LF at the start of the next are one line end.
  SseParser q;
  EXPECT_TRUE(q.feed("data: x\r").empty());
  auto n = q.feed("\n\r");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].data, "x");
  // Blank lines without fields dispatch nothing; an unfinished message is held.
  SseParser r;
  EXPECT_TRUE(r.feed("\n\n: c\n\nid: 9\n").empty());
  EXPECT_EQ(r.last_id(), "9");
  auto id_only = r.feed("\n");
  ASSERT_EQ(id_only.size(), 1u);
  EXPECT_EQ(id_only[0].id, "9");
  EXPECT_EQ(id_only[0].data, "");
}

TEST(FeedMessage, EventsAndBlocks) {
  SseParser p;
  auto messages = p.feed(kFeed);
  auto event = parse_feed_message(messages[0]);
  ASSERT_TRUE(event) << event.error().message();
  ASSERT_TRUE(*event);
  EXPECT_EQ((*event)->kind, FeedItem::Kind::event);
  EXPECT_EQ((*event)->height, 5u);
  EXPECT_EQ((*event)->event.kind, "contract_created");
  EXPECT_EQ((*event)->event.contract, 7u);
  EXPECT_EQ((*event)->event.node, 2u);
  auto block = parse_feed_message(messages[1]);
  ASSERT_TRUE(block && *block);
  EXPECT_EQ((*block)->kind, FeedItem::Kind::block);
  EXPECT_EQ((*block)->height, 5u);
}

TEST(FeedMessage, UnknownTypesAreSkippedAndBadDataRefused) {
  auto other = parse_feed_message({std::nullopt, "hello", "{}"});
  ASSERT_TRUE(other);
  EXPECT_FALSE(*other);
  EXPECT_FALSE(parse_feed_message({std::nullopt, "block", "not json"}));
  EXPECT_FALSE(parse_feed_message({std::nullopt, "block", "{\"hash\":\"x\"}"}));
  EXPECT_FALSE(parse_feed_message({std::nullopt, "event", "{\"height\":1}"}));
  EXPECT_FALSE(
      parse_feed_message({std::nullopt, "event", "{\"height\":1,\"event\":{\"kind\":3}}"}));
}

TEST(FeedMessage, Path) {
  EXPECT_EQ(events_path(4, 17), "/events?node=4&from=17");
}

}  // namespace
}  // namespace grid::tools
