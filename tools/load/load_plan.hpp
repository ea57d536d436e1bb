// gridload's transactions, built and signed before any clock starts: the sending accounts'
// keys (derived from a seed), the fee, the funding transfers and the load transfers.
//
// Contract:
// - derive_load_key(seed, i) is deterministic: the secp256k1 key whose secret is
//   hash("gridload/" + seed + "/" + i) (re-hashed in the negligible case it is not a valid
//   scalar). Different seeds or indices give unrelated accounts.
// - default_transfer_fee() = kFeeMultiplier x ledger::required_fee under the default
//   ChainParams for a transfer (every transfer encodes to the same size).
// - plan_transfers(...) gives account k the transactions k, k + M, k + 2M ... of N, each a
//   transfer of kLoadAmount to account (k + 1) mod M (to `sink` when M = 1), with nonces
//   counting up from start_nonces[k]; queue k lists them in nonce order. Every transaction is
//   signed (ledger::sign_transaction) and its signature verified; a failed verification is
//   Code::internal. Accounts are signed in parallel (one thread per core).
//   funding_transfers(...) signs one transfer per (account, amount).
// - funding_needed(n, fee) is what an account must hold to send n load transfers and stay
//   above the existential deposit, with one TFT to spare.
// Pure functions (randomness only in the BIP-340 aux); thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_id.hpp"
#include "core/hash.hpp"
#include "core/schnorr.hpp"
#include "core/status.hpp"
#include "ledger/transaction.hpp"

namespace grid::tools {

inline constexpr std::uint64_t kFeeMultiplier = 2;
inline constexpr std::uint64_t kLoadAmount = 1;  // base units per load transfer

struct LoadKey {
  core::SchnorrSecretKey secret;
  core::AccountId account;
};

struct SignedTx {
  core::TxId id;
  std::string hex;  // the encoded transaction, for tx_submit
  std::uint64_t nonce = 0;
};

LoadKey load_key_from_secret(const core::SchnorrSecretKey& secret);
LoadKey derive_load_key(std::string_view seed, std::uint32_t index);
std::vector<LoadKey> derive_load_keys(std::string_view seed, std::uint32_t count);

std::uint64_t default_transfer_fee();
std::uint64_t funding_needed(std::uint64_t transfers, std::uint64_t fee);

// Signs and verifies one transaction; records its id and hex.
core::Result<SignedTx> sign_checked(ledger::Transaction tx, const core::SchnorrSecretKey& key);

struct TransferPlan {
  std::string chain_id;
  std::uint64_t fee = 0;
  std::uint64_t txs = 0;
  std::vector<LoadKey> keys;                // M senders
  std::vector<std::uint64_t> start_nonces;  // one per sender
  core::AccountId sink;                     // recipient when M = 1
};

// Transactions per account: queue k holds ceil((N - k) / M) entries.
std::uint64_t transfers_of_account(std::uint64_t txs, std::uint32_t accounts, std::uint32_t k);
core::Result<std::vector<std::vector<SignedTx>>> plan_transfers(const TransferPlan& plan);

struct Funding {
  core::AccountId to;
  std::uint64_t amount = 0;
};
core::Result<std::vector<SignedTx>> funding_transfers(const std::string& chain_id,
                                                      const LoadKey& funder,
                                                      std::uint64_t first_nonce, std::uint64_t fee,
                                                      const std::vector<Funding>& funding);

}  // namespace grid::tools
