// Mempool: the transactions waiting for a block, checked against the latest committed state.
//
// Rules:
// - Each signature is verified once: verified tx ids go into a bounded FIFO cache
//   (MempoolConfig::verified_cache entries) that outlives the tx's stay in the pool, so the block
//   executor (ExecuteOptions::signature_verified = this->signature_verified) and the re-checks
//   after a block never verify it again. A bad signature is never cached.
// - An account may have several pending txs with consecutive nonces (state nonce, +1, ...). A
//   new tx is checked as if the account's earlier pending txs had run: ledger::check_transaction
//   over an Overlay whose signer account has nonce = state nonce + pending count and free
//   balance reduced by the pending txs' fees and transfer/burn amounts. So every ledger rule
//   applies (chain id, fee >= required_fee, funds for the fee, fee-free rate limits). On top:
//   a transfer or burn whose amount and fee exceed that balance is refused insufficient_funds;
//   at most one fee-free tx per account is pending (rate_limited).
// - Nonces: below the expected one is bad_nonce (stale); above it is refused kNonceGap (a gap is
//   never held, so the pool has no transactions that cannot run yet).
// - Limits: when the pool is full (count or bytes), a new tx evicts cheaper ones, cheapest fee
//   per byte first, but only the LAST pending tx of an account (never the new tx's own account),
//   so no nonce gap appears; eviction happens only if the new tx pays strictly more per byte than
//   every tx it evicts, else kMempoolFull. More than max_per_account pending: kTooManyPending.
// - select(): round-robin over accounts by arrival of each account's first pending tx, each
//   account's txs in nonce order; stops at the limits (an account whose next tx does not fit in
//   the bytes left is skipped from then on; the others go on).
// - on_block_committed(): removes the block's txs, then re-checks the rest in order against the
//   new state: a stale nonce is dropped alone; any other refusal drops that tx and the account's
//   later ones.
// Errors: every refusal is ledger::refuse(reason, detail) (Code::invalid) with a stable reason;
// other codes are node failures (the state reader failed).
// Ownership: the Mempool borrows `modules`, which must outlive it.
// Thread safety: none; the node calls it from its one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/hash.hpp"
#include "ledger/block.hpp"
#include "ledger/module.hpp"
#include "ledger/params.hpp"
#include "ledger/state_view.hpp"

namespace grid::node {

// Refusal reasons of the mempool (beside the ledger's, ledger/refusal.hpp).
namespace mempool_reason {
inline constexpr std::string_view already_known = "already_known";
inline constexpr std::string_view mempool_full = "mempool_full";
inline constexpr std::string_view too_many_pending = "too_many_pending";
inline constexpr std::string_view nonce_gap = "nonce_gap";
inline constexpr std::string_view invalid_transaction = "invalid_transaction";
}  // namespace mempool_reason

struct MempoolConfig {
  std::size_t max_txs = 20000;
  std::size_t max_bytes = 64u << 20;  // sum of the encoded transactions
  std::size_t max_per_account = 512;
  std::size_t verified_cache = 100000;  // tx ids whose signature was verified
};

class Mempool {
 public:
  Mempool(MempoolConfig config, const ledger::Modules& modules);

  // `next` is the header the tx would be checked under (height tip+1, time ~ now, chain id).
  core::Result<core::TxId> add(ledger::Transaction tx, const ledger::StateReader& state,
                               const ledger::BlockHeader& next);
  // Strict decode (refused as invalid_transaction), then add().
  core::Result<core::TxId> add_encoded(core::ByteView bytes, const ledger::StateReader& state,
                                       const ledger::BlockHeader& next);

  // Candidates for a proposal, in the order described above.
  std::vector<ledger::Transaction> select(std::size_t max_txs, std::size_t max_bytes) const;
  // `state` is the state after `block`; `next` the header the remaining txs are re-checked under.
  core::Status on_block_committed(const ledger::Block& block, const ledger::StateReader& state,
                                  const ledger::BlockHeader& next);

  bool contains(const core::TxId& id) const { return by_id_.contains(id); }
  std::optional<ledger::Transaction> get(const core::TxId& id) const;
  std::size_t size() const { return by_id_.size(); }
  std::size_t bytes() const { return bytes_; }
  // True when this tx id's signature was verified (feeds ExecuteOptions::signature_verified).
  bool signature_verified(const core::TxId& id) const { return verified_.contains(id); }

 private:
  struct Pending {
    ledger::Transaction tx;
    core::TxId id;
    std::size_t size = 0;     // encoded bytes
    std::uint64_t spend = 0;  // fee + transferred/burned amount (saturating)
    bool fee_free = false;
    std::uint64_t seq = 0;  // arrival order
  };
  struct AccountQueue {
    std::deque<Pending> txs;  // consecutive nonces
    std::uint64_t first_seq = 0;
    std::uint64_t spend = 0;
    std::size_t fee_free = 0;
  };
  // The last pending tx of an account, ordered cheapest fee per byte first (newest first on ties).
  struct EvictKey {
    std::uint64_t fee = 0;
    std::size_t size = 0;
    std::uint64_t seq = 0;
    core::AccountId account;
    bool operator<(const EvictKey& other) const;
  };
  struct TxIdHash {
    std::size_t operator()(const core::TxId& id) const;
  };

  // Checks `p` as the next tx of `queue` (null: none pending) against `state`.
  core::Status check_next(const Pending& p, const AccountQueue* queue,
                          const ledger::StateReader& state, const ledger::ChainParams& params,
                          const ledger::BlockHeader& next);
  core::Result<std::vector<EvictKey>> plan_eviction(const Pending& p) const;
  void push_back(Pending p);
  void pop_back(const core::AccountId& account);
  void unlink_last(const core::AccountId& account);
  void link_last(const core::AccountId& account);
  void remember_verified(const core::TxId& id);
  bool is_fee_free(const ledger::Call& call) const;

  MempoolConfig config_;
  const ledger::Modules& modules_;
  std::map<core::AccountId, AccountQueue> accounts_;
  std::map<core::TxId, core::AccountId> by_id_;
  std::set<EvictKey> evictable_;
  std::size_t bytes_ = 0;
  std::uint64_t next_seq_ = 0;
  std::unordered_set<core::TxId, TxIdHash> verified_;
  std::deque<core::TxId> verified_order_;
};

}  // namespace grid::node
