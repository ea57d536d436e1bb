#include "contracts/contract_types.hpp"

namespace grid::contracts {

std::string_view contract_kind_name(ContractKind kind) {
  switch (kind) {
    case ContractKind::node:
      return "node";
    case ContractKind::name:
      return "name";
    case ContractKind::rent:
      return "rent";
    case ContractKind::service:
      return "service";
  }
  return "unknown";
}

std::string_view contract_state_name(ContractState state) {
  switch (state) {
    case ContractState::created:
      return "created";
    case ContractState::grace_period:
      return "grace_period";
    case ContractState::deleted:
      return "deleted";
  }
  return "unknown";
}

std::string_view delete_reason_name(DeleteReason reason) {
  switch (reason) {
    case DeleteReason::none:
      return "none";
    case DeleteReason::canceled_by_user:
      return "canceled_by_user";
    case DeleteReason::out_of_funds:
      return "out_of_funds";
    case DeleteReason::canceled_by_governance:
      return "canceled_by_governance";
    case DeleteReason::node_deleted:
      return "node_deleted";
    case DeleteReason::rent_ended:
      return "rent_ended";
    case DeleteReason::rejected:
      return "rejected";
  }
  return "unknown";
}

std::string_view discount_level_name(DiscountLevel level) {
  switch (level) {
    case DiscountLevel::none:
      return "none";
    case DiscountLevel::default_level:
      return "default";
    case DiscountLevel::bronze:
      return "bronze";
    case DiscountLevel::silver:
      return "silver";
    case DiscountLevel::gold:
      return "gold";
  }
  return "unknown";
}

}  // namespace grid::contracts
