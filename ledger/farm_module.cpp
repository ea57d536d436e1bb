#include "ledger/farm_module.hpp"

#include <set>

#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/validation.hpp"

namespace grid::ledger {
namespace {

// A valid farm name that no farm holds yet.
Status check_new_farm_name(const StateReader& state, std::string_view name) {
  GRID_TRY(validate_farm_name(name));
  GRID_ASSIGN(auto holder, load_index(state, keys::farm_by_name(name)));
  if (holder)
    return refuse(reason::duplicate_name,
                  "farm " + std::to_string(*holder) + " is already named " + std::string(name));
  return Status::ok();
}

// The position in farm.public_ips of the entry with this address, if any.
Result<std::optional<std::size_t>> find_farm_ip(const Farm& farm, Ipv4 address) {
  for (std::size_t i = 0; i < farm.public_ips.size(); ++i) {
    auto cidr = parse_ipv4_cidr(farm.public_ips[i].ip);
    if (!cidr)
      return Status::corruption("farm " + std::to_string(farm.id) + " holds an unparsable IP " +
                                farm.public_ips[i].ip);
    if (cidr->address() == address) return std::optional<std::size_t>(i);
  }
  return std::optional<std::size_t>();
}

// The address named by remove_farm_ip: "a.b.c.d/n" or "a.b.c.d".
Result<Ipv4> parse_named_ip(std::string_view text) {
  if (auto cidr = parse_ipv4_cidr(text)) return cidr->address();
  if (auto ip = parse_ipv4(text)) return *ip;
  return registry_refusal(RegistryRefusal::invalid_ipv4, "expected a.b.c.d/n or a.b.c.d");
}

Status apply_create_farm(TxContext& ctx, const CreateFarm& call) {
  GRID_ASSIGN(std::uint32_t twin_id, require_twin(ctx.state, ctx.signer()));
  GRID_TRY(check_new_farm_name(ctx.state, call.name));
  GRID_TRY(validate_farm_ips(call.public_ips).status());

  GRID_ASSIGN(std::uint32_t id, allocate_id(ctx.state, &Counters::last_farm_id, "farm"));
  Farm farm;
  farm.id = id;
  farm.name = call.name;
  farm.twin_id = twin_id;
  for (const auto& ip : call.public_ips) farm.public_ips.push_back(FarmIp{ip.ip, ip.gateway, 0});
  store_farm(ctx.state, farm);
  store_index(ctx.state, keys::farm_by_name(farm.name), id);
  Event e = farm_event("farm_created", farm, ctx.signer());
  e.with("name", farm.name).with("public_ips", std::to_string(farm.public_ips.size()));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_update_farm(TxContext& ctx, const UpdateFarm& call) {
  GRID_ASSIGN(Farm farm, load_owned_farm(ctx.state, call.farm_id, ctx.signer()));
  if (call.name != farm.name) {
    GRID_TRY(check_new_farm_name(ctx.state, call.name));
    ctx.state.erase(keys::farm_by_name(farm.name));
    store_index(ctx.state, keys::farm_by_name(call.name), farm.id);
  }
  Event e = farm_event("farm_updated", farm, ctx.signer());
  e.with("old_name", farm.name).with("name", call.name);
  farm.name = call.name;
  store_farm(ctx.state, farm);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_add_farm_ip(TxContext& ctx, const AddFarmIp& call) {
  GRID_ASSIGN(Farm farm, load_owned_farm(ctx.state, call.farm_id, ctx.signer()));
  GRID_ASSIGN(Ipv4Gw parsed, validate_ipv4_gw(call.ip.ip, call.ip.gateway));
  GRID_ASSIGN(auto existing, find_farm_ip(farm, parsed.ip.address()));
  if (existing)
    return refuse(reason::duplicate_ip, to_string(parsed.ip.address()) + " is already farm IP " +
                                            farm.public_ips[*existing].ip);
  farm.public_ips.push_back(FarmIp{call.ip.ip, call.ip.gateway, 0});
  store_farm(ctx.state, farm);
  Event e = farm_event("farm_ip_added", farm, ctx.signer());
  e.with("ip", call.ip.ip).with("gateway", call.ip.gateway);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_remove_farm_ip(TxContext& ctx, const RemoveFarmIp& call) {
  GRID_ASSIGN(Farm farm, load_owned_farm(ctx.state, call.farm_id, ctx.signer()));
  GRID_ASSIGN(Ipv4 address, parse_named_ip(call.ip));
  GRID_ASSIGN(auto at, find_farm_ip(farm, address));
  if (!at)
    return refuse(reason::not_found,
                  to_string(address) + " is not an IP of farm " + std::to_string(farm.id));
  FarmIp removed = farm.public_ips[*at];
  if (removed.contract_id != 0)
    return refuse(reason::ip_in_use,
                  removed.ip + " is assigned to contract " + std::to_string(removed.contract_id));
  farm.public_ips.erase(farm.public_ips.begin() + static_cast<std::ptrdiff_t>(*at));
  store_farm(ctx.state, farm);
  Event e = farm_event("farm_ip_removed", farm, ctx.signer());
  e.with("ip", removed.ip).with("gateway", removed.gateway);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_set_farm_node_policy(TxContext& ctx, const SetFarmNodePolicy& call) {
  GRID_ASSIGN(Farm farm, load_owned_farm(ctx.state, call.farm_id, ctx.signer()));
  if (call.allowed.size() > kFarmAllowedMax)
    return refuse(reason::invalid_input, std::to_string(call.allowed.size()) +
                                             " allowed accounts, at most " +
                                             std::to_string(kFarmAllowedMax));
  std::set<AccountId> seen;
  for (const auto& account : call.allowed)
    if (!seen.insert(account).second)
      return refuse(reason::invalid_input, account.to_address() + " is listed twice");
  farm.open = call.open;
  farm.allowed = call.allowed;
  store_farm(ctx.state, farm);
  Event e = farm_event("farm_node_policy_set", farm, ctx.signer());
  e.with("open", call.open ? "true" : "false").with("allowed", std::to_string(call.allowed.size()));
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

bool FarmModule::handles(const Call& call) const {
  return call.as<CreateFarm>() || call.as<UpdateFarm>() || call.as<AddFarmIp>() ||
         call.as<RemoveFarmIp>() || call.as<SetFarmNodePolicy>();
}

Status FarmModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<CreateFarm>()) return apply_create_farm(ctx, *c);
  if (auto* c = call.as<UpdateFarm>()) return apply_update_farm(ctx, *c);
  if (auto* c = call.as<AddFarmIp>()) return apply_add_farm_ip(ctx, *c);
  if (auto* c = call.as<RemoveFarmIp>()) return apply_remove_farm_ip(ctx, *c);
  if (auto* c = call.as<SetFarmNodePolicy>()) return apply_set_farm_node_policy(ctx, *c);
  return Status::internal("farm module given a call it does not handle");
}

}  // namespace grid::ledger
