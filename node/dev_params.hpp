// Chain parameters set on the command line of `gridnode dev` (--params), so a development chain
// can bill every few seconds instead of every hour (the demo, the end-to-end tests).
//
// Contract: with_params returns `genesis` with the listed ChainParams fields changed. The list
// is "name=value,name=value" with the field names of docs/genesis.md ("params"); values are
// decimal. It goes through the genesis file's own strict reader (rpc/genesis_json.hpp), so an
// unknown name, a malformed or out-of-range value is refused (Code::invalid naming it) exactly
// as in a genesis file. An empty list returns the genesis unchanged. Pure.
#pragma once

#include <string_view>

#include "core/status.hpp"
#include "ledger/genesis.hpp"

namespace grid::node {

core::Result<ledger::Genesis> with_params(const ledger::Genesis& genesis, std::string_view list);

}  // namespace grid::node
