// The modules of contracts/ in their fixed order: the contract calls, then billing (end of
// block). Compositions append them after ledger::ledger_modules().
#pragma once

#include "ledger/module.hpp"

namespace grid::contracts {

ledger::Modules contract_modules();

}  // namespace grid::contracts
