// BillingModule of contracts/billing.hpp: the end-of-block work, each step bounded.
//
// 1. Grace expiry: contracts whose grace ran out (grace index, expiry <= now) are billed once
//    more; still in debt, they are deleted with reason out_of_funds.
// 2. Due contracts (due index, due_time <= now) are billed in due order. Steps 1 and 2 share
//    one budget of max_bills_per_block bills; the rest stay due for the next block.
// 3. Settlement: up to max_settlements_per_block contracts in grace, round-robin over the grace
//    index from the settle cursor, pay their debt from their twin's free balance (a top-up is a
//    plain transfer; this settles it in the next block).
// Index entries that no longer match their contract (a deleted contract, or a period changed by
// governance) are removed or moved when met, so the indexes heal themselves.
#include <algorithm>
#include <map>

#include "contracts/billing.hpp"
#include "contracts/billing_internal.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/state_keys.hpp"

namespace grid::contracts {
namespace {

using core::Bytes;
using core::ByteView;
using core::Result;
using core::Status;

struct Entry {
  std::uint64_t time = 0;
  std::uint64_t id = 0;
  Bytes key;
};

// The entries of a (time, id) index with time <= now, in order, at most `limit`.
Result<std::vector<Entry>> entries_until(const ledger::StateReader& state, const Bytes& prefix,
                                         std::uint64_t now, std::uint32_t limit) {
  std::vector<Entry> out;
  if (limit == 0) return out;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    Entry e;
    if (!keys::parse_time_id(key, e.time, e.id) || e.time > now) return false;
    e.key.assign(key.begin(), key.end());
    out.push_back(std::move(e));
    return out.size() < limit;
  }));
  return out;
}

Result<std::optional<Contract>> find_contract(const ledger::StateReader& state, std::uint64_t id) {
  return ledger::load<Contract>(state, keys::contract(id));
}

// Visits the keys strictly after `after` that share its first (table) byte, in order, until
// the visitor returns false. The state offers prefix scans only, so the range is covered by the
// prefixes branching off `after` (at most 255 per byte of it: a bounded number of scans).
Status scan_after(const ledger::StateReader& state, const Bytes& after,
                  const ledger::ScanVisitor& visit) {
  bool stopped = false;
  auto visitor = [&](ByteView key, ByteView value) {
    if (key.size() == after.size() && std::equal(key.begin(), key.end(), after.begin()))
      return true;
    stopped = !visit(key, value);
    return !stopped;
  };
  GRID_TRY(state.scan_prefix(after, visitor));
  for (std::size_t i = after.size(); !stopped && i-- > 1;) {
    Bytes prefix(after.begin(), after.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    for (unsigned b = after[i] + 1u; !stopped && b <= 0xff; ++b) {
      prefix[i] = static_cast<std::uint8_t>(b);
      GRID_TRY(state.scan_prefix(prefix, visitor));
    }
  }
  return Status::ok();
}

Status expire_grace(ledger::BlockContext& ctx, std::uint32_t& budget) {
  GRID_ASSIGN(auto entries,
              entries_until(ctx.state, keys::grace_expiry_prefix(), ctx.now(), budget));
  for (const Entry& e : entries) {
    GRID_ASSIGN(auto found, find_contract(ctx.state, e.id));
    if (!found || found->state != ContractState::grace_period) {
      ctx.state.erase(e.key);  // stale entry
      continue;
    }
    Bytes expected = billing_detail::grace_key(*found, ctx.params);
    if (expected != e.key) {  // the grace period changed: move it
      ctx.state.erase(e.key);
      ctx.state.put(std::move(expected), {});
      continue;
    }
    Contract& c = *found;
    GRID_TRY(bill_contract(ctx, c));  // collects what it can first
    --budget;
    if (c.is_live() && c.debt > 0) GRID_TRY(delete_contract(ctx, c, DeleteReason::out_of_funds));
  }
  return Status::ok();
}

Status bill_due(ledger::BlockContext& ctx, std::uint32_t& budget) {
  GRID_ASSIGN(auto entries, entries_until(ctx.state, keys::due_prefix(), ctx.now(), budget));
  for (const Entry& e : entries) {
    GRID_ASSIGN(auto found, find_contract(ctx.state, e.id));
    if (!found || !found->is_live() || !billed_by_due_index(*found)) {
      ctx.state.erase(e.key);  // stale entry
      continue;
    }
    std::uint64_t due = next_due_time(*found, ctx.params);
    if (due != e.time) {  // the billing period changed: move it
      unschedule_due(ctx.state, e.id, e.time);
      schedule_due(ctx.state, e.id, due);
      continue;
    }
    GRID_TRY(bill_contract(ctx, *found));
    --budget;
  }
  return Status::ok();
}

// The ids of up to `limit` contracts in grace, in grace-index order after the cursor's entry,
// wrapping around to the start.
Result<std::vector<std::uint64_t>> settlement_round(const ledger::BlockContext& ctx,
                                                    std::uint32_t limit) {
  std::optional<Bytes> after;
  GRID_ASSIGN(auto cursor, ledger::load<std::uint64_t>(ctx.state, keys::settle_cursor()));
  if (cursor) {
    GRID_ASSIGN(auto last, find_contract(ctx.state, *cursor));
    if (last) after = billing_detail::grace_key(*last, ctx.params);
  }
  std::vector<std::uint64_t> ids;
  auto collect = [&](ByteView key, ByteView) {
    ids.push_back(keys::trailing_id(key));
    return ids.size() < limit;
  };
  if (after) GRID_TRY(scan_after(ctx.state, *after, collect));
  if (ids.size() < limit) {
    GRID_TRY(ctx.state.scan_prefix(keys::grace_expiry_prefix(), [&](ByteView key, ByteView v) {
      // Past the cursor's entry again: the round is complete.
      if (after &&
          std::lexicographical_compare(after->begin(), after->end(), key.begin(), key.end()))
        return false;
      return collect(key, v);
    }));
  }
  return ids;
}

Status settle_debts(ledger::BlockContext& ctx) {
  if (ctx.params.max_settlements_per_block == 0) return Status::ok();
  GRID_ASSIGN(auto ids, settlement_round(ctx, ctx.params.max_settlements_per_block));
  if (ids.empty()) {
    GRID_ASSIGN(auto cursor, ctx.state.get(keys::settle_cursor()));
    if (cursor) ctx.state.erase(keys::settle_cursor());
    return Status::ok();
  }
  for (std::uint64_t id : ids) {
    GRID_ASSIGN(auto found, find_contract(ctx.state, id));
    if (!found || found->state != ContractState::grace_period || found->debt == 0) continue;
    std::uint64_t debt_before = found->debt;
    billing_detail::Charge nothing;
    nothing.period_start = nothing.period_end = ctx.now();
    GRID_TRY(billing_detail::collect(ctx, *found, nothing));
    if (found->debt != debt_before) store_contract(ctx.state, *found);
  }
  ledger::store(ctx.state, keys::settle_cursor(), ids.back());
  return Status::ok();
}

Status broken(std::string what, std::uint64_t id) {
  return Status::internal("billing invariant: contract " + std::to_string(id) + " " + what);
}

// Index entry counts per contract id of a (time, id) index.
Result<std::map<std::uint64_t, std::uint32_t>> index_counts(const ledger::StateReader& state,
                                                            const Bytes& prefix) {
  std::map<std::uint64_t, std::uint32_t> counts;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    ++counts[keys::trailing_id(key)];
    return true;
  }));
  return counts;
}

}  // namespace

