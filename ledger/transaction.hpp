// Transaction: the signed envelope of WIRE.md.
//
//   Tx { version: u8 (=1), chain_id: string, signer: AccountId, nonce: u64, fee: u64,
//        call: Call, signature: bytes64 }
//   signing message = hash("gridchain/tx/v1" || encode(version, chain_id, signer, nonce, fee,
//   call)) transaction id  = hash(encode(Tx))   (signature included)
//
// Contract: decoding refuses any version other than 1 before reading further, then decodes
// strictly. signing_message() and tx_id() are pure. verify_signature() checks the signature
// against the signer's scheme (BIP-340 for scheme 0, ed25519 for scheme 1) and never aborts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "core/ed25519.hpp"
#include "core/hash.hpp"
#include "core/schnorr.hpp"
#include "ledger/call.hpp"

namespace grid::ledger {

inline constexpr std::uint8_t kTxVersion = 1;
inline constexpr std::string_view kTxSigningTag = "gridchain/tx/v1";

struct Transaction {
  std::uint8_t version = kTxVersion;
  std::string chain_id;
  core::AccountId signer{};
  std::uint64_t nonce = 0;
  std::uint64_t fee = 0;
  Call call;
  std::array<std::uint8_t, 64> signature{};

  bool operator==(const Transaction&) const = default;

  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);
  // Writes version..call (everything but the signature).
  void encode_unsigned(core::Writer& w) const;
};

core::Hash32 signing_message(const Transaction& tx);
core::TxId tx_id(const Transaction& tx);
bool verify_signature(const Transaction& tx);

// Fills tx.signature. Scheme 0 with BIP-340 (aux randomness given, or drawn when omitted);
// scheme 1 with ed25519. The signer field must already hold the key's account.
void sign_transaction(Transaction& tx, const core::SchnorrSecretKey& key,
                      const std::array<std::uint8_t, 32>& aux);
void sign_transaction(Transaction& tx, const core::SchnorrSecretKey& key);
void sign_transaction(Transaction& tx, const core::Ed25519SecretKey& key);

}  // namespace grid::ledger
