// The records of governance (ledger/governance_module.hpp): council motions, farm-weighted
// proposals, farm votes and the id counters, stored under ledger/governance_keys.hpp.
//
// Contract: codec records; field order is the stored (and proven) layout: append fields only
// with a state migration. Weights are milli-units of 2*CU + SU (governance_module.hpp
// farm_weight). Times are block seconds. Vote lists inside a record are bounded by the council
// size; farm votes are records of their own (one per farm that voted).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec.hpp"
#include "ledger/governance_actions.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

// open: votes accepted. passed: the action ran. failed: passed, but the action was refused (its
// reason is kept). rejected: not enough support. vetoed: closed by council vetoes (proposals).
// expired: a motion that reached its end without a decision.
enum class GovState : std::uint8_t {
  open = 0,
  passed = 1,
  failed = 2,
  rejected = 3,
  vetoed = 4,
  expired = 5
};
inline constexpr std::uint8_t kMaxGovState = 5;

std::string_view gov_state_name(GovState state);

struct GovCounters {
  std::uint64_t last_motion_id = 0;
  std::uint64_t last_proposal_id = 0;
  bool operator==(const GovCounters&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.last_motion_id);
    v(self.last_proposal_id);
  }
};

struct Motion {
  std::uint64_t id = 0;
  AccountId proposer{};
  GovAction action;
  std::string description;
  std::uint64_t created_at = 0;
  std::uint64_t end = 0;  // expires when block time reaches it
  GovState state = GovState::open;
  std::vector<AccountId> ayes;  // the proposer first
  std::vector<AccountId> nays;
  std::string failure;  // the refusal of a failed action
  std::uint64_t closed_at = 0;
  bool operator==(const Motion&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.proposer);
    v(self.action);
    v(self.description);
    v(self.created_at);
    v(self.end);
    v(self.state, core::Limit{kMaxGovState});
    v(self.ayes);
    v(self.nays);
    v(self.failure);
    v(self.closed_at);
  }
};

struct Proposal {
  std::uint64_t id = 0;
  AccountId proposer{};
  GovAction action;
  std::string description;
  std::string link;
  std::uint64_t created_at = 0;
  std::uint64_t end = 0;  // decided when block time reaches it
  GovState state = GovState::open;
  std::uint64_t yes_weight = 0;  // milli-units
  std::uint64_t no_weight = 0;
  std::uint32_t yes_farms = 0;
  std::uint32_t no_farms = 0;
  std::vector<AccountId> vetoes;
  std::string failure;
  std::uint64_t closed_at = 0;
  bool operator==(const Proposal&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.proposer);
    v(self.action);
    v(self.description);
    v(self.link);
    v(self.created_at);
    v(self.end);
    v(self.state, core::Limit{kMaxGovState});
    v(self.yes_weight);
    v(self.no_weight);
    v(self.yes_farms);
    v(self.no_farms);
    v(self.vetoes);
    v(self.failure);
    v(self.closed_at);
  }
};

// One farm's vote on a proposal (signed by the farm's owner).
struct FarmVote {
  std::uint32_t farm_id = 0;
  AccountId voter{};
  bool approve = false;
  std::uint64_t weight = 0;  // milli-units, at vote time
  std::uint64_t at = 0;
  bool operator==(const FarmVote&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.voter);
    v(self.approve);
    v(self.weight);
    v(self.at);
  }
};

}  // namespace grid::ledger