Status BillingModule::end_block(ledger::BlockContext& ctx) {
  std::uint32_t budget = ctx.params.max_bills_per_block;
  GRID_TRY(expire_grace(ctx, budget));
  GRID_TRY(bill_due(ctx, budget));
  return settle_debts(ctx);
}

Status BillingModule::check_invariants(const ledger::StateReader& state,
                                       std::uint64_t& /*held*/) const {
  GRID_ASSIGN(ledger::ChainParams params,
              ledger::load_required<ledger::ChainParams>(state, ledger::keys::params(), "params"));
  GRID_ASSIGN(auto due, index_counts(state, keys::due_prefix()));
  GRID_ASSIGN(auto grace, index_counts(state, keys::grace_expiry_prefix()));
  Status error;
  auto count = [](const std::map<std::uint64_t, std::uint32_t>& m, std::uint64_t id) {
    auto it = m.find(id);
    return it == m.end() ? 0u : it->second;
  };
  std::size_t seen_due = 0;
  std::size_t seen_grace = 0;
  GRID_TRY(state.scan_prefix(
      ledger::keys::table_key(keys::kContract), [&](ByteView key, ByteView value) {
        auto c = core::decode<Contract>(value);
        if (!c) {
          error = Status::corruption("contract " + core::hex_encode(key) + " does not decode");
          return false;
        }
        std::uint32_t in_due = count(due, c->id);
        std::uint32_t in_grace = count(grace, c->id);
        seen_due += in_due;
        seen_grace += in_grace;
        bool billed = c->is_live() && billed_by_due_index(*c);
        if (in_due != (billed ? 1u : 0u))
          error = broken("is in the due index " + std::to_string(in_due) + " times", c->id);
        else if (in_grace != (c->state == ContractState::grace_period ? 1u : 0u))
          error = broken("in state " + std::string(contract_state_name(c->state)) +
                             " is in the grace index " + std::to_string(in_grace) + " times",
                         c->id);
        if (error.is_ok() && in_grace == 1) {
          auto entry = state.get(billing_detail::grace_key(*c, params));
          if (!entry)
            error = entry.error();
          else if (!entry->has_value())
            error = broken("is in the grace index under another expiry", c->id);
        }
        return error.is_ok();
      }));
  GRID_TRY(error);
  std::size_t total_due = 0;
  std::size_t total_grace = 0;
  for (const auto& [id, n] : due) total_due += n;
  for (const auto& [id, n] : grace) total_grace += n;
  if (total_due != seen_due || total_grace != seen_grace)
    return Status::internal("billing invariant: an index names a contract that does not exist");
  return Status::ok();
}

}  // namespace grid::contracts
