// FarmModule: create_farm, update_farm, add_farm_ip, remove_farm_ip, set_farm_node_policy
// (WIRE.md tags 0x18-0x1c).
//
// Rules (ECONOMICS.md "Identity and registry"):
// - create_farm: the signer needs a twin (no_twin), which becomes the owner; the name follows
//   validate_farm_name (3-40 of [A-Za-z0-9_-]) and is unique, exactly as written
//   (duplicate_name, through the farm_by_name index); the public IPs pass validate_farm_ips
//   (public unicast CIDR, gateway in the subnet, no address twice). Ids count up from 1.
// - update_farm: the owner only (unauthorized); the new name follows the same rules and stays
//   unique; the farm_by_name index moves with it. Keeping the same name is accepted.
// - add_farm_ip: the owner only; validate_ipv4_gw; an address already in the farm, whatever its
//   prefix, is duplicate_ip.
// - remove_farm_ip: the owner only; the IP ("a.b.c.d/n" or "a.b.c.d", matched by address) must be
//   in the farm (not_found) and not assigned to a contract (ip_in_use).
// - set_farm_node_policy: the owner only; `open` lets any account register a node, otherwise only
//   the `allowed` accounts may; at most 1000 accounts, none twice (invalid_input). The list
//   replaces the previous one.
// Refusals leave the state unchanged. Every change emits an event naming the farm, its owner
// twin and the signer.
#pragma once

#include <cstddef>

#include "ledger/module.hpp"

namespace grid::ledger {

inline constexpr std::size_t kFarmAllowedMax = 1000;

class FarmModule final : public Module {
 public:
  std::string_view name() const override { return "farms"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
};

}  // namespace grid::ledger
