#include "ledger/ledger_modules.hpp"

#include "ledger/farm_module.hpp"
#include "ledger/node_module.hpp"
#include "ledger/oracle_module.hpp"
#include "ledger/token_module.hpp"
#include "ledger/twin_module.hpp"

namespace grid::ledger {

Modules ledger_modules() {
  Modules m;
  m.push_back(std::make_unique<TokenModule>());
  m.push_back(std::make_unique<TwinModule>());
  m.push_back(std::make_unique<FarmModule>());
  m.push_back(std::make_unique<NodeModule>());
  m.push_back(std::make_unique<OracleModule>());
  return m;
}

}  // namespace grid::ledger
