#include "ledger/params.hpp"

namespace grid::ledger {

ChainParams dev_params() {
  ChainParams p;
  p.billing_period = 60;
  p.uptime_report_interval = 60;
  p.offline_after = 150;
  p.consumption_report_interval = 60;
  p.grace_period_node = 600;
  p.grace_period_rent = 120;
  p.epoch_length = 300;
  p.unbonding_period = 300;
  p.minting_period = 600;
  p.jail_period = 300;
  p.proposal_duration = 600;
  p.proposal_min_farms = 1;
  return p;
}

}  // namespace grid::ledger
