#include "tools/load/load_plan.hpp"

#include <algorithm>
#include <thread>

#include "core/amount.hpp"
#include "core/blake2b.hpp"
#include "core/codec.hpp"
#include "ledger/executor.hpp"
#include "ledger/ledger_modules.hpp"
#include "ledger/params.hpp"

namespace grid::tools {
namespace {

ledger::Transaction transfer(const std::string& chain_id, const core::AccountId& from,
                             std::uint64_t nonce, std::uint64_t fee, const core::AccountId& to,
                             std::uint64_t amount) {
  ledger::Transaction tx;
  tx.chain_id = chain_id;
  tx.signer = from;
  tx.nonce = nonce;
  tx.fee = fee;
  tx.call = ledger::Transfer{.to = to, .amount = amount};
  return tx;
}

}  // namespace

LoadKey load_key_from_secret(const core::SchnorrSecretKey& secret) {
  return LoadKey{secret, core::AccountId::secp256k1(secret.public_key())};
}

LoadKey derive_load_key(std::string_view seed, std::uint32_t index) {
  std::string text = "gridload/" + std::string(seed) + "/" + std::to_string(index);
  core::Hash32 h = core::blake2b_256(core::as_bytes(text));
  for (;;) {
    auto secret = core::SchnorrSecretKey::from_bytes(h.view());
    if (secret) return load_key_from_secret(*secret);
    h = core::blake2b_256(h.view());  // not a valid scalar (probability ~2^-128)
  }
}

std::vector<LoadKey> derive_load_keys(std::string_view seed, std::uint32_t count) {
  std::vector<LoadKey> keys;
  keys.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) keys.push_back(derive_load_key(seed, i));
  return keys;
}

std::uint64_t default_transfer_fee() {
  // A transfer's size does not depend on its field values, so any transfer gives the fee.
  ledger::Transaction sample = transfer("gridchain-testnet", {}, 0, 0, {}, kLoadAmount);
  static const ledger::Modules modules = ledger::ledger_modules();
  return kFeeMultiplier * ledger::required_fee(ledger::ChainParams{}, modules, sample);
}

std::uint64_t funding_needed(std::uint64_t transfers, std::uint64_t fee) {
  return transfers * (fee + kLoadAmount) + ledger::ChainParams{}.existential_deposit +
         core::Amount::kUnitsPerTft;
}

core::Result<SignedTx> sign_checked(ledger::Transaction tx, const core::SchnorrSecretKey& key) {
  ledger::sign_transaction(tx, key);
  if (!ledger::verify_signature(tx))
    return core::Status::internal("a freshly signed transaction does not verify (nonce " +
                                  std::to_string(tx.nonce) + ")");
  return SignedTx{ledger::tx_id(tx), core::hex_encode(core::encode(tx)), tx.nonce};
}

std::uint64_t transfers_of_account(std::uint64_t txs, std::uint32_t accounts, std::uint32_t k) {
  return k < txs ? (txs - k + accounts - 1) / accounts : 0;
}

core::Result<std::vector<std::vector<SignedTx>>> plan_transfers(const TransferPlan& plan) {
  const auto m = static_cast<std::uint32_t>(plan.keys.size());
  if (m == 0 || plan.start_nonces.size() != m)
    return core::Status::invalid("plan_transfers: one start nonce per key is needed");
  std::vector<std::vector<SignedTx>> queues(m);
  auto sign_account = [&](std::uint32_t k) -> core::Status {
    const LoadKey& from = plan.keys[k];
    const core::AccountId& to = m == 1 ? plan.sink : plan.keys[(k + 1) % m].account;
    std::uint64_t n = transfers_of_account(plan.txs, m, k);
    queues[k].reserve(n);
    for (std::uint64_t j = 0; j < n; ++j) {
      auto tx = transfer(plan.chain_id, from.account, plan.start_nonces[k] + j, plan.fee, to,
                         kLoadAmount);
      GRID_ASSIGN(SignedTx signed_tx, sign_checked(std::move(tx), from.secret));
      queues[k].push_back(std::move(signed_tx));
    }
    return core::Status::ok();
  };
  // Signing is independent per account: spread the accounts over the cores.
  const std::uint32_t threads = std::clamp(std::thread::hardware_concurrency(), 1u, m);
  std::vector<core::Status> failures(threads);
  std::vector<std::thread> workers;
  for (std::uint32_t t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (std::uint32_t k = t; k < m && failures[t].is_ok(); k += threads)
        failures[t] = sign_account(k);
    });
  for (auto& w : workers) w.join();
  for (auto& st : failures) GRID_TRY(st);
  return queues;
}

core::Result<std::vector<SignedTx>> funding_transfers(const std::string& chain_id,
                                                      const LoadKey& funder,
                                                      std::uint64_t first_nonce, std::uint64_t fee,
                                                      const std::vector<Funding>& funding) {
  std::vector<SignedTx> out;
  out.reserve(funding.size());
  for (std::size_t i = 0; i < funding.size(); ++i) {
    auto tx =
        transfer(chain_id, funder.account, first_nonce + i, fee, funding[i].to, funding[i].amount);
    GRID_ASSIGN(SignedTx signed_tx, sign_checked(std::move(tx), funder.secret));
    out.push_back(std::move(signed_tx));
  }
  return out;
}

}  // namespace grid::tools
