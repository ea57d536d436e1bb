// The golden vectors of docs/wire.md: tests/vectors/wire_vectors.txt must equal what the code
// computes, line for line (a change is a wire format change: new version byte, new file).
#include "tests/tools/wire_vectors.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "core/dev_accounts.hpp"
#include "core/hash.hpp"
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

}  // namespace
}  // namespace grid
