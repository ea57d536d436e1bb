// The ledger's own modules in their fixed execution order (tokens, registry, price oracle). A
// composition (node, replay tool, tests) appends other modules after these.
#pragma once

#include "ledger/module.hpp"

namespace grid::ledger {

Modules ledger_modules();

}  // namespace grid::ledger
