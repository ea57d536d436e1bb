// The records of the ledger's state: accounts, terms, twins, farms, nodes, KV entries, counters.
//
// Contract: every record is a codec struct stored under the key given by ledger/state_keys.hpp.
// Field order is the stored (and proven) layout: append fields only with a state migration.
// Times are chain seconds (block timestamps). Balances are base units (10^-7 TFT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "ledger/wire_types.hpp"

namespace grid::ledger {

using core::AccountId;

struct Account {
  std::uint64_t free = 0;
  std::uint64_t reserved = 0;
  std::uint64_t bonded = 0;
  std::uint64_t unbonding = 0;
  std::uint64_t nonce = 0;    // committed transactions signed by this account
  std::uint32_t twin_id = 0;  // 0: none
  bool operator==(const Account&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.free);
    v(self.reserved);
    v(self.bonded);
    v(self.unbonding);
    v(self.nonce);
    v(self.twin_id);
  }
};

struct Terms {
  std::string document_link;
  std::string document_hash;
  std::uint64_t accepted_at = 0;
  bool operator==(const Terms&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.document_link);
    v(self.document_hash);
    v(self.accepted_at);
  }
};

struct Twin {
  std::uint32_t id = 0;
  AccountId account{};
  std::optional<std::string> relay;
  std::optional<core::Bytes> pk;
  std::optional<AccountId> stash;  // bonded stash account: its balance counts for discounts
  std::uint64_t created_at = 0;
  bool operator==(const Twin&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.account);
    v(self.relay);
    v(self.pk);
    v(self.stash);
    v(self.created_at);
  }
};

enum class FarmCertification : std::uint8_t { none = 0, gold = 1 };
enum class NodeCertification : std::uint8_t { diy = 0, certified = 1 };

struct FarmIp {
  std::string ip;  // CIDR
  std::string gateway;
  std::uint64_t contract_id = 0;  // 0: free
  bool operator==(const FarmIp&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.ip);
    v(self.gateway);
    v(self.contract_id);
  }
};

struct Farm {
  std::uint32_t id = 0;
  std::string name;
  std::uint32_t twin_id = 0;  // the owner
  std::vector<FarmIp> public_ips;
  FarmCertification certification = FarmCertification::none;
  bool dedicated = false;
  std::uint32_t pricing_policy_id = 1;
  std::uint32_t farming_policy_id = 0;  // 0: the default policy for the node's certification
  bool open = false;                    // any account may register a node
  std::vector<AccountId> allowed;       // accounts allowed to register a node
  std::uint32_t node_count = 0;
  bool operator==(const Farm&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.name);
    v(self.twin_id);
    v(self.public_ips);
    v(self.certification, core::Limit{1});
    v(self.dedicated);
    v(self.pricing_policy_id);
    v(self.farming_policy_id);
    v(self.open);
    v(self.allowed);
    v(self.node_count);
  }
};

enum class PowerState : std::uint8_t { up = 0, down = 1 };

