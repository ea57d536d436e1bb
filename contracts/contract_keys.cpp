#include "contracts/contract_keys.hpp"

#include "ledger/state_keys.hpp"

namespace grid::contracts::keys {

using ledger::keys::append_u32;
using ledger::keys::append_u64;
using ledger::keys::table_key;

namespace {
core::Bytes table_u64(Table t, std::uint64_t a) {
  core::Bytes k = table_key(t);
  append_u64(k, a);
  return k;
}
core::Bytes table_u64_u64(Table t, std::uint64_t a, std::uint64_t b) {
  core::Bytes k = table_u64(t, a);
  append_u64(k, b);
  return k;
}
core::Bytes table_u32(Table t, std::uint32_t a) {
  core::Bytes k = table_key(t);
  append_u32(k, a);
  return k;
}
std::uint64_t read_be64(core::ByteView b) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | b[i];
  return v;
}
}  // namespace

core::Bytes contract(std::uint64_t id) {
  return table_u64(kContract, id);
}
core::Bytes due(std::uint64_t due_time, std::uint64_t id) {
  return table_u64_u64(kDue, due_time, id);
}
core::Bytes due_prefix() {
  return table_key(kDue);
}
core::Bytes node_contracts_prefix(std::uint32_t node_id) {
  return table_u32(kNodeContracts, node_id);
}
core::Bytes node_contract(std::uint32_t node_id, std::uint64_t id) {
  core::Bytes k = node_contracts_prefix(node_id);
  append_u64(k, id);
  return k;
}
core::Bytes twin_contracts_prefix(std::uint32_t twin_id) {
  return table_u32(kTwinContracts, twin_id);
}
core::Bytes twin_contract(std::uint32_t twin_id, std::uint64_t id) {
  core::Bytes k = twin_contracts_prefix(twin_id);
  append_u64(k, id);
  return k;
}
core::Bytes name_contract(std::string_view name) {
  core::Bytes k = table_key(kNameContract);
  k.insert(k.end(), name.begin(), name.end());
  return k;
}
core::Bytes bills_prefix(std::uint64_t contract_id) {
  return table_u64(kBill, contract_id);
}
core::Bytes bill(std::uint64_t contract_id, std::uint64_t seq) {
  return table_u64_u64(kBill, contract_id, seq);
}
core::Bytes solution_provider(std::uint64_t id) {
  return table_u64(kSolutionProvider, id);
}
core::Bytes grace_expiry(std::uint64_t expiry_time, std::uint64_t id) {
  return table_u64_u64(kGraceExpiry, expiry_time, id);
}
core::Bytes grace_expiry_prefix() {
  return table_key(kGraceExpiry);
}
core::Bytes settle_cursor() {
  return table_key(kSettleCursor);
}

bool parse_time_id(core::ByteView key, std::uint64_t& time, std::uint64_t& id) {
  if (key.size() != 17) return false;
  time = read_be64(key.subspan(1, 8));
  id = read_be64(key.subspan(9, 8));
  return true;
}

std::uint64_t trailing_id(core::ByteView key) {
  return key.size() < 8 ? 0 : read_be64(key.subspan(key.size() - 8, 8));
}

}  // namespace grid::contracts::keys
