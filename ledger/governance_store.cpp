#include "ledger/governance_store.hpp"

#include <algorithm>
#include <vector>

#include "core/uint128.hpp"
#include "ledger/governance_module.hpp"
#include "ledger/minting.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {

std::string_view gov_state_name(GovState state) {
  switch (state) {
    case GovState::open:
      return "open";
    case GovState::passed:
      return "passed";
    case GovState::failed:
      return "failed";
    case GovState::rejected:
      return "rejected";
    case GovState::vetoed:
      return "vetoed";
    case GovState::expired:
      return "expired";
  }
  return "unknown";
}

Result<std::uint64_t> next_gov_id(Overlay& state, std::uint64_t GovCounters::*last) {
  GRID_ASSIGN(auto counters, load<GovCounters>(state, keys::gov_counters()));
  GovCounters c = counters.value_or(GovCounters{});
  c.*last += 1;
  store(state, keys::gov_counters(), c);
  return c.*last;
}

std::uint64_t node_weight_milli(const Resources& r) {
  // 2 * CU_f + SU_f with the farming formulas of ledger/minting.hpp (milli-units, floored).
  return core::saturate_u64(2 * core::u128{cu_f_milli(r)} + su_f_milli(r));
}

Result<std::uint64_t> farm_weight(const StateReader& state, std::uint32_t farm_id) {
  GRID_TRY(load_farm(state, farm_id).status());
  const core::Bytes prefix = keys::nodes_in_farm_prefix(farm_id);
  std::vector<std::uint32_t> node_ids;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    if (key.size() == prefix.size() + 4) {
      std::uint32_t id = 0;
      for (std::size_t i = prefix.size(); i < key.size(); ++i) id = (id << 8) | key[i];
      node_ids.push_back(id);
    }
    return true;
  }));
  std::uint64_t total = 0;
  for (std::uint32_t id : node_ids) {
    GRID_ASSIGN(Node node, load_node(state, id));
    total = core::saturate_u64(core::u128{total} + node_weight_milli(node.resources));
  }
  return total;
}

std::uint64_t motion_threshold(std::uint64_t council_size, std::uint32_t percent) {
  const core::u128 product = core::u128{council_size} * percent;
  const std::uint64_t t = core::saturate_u64((product + 99) / 100);
  return std::max<std::uint64_t>(1, t);
}

}  // namespace grid::ledger
