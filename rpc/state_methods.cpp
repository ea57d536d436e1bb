#include "rpc/state_methods.hpp"

#include <string>
#include <string_view>

#include "contracts/contract_keys.hpp"
#include "core/codec.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"
#include "rpc/json_domain.hpp"
#include "rpc/method_support.hpp"

namespace grid::rpc {
namespace {

using core::Result;
using core::Status;

// The proof's height: "height" when given (>= 1), else the latest block.
Result<std::uint64_t> proof_height(NodeApi& node, const Params& params) {
  if (params.has("height")) {
    GRID_ASSIGN(std::uint64_t height, get_height(params, "height"));
    if (height == 0) return invalid_params("height: blocks start at 1");
    return height;
  }
  GRID_ASSIGN(ChainStatusView status, node.status());
  if (status.height == 0) return not_found("a committed block (the chain has only its genesis)");
  return status.height;
}

Result<StateProofView> prove(NodeApi& node, const Params& params, core::ByteView key) {
  GRID_ASSIGN(std::uint64_t height, proof_height(node, params));
  return found(node.prove(height, key), "block at height " + std::to_string(height));
}

// "height", "state_root", "key", "value", "proof" {"siblings", "leaf"}, "proof_bytes".
void write_proof_fields(JsonWriter& w, core::ByteView key, const StateProofView& view) {
  write_key(w, "height");
  write_height(w, view.height);
  write_key(w, "state_root");
  write_hash(w, view.state_root);
  write_key(w, "key");
  write_hex(w, key);
  write_key(w, "value");
  if (view.value)
    write_hex(w, *view.value);
  else
    w.Null();
  write_key(w, "proof");
  w.StartObject();
  write_key(w, "siblings");
  w.StartArray();
  for (const core::Hash32& sibling : view.proof.siblings) write_hash(w, sibling);
  w.EndArray();
  write_key(w, "leaf");
  if (view.proof.leaf) {
    w.StartObject();
    write_key(w, "key_hash");
    write_hash(w, view.proof.leaf->key_hash);
    write_key(w, "value_hash");
    write_hash(w, view.proof.leaf->value_hash);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  write_key(w, "proof_bytes");
  write_hex(w, core::encode(view.proof));
}

Result<JsonText> account_get_proof(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::AccountId id, params.get_address("address"));
  core::Bytes key = ledger::keys::account(id);
  GRID_ASSIGN(StateProofView view, prove(node, params, key));
  std::optional<ledger::Account> account;
  if (view.value) {
    auto decoded = core::decode<ledger::Account>(*view.value);
    if (!decoded) return Status::corruption("account record: " + decoded.error().message());
    account = *decoded;
  }
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "address");
  write_address(b.w(), id);
  write_proof_fields(b.w(), key, view);
  write_key(b.w(), "account");
  if (account)
    write_account(b.w(), id, *account);
  else
    b.w().Null();
  b.w().EndObject();
  return b.finish();
}

Result<core::Bytes> state_key_of(const Params& params, std::string_view kind) {
  if (kind == "account") {
    GRID_ASSIGN(core::AccountId id, params.get_address("id"));
    return ledger::keys::account(id);
  }
  if (kind == "contract") {
    GRID_ASSIGN(std::uint64_t id, params.get_u64("id"));
    return contracts::keys::contract(id);
  }
  if (kind != "twin" && kind != "farm" && kind != "node")
    return invalid_params("kind: expected account, twin, farm, node or contract");
  GRID_ASSIGN(std::uint32_t id, params.get_u32("id"));
  if (kind == "twin") return ledger::keys::twin(id);
  if (kind == "farm") return ledger::keys::farm(id);
  return ledger::keys::node(id);
}

Result<JsonText> state_get_proof(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::string kind, params.get_string("kind"));
  GRID_ASSIGN(core::Bytes key, state_key_of(params, kind));
  GRID_ASSIGN(StateProofView view, prove(node, params, key));
  JsonBuilder b;
  b.w().StartObject();
  write_key(b.w(), "kind");
  write_string(b.w(), kind);
  write_proof_fields(b.w(), key, view);
  b.w().EndObject();
  return b.finish();
}

Result<JsonText> tx_simulate(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::Bytes tx, params.get_hex("tx"));
  GRID_ASSIGN(ledger::Receipt receipt, node.simulate(tx));
  JsonBuilder b;
  write_receipt(b.w(), receipt);
  return b.finish();
}

}  // namespace

Status add_state_methods(MethodRegistry& registry, NodeApi& node) {
  static const MethodSpec methods[] = {
      {"account_getProof", {"address", "height"}, account_get_proof},
      {"state_getProof", {"kind", "id", "height"}, state_get_proof},
      {"tx_simulate", {"tx"}, tx_simulate},
  };
  return register_methods(registry, node, methods);
}

}  // namespace grid::rpc
