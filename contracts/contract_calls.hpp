// The handlers of ContractModule's calls, split by subject (internal to contracts/): rules in
// contracts/contract_module.hpp. node_contracts.cpp: create/update node contracts and cancel;
// rent_name_contracts.cpp: name and rent contracts; service_contracts.cpp: service contracts;
// solution_providers.cpp: solution providers; consumption.cpp: network reports;
// contract_invariants.cpp: the invariants.
#pragma once

#include <cstdint>

#include "ledger/module.hpp"

namespace grid::contracts {

core::Status apply_create_node_contract(ledger::TxContext& ctx,
                                        const ledger::CreateNodeContract& call);
core::Status apply_update_node_contract(ledger::TxContext& ctx,
                                        const ledger::UpdateNodeContract& call);
core::Status apply_cancel_contract(ledger::TxContext& ctx, const ledger::CancelContract& call);

core::Status apply_create_name_contract(ledger::TxContext& ctx,
                                        const ledger::CreateNameContract& call);
core::Status apply_create_rent_contract(ledger::TxContext& ctx,
                                        const ledger::CreateRentContract& call);

// Whether the call is one of the service-contract calls (0x38-0x3e), and its handler.
bool is_service_contract_call(const ledger::Call& call);
core::Status apply_service_contract_call(ledger::TxContext& ctx);

core::Status apply_create_solution_provider(ledger::TxContext& ctx,
                                            const ledger::CreateSolutionProvider& call);
core::Status apply_attach_solution_provider(ledger::TxContext& ctx,
                                            const ledger::AttachSolutionProvider& call);

// Everything that makes a consumption report refusable; reads only `state`.
core::Status check_report_consumption(const ledger::StateReader& state,
                                      const ledger::ChainParams& params, std::uint64_t now,
                                      const core::AccountId& signer,
                                      const ledger::ReportConsumption& call);
core::Status apply_report_consumption(ledger::TxContext& ctx,
                                      const ledger::ReportConsumption& call);

// Cancels a live contract on the signer's authority (shared by cancel_contract and
// service_contract_cancel): bills first, deletes with canceled_by_user.
core::Status cancel_contract_by(ledger::TxContext& ctx, std::uint64_t contract_id);

core::Status check_contract_invariants(const ledger::StateReader& state);

}  // namespace grid::contracts
