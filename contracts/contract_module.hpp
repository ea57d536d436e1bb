// ContractModule: the contract calls of WIRE.md tags 0x30-0x3e (node, name, rent and service
// contracts, solution providers, network consumption reports), the node-deletion hook and the
// contract invariants. Billing itself is contracts/billing.hpp.
//
// Rules (ECONOMICS.md "Capacity reservation", "Contracts", "Node daemon duties"; reasons in
// contracts/contract_refusals.hpp and ledger/refusal.hpp). Every refusal leaves the state
// unchanged; every change emits an event naming the contract, its twin and its node.
// - create_node_contract: the signer's twin pays (no_twin); the node exists (not_found); on a
//   rented node only the renter (node_rented); a node of a dedicated farm or with an extra fee
//   takes node contracts only from its renter (node_rent_only); reserved + requested fits the
//   node's total minus the system reserve in every dimension (node_overbooked); public IPs come
//   from the farm's free IPs in farm order (not_enough_ips); a solution provider must exist and
//   be approved (solution_provider_not_approved). The contract starts billing now (due at now +
//   billing_period) with the node's liveness totals as its marks. Events contract_created,
//   ips_reserved.
// - update_node_contract: the owner twin (unauthorized) of a live node contract
//   (contract_deleted, wrong_contract_kind), not in grace (contract_in_grace); bills the elapsed
//   time first; the same capacity check without its own old reservation; more IPs are taken from
//   the farm, fewer free the last ones; new deployment hash and data. Event contract_updated.
// - cancel_contract: the owner (either party of a service contract); a rent contract whose node
//   still has node contracts is rent_has_node_contracts; bills first, then deletes with
//   canceled_by_user. Event contract_canceled.
// - create_name_contract: the name rules (validate_name_contract_name), unique among live name
//   contracts (duplicate_name).
// - create_rent_contract: the node exists and is not rented (node_rented) and holds no node
//   contract of another twin (node_has_contracts); optional approved solution provider.
// - report_consumption: fee-free, signed by a node (not_a_node), at most once per half
//   consumption_report_interval (rate_limited); every report names a live node contract on the
//   signer's node (contract_not_on_node) and a window of 1..(now - the contract's last accepted
//   window end) seconds (invalid_input / window_overlap); bytes add to the contract's pending
//   network bytes (amount_overflow). All checks run in check_free_call too, so a bad report
//   never enters a block; one bad report refuses the whole call.
// - create_solution_provider: description and link <= 256 bytes, 1..5 providers with takes
//   1..40 summing to at most foundation_percent (invalid_input); starts unapproved. Approval is
//   the governance operation approve_solution_provider (contracts/solution_providers.hpp).
// - attach_solution_provider: the contract owner; an approved provider; a live, not service,
//   contract without one (solution_provider_attached).
// - service contracts (TFChain ADR 0003): see contracts/service_contracts.cpp's header comment.
// - on_node_deleted: bills and deletes (node_deleted) the node's contracts, then its rent
//   contract; bounded by the node's contract count.
// - run_governance_action (a passed governance vote, ledger/governance_actions.hpp):
//   cancel_contract bills the live contract up to now and deletes it with
//   canceled_by_governance (not_found / contract_deleted; a rent contract takes its node's
//   contracts down with it, rent_ended), event contract_canceled; approve_solution_provider runs
//   contracts/solution_providers.hpp on the council's authority (governance_authority). Other
//   actions are not this module's (nullopt).
// - check_invariants: every node's reservation equals the sum of its live node contracts and
//   fits its usable capacity, and its contract count matches; every assigned farm IP belongs to
//   exactly one live node contract holding it and vice versa; live contracts reference existing
//   twins and nodes; the due index holds each live contract billed through it exactly once (and
//   nothing else); the name index holds exactly the live name contracts. Scans everything (tests
//   and debug builds only). Holds no supply outside accounts.
#pragma once

#include "ledger/module.hpp"

namespace grid::contracts {

class ContractModule final : public ledger::Module {
 public:
  std::string_view name() const override { return "contracts"; }
  bool handles(const ledger::Call& call) const override;
  core::Status apply(ledger::TxContext& ctx) override;
  bool is_fee_free(const ledger::Call& call) const override;
  core::Status check_free_call(const ledger::StateReader& state, const ledger::ChainParams& params,
                               const ledger::BlockHeader& header,
                               const ledger::Transaction& tx) const override;
  core::Status on_node_deleted(ledger::BlockContext& ctx, std::uint32_t node_id) override;
  std::optional<core::Status> run_governance_action(ledger::BlockContext& ctx,
                                                    const ledger::GovAction& action) override;
  core::Status check_invariants(const ledger::StateReader& state,
                                std::uint64_t& held) const override;
};

}  // namespace grid::contracts
