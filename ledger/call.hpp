// Call: the tagged union of every call in WIRE.md, encoded as its u8 tag then its fields.
//
// Contract: decoding refuses an unknown tag ("unknown call tag 0x..") and any field error of the
// strict codec. Tags 0x70-0x74 are the governance calls (ledger/governance_calls.hpp); 0x75-0x7f
// stay unknown. call_name() gives the stable snake_case name used in receipts,
// RPC and the explorer. Values; thread-safe.
#pragma once

#include <string_view>
#include <variant>

#include "ledger/calls.hpp"
#include "ledger/governance_calls.hpp"

namespace grid::ledger {

using CallBody = std::variant<
    Transfer, Burn, KvSet, KvDelete, AcceptTerms, CreateTwin, UpdateTwin, BondStash, CreateFarm,
    UpdateFarm, AddFarmIp, RemoveFarmIp, SetFarmNodePolicy, RegisterNode, UpdateNode, DeleteNode,
    SetNodePublicConfig, ReportUptime, SetPowerState, SetPowerTarget, SetNodeExtraFee,
    CreateNodeContract, UpdateNodeContract, CancelContract, CreateNameContract, CreateRentContract,
    ReportConsumption, CreateSolutionProvider, AttachSolutionProvider, ServiceContractCreate,
    ServiceContractSetMetadata, ServiceContractSetFees, ServiceContractApprove,
    ServiceContractReject, ServiceContractCancel, ServiceContractBill, RegisterValidator, Bond,
    Unbond, WithdrawUnbonded, SetCommission, Unjail, SubmitEvidence, SubmitPrice, ProposeMotion,
    VoteMotion, CreateProposal, VoteProposal, VetoProposal>;

struct Call {
  CallBody body;

  Call() = default;
  template <class T>
  Call(T call) : body(std::move(call)) {}  // NOLINT: implicit from any call struct

  std::uint8_t tag() const;
  std::string_view name() const;
  template <class T>
  const T* as() const {
    return std::get_if<T>(&body);
  }
  bool operator==(const Call& other) const { return body == other.body; }

  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);
};

// The stable name of a call tag, or "" when the tag is unknown.
std::string_view call_name(std::uint8_t tag);

}  // namespace grid::ledger
