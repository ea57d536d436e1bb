// The SSE text of one block: a block of the test chain with two transfers renders its events
// (receipt events in order, then end-of-block events) and then the block message with id:,
// byte for byte; the filter keeps only matching events but never the block message; comments
// stay on one line.
#include "rpc/event_render.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "tests/support/fake_node_api.hpp"

namespace grid::rpc {
namespace {

using ::testing::HasSubstr;

class EventRenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    node_.produce({node_.sign(node_.chain.alice(), ledger::Transfer{bob(), 5'000}),
                   node_.sign(node_.chain.bob(), ledger::Transfer{alice(), 7})});
    block_ = node_.chain.blocks().at(0);
    results_ = node_.results.at(0);
    ASSERT_EQ(results_.receipts.size(), 2u);
    ASSERT_TRUE(results_.block_events.empty());
    // An end-of-block event, as billing writes them.
    results_.block_events.push_back(
        ledger::Event{.kind = "contract_billed", .twin = 3, .contract = 9}.with("amount", "12"));
  }

  core::AccountId alice() const { return node_.chain.account("alice"); }
  core::AccountId bob() const { return node_.chain.account("bob"); }
  std::string tx_id(std::size_t i) const { return results_.receipts.at(i).tx_id.hex(); }

  // The message of one event of block 1 from its JSON pieces; no tx: an end-of-block event.
  std::string message(std::optional<std::size_t> tx, const std::string& kind,
                      const std::string& account_json, const std::string& ids_json,
                      const std::string& attributes_json) const {
    std::string tx_json = tx ? std::to_string(*tx) + ",\"tx_id\":\"" + tx_id(*tx) + "\""
                             : std::string("null,\"tx_id\":null");
    return "event: event\ndata: {\"height\":1,\"tx_index\":" + tx_json + ",\"event\":{\"kind\":\"" +
           kind + "\",\"account\":" + account_json + "," + ids_json + ",\"attributes\":{" +
           attributes_json + "}}}\n\n";
  }
  static std::string quoted(const core::AccountId& account) {
    return "\"" + account.to_address() + "\"";
  }
  static constexpr const char* kNoIds = R"("twin":null,"farm":null,"node":null,"contract":null)";

  std::string transfer(std::size_t tx, const core::AccountId& from, const core::AccountId& to,
                       const std::string& amount) const {
    return message(
        tx, "transfer", quoted(from), kNoIds,
        "\"from\":" + quoted(from) + ",\"to\":" + quoted(to) + ",\"amount\":\"" + amount + "\"");
  }
  std::string received(std::size_t tx, const core::AccountId& from, const core::AccountId& to,
                       const std::string& amount) const {
    return message(tx, "transfer_received", quoted(to), kNoIds,
                   "\"from\":" + quoted(from) + ",\"amount\":\"" + amount + "\"");
  }
  std::string billed() const {
    return message(std::nullopt, "contract_billed", "null",
                   R"("twin":3,"farm":null,"node":null,"contract":"9")", R"("amount":"12")");
  }
  std::string block_message() const {
    return "id: 1\nevent: block\ndata: {\"height\":1,\"hash\":\"" +
           ledger::block_hash(block_.header).hex() +
           "\",\"time\":" + std::to_string(block_.header.time) + ",\"txs\":2}\n\n";
  }

  testing::FakeNodeApi node_;
  ledger::Block block_;
  ledger::BlockResults results_;
};

TEST_F(EventRenderTest, EventsInOrderThenTheBlock) {
  EXPECT_EQ(render_block_messages(block_, results_, {}),
            transfer(0, alice(), bob(), "5000") + received(0, alice(), bob(), "5000") +
                transfer(1, bob(), alice(), "7") + received(1, bob(), alice(), "7") + billed() +
                block_message());
}

TEST_F(EventRenderTest, TheFilterKeepsMatchingEventsAndAlwaysTheBlock) {
  EXPECT_EQ(
      render_block_messages(block_, results_, {.account = bob()}),
      received(0, alice(), bob(), "5000") + transfer(1, bob(), alice(), "7") + block_message());
  EXPECT_EQ(render_block_messages(block_, results_, {.kinds = {"contract_billed"}}),
            billed() + block_message());
  EXPECT_EQ(render_block_messages(block_, results_, {.kinds = {"no_such_kind"}}), block_message());
}

TEST_F(EventRenderTest, DataIsOneLineEvenWhenAttributesHoldNewlines) {
  results_.block_events.push_back(ledger::Event{.kind = "note"}.with("text", "a\nb\r\nc"));
  std::string text = render_block_messages(block_, results_, {.kinds = {"note"}});
  EXPECT_THAT(text, HasSubstr(R"("attributes":{"text":"a\nb\r\nc"}}})"
                              "\n\n"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2 + 5);  // two messages
}

TEST_F(EventRenderTest, CommentsAndKeepAlive) {
  EXPECT_EQ(kKeepAlive, ": keep-alive\n\n");
  EXPECT_EQ(render_comment("error: block 3 is not available"),
            ": error: block 3 is not available\n\n");
  EXPECT_EQ(render_comment("a\nb\rc\x01"), ": a b c \n\n");
}

}  // namespace
}  // namespace grid::rpc
