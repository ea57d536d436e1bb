#include "tools/client/tx_sender.hpp"

#include "core/bytes.hpp"
#include "core/codec.hpp"

namespace grid::tools {
namespace {

std::string tx_hex(const ledger::Transaction& tx) {
  return core::hex_encode(core::encode(tx));
}

// One call whose JSON-RPC error is returned as Code::invalid with the node's own message (which
// starts with the stable reason), plus the reason itself.
struct CallOutcome {
  std::optional<RpcReply> reply;
  RpcError error;
};

core::Result<CallOutcome> call_keeping_reason(RpcClient& rpc, std::string method,
                                              std::string params) {
  RpcCall one{std::move(method), std::move(params)};
  GRID_ASSIGN(RpcReply reply, rpc.send(std::span<const RpcCall>(&one, 1)));
  CallOutcome out;
  if (reply.ok(0))
    out.reply = std::move(reply);
  else
    out.error = reply.error(0);
  return out;
}

}  // namespace

const EventView* SendResult::find_event(std::string_view kind) const {
  for (const EventView& e : events)
    if (e.kind == kind) return &e;
  return nullptr;
}

core::Status read_receipt(const rapidjson::Value& receipt, SendResult& out) {
  if (!receipt.IsObject()) return core::Status::invalid("the receipt is not an object");
  auto ok = receipt.FindMember("ok");
  if (ok == receipt.MemberEnd() || !ok->value.IsBool())
    return core::Status::invalid("the receipt has no boolean 'ok'");
  out.ok = ok->value.GetBool();
  GRID_ASSIGN(out.reason, json_string_member(receipt, "reason"));
  GRID_ASSIGN(out.detail, json_string_member(receipt, "detail"));
  GRID_ASSIGN(out.fee, json_u64_member(receipt, "fee"));
  auto events = receipt.FindMember("events");
  if (events == receipt.MemberEnd() || !events->value.IsArray())
    return core::Status::invalid("the receipt has no 'events' array");
  out.events.clear();
  for (const auto& e : events->value.GetArray()) {
    GRID_ASSIGN(EventView view, parse_event(e));
    out.events.push_back(std::move(view));
  }
  return core::Status::ok();
}

TxSender::TxSender(RpcClient& rpc, core::AccountKey key) : rpc_(rpc), key_(std::move(key)) {}

core::Result<std::string> TxSender::chain_id() {
  if (!chain_id_) {
    GRID_ASSIGN(RpcReply reply, rpc_.call("chain_status", "{}"));
    GRID_ASSIGN(chain_id_, json_string_member(reply.result(0), "chain_id"));
  }
  return *chain_id_;
}

core::Result<std::uint64_t> TxSender::next_nonce() {
  if (!nonce_) {
    GRID_ASSIGN(
        RpcReply reply,
        rpc_.call("account_get", "{\"address\":" + json_quote(account().to_address()) + "}"));
    GRID_ASSIGN(nonce_, json_u64_member(reply.result(0), "nonce"));
  }
  return *nonce_;
}

core::Result<ledger::Transaction> TxSender::sign(const ledger::Call& call, std::uint64_t nonce,
                                                 std::uint64_t fee) {
  ledger::Transaction tx;
  GRID_ASSIGN(tx.chain_id, chain_id());
  tx.signer = account();
  tx.nonce = nonce;
  tx.fee = fee;
  tx.call = call;
  tx.signature = key_.sign(ledger::signing_message(tx).bytes);
  return tx;
}

core::Result<std::uint64_t> TxSender::estimate_fee(const ledger::Call& call, std::uint64_t nonce) {
  ledger::Transaction tx;
  GRID_ASSIGN(tx.chain_id, chain_id());
  tx.signer = account();
  tx.nonce = nonce;
  tx.call = call;
  GRID_ASSIGN(RpcReply reply,
              rpc_.call("tx_estimateFee", "{\"tx\":" + json_quote(tx_hex(tx)) + "}"));
  return json_u64_member(reply.result(0), "fee");
}

core::Result<SendResult> TxSender::send(const ledger::Call& call, const SendOptions& options) {
  GRID_ASSIGN(std::uint64_t nonce, next_nonce());
  std::uint64_t fee = 0;
  if (options.fee) {
    fee = *options.fee;
  } else {
    GRID_ASSIGN(fee, estimate_fee(call, nonce));
  }
  GRID_ASSIGN(ledger::Transaction tx, sign(call, nonce, fee));
  std::string params = "{\"tx\":" + json_quote(tx_hex(tx));
  bool wait = options.wait.count() > 0;
  if (wait) params += ",\"timeout_ms\":" + std::to_string(options.wait.count());
  params += "}";
  GRID_ASSIGN(CallOutcome outcome,
              call_keeping_reason(rpc_, wait ? "tx_submitAndWait" : "tx_submit", params));
  if (!outcome.reply) {
    nonce_.reset();  // read it again next time: the refusal may be about the nonce
    return core::Status::invalid(outcome.error.message);
  }
  nonce_ = nonce + 1;
  SendResult out;
  const rapidjson::Value& result = outcome.reply->result(0);
  GRID_ASSIGN(out.id, json_string_member(result, "id"));
  if (!wait) return out;
  GRID_ASSIGN(std::string status, json_string_member(result, "status"));
  if (status != "committed") return out;
  out.committed = true;
  GRID_ASSIGN(out.height, json_u64_member(result, "height"));
  auto receipt = result.FindMember("receipt");
  if (receipt == result.MemberEnd())
    return core::Status::invalid("tx_submitAndWait: a committed result without a receipt");
  GRID_TRY(read_receipt(receipt->value, out));
  return out;
}

}  // namespace grid::tools
