// Testnets: a genesis for a set of validator keys, and `gridnode testnet` (N validators on
// loopback, each with its own home, ports and log, started as child processes).
//
// Contract: make_testnet_genesis is the dev genesis (dev accounts funded, alice on the council,
// dev parameters) with another chain id and one validator per key; each validator's operator
// account is the ed25519 account of its key, funded with its self-bond plus 1 000 TFT (so the
// dev accounts keep exactly their dev balances). Node i of a testnet listens for p2p on
// base_port + 2i and for JSON-RPC on base_port + 2i + 1.
// Thread safety: called from main only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ledger/genesis.hpp"

namespace grid::node {

ledger::Genesis make_testnet_genesis(const std::string& chain_id,
                                     const std::vector<std::array<std::uint8_t, 32>>& keys);

}  // namespace grid::node