struct Node {
  std::uint32_t id = 0;
  std::uint32_t farm_id = 0;
  std::uint32_t twin_id = 0;  // the node daemon's twin
  AccountId account{};        // the node daemon's key
  Resources resources;
  Location location;
  std::vector<Interface> interfaces;
  std::optional<PublicConfig> public_config;
  NodeCertification certification = NodeCertification::diy;
  bool secure_boot = false;
  bool virtualized = false;
  std::optional<std::string> serial;
  std::uint64_t created_at = 0;
  PowerState power_state = PowerState::up;
  std::uint64_t power_state_since = 0;
  PowerState power_target = PowerState::up;
  std::uint64_t extra_fee_musd_month = 0;  // dedicated-rent extra fee
  // Liveness: the last uptime report, and the running total of down seconds up to it.
  std::uint64_t last_uptime_report = 0;
  std::uint64_t last_uptime_value = 0;
  std::uint64_t down_seconds_total = 0;
  std::uint64_t last_consumption_report = 0;
  // Standby: the running total of seconds the farmer had the node powered down, up to
  // power_state_since (rent contracts are not billed for them).
  std::uint64_t standby_seconds_total = 0;
  // Capacity reserved by live contracts (maintained by contracts/).
  Resources reserved;
  std::uint64_t rent_contract_id = 0;  // 0: not rented
  std::uint32_t contract_count = 0;    // live node contracts
  bool operator==(const Node&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.farm_id);
    v(self.twin_id);
    v(self.account);
    v(self.resources);
    v(self.location);
    v(self.interfaces);
    v(self.public_config);
    v(self.certification, core::Limit{1});
    v(self.secure_boot);
    v(self.virtualized);
    v(self.serial);
    v(self.created_at);
    v(self.power_state, core::Limit{1});
    v(self.power_state_since);
    v(self.power_target, core::Limit{1});
    v(self.extra_fee_musd_month);
    v(self.last_uptime_report);
    v(self.last_uptime_value);
    v(self.down_seconds_total);
    v(self.last_consumption_report);
    v(self.standby_seconds_total);
    v(self.reserved);
    v(self.rent_contract_id);
    v(self.contract_count);
  }
};

// Chain-wide counters and totals, one record.
struct Counters {
  std::uint32_t last_twin_id = 0;
  std::uint32_t last_farm_id = 0;
  std::uint32_t last_node_id = 0;
  std::uint64_t last_contract_id = 0;
  std::uint64_t last_solution_provider_id = 0;
  std::uint64_t total_supply = 0;  // every unit in existence: balances + pools
  std::uint64_t staking_pool = 0;  // the 10 % share of bills, paid out per epoch
  std::uint64_t burned_total = 0;
  bool operator==(const Counters&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.last_twin_id);
    v(self.last_farm_id);
    v(self.last_node_id);
    v(self.last_contract_id);
    v(self.last_solution_provider_id);
    v(self.total_supply);
    v(self.staking_pool);
    v(self.burned_total);
  }
};

}  // namespace grid::ledger

namespace grid::ledger {

struct Council {
  std::vector<AccountId> members;
  bool operator==(const Council&) const = default;
  static void fields(auto& self, auto& v) { v(self.members); }
};

// The active validator set as the state machine hands it to consensus.
struct ValidatorEntry {
  AccountId operator_account{};
  std::array<std::uint8_t, 32> consensus_key{};
  std::uint64_t power = 0;
  bool operator==(const ValidatorEntry&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.operator_account);
    v(self.consensus_key);
    v(self.power);
  }
};

struct ValidatorSet {
  std::vector<ValidatorEntry> validators;
  bool operator==(const ValidatorSet&) const = default;
  static void fields(auto& self, auto& v) { v(self.validators); }
};

}  // namespace grid::ledger

namespace grid::ledger {

// The TFT price billing uses (mUSD per TFT). The price oracle keeps its samples elsewhere and
// updates average_musd; billing clamps it to [price_min, price_max] of the chain parameters.
struct TftPrice {
  std::uint32_t latest_musd = 0;
  std::uint64_t average_musd = 0;
  bool operator==(const TftPrice&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.latest_musd);
    v(self.average_musd);
  }
};

// A price feeder (ledger/oracle_module.hpp): the block time of its last accepted sample.
struct PriceFeeder {
  std::optional<std::uint64_t> last_accepted_at;  // nullopt: none yet
  bool operator==(const PriceFeeder&) const = default;
  static void fields(auto& self, auto& v) { v(self.last_accepted_at); }
};

// The ring of the last `window` accepted samples (slots 0..window-1 under keys::price_sample),
// with its running sum so that the mean costs O(1) per sample.
struct PriceRing {
  std::uint32_t window = 0;  // capacity the ring was laid out for
  std::uint32_t count = 0;   // samples held (slots 0..count-1), 1..window
  std::uint32_t next = 0;    // slot the next sample goes to
  std::uint64_t sum = 0;     // of the held samples
  bool operator==(const PriceRing&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.window);
    v(self.count);
    v(self.next);
    v(self.sum);
  }
};

}  // namespace grid::ledger
