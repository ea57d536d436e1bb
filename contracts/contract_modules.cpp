#include "contracts/contract_modules.hpp"

#include "contracts/billing.hpp"
#include "contracts/contract_module.hpp"

namespace grid::contracts {

ledger::Modules contract_modules() {
  ledger::Modules modules;
  modules.push_back(std::make_unique<ContractModule>());
  modules.push_back(std::make_unique<BillingModule>());
  return modules;
}

}  // namespace grid::contracts
