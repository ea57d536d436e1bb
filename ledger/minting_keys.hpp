// The minting module's state tables (bytes 0x68-0x6b of the range ledger/state_keys.hpp gives
// staking and governance; 0x6a and 0x6b are reserved for it). Layouts (integers big-endian):
//   0x68                 -> MintingState (the period being closed and the cursor of its run)
//   0x69 + node id (u32) -> NodeMinting (the node's next period to pay and its readings)
// Contract: pure functions; the layouts are part of the authenticated state (docs/wire.md).
#pragma once

#include <cstdint>

#include "core/bytes.hpp"

namespace grid::ledger::keys {

enum MintingTable : std::uint8_t {
  kMintingState = 0x68,
  kNodeMinting = 0x69,
};

core::Bytes minting_state();
core::Bytes node_minting(std::uint32_t node_id);
core::Bytes node_minting_prefix();

}  // namespace grid::ledger::keys
