#include "rpc/chain_methods.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"
#include "rpc/json_domain.hpp"
#include "rpc/method_support.hpp"

namespace grid::rpc {
namespace {

using core::Result;

std::string at_height(std::string_view what, std::uint64_t height) {
  return std::string(what) + " at height " + std::to_string(height);
}

Result<ledger::Block> block_at(NodeApi& node, std::uint64_t height) {
  return found(node.block_at(height), at_height("block", height));
}

// Writes "height" and "index" (null when the transaction is not committed).
void write_location(JsonWriter& w, const std::optional<TxLocation>& location) {
  write_key(w, "height");
  if (location)
    write_height(w, location->height);
  else
    w.Null();
  write_key(w, "index");
  if (location)
    write_u32(w, location->index);
  else
    w.Null();
}

void write_optional_receipt(JsonWriter& w, const std::optional<ledger::Receipt>& receipt) {
  write_key(w, "receipt");
  if (receipt)
    write_receipt(w, *receipt);
  else
    w.Null();
}

std::string_view status_name(TxStatus status) {
  switch (status) {
    case TxStatus::pending:
      return "pending";
    case TxStatus::committed:
      return "committed";
    case TxStatus::unknown:
      break;
  }
  return "unknown";
}

// ---- chain_* ---------------------------------------------------------------------------------

Result<JsonText> chain_status(NodeApi& node, const Params&) {
  GRID_ASSIGN(ChainStatusView status, node.status());
  JsonBuilder b;
  write_chain_status(b.w(), status);
  return b.finish();
}

Result<JsonText> chain_get_block(NodeApi& node, const Params& params) {
  GRID_ASSIGN(BlockSelector selector, get_block_selector(params));
  std::uint64_t height = 0;
  if (selector.height) {
    height = *selector.height;
  } else {
    GRID_ASSIGN(height, found(node.height_of(selector.hash), "block " + selector.hash.hex()));
  }
  GRID_ASSIGN(ledger::Block block, block_at(node, height));
  GRID_ASSIGN(std::optional<CommitView> commit, node.commit_at(height));
  JsonBuilder b;
  write_block(b.w(), block, commit);
  return b.finish();
}

Result<JsonText> chain_get_block_results(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint64_t height, get_height(params, "height"));
  GRID_ASSIGN(ledger::BlockResults results,
              found(node.results_at(height), at_height("block results", height)));
  JsonBuilder b;
  write_block_results(b.w(), height, results);
  return b.finish();
}

Result<JsonText> chain_get_headers(NodeApi& node, const Params& params) {
  GRID_ASSIGN(ChainStatusView status, node.status());
  GRID_ASSIGN(HeightRange range,
              get_height_range(params, "from", "to", kMaxHeadersPerCall, status.height));
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "headers");
  b.w().StartArray();
  for (std::uint64_t height = range.from; !range.empty() && height <= range.to; ++height) {
    GRID_ASSIGN(ledger::Block block, block_at(node, height));
    write_header(b.w(), block.header);
  }
  b.w().EndArray();
  b.w().EndObject();
  return b.finish();
}

Result<JsonText> chain_get_commit(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint64_t height, get_height(params, "height"));
  GRID_ASSIGN(ledger::Block block, block_at(node, height));
  GRID_ASSIGN(CommitView commit, found(node.commit_at(height), at_height("commit", height)));
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "header");
  write_header(b.w(), block.header);
  write_key(b.w(), "commit");
  write_commit(b.w(), commit);
  b.w().EndObject();
  return b.finish();
}

Result<JsonText> chain_get_validators(NodeApi& node, const Params& params) {
  GRID_ASSIGN(ChainStatusView status, node.status());
  GRID_ASSIGN(std::uint64_t height, get_height_or(params, "height", status.height + 1));
  GRID_ASSIGN(std::vector<ValidatorView> validators,
              found(node.validators_at(height), at_height("validator set", height)));
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "height");
  write_height(b.w(), height);
  write_key(b.w(), "validators");
  b.w().StartArray();
  for (const auto& validator : validators) write_validator(b.w(), validator);
  b.w().EndArray();
  b.w().EndObject();
  return b.finish();
}

// ---- tx_* and account_get --------------------------------------------------------------------

Result<JsonText> tx_submit(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::Bytes tx, params.get_hex("tx"));
  GRID_ASSIGN(core::TxId id, node.submit(tx));
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "id");
  write_hash(b.w(), id);
  b.w().EndObject();
  return b.finish();
}

Result<JsonText> tx_submit_and_wait(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::Bytes tx, params.get_hex("tx"));
  GRID_ASSIGN(std::uint32_t timeout_ms,
              get_u32_at_most(params, "timeout_ms", kDefaultWaitMs, kMaxWaitMs));
  GRID_ASSIGN(WaitOutcome outcome, node.submit_and_wait(tx, std::chrono::milliseconds(timeout_ms)));
  bool committed = outcome.kind == WaitOutcome::Kind::committed;
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "id");
  write_hash(b.w(), outcome.id);
  write_key(b.w(), "status");
  write_string(b.w(), committed ? "committed" : "timed_out");
  write_location(b.w(), committed ? outcome.location : std::nullopt);
  write_optional_receipt(b.w(), committed ? outcome.receipt : std::nullopt);
  b.w().EndObject();
  return b.finish();
}

Result<JsonText> tx_get(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::Hash32 hash, params.get_hash("id"));
  core::TxId id{hash};
  GRID_ASSIGN(TxLookup lookup, node.tx(id));
  bool committed = lookup.status == TxStatus::committed;
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "id");
  write_hash(b.w(), id);
  write_key(b.w(), "status");
  write_string(b.w(), status_name(lookup.status));
  write_location(b.w(), committed ? lookup.location : std::nullopt);
  write_key(b.w(), "tx");
  if (lookup.status != TxStatus::unknown && lookup.tx)
    write_transaction(b.w(), *lookup.tx);
  else
    b.w().Null();
  write_optional_receipt(b.w(), committed ? lookup.receipt : std::nullopt);
  b.w().EndObject();
  return b.finish();
}

Result<JsonText> account_get(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::AccountId id, params.get_address("address"));
  ledger::Account account;
  GRID_TRY(node.with_state([&](const ledger::StateReader& reader, std::uint64_t) -> core::Status {
    GRID_ASSIGN(auto stored, ledger::load<ledger::Account>(reader, ledger::keys::account(id)));
    account = stored.value_or(ledger::Account{});
    return core::Status::ok();
  }));
  JsonBuilder b;
  write_account(b.w(), id, account);
  return b.finish();
}

// ---- registration ----------------------------------------------------------------------------

}  // namespace

core::Status add_chain_methods(MethodRegistry& registry, NodeApi& node) {
  const MethodSpec methods[] = {
      {"chain_status", {}, chain_status},
      {"chain_getBlock", {"height", "hash"}, chain_get_block},
      {"chain_getBlockResults", {"height"}, chain_get_block_results},
      {"chain_getHeaders", {"from", "to"}, chain_get_headers},
      {"chain_getCommit", {"height"}, chain_get_commit},
      {"chain_getValidators", {"height"}, chain_get_validators},
      {"tx_submit", {"tx"}, tx_submit},
      {"tx_submitAndWait", {"tx", "timeout_ms"}, tx_submit_and_wait},
      {"tx_get", {"id"}, tx_get},
      {"account_get", {"address"}, account_get},
  };
  return register_methods(registry, node, methods);
}

}  // namespace grid::rpc
