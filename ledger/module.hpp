// The executor's extension points: a Module handles some calls and may do end-of-block work.
// ledger/ provides the token and registry modules; contracts/ (and later staking, governance)
// provide theirs; the composition (node, replay tool, tests) lists them in a fixed order.
//
// Contract: modules are deterministic: they read and write state only through the contexts
// given, use no clock, randomness, threads or floating point. A handler returns Status::ok,
// a refusal (ledger/refusal.hpp: its overlay is dropped, the fee stays paid) or another error
// (a node failure: the whole block fails). Hooks let the ledger tell modules what happened to
// records they depend on (a node deleted) without including them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/block.hpp"
#include "ledger/params.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

class Module;
struct GovAction;  // ledger/governance_actions.hpp

// What every piece of block execution sees.
struct BlockContext {
  Overlay& state;
  const ChainParams& params;
  const BlockHeader& header;
  std::vector<Event>& events;  // where this step's events go
  const std::vector<std::unique_ptr<Module>>& modules;

  std::uint64_t now() const { return header.time; }
  void emit(Event e) { events.push_back(std::move(e)); }
};

// One transaction's call: the block context plus the signed transaction.
struct TxContext : BlockContext {
  const Transaction& tx;
  const core::AccountId& signer() const { return tx.signer; }
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  virtual bool handles(const Call& call) const = 0;
  virtual Status apply(TxContext& ctx) = 0;
  // Fee-free calls (node reports): required fee 0, but the signer must qualify (check_free_call).
  virtual bool is_fee_free(const Call&) const { return false; }
  virtual Status check_free_call(const StateReader&, const ChainParams&, const BlockHeader&,
                                 const Transaction&) const {
    return Status::ok();
  }
  // Runs for every module before the block's transactions (block evidence...); its events go
  // to the block's events.
  virtual Status begin_block(BlockContext&, const Block&) { return Status::ok(); }
  virtual Status end_block(BlockContext&) { return Status::ok(); }
  // Hooks.
  virtual Status on_node_deleted(BlockContext&, std::uint32_t /*node_id*/) { return Status::ok(); }
  // A passed governance action this module runs (contracts/: cancel_contract,
  // approve_solution_provider): its outcome, or nullopt when the action is not this module's.
  virtual std::optional<Status> run_governance_action(BlockContext&, const GovAction&) {
    return std::nullopt;
  }
  // Invariants over the whole state (tests and debug builds). Adds this module's share of the
  // total supply held outside accounts (pools) to `held`.
  virtual Status check_invariants(const StateReader&, std::uint64_t& /*held*/) const {
    return Status::ok();
  }
};

using Modules = std::vector<std::unique_ptr<Module>>;

}  // namespace grid::ledger
