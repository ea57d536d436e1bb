// Refusals: the stable reasons a transaction is not accepted or fails, kept apart from node
// failures. A refusal is a core::Status with Code::invalid whose message is "reason" or
// "reason: detail"; reason names are snake_case and never change meaning (they appear in
// receipts, RPC errors (data.reason) and gridcli). Any other Status code is a node failure.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace grid::ledger {

// Reasons used by the ledger itself (contracts/ and later modules add their own).
namespace reason {
inline constexpr std::string_view wrong_chain_id = "wrong_chain_id";
inline constexpr std::string_view bad_signature = "bad_signature";
inline constexpr std::string_view bad_nonce = "bad_nonce";
inline constexpr std::string_view fee_too_low = "fee_too_low";
inline constexpr std::string_view cannot_pay_fee = "cannot_pay_fee";
inline constexpr std::string_view insufficient_funds = "insufficient_funds";
inline constexpr std::string_view below_existential_deposit = "below_existential_deposit";
inline constexpr std::string_view amount_overflow = "amount_overflow";
inline constexpr std::string_view zero_amount = "zero_amount";
inline constexpr std::string_view unsupported_call = "unsupported_call";
inline constexpr std::string_view not_found = "not_found";
inline constexpr std::string_view unauthorized = "unauthorized";
inline constexpr std::string_view invalid_input = "invalid_input";
inline constexpr std::string_view terms_not_accepted = "terms_not_accepted";
inline constexpr std::string_view twin_exists = "twin_exists";
inline constexpr std::string_view no_twin = "no_twin";
inline constexpr std::string_view invalid_name = "invalid_name";
inline constexpr std::string_view duplicate_name = "duplicate_name";
inline constexpr std::string_view invalid_ip = "invalid_ip";
inline constexpr std::string_view duplicate_ip = "duplicate_ip";
inline constexpr std::string_view ip_in_use = "ip_in_use";
inline constexpr std::string_view invalid_resources = "invalid_resources";
inline constexpr std::string_view invalid_location = "invalid_location";
inline constexpr std::string_view node_not_allowed = "node_not_allowed";
inline constexpr std::string_view node_exists = "node_exists";
inline constexpr std::string_view not_a_node = "not_a_node";
inline constexpr std::string_view rate_limited = "rate_limited";
inline constexpr std::string_view bad_timestamp = "bad_timestamp";
inline constexpr std::string_view not_council = "not_council";
inline constexpr std::string_view resources_in_use = "resources_in_use";
inline constexpr std::string_view twin_has_stash = "twin_has_stash";
inline constexpr std::string_view stash_already_bonded = "stash_already_bonded";
}  // namespace reason

core::Status refuse(std::string_view reason, std::string_view detail = {});
// The reason of a refusal ("" for ok; "node_failure" for a non-refusal error).
std::string_view refusal_reason(const core::Status& status);
// The detail part of a refusal message ("" when none).
std::string_view refusal_detail(const core::Status& status);
inline bool is_refusal(const core::Status& status) {
  return status.code() == core::Code::invalid;
}

}  // namespace grid::ledger
