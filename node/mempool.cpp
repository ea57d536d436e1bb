#include "node/mempool.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/uint128.hpp"
#include "ledger/executor.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"

namespace grid::node {
namespace {

using core::u128;

// What a tx takes from its signer's free balance at most: its fee, plus the amount it moves
// when the call is a transfer or a burn.
std::uint64_t spend_of(const ledger::Transaction& tx) {
  u128 spend = tx.fee;
  if (const auto* t = tx.call.as<ledger::Transfer>()) spend += t->amount;
  if (const auto* b = tx.call.as<ledger::Burn>()) spend += b->amount;
  return core::saturate_u64(spend);
}

// a pays strictly more per byte than b.
bool pays_more_per_byte(std::uint64_t fee_a, std::size_t size_a, std::uint64_t fee_b,
                        std::size_t size_b) {
  return u128{fee_a} * size_b > u128{fee_b} * size_a;
}

}  // namespace

bool Mempool::EvictKey::operator<(const EvictKey& other) const {
  if (pays_more_per_byte(other.fee, other.size, fee, size)) return true;
  if (pays_more_per_byte(fee, size, other.fee, other.size)) return false;
  if (seq != other.seq) return seq > other.seq;  // the newest goes first among equals
  return account < other.account;
}

std::size_t Mempool::TxIdHash::operator()(const core::TxId& id) const {
  std::size_t h;
  std::memcpy(&h, id.hash.bytes.data(), sizeof h);
  return h;
}

Mempool::Mempool(MempoolConfig config, const ledger::Modules& modules)
    : config_(config), modules_(modules) {}

bool Mempool::is_fee_free(const ledger::Call& call) const {
  for (const auto& m : modules_)
    if (m->handles(call)) return m->is_fee_free(call);
  return false;
}

core::Status Mempool::check_next(const Pending& p, const AccountQueue* queue,
                                 const ledger::StateReader& state,
                                 const ledger::ChainParams& params,
                                 const ledger::BlockHeader& next) {
  const ledger::Transaction& tx = p.tx;
  const core::Bytes account_key = ledger::keys::account(tx.signer);
  GRID_ASSIGN(auto stored, ledger::load<ledger::Account>(state, account_key));
  ledger::Account account = stored.value_or(ledger::Account{});
  const std::size_t pending = queue ? queue->txs.size() : 0;
  const std::uint64_t expected = account.nonce + pending;
  if (tx.nonce < expected)
    return ledger::refuse(ledger::reason::bad_nonce, "nonce " + std::to_string(tx.nonce) +
                                                         " is already used; expected " +
                                                         std::to_string(expected));
  if (tx.nonce > expected)
    return ledger::refuse(mempool_reason::nonce_gap, "nonce " + std::to_string(tx.nonce) +
                                                         " leaves a gap; expected " +
                                                         std::to_string(expected));

  // The signer's account as if its pending txs had run.
  ledger::Overlay view(state);
  if (pending > 0) {
    account.nonce = expected;
    account.free = account.free > queue->spend ? account.free - queue->spend : 0;
    ledger::store(view, account_key, account);
  }
  const bool known = signature_verified(p.id);
  GRID_TRY(ledger::check_transaction(view, params, next, modules_, tx, known));
  if (!known) remember_verified(p.id);

  if (p.spend > tx.fee && account.free < p.spend)
    return ledger::refuse(ledger::reason::insufficient_funds,
                          "free balance " + std::to_string(account.free) +
                              " (after pending transactions) is below the amount and fee " +
                              std::to_string(p.spend));
  if (p.fee_free && queue && queue->fee_free > 0)
    return ledger::refuse(ledger::reason::rate_limited,
                          "a fee-free transaction of this account is already pending");
  return core::Status::ok();
}

core::Result<std::vector<Mempool::EvictKey>> Mempool::plan_eviction(const Pending& p) const {
  std::size_t count = by_id_.size() + 1;
  std::size_t total_bytes = bytes_ + p.size;
  std::vector<EvictKey> victims;
  if (count <= config_.max_txs && total_bytes <= config_.max_bytes) return victims;
  if (p.size > config_.max_bytes)
    return ledger::refuse(mempool_reason::mempool_full, "the transaction is larger than the pool");

  // Candidates: each account's last tx (evictable_), and the one before a planned victim.
  std::set<EvictKey> exposed;
  std::map<core::AccountId, std::size_t> planned;
  auto next_global = evictable_.begin();
  while (count > config_.max_txs || total_bytes > config_.max_bytes) {
    while (next_global != evictable_.end() && next_global->account == p.tx.signer) ++next_global;
    const bool from_global =
        next_global != evictable_.end() && (exposed.empty() || *next_global < *exposed.begin());
    if (!from_global && exposed.empty())
      return ledger::refuse(mempool_reason::mempool_full, "no transaction can be evicted");
    const EvictKey victim = from_global ? *next_global : *exposed.begin();
    if (!pays_more_per_byte(p.tx.fee, p.size, victim.fee, victim.size))
      return ledger::refuse(mempool_reason::mempool_full,
                            "the pool is full of transactions paying as much per byte");
    if (from_global)
      ++next_global;
    else
      exposed.erase(exposed.begin());
    victims.push_back(victim);
    --count;
    total_bytes -= victim.size;
    const AccountQueue& queue = accounts_.at(victim.account);
    const std::size_t taken = ++planned[victim.account];
    if (taken < queue.txs.size()) {
      const Pending& before = queue.txs[queue.txs.size() - 1 - taken];
      exposed.insert({before.tx.fee, before.size, before.seq, victim.account});
    }
  }
  return victims;
}

void Mempool::unlink_last(const core::AccountId& account) {
  auto it = accounts_.find(account);
  if (it == accounts_.end() || it->second.txs.empty()) return;
  const Pending& last = it->second.txs.back();
  evictable_.erase({last.tx.fee, last.size, last.seq, account});
}

void Mempool::link_last(const core::AccountId& account) {
  auto it = accounts_.find(account);
  if (it == accounts_.end() || it->second.txs.empty()) return;
  const Pending& last = it->second.txs.back();
  evictable_.insert({last.tx.fee, last.size, last.seq, account});
}

void Mempool::push_back(Pending p) {
  const core::AccountId account = p.tx.signer;
  unlink_last(account);
  AccountQueue& queue = accounts_[account];
  if (queue.txs.empty()) queue.first_seq = p.seq;
  queue.spend += p.spend;  // bounded by the free balance: check_next refused more
  queue.fee_free += p.fee_free ? 1 : 0;
  bytes_ += p.size;
  by_id_.emplace(p.id, account);
  queue.txs.push_back(std::move(p));
  link_last(account);
}

void Mempool::pop_back(const core::AccountId& account) {
  unlink_last(account);
  auto it = accounts_.find(account);
  AccountQueue& queue = it->second;
  const Pending& last = queue.txs.back();
  queue.spend -= last.spend;
  queue.fee_free -= last.fee_free ? 1 : 0;
  bytes_ -= last.size;
  by_id_.erase(last.id);
  queue.txs.pop_back();
  if (queue.txs.empty())
    accounts_.erase(it);
  else
    link_last(account);
}

void Mempool::remember_verified(const core::TxId& id) {
  if (config_.verified_cache == 0 || !verified_.insert(id).second) return;
  verified_order_.push_back(id);
  while (verified_order_.size() > config_.verified_cache) {
    verified_.erase(verified_order_.front());
    verified_order_.pop_front();
  }
}

core::Result<core::TxId> Mempool::add(ledger::Transaction tx, const ledger::StateReader& state,
                                      const ledger::BlockHeader& next) {
  Pending p;
  p.id = ledger::tx_id(tx);
  if (contains(p.id))
    return ledger::refuse(mempool_reason::already_known, "transaction " + p.id.hex());
  p.size = core::encode(tx).size();
  p.spend = spend_of(tx);
  p.fee_free = is_fee_free(tx.call);
  p.tx = std::move(tx);

  auto it = accounts_.find(p.tx.signer);
  const AccountQueue* queue = it == accounts_.end() ? nullptr : &it->second;
  if (queue && queue->txs.size() >= config_.max_per_account)
    return ledger::refuse(mempool_reason::too_many_pending,
                          std::to_string(queue->txs.size()) + " transactions of " +
                              p.tx.signer.to_address() + " are pending");
  GRID_ASSIGN(ledger::ChainParams params, ledger::load_params(state));
  GRID_TRY(check_next(p, queue, state, params, next));
  GRID_ASSIGN(std::vector<EvictKey> victims, plan_eviction(p));
  for (const EvictKey& victim : victims) pop_back(victim.account);

  p.seq = next_seq_++;
  core::TxId id = p.id;
  push_back(std::move(p));
  return id;
}

core::Result<core::TxId> Mempool::add_encoded(core::ByteView bytes,
                                              const ledger::StateReader& state,
                                              const ledger::BlockHeader& next) {
  auto tx = core::decode<ledger::Transaction>(bytes);
  if (!tx) return ledger::refuse(mempool_reason::invalid_transaction, tx.error().message());
  return add(std::move(tx).value(), state, next);
}

std::vector<ledger::Transaction> Mempool::select(std::size_t max_txs, std::size_t max_bytes) const {
  std::vector<const AccountQueue*> order;
  order.reserve(accounts_.size());
  for (const auto& [account, queue] : accounts_) order.push_back(&queue);
  std::sort(order.begin(), order.end(), [](const AccountQueue* a, const AccountQueue* b) {
    return a->first_seq < b->first_seq;
  });

  std::vector<ledger::Transaction> out;
  std::vector<std::size_t> taken(order.size(), 0);
  std::vector<bool> stopped(order.size(), false);
  std::size_t used_bytes = 0;
  bool progress = true;
  while (progress && out.size() < max_txs) {
    progress = false;
    for (std::size_t i = 0; i < order.size() && out.size() < max_txs; ++i) {
      if (stopped[i]) continue;
      if (taken[i] == order[i]->txs.size() ||
          used_bytes + order[i]->txs[taken[i]].size > max_bytes) {
        stopped[i] = true;  // done, or its next tx does not fit: later nonces cannot follow
        continue;
      }
      const Pending& p = order[i]->txs[taken[i]++];
      out.push_back(p.tx);
      used_bytes += p.size;
      progress = true;
    }
  }
  return out;
}

core::Status Mempool::on_block_committed(const ledger::Block& block,
                                         const ledger::StateReader& state,
                                         const ledger::BlockHeader& next) {
  std::set<core::TxId> included;
  for (const auto& tx : block.transactions) {
    core::TxId id = ledger::tx_id(tx);
    if (contains(id)) included.insert(id);
  }
  GRID_ASSIGN(ledger::ChainParams params, ledger::load_params(state));

  // Re-admit every remaining tx in order, as add() would (limits aside: the pool only shrinks).
  auto old = std::move(accounts_);
  accounts_.clear();
  by_id_.clear();
  evictable_.clear();
  bytes_ = 0;
  for (auto& [account, queue] : old) {
    for (Pending& p : queue.txs) {
      if (included.contains(p.id)) continue;
      auto it = accounts_.find(account);
      core::Status st =
          check_next(p, it == accounts_.end() ? nullptr : &it->second, state, params, next);
      if (st.is_ok()) {
        push_back(std::move(p));
        continue;
      }
      if (!ledger::is_refusal(st)) return st;  // the pool keeps what was re-checked so far
      if (ledger::refusal_reason(st) == ledger::reason::bad_nonce) continue;  // stale: alone
      break;  // any other refusal: this tx and the account's later ones go
    }
  }
  return core::Status::ok();
}

std::optional<ledger::Transaction> Mempool::get(const core::TxId& id) const {
  auto where = by_id_.find(id);
  if (where == by_id_.end()) return std::nullopt;
  for (const Pending& p : accounts_.at(where->second).txs)
    if (p.id == id) return p.tx;
  return std::nullopt;
}

}  // namespace grid::node
