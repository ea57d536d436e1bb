// gridcli validator: register a validator candidate, show and list validators, change the
// commission, unjail (staking_getValidator, staking_listValidators; calls 0x50, 0x54, 0x55).
#include <ostream>

#include "ledger/calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

constexpr std::size_t kMaxDescription = 256;

core::Result<std::uint8_t> parse_percent(std::string_view name, std::string_view text) {
  GRID_ASSIGN(std::uint64_t p, parse_u64_arg(name, text, 0, 100));
  return static_cast<std::uint8_t>(p);
}

std::string validator_status(const rapidjson::Value& v) {
  if (member_text(v, "jailed") == "true") return "jailed";
  return member_text(v, "active") == "true" ? "active" : "candidate";
}

int register_validator(Context& ctx, const Invocation& inv) {
  ledger::RegisterValidator call;
  auto key_text = inv.value("--consensus-key");
  if (!key_text) return ctx.usage(inv, "--consensus-key is required");
  auto key = parse_hex("--consensus-key", *key_text);
  if (!key) return ctx.usage(inv, key.error());
  if (key->size() != call.consensus_key.size())
    return ctx.usage(inv, "--consensus-key: 32 bytes (64 hex digits) expected");
  std::copy(key->begin(), key->end(), call.consensus_key.begin());
  call.commission_percent = 10;
  if (auto text = inv.value("--commission")) {
    auto p = parse_percent("--commission", *text);
    if (!p) return ctx.usage(inv, p.error());
    call.commission_percent = *p;
  }
  call.description = inv.value("--description").value_or("");
  if (call.description.size() > kMaxDescription)
    return ctx.usage(inv, "--description: at most 256 bytes");
  return ctx.submit("validator register", call, [&](const SendResult&) {
    if (auto who = ctx.from_account())
      ctx.out() << "registered validator " << who->to_address() << " with commission "
                << int{call.commission_percent} << " %\n";
  });
}

void render_validator(Context& ctx, const rapidjson::Value& v) {
  ctx.out() << render_fields(
      {{"validator", member_text(v, "address")},
       {"status", validator_status(v)},
       {"consensus key", member_text(v, "consensus_key")},
       {"commission", member_text(v, "commission_percent") + " %"},
       {"commission changed in epoch", member_text(v, "commission_changed_epoch")},
       {"description", member_text(v, "description")},
       {"self bond", member_tft(v, "self_bond")},
       {"total bond", member_tft(v, "total_bond")},
       {"delegators", member_text(v, "delegators")},
       {"voting power", member_text(v, "voting_power")},
       {"jailed until",
        member_text(v, "jailed") == "true" ? member_time(v, "jailed_until") : std::string("-")}});
}

int show(Context& ctx, const Invocation& inv) {
  auto account = inv.args.empty() ? ctx.from_account() : ctx.resolve_account(inv.args[0]);
  if (!account) return ctx.fail("validator show", account.error());
  return show_result(ctx, "validator show", "staking_getValidator",
                     "{\"address\":" + json_quote(account->to_address()) + "}",
                     [&](const rapidjson::Value& v) { render_validator(ctx, v); });
}

int list(Context& ctx, const Invocation& inv) {
  JsonObject params;
  add_flag(inv, "--active", "active", params);
  if (auto st = add_paging(inv, params); !st) return ctx.usage(inv, st);
  return show_result(ctx, "validator list", "staking_listValidators", params.text(),
                     [&](const rapidjson::Value& r) {
                       std::vector<Row> rows;
                       const rapidjson::Value* vs = find_member(r, "validators");
                       if (vs && vs->IsArray())
                         for (const auto& v : vs->GetArray())
                           rows.push_back({member_text(v, "address"), member_tft(v, "total_bond"),
                                           member_text(v, "commission_percent") + " %",
                                           validator_status(v), member_text(v, "voting_power")});
                       ctx.out() << render_table(
                                        {"ADDRESS", "BOND", "COMMISSION", "STATUS", "POWER"}, rows)
                                 << rows.size() << " shown of " << member_text(r, "total") << "\n"
                                 << "epoch " << member_text(r, "epoch") << ", next epoch at "
                                 << member_time(r, "next_epoch_at") << ", staking pool "
                                 << member_tft(r, "staking_pool") << "\n";
                     });
}

int set_commission(Context& ctx, const Invocation& inv) {
  auto p = parse_percent("P", inv.args[0]);
  if (!p) return ctx.usage(inv, p.error());
  return ctx.submit("validator set-commission", ledger::SetCommission{*p}, [&](const SendResult&) {
    ctx.out() << "commission set to " << int{*p} << " %\n";
  });
}

int unjail(Context& ctx, const Invocation&) {
  return ctx.submit("validator unjail", ledger::Unjail{}, [&](const SendResult&) {
    if (auto who = ctx.from_account()) ctx.out() << "unjailed " << who->to_address() << "\n";
  });
}

}  // namespace

std::vector<CommandSpec> validator_commands() {
  return {
      {.group = "validator",
       .name = "register",
       .summary = "register --from as a validator candidate",
       .details =
           "The consensus key is the node's consensus signing key: the \"validator_key\" member\n"
           "of chain_status on the node that will sign blocks:\n"
           "  curl -s -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_status\"}' "
           "http://NODE:26657/rpc\n"
           "A candidate is elected at an epoch once its self-bond (gridcli stake bond ITSELF\n"
           "AMOUNT) reaches min_validator_bond. Example:\n"
           "  gridcli --from carol validator register --consensus-key 3f9a...e1 --commission 5\n",
       .options = {{"--consensus-key", "HEX32", "the node's consensus key (64 hex digits)"},
                   {"--commission", "P",
                    "the commission on delegators' rewards, 0..100 % "
                    "(default 10)"},
                   {"--description", "TEXT", "a description (at most 256 bytes)"}},
       .handler = register_validator,
       .signs = true},
      {.group = "validator",
       .name = "show",
       .args = "[ADDRESS|NAME]",
       .max_args = 1,
       .summary = "show a validator: bonds, commission, status, power (default: --from's)",
       .handler = show},
      {.group = "validator",
       .name = "list",
       .summary = "list validators by address, with the current epoch",
       .options = {{"--active", "", "only the active set"}, kPageOption, kSizeOption},
       .handler = list},
      {.group = "validator",
       .name = "set-commission",
       .args = "P",
       .min_args = 1,
       .max_args = 1,
       .summary = "change --from's commission, 0..100 % (once per epoch)",
       .handler = set_commission,
       .signs = true},
      {.group = "validator",
       .name = "unjail",
       .summary = "return --from to the candidates once its jail time is over",
       .handler = unjail,
       .signs = true},
  };
}

}  // namespace grid::tools
