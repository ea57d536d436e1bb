#include "node/tx_index.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "core/uint128.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"

namespace grid::node {
namespace {

IndexKey with_u32(IndexKind kind, std::uint32_t id) {
  IndexKey key{kind, {}};
  ledger::keys::append_u32(key.id, id);
  return key;
}

// The id length of each kind, as written in record keys.
std::size_t id_size(IndexKind kind) {
  switch (kind) {
    case IndexKind::account:
      return 33;
    case IndexKind::contract:
      return 8;
    default:
      return 4;
  }
}

std::uint64_t read_be(core::ByteView bytes) {
  std::uint64_t v = 0;
  for (std::uint8_t b : bytes) v = (v << 8) | b;
  return v;
}

void add_event_ids(const ledger::Event& e, std::set<IndexKey>& out) {
  if (e.account) out.insert(IndexKey::account(*e.account));
  if (e.twin) out.insert(IndexKey::twin(*e.twin));
  if (e.farm) out.insert(IndexKey::farm(*e.farm));
  if (e.node) out.insert(IndexKey::node(*e.node));
  if (e.contract) out.insert(IndexKey::contract(*e.contract));
}

// The call's own target, found by field name: every call struct names its target the same way.
void add_call_target(const ledger::Call& call, std::set<IndexKey>& out) {
  std::visit(
      [&](const auto& c) {
        using C = std::decay_t<decltype(c)>;
        if constexpr (requires { c.to; }) out.insert(IndexKey::account(c.to));
        if constexpr (requires { c.validator; }) out.insert(IndexKey::account(c.validator));
        if constexpr (requires { c.service; }) out.insert(IndexKey::account(c.service));
        if constexpr (requires { c.consumer; }) out.insert(IndexKey::account(c.consumer));
        if constexpr (requires { c.twin_id; }) out.insert(IndexKey::twin(c.twin_id));
        if constexpr (requires { c.farm_id; }) out.insert(IndexKey::farm(c.farm_id));
        if constexpr (requires { c.node_id; }) out.insert(IndexKey::node(c.node_id));
        if constexpr (requires { c.contract_id; }) out.insert(IndexKey::contract(c.contract_id));
        // Service contract calls name their contract `id` (the contracts' id space).
        if constexpr (requires { c.id; }) {
          if (C::kName.starts_with("service_contract_")) out.insert(IndexKey::contract(c.id));
        }
      },
      call.body);
}

std::optional<std::uint8_t> call_tag_of(std::string_view name) {
  for (unsigned tag = 0; tag < 256; ++tag)
    if (ledger::call_name(static_cast<std::uint8_t>(tag)) == name)
      return static_cast<std::uint8_t>(tag);
  return std::nullopt;
}

}  // namespace

IndexKey IndexKey::account(const core::AccountId& id) {
  IndexKey key{IndexKind::account, {}};
  ledger::keys::append_account(key.id, id);
  return key;
}
IndexKey IndexKey::twin(std::uint32_t id) {
  return with_u32(IndexKind::twin, id);
}
IndexKey IndexKey::farm(std::uint32_t id) {
  return with_u32(IndexKind::farm, id);
}
IndexKey IndexKey::node(std::uint32_t id) {
  return with_u32(IndexKind::node, id);
}
IndexKey IndexKey::contract(std::uint64_t id) {
  IndexKey key{IndexKind::contract, {}};
  ledger::keys::append_u64(key.id, id);
  return key;
}

std::vector<IndexKey> index_keys(const ledger::Transaction& tx, const ledger::Receipt* receipt) {
  std::set<IndexKey> keys;
  keys.insert(IndexKey::account(tx.signer));
  add_call_target(tx.call, keys);
  if (receipt)
    for (const auto& e : receipt->events) add_event_ids(e, keys);
  return {keys.begin(), keys.end()};
}

core::Bytes index_prefix(const IndexKey& key) {
  core::Bytes out;
  out.reserve(2 + key.id.size() + 12);
  out.push_back(kIndexPrefix);
  out.push_back(static_cast<std::uint8_t>(key.kind));
  out.insert(out.end(), key.id.begin(), key.id.end());
  return out;
}

core::Bytes index_record_key(const IndexKey& key, std::uint64_t height, std::uint32_t index) {
  core::Bytes out = index_prefix(key);
  ledger::keys::append_u64(out, height);
  ledger::keys::append_u32(out, index);
  return out;
}

void stage_tx_index(const ledger::Block& block, const ledger::BlockResults& results,
                    core::WriteBatch& batch) {
  const std::uint64_t height = block.header.height;
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    const ledger::Transaction& tx = block.transactions[i];
    const ledger::Receipt* receipt = i < results.receipts.size() ? &results.receipts[i] : nullptr;
    const std::uint8_t tag = tx.call.tag();
    for (const IndexKey& key : index_keys(tx, receipt))
      batch.put(index_record_key(key, height, static_cast<std::uint32_t>(i)),
                core::ByteView(&tag, 1));
  }
}

core::Result<TxPage> search_tx_index(const core::KvReader& store, const IndexKey& key,
                                     std::string_view call, std::uint64_t page,
                                     std::uint32_t size) {
  if (size == 0 || size > kMaxPageSize)
    return ledger::refuse(ledger::reason::invalid_input,
                          "page size must be 1 to " + std::to_string(kMaxPageSize));
  if (key.id.size() != id_size(key.kind))
    return ledger::refuse(ledger::reason::invalid_input, "index id has the wrong length");
  std::optional<std::uint8_t> wanted;
  if (!call.empty()) {
    wanted = call_tag_of(call);
    if (!wanted)
      return ledger::refuse(ledger::reason::invalid_input,
                            "unknown transaction kind '" + std::string(call) + "'");
  }
  const core::Bytes prefix = index_prefix(key);
  const std::size_t record_size = prefix.size() + 12;

  // Checks a record's shape; true when it matches the call filter.
  core::Status damaged;
  auto matches = [&](core::ByteView k, core::ByteView v) {
    if (k.size() != record_size || v.size() != 1) {
      damaged = core::Status::corruption("transaction index record " + core::hex_encode(k) +
                                         " is damaged");
      return false;
    }
    return !wanted || v[0] == *wanted;
  };

  TxPage out;
  GRID_TRY(store.scan_prefix(prefix, [&](core::ByteView k, core::ByteView v) {
    if (matches(k, v)) ++out.total;
    return damaged.is_ok();
  }));
  GRID_TRY(damaged);

  // Newest first: page p holds ascending positions [total - (p+1)size, total - p size).
  const core::u128 skip = core::u128{page} * size;
  if (skip >= out.total) return out;
  const std::uint64_t end = out.total - static_cast<std::uint64_t>(skip);
  const std::uint64_t begin = end > size ? end - size : 0;
  std::uint64_t position = 0;
  GRID_TRY(store.scan_prefix(prefix, [&](core::ByteView k, core::ByteView v) {
    if (!matches(k, v)) return damaged.is_ok();
    if (position >= begin && position < end) {
      core::ByteView tail = k.subspan(prefix.size());
      out.hits.push_back(
          {{read_be(tail.first(8)), static_cast<std::uint32_t>(read_be(tail.subspan(8)))}, v[0]});
    }
    return ++position < end;
  }));
  GRID_TRY(damaged);
  std::reverse(out.hits.begin(), out.hits.end());
  return out;
}

}  // namespace grid::node
