// The ledger's own modules in their fixed execution order (tokens, registry, price oracle,
// minting, governance). A composition (node, replay tool, tests) appends other modules after
// these.
//
// ledger_modules(evidence) is the same list followed by the staking module
// (ledger/staking_module.hpp), whose evidence verifier may be null. Every composition of one
// chain must use the same list (the node, the replay tool): staking changes the state.
#pragma once

#include <memory>

#include "ledger/evidence.hpp"
#include "ledger/module.hpp"

namespace grid::ledger {

Modules ledger_modules();
Modules ledger_modules(std::shared_ptr<const EvidenceVerifier> evidence);

}  // namespace grid::ledger
