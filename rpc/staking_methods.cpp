#include "rpc/staking_methods.hpp"

#include <optional>
#include <vector>

#include "ledger/executor.hpp"
#include "ledger/genesis.hpp"
#include "ledger/staking_book.hpp"
#include "ledger/staking_read.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"
#include "rpc/json_domain.hpp"
#include "rpc/method_support.hpp"

namespace grid::rpc {
namespace {

using core::Result;
using core::Status;
using ledger::StateReader;

void write_validator_info(JsonWriter& w, const ledger::ValidatorInfo& v) {
  w.StartObject();
  write_key(w, "address");
  write_address(w, v.operator_account);
  write_key(w, "consensus_key");
  write_hex(w, v.consensus_key);
  write_key(w, "commission_percent");
  write_u32(w, v.commission_percent);
  write_key(w, "description");
  write_string(w, v.description);
  write_key(w, "self_bond");
  write_u64(w, v.self_bond);
  write_key(w, "total_bond");
  write_u64(w, v.total_bond);
  write_key(w, "delegators");
  write_u32(w, v.delegator_count);
  write_key(w, "jailed");
  w.Bool(v.jailed);
  write_key(w, "jailed_until");
  write_height(w, v.jailed ? v.jailed_until : 0);
  write_key(w, "active");
  w.Bool(v.active);
  write_key(w, "voting_power");
  write_u64(w, v.voting_power);
  w.EndObject();
}

Result<JsonText> staking_get_validator(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::AccountId address, params.get_address("address"));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(auto info,
                found(ledger::get_validator(reader, address), "validator " + address.to_address()));
    write_validator_info(w, info);
    return Status::ok();
  });
}

Result<std::vector<ledger::ValidatorInfo>> all_validators(const StateReader& reader) {
  std::vector<ledger::ValidatorInfo> all;
  std::optional<core::AccountId> after;
  do {
    GRID_ASSIGN(auto page, ledger::list_validators(reader, after, ledger::kMaxValidatorPage));
    for (auto& v : page.validators) all.push_back(std::move(v));
    after = page.next_after;
  } while (after);
  return all;
}

Result<JsonText> staking_list_validators(NodeApi& node, const Params& params) {
  std::optional<bool> active;
  if (params.has("active")) {
    GRID_ASSIGN(active, params.get_bool("active"));
  }
  GRID_ASSIGN(Page page, get_page(params, 100));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(auto all, all_validators(reader));
    if (active) std::erase_if(all, [&](const auto& v) { return v.active != *active; });
    GRID_ASSIGN(auto chain_params, ledger::load_params(reader));
    GRID_ASSIGN(auto meta, ledger::load<ledger::ChainMeta>(reader, ledger::keys::chain_meta()));
    GRID_ASSIGN(auto counters, ledger::load<ledger::Counters>(reader, ledger::keys::counters()));
    if (!meta || !counters) return Status::internal("the state has no chain meta or counters");
    GRID_ASSIGN(std::uint64_t epoch, ledger::epoch_at(reader, chain_params, meta->time));
    w.StartObject();
    write_key(w, "epoch");
    write_u64(w, epoch);
    write_key(w, "next_epoch_at");
    write_height(w, meta->genesis_time + (epoch + 1) * chain_params.epoch_length);
    write_key(w, "staking_pool");
    write_u64(w, counters->staking_pool);
    write_page_members(w, "validators", all, page, write_validator_info);
    w.EndObject();
    return Status::ok();
  });
}

Result<JsonText> staking_get_delegations(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::AccountId address, params.get_address("address"));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(auto staking, ledger::account_staking(reader, address));
    GRID_ASSIGN(auto account,
                ledger::load<ledger::Account>(reader, ledger::keys::account(address)));
    const ledger::Account a = account.value_or(ledger::Account{});
    w.StartObject();
    write_key(w, "address");
    write_address(w, address);
    write_key(w, "bonded");
    write_u64(w, a.bonded);
    write_key(w, "unbonding");
    write_u64(w, a.unbonding);
    write_key(w, "pending_rewards");
    write_u64(w, staking.rewards_total);
    write_key(w, "delegations");
    w.StartArray();
    for (const auto& d : staking.delegations) {
      w.StartObject();
      write_key(w, "validator");
      write_address(w, d.validator);
      write_key(w, "amount");
      write_u64(w, d.amount);
      write_key(w, "pending_rewards");
      write_u64(w, d.pending_rewards);
      w.EndObject();
    }
    w.EndArray();
    write_key(w, "unbonding_entries");
    w.StartArray();
    for (const auto& u : staking.unbonding) {
      w.StartObject();
      write_key(w, "validator");
      write_address(w, u.validator);
      write_key(w, "amount");
      write_u64(w, u.amount);
      write_key(w, "release_at");
      write_height(w, u.release_at);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return Status::ok();
  });
}

}  // namespace

Status add_staking_methods(MethodRegistry& registry, NodeApi& node) {
  const MethodSpec methods[] = {
      {"staking_getValidator", {"address"}, staking_get_validator},
      {"staking_listValidators", {"active", "page", "size"}, staking_list_validators},
      {"staking_getDelegations", {"address"}, staking_get_delegations},
  };
  return register_methods(registry, node, methods);
}

}  // namespace grid::rpc
