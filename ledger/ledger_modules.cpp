#include "ledger/ledger_modules.hpp"

#include "ledger/farm_module.hpp"
#include "ledger/governance_module.hpp"
#include "ledger/minting_module.hpp"
#include "ledger/node_module.hpp"
#include "ledger/oracle_module.hpp"
#include "ledger/staking_module.hpp"
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
  m.push_back(std::make_unique<MintingModule>());
  m.push_back(std::make_unique<GovernanceModule>());  // last: its actions may use the others
  return m;
}

Modules ledger_modules(std::shared_ptr<const EvidenceVerifier> evidence) {
  Modules m = ledger_modules();
  m.push_back(std::make_unique<StakingModule>(std::move(evidence)));
  return m;
}

}  // namespace grid::ledger
