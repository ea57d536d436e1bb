#include "ledger/minting_keys.hpp"

#include "ledger/state_keys.hpp"

namespace grid::ledger::keys {

core::Bytes minting_state() {
  return table_key(kMintingState);
}

core::Bytes node_minting(std::uint32_t node_id) {
  core::Bytes k = node_minting_prefix();
  append_u32(k, node_id);
  return k;
}

core::Bytes node_minting_prefix() {
  return table_key(kNodeMinting);
}

}  // namespace grid::ledger::keys
