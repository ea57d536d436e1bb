// The golden vectors of docs/wire.md: tests/vectors/wire_vectors.txt must equal what the code
// computes, line for line (a change is a wire format change: new version byte, new file).
#include "tests/tools/wire_vectors.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "core/dev_accounts.hpp"
#include "core/hash.hpp"
#include "ledger/call.hpp"
#include "ledger/transaction.hpp"

namespace grid {
namespace {

std::map<std::string, std::string> read_vectors_file() {
  std::ifstream in(std::string(GRID_VECTORS_DIR) + "/wire_vectors.txt");
  std::map<std::string, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find(" = ");
    if (at != std::string::npos) out[line.substr(0, at)] = line.substr(at + 3);
  }
  return out;
}

TEST(WireVectors, FileMatchesTheCode) {
  auto pinned = read_vectors_file();
  auto computed = testing::wire_vectors();
  ASSERT_EQ(pinned.size(), computed.size()) << "tests/vectors/wire_vectors.txt is incomplete";
  for (const auto& [name, value] : computed) EXPECT_EQ(pinned[name], value) << name;
}

TEST(WireVectors, AliceAddressIsTheRequiredOne) {
  EXPECT_EQ(read_vectors_file()["alice.address"],
            "tf1qzx4kl6ge7g0lv99n2xxxj892azewe9sj4wx904esgfqek2fxjmnghr0tyw");
}

TEST(WireVectors, PinnedTransferDecodesAndVerifies) {
  auto pinned = read_vectors_file();
  auto raw = core::hex_decode(pinned["transfer.tx"]).value();
  auto tx = core::decode<ledger::Transaction>(raw);
  ASSERT_TRUE(tx.is_ok()) << tx.error().to_string();
  EXPECT_TRUE(ledger::verify_signature(*tx));
  EXPECT_EQ(ledger::tx_id(*tx).hex(), pinned["transfer.id"]);
  EXPECT_EQ(ledger::signing_message(*tx).hex(), pinned["transfer.signing_message"]);
  ASSERT_NE(tx->call.as<ledger::Transfer>(), nullptr);
  EXPECT_EQ(tx->call.as<ledger::Transfer>()->to, core::dev_account("bob").value());
  EXPECT_EQ(tx->call.as<ledger::Transfer>()->amount, 100'000'000u);
  // One flipped bit in the amount breaks the signature.
  raw[raw.size() - 64 - 8] ^= 1;
  EXPECT_FALSE(ledger::verify_signature(core::decode<ledger::Transaction>(raw).value()));
}

// docs/wire.md "Governance calls 0x70-0x7f": each golden call decodes to the documented fields
// and encodes back to the same bytes.
ledger::Call governance_vector(std::string_view hex) {
  auto raw = core::hex_decode(hex).value();
  auto call = core::decode<ledger::Call>(raw);
  EXPECT_TRUE(call.is_ok()) << call.error().to_string();
  if (!call.is_ok()) return {};
  EXPECT_EQ(core::hex_encode(core::encode(*call)), hex);
  return *call;
}

TEST(WireVectors, GovernanceCallsDecodeAndEncodeBack) {
  using namespace ledger;
  Call create = governance_vector(
      "72021200000070726f706f73616c5f6d696e5f6661726d7303000000000000000b0000007468726565206661726d"
      "7300000000");
  ASSERT_NE(create.as<CreateProposal>(), nullptr);
  EXPECT_EQ(create.name(), "create_proposal");
  EXPECT_EQ(create.as<CreateProposal>()->action,
            GovAction(GovSetChainParam{"proposal_min_farms", 3}));
  EXPECT_EQ(create.as<CreateProposal>()->description, "three farms");
  EXPECT_EQ(create.as<CreateProposal>()->link, "");

  Call vote = governance_vector("7301000000000000000200000001");
  EXPECT_EQ(vote.as<VoteProposal>() ? *vote.as<VoteProposal>() : VoteProposal{},
            (VoteProposal{1, 2, true}));

  Call motion = governance_vector(
      "700a00b0a398ab7b5c6a36ba3e1ddaa219c141cd3821ca56c913592850544c98e9c89600000000");
  ASSERT_NE(motion.as<ProposeMotion>(), nullptr);
  EXPECT_EQ(motion.as<ProposeMotion>()->action,
            GovAction(GovAddPriceFeeder{core::dev_account("bob").value()}));

  EXPECT_EQ(governance_vector("71040000000000000000"), Call(VoteMotion{4, false}));
  EXPECT_EQ(governance_vector("740100000000000000"), Call(VetoProposal{1}));
  // 0x75-0x7f stay unknown; an unknown action kind is refused inside a call.
  EXPECT_FALSE(core::decode<ledger::Call>(core::hex_decode("75").value()).is_ok());
  EXPECT_FALSE(core::decode<ledger::Call>(core::hex_decode("700c00000000").value()).is_ok());
}

}  // namespace
}  // namespace grid
