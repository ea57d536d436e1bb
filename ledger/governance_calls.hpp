// The governance calls of WIRE.md tags 0x70-0x74 (docs/wire.md "Governance calls 0x70-0x7f"):
// council motions, farm-weighted proposals, farm votes and council vetoes. Rules in
// ledger/governance_module.hpp; the action layout in ledger/governance_actions.hpp.
//
// Contract: these structs ARE the wire format (field order, types and caps); tags 0x75-0x7f stay
// unknown to the decoder. Values; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/codec.hpp"
#include "ledger/governance_actions.hpp"

namespace grid::ledger {

struct ProposeMotion {
  static constexpr std::uint8_t kTag = 0x70;
  static constexpr std::string_view kName = "propose_motion";
  GovAction action;
  std::string description;
  bool operator==(const ProposeMotion&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.action);
    v(self.description, core::Limit{256});
  }
};

struct VoteMotion {
  static constexpr std::uint8_t kTag = 0x71;
  static constexpr std::string_view kName = "vote_motion";
  std::uint64_t motion_id = 0;
  bool approve = false;
  bool operator==(const VoteMotion&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.motion_id);
    v(self.approve);
  }
};

struct CreateProposal {
  static constexpr std::uint8_t kTag = 0x72;
  static constexpr std::string_view kName = "create_proposal";
  GovAction action;
  std::string description;
  std::string link;
  bool operator==(const CreateProposal&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.action);
    v(self.description, core::Limit{256});
    v(self.link, core::Limit{256});
  }
};

struct VoteProposal {
  static constexpr std::uint8_t kTag = 0x73;
  static constexpr std::string_view kName = "vote_proposal";
  std::uint64_t proposal_id = 0;
  std::uint32_t farm_id = 0;
  bool approve = false;
  bool operator==(const VoteProposal&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.proposal_id);
    v(self.farm_id);
    v(self.approve);
  }
};

struct VetoProposal {
  static constexpr std::uint8_t kTag = 0x74;
  static constexpr std::string_view kName = "veto_proposal";
  std::uint64_t proposal_id = 0;
  bool operator==(const VetoProposal&) const = default;
  static void fields(auto& self, auto& v) { v(self.proposal_id); }
};

}  // namespace grid::ledger
