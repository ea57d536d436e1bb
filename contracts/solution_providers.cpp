// create_solution_provider, attach_solution_provider (rules in contract_module.hpp) and the
// governance operation approve_solution_provider.
#include "contracts/solution_providers.hpp"

#include "contracts/contract_calls.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/contract_refusals.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/accounts.hpp"
#include "ledger/governance_ops.hpp"
#include "ledger/refusal.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;

constexpr std::size_t kTextMax = 256;
constexpr std::size_t kProvidersMax = 5;
constexpr std::uint32_t kTakeMax = 40;

Status invalid(std::string detail) {
  return refuse(ledger::reason::invalid_input, detail);
}

Status validate_provider(const CreateSolutionProvider& call, const ChainParams& params) {
  if (call.description.size() > kTextMax) return invalid("description over 256 bytes");
  if (call.link.size() > kTextMax) return invalid("link over 256 bytes");
  if (call.providers.empty() || call.providers.size() > kProvidersMax)
    return invalid("1 to 5 providers");
  std::uint32_t total = 0;
  for (const auto& p : call.providers) {
    if (p.take == 0 || p.take > kTakeMax) return invalid("each take is 1..40 percent");
    total += p.take;
  }
  if (total > params.foundation_percent)
    return invalid("takes sum to " + std::to_string(total) + " %, over the foundation's " +
                   std::to_string(params.foundation_percent) + " %");
  return Status::ok();
}

Event provider_event(std::string kind, const SolutionProvider& provider) {
  Event e{.kind = std::move(kind), .account = provider.created_by};
  e.with("provider_id", std::to_string(provider.id));
  return e;
}

}  // namespace

Status apply_create_solution_provider(TxContext& ctx, const CreateSolutionProvider& call) {
  GRID_TRY(validate_provider(call, ctx.params));
  GRID_ASSIGN(Counters counters, load_counters(ctx.state));
  if (counters.last_solution_provider_id == UINT64_MAX)
    return invalid("no solution provider id left");
  counters.last_solution_provider_id += 1;
  store_counters(ctx.state, counters);

  SolutionProvider provider{.id = counters.last_solution_provider_id,
                            .description = call.description,
                            .link = call.link,
                            .providers = {},
                            .approved = false,
                            .created_by = ctx.signer()};
  for (const auto& p : call.providers) provider.providers.push_back({p.account, p.take});
  store(ctx.state, keys::solution_provider(provider.id), provider);
  ctx.emit(provider_event("solution_provider_created", provider));
  return Status::ok();
}

Status apply_attach_solution_provider(TxContext& ctx, const AttachSolutionProvider& call) {
  GRID_ASSIGN(Contract contract, load_owned_contract(ctx.state, call.contract_id, ctx.signer()));
  if (contract.kind == ContractKind::service)
    return refuse(reason::wrong_contract_kind, "service contract bills go to the service only");
  if (contract.solution_provider_id)
    return refuse(reason::solution_provider_attached,
                  "contract " + std::to_string(contract.id) + " has solution provider " +
                      std::to_string(*contract.solution_provider_id));
  GRID_TRY(require_approved_provider(ctx.state, call.provider_id));
  contract.solution_provider_id = call.provider_id;
  store_contract(ctx.state, contract);
  Event e = contract_event("solution_provider_attached", contract);
  e.with("provider_id", std::to_string(call.provider_id));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status approve_solution_provider(BlockContext& ctx, const AccountId& caller,
                                 std::uint64_t provider_id) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_ASSIGN(SolutionProvider provider, load_solution_provider(ctx.state, provider_id));
  provider.approved = true;
  store(ctx.state, keys::solution_provider(provider.id), provider);
  Event e = provider_event("solution_provider_approved", provider);
  e.with("by", caller.to_address());
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace grid::contracts
