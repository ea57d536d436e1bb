// ChainParams: every number of ECONOMICS.md as a genesis parameter (changeable by governance),
// and the pricing and farming policies. Defaults are the production values of ECONOMICS.md;
// dev_params() gives the short periods of the dev genesis.
//
// Contract: plain codec records stored in state (keys::params(), keys::pricing_policy(id),
// keys::farming_policy(id)); the state machine reads them from state, never from code.
// Percentages are integer percent; uptime minimums are per mille; periods are seconds.
#pragma once

#include <cstdint>
#include <string>

#include "core/account_id.hpp"
#include "core/codec.hpp"

namespace grid::ledger {

struct ChainParams {
  // Fees
  std::uint64_t base_fee = 10'000;
  std::uint64_t byte_fee = 1;
  std::uint64_t existential_deposit = 500;
  // Billing and liveness
  std::uint64_t billing_period = 3600;
  std::uint32_t max_bills_per_block = 1000;
  std::uint32_t max_settlements_per_block = 100;
  std::uint64_t uptime_report_interval = 2400;
  std::uint64_t offline_after = 4800;
  std::uint64_t consumption_report_interval = 3600;
  std::uint64_t timestamp_hint_tolerance = 60;
  std::uint64_t grace_period_node = 14 * 86400;
  std::uint64_t grace_period_rent = 86400;
  std::uint32_t certified_uplift_percent = 125;
  // Capacity system reserve: max(mru_reserve_percent of mru, mru_reserve_min) and sru_reserve.
  std::uint32_t mru_reserve_percent = 10;
  std::uint64_t mru_reserve_min = 2ull << 30;
  std::uint64_t sru_reserve = 20ull << 30;
  // Payout split of a bill, percent (the farm owner gets the rest and every remainder).
  std::uint32_t foundation_percent = 40;
  std::uint32_t staking_pool_percent = 10;
  core::AccountId foundation{};
  // Staking
  std::uint64_t min_validator_bond = 10'000ull * 10'000'000;
  std::uint64_t unbonding_period = 14 * 86400;
  std::uint64_t epoch_length = 86400;
  std::uint32_t max_validators = 100;
  std::uint32_t slash_percent = 5;
  std::uint64_t jail_period = 86400;
  std::uint64_t evidence_max_age = 7 * 86400;
  // Minting
  std::uint64_t minting_period = 30 * 86400;
  std::uint64_t max_supply = 4'000'000'000ull * 10'000'000;
  std::uint32_t max_mints_per_block = 1000;
  // Price oracle (mUSD per TFT)
  std::uint32_t price_min = 10;
  std::uint32_t price_max = 1000;
  std::uint32_t price_window = 1440;
  std::uint64_t price_submit_interval = 60;
  // Governance
  std::uint64_t proposal_duration = 7 * 86400;
  std::uint32_t proposal_min_farms = 5;
  std::uint32_t council_motion_percent = 60;
  std::uint32_t council_vetoes_to_close = 3;

  bool operator==(const ChainParams&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.base_fee);
    v(self.byte_fee);
    v(self.existential_deposit);
    v(self.billing_period);
    v(self.max_bills_per_block);
    v(self.max_settlements_per_block);
    v(self.uptime_report_interval);
    v(self.offline_after);
    v(self.consumption_report_interval);
    v(self.timestamp_hint_tolerance);
    v(self.grace_period_node);
    v(self.grace_period_rent);
    v(self.certified_uplift_percent);
    v(self.mru_reserve_percent);
    v(self.mru_reserve_min);
    v(self.sru_reserve);
    v(self.foundation_percent);
    v(self.staking_pool_percent);
    v(self.foundation);
    v(self.min_validator_bond);
    v(self.unbonding_period);
    v(self.epoch_length);
    v(self.max_validators);
    v(self.slash_percent);
    v(self.jail_period);
    v(self.evidence_max_age);
    v(self.minting_period);
    v(self.max_supply);
    v(self.max_mints_per_block);
    v(self.price_min);
    v(self.price_max);
    v(self.price_window);
    v(self.price_submit_interval);
    v(self.proposal_duration);
    v(self.proposal_min_farms);
    v(self.council_motion_percent);
    v(self.council_vetoes_to_close);
  }
};

// The short periods of the dev genesis (ECONOMICS.md "The dev genesis").
ChainParams dev_params();

// Prices in units-USD (10^-7 USD) per hour; nu per GB (10^9 bytes).
struct PricingPolicy {
  std::uint32_t id = 1;
  std::string name = "default";
  std::uint64_t cu = 100'000;
  std::uint64_t su = 50'000;
  std::uint64_t nu = 15'000;
  std::uint64_t ipv4 = 40'000;
  std::uint64_t unique_name = 2'500;
  std::uint64_t domain_name = 5'000;
  std::uint32_t dedicated_discount_percent = 50;
  bool operator==(const PricingPolicy&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.name);
    v(self.cu);
    v(self.su);
    v(self.nu);
    v(self.ipv4);
    v(self.unique_name);
    v(self.domain_name);
    v(self.dedicated_discount_percent);
  }
};

// Farming rewards in units-USD per unit per minting period's hour basis (see ECONOMICS.md).
struct FarmingPolicy {
  std::uint32_t id = 1;
  std::string name = "diy";
  std::uint64_t cu_reward = 0;
  std::uint64_t su_reward = 0;
  std::uint64_t ipv4_reward = 0;
  std::uint32_t minimal_uptime_permille = 950;
  bool certified = false;
  std::uint32_t connection_price_musd = 80;
  bool operator==(const FarmingPolicy&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.name);
    v(self.cu_reward);
    v(self.su_reward);
    v(self.ipv4_reward);
    v(self.minimal_uptime_permille);
    v(self.certified);
    v(self.connection_price_musd);
  }
};

}  // namespace grid::ledger
