// The golden vectors of docs/wire.md, computed from the code: pinned by
// tests/vectors/wire_vectors.txt (checked by unit_ledger_wire_vectors) and printed by
// print_wire_vectors to regenerate the file after a deliberate, versioned format change.
#include "tests/tools/wire_vectors.hpp"

#include "core/amount.hpp"
#include "core/blake2b.hpp"
#include "core/dev_accounts.hpp"
#include "ledger/transaction.hpp"

namespace grid::testing {

std::vector<std::pair<std::string, std::string>> wire_vectors() {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("blake2b_256(\"\")", core::blake2b_256(core::ByteView()).hex());
  out.emplace_back("blake2b_256(\"gridchain\")",
                   core::blake2b_256(core::as_bytes("gridchain")).hex());
  for (std::string_view name : core::dev_account_names()) {
    auto key = core::dev_secret_key(name).value();
    auto id = core::dev_account(name).value();
    out.emplace_back(std::string(name) + ".secret", core::hex_encode(key.bytes()));
    out.emplace_back(std::string(name) + ".public", core::hex_encode(id.key));
    out.emplace_back(std::string(name) + ".account_id", core::hex_encode(core::encode(id)));
    out.emplace_back(std::string(name) + ".address", id.to_address());
  }
  out.emplace_back("amount(12.5 TFT)",
                   core::hex_encode(core::encode(core::Amount::parse("12.5")->units())));

  // The transfer golden vector: alice -> bob, 10 TFT, nonce 0, fee 20000, aux = 32 x 0x00.
  ledger::Transaction tx;
  tx.chain_id = "gridchain-dev";
  tx.signer = core::dev_account("alice").value();
  tx.nonce = 0;
  tx.fee = 20'000;
  tx.call = ledger::Transfer{core::dev_account("bob").value(), 100'000'000};
  core::Writer unsigned_body;
  tx.encode_unsigned(unsigned_body);
  std::array<std::uint8_t, 32> aux{};
  ledger::sign_transaction(tx, core::dev_secret_key("alice").value(), aux);
  out.emplace_back("transfer.body", core::hex_encode(unsigned_body.data()));
  out.emplace_back("transfer.signing_message", ledger::signing_message(tx).hex());
  out.emplace_back("transfer.signature", core::hex_encode(tx.signature));
  out.emplace_back("transfer.tx", core::hex_encode(core::encode(tx)));
  out.emplace_back("transfer.id", ledger::tx_id(tx).hex());
  return out;
}

}  // namespace grid::testing
