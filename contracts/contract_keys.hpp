// State keys of contracts/ (tables 0x40-0x5f of ledger/state_keys.hpp), big-endian ids so that
// scans come in id (or time) order.
//
//   40 id                 -> Contract
//   41 due_time id        -> (empty)  billing index: contracts by next due time
//   42 node_id id         -> (empty)  live node contracts of a node
//   43 twin_id id         -> (empty)  every contract of a twin (history included)
//   44 name               -> id       live name contracts by name (global uniqueness)
//   45 contract_id seq    -> Bill
//   46 id                 -> SolutionProvider
//   47 expiry_time id     -> (empty)  contracts in grace by the time their grace runs out
//   48                    -> u64      settlement cursor: the last contract id checked for top-ups
#pragma once

#include <cstdint>
#include <string_view>

#include "core/bytes.hpp"

namespace grid::contracts::keys {

enum Table : std::uint8_t {
  kContract = 0x40,
  kDue = 0x41,
  kNodeContracts = 0x42,
  kTwinContracts = 0x43,
  kNameContract = 0x44,
  kBill = 0x45,
  kSolutionProvider = 0x46,
  kGraceExpiry = 0x47,
  kSettleCursor = 0x48,
};

core::Bytes contract(std::uint64_t id);
core::Bytes due(std::uint64_t due_time, std::uint64_t id);
core::Bytes due_prefix();
core::Bytes node_contract(std::uint32_t node_id, std::uint64_t id);
core::Bytes node_contracts_prefix(std::uint32_t node_id);
core::Bytes twin_contract(std::uint32_t twin_id, std::uint64_t id);
core::Bytes twin_contracts_prefix(std::uint32_t twin_id);
core::Bytes name_contract(std::string_view name);
core::Bytes bill(std::uint64_t contract_id, std::uint64_t seq);
core::Bytes bills_prefix(std::uint64_t contract_id);
core::Bytes solution_provider(std::uint64_t id);
core::Bytes grace_expiry(std::uint64_t expiry_time, std::uint64_t id);
core::Bytes grace_expiry_prefix();
core::Bytes settle_cursor();

// The (time, id) pair of a due or grace-expiry key; false if the key is not of that shape.
bool parse_time_id(core::ByteView key, std::uint64_t& time, std::uint64_t& id);
// The contract id at the end of a node/twin index key.
std::uint64_t trailing_id(core::ByteView key);

}  // namespace grid::contracts::keys
