// gridcli tx: show one transaction with its receipt, search the node's transaction index.
#include <ostream>

#include "core/hash.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"

namespace grid::tools {
namespace {

// The call's fields as "name=value" (nested objects in compact JSON).
std::string call_fields(const rapidjson::Value& call) {
  std::string out;
  if (!call.IsObject()) return out;
  for (const auto& m : call.GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    if (name == "name" || name == "tag") continue;
    std::string value = name == "amount" ? member_tft(call, name) : member_text(call, name);
    out += (out.empty() ? "" : " ") + name + "=" + value;
  }
  return out;
}

void render_receipt(Fields& f, const rapidjson::Value& receipt) {
  if (!receipt.IsObject()) return;
  std::string ok = member_text(receipt, "ok");
  f.emplace_back("result", ok == "true" ? "ok"
                                        : "failed: " + member_text(receipt, "reason") + ": " +
                                              member_text(receipt, "detail"));
  f.emplace_back("fee paid", member_tft(receipt, "fee"));
  if (const rapidjson::Value* events = find_member(receipt, "events"); events && events->IsArray())
    for (const auto& e : events->GetArray()) {
      auto view = parse_event(e);
      f.emplace_back("event", view ? event_line(*view) : "?");
    }
}

void render_tx(Context& ctx, const rapidjson::Value& r) {
  Fields f = {{"tx", member_text(r, "id")}, {"status", member_text(r, "status")}};
  if (member_text(r, "status") == "committed") {
    f.emplace_back("height", member_text(r, "height"));
    f.emplace_back("index", member_text(r, "index"));
  }
  if (const rapidjson::Value* tx = find_member(r, "tx"); tx && tx->IsObject()) {
    f.emplace_back("signer", member_text(*tx, "signer"));
    f.emplace_back("nonce", member_text(*tx, "nonce"));
    f.emplace_back("fee", member_tft(*tx, "fee"));
    if (const rapidjson::Value* call = find_member(*tx, "call")) {
      f.emplace_back("call", member_text(*call, "name"));
      std::string fields = call_fields(*call);
      if (!fields.empty()) f.emplace_back("fields", fields);
    }
  }
  if (const rapidjson::Value* receipt = find_member(r, "receipt")) render_receipt(f, *receipt);
  ctx.out() << render_fields(f);
}

int tx_show(Context& ctx, const Invocation& inv) {
  auto id = core::Hash32::from_hex(inv.args[0]);
  if (!id)
    return ctx.usage(inv, "ID: '" + inv.args[0] + "' is not a transaction id (64 hex digits)");
  return show_result(ctx, "tx show", "tx_get", "{\"id\":" + json_quote(id->hex()) + "}",
                     [&](const rapidjson::Value& r) { render_tx(ctx, r); });
}

core::Status search_params(Context& ctx, const Invocation& inv, JsonObject& p) {
  int ids = inv.has("--account") + inv.has("--twin") + inv.has("--farm") + inv.has("--node-id") +
            inv.has("--contract");
  if (ids > 1)
    return core::Status::invalid("give one of --account, --twin, --farm, --node-id, --contract");
  if (ids == 0 && !ctx.global().from)
    return core::Status::invalid(
        "give one of --account, --twin, --farm, --node-id, --contract (or --from)");
  if (ids == 0 || inv.has("--account")) {
    auto account =
        inv.has("--account") ? ctx.resolve_account(*inv.value("--account")) : ctx.from_account();
    if (!account) return core::Status::invalid("--account: " + account.error().message());
    p.str("account", account->to_address());
  }
  GRID_TRY(add_u32_option(inv, "--twin", "twin", p));
  GRID_TRY(add_u32_option(inv, "--farm", "farm", p));
  GRID_TRY(add_u32_option(inv, "--node-id", "node", p));
  if (auto c = inv.value("--contract")) {
    GRID_ASSIGN(std::uint64_t id, parse_id64("--contract", *c));
    p.str("contract", std::to_string(id));
  }
  if (auto kind = inv.value("--kind")) p.str("kind", *kind);
  return add_paging(inv, p);
}

int tx_search(Context& ctx, const Invocation& inv) {
  JsonObject params;
  if (auto st = search_params(ctx, inv, params); !st) return ctx.usage(inv, st);
  return show_result(ctx, "tx search", "tx_search", params.text(), [&](const rapidjson::Value& r) {
    std::vector<Row> rows;
    if (const rapidjson::Value* txs = find_member(r, "txs"); txs && txs->IsArray())
      for (const auto& t : txs->GetArray()) {
        const rapidjson::Value* tx = find_member(t, "tx");
        const rapidjson::Value* call = tx ? find_member(*tx, "call") : nullptr;
        const rapidjson::Value* receipt = find_member(t, "receipt");
        std::string result = "-";
        if (receipt && receipt->IsObject())
          result = member_text(*receipt, "ok") == "true" ? "ok" : member_text(*receipt, "reason");
        rows.push_back({member_text(t, "height"), member_text(t, "index"), member_text(t, "id"),
                        call ? member_text(*call, "name") : "-",
                        tx ? member_text(*tx, "signer") : "-", result});
      }
    ctx.out() << render_table({"HEIGHT", "INDEX", "TX", "CALL", "SIGNER", "RESULT"}, rows)
              << page_footer(r, "txs");
  });
}

}  // namespace

std::vector<CommandSpec> tx_commands() {
  return {
      {.group = "tx",
       .name = "show",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "show a transaction, its call and its receipt",
       .handler = tx_show},
      {.group = "tx",
       .name = "search",
       .summary = "transactions that concern an account, twin, farm, node or contract",
       .details = "Newest first. Without an id option, the transactions of --from's account.\n",
       .options = {{"--account", "ADDR|NAME", "an account (address, key name or dev account)"},
                   {"--twin", "ID", "a twin"},
                   {"--farm", "ID", "a farm"},
                   {"--node-id", "ID", "a node"},
                   {"--contract", "ID", "a contract"},
                   {"--kind", "CALL", "only this call, e.g. transfer, create_node_contract"},
                   kPageOption,
                   kSizeOption},
       .handler = tx_search},
  };
}

}  // namespace grid::tools
