// gridcli balance, transfer, burn, kv, twin: an account's tokens, key-value entries and twin.
#include <ostream>

#include "core/bytes.hpp"
#include "ledger/calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_output.hpp"
#include "tools/cli/cli_values.hpp"

namespace grid::tools {
namespace {

constexpr std::string_view kTermsLink = "https://library.threefold.me/info/legal/#/";
constexpr std::string_view kTermsHash = "gridchain-terms-v1";

// The account named by the optional argument, else --from's.
core::Result<core::AccountId> target_account(Context& ctx, const Invocation& inv) {
  return inv.args.empty() ? ctx.from_account() : ctx.resolve_account(inv.args[0]);
}

int balance(Context& ctx, const Invocation& inv) {
  auto account = target_account(ctx, inv);
  if (!account) return ctx.fail("balance", account.error());
  auto reply = ctx.call("account_get", "{\"address\":" + json_quote(account->to_address()) + "}");
  if (!reply) return ctx.fail("balance", reply.error());
  const rapidjson::Value& r = reply->result(0);
  if (ctx.json()) {
    ctx.out() << json_text(r);
    return kExitOk;
  }
  ctx.out() << render_fields({{"address", member_text(r, "address")},
                              {"free", member_tft(r, "free")},
                              {"reserved", member_tft(r, "reserved")},
                              {"bonded", member_tft(r, "bonded")},
                              {"unbonding", member_tft(r, "unbonding")},
                              {"nonce", member_text(r, "nonce")},
                              {"twin", member_text(r, "twin_id")}});
  return kExitOk;
}

int transfer(Context& ctx, const Invocation& inv) {
  auto amount = parse_tft("AMOUNT_TFT", inv.args[1]);
  if (!amount) return ctx.usage(inv, amount.error());
  auto to = ctx.resolve_account(inv.args[0]);
  if (!to) return ctx.fail("transfer", to.error());
  return ctx.submit("transfer", ledger::Transfer{*to, *amount}, [&](const SendResult&) {
    ctx.out() << "sent " << format_tft(*amount) << " to " << to->to_address() << "\n";
  });
}

int burn(Context& ctx, const Invocation& inv) {
  auto amount = parse_tft("AMOUNT_TFT", inv.args[0]);
  if (!amount) return ctx.usage(inv, amount.error());
  std::string message = inv.value("--message").value_or("");
  if (message.size() > 256) return ctx.usage(inv, "--message: at most 256 bytes");
  return ctx.submit("burn", ledger::Burn{*amount, message}, [&](const SendResult&) {
    ctx.out() << "burned " << format_tft(*amount) << "\n";
  });
}

core::Result<core::Bytes> kv_bytes(const Invocation& inv, std::string_view name,
                                   std::string_view text) {
  if (inv.has("--hex")) return parse_hex(name, text);
  return core::Bytes(text.begin(), text.end());
}

int kv_set(Context& ctx, const Invocation& inv) {
  auto key = kv_bytes(inv, "KEY", inv.args[0]);
  if (!key) return ctx.usage(inv, key.error());
  auto value = kv_bytes(inv, "VALUE", inv.args[1]);
  if (!value) return ctx.usage(inv, value.error());
  if (key->empty() || key->size() > 512) return ctx.usage(inv, "KEY: 1 to 512 bytes");
  if (value->size() > 2048) return ctx.usage(inv, "VALUE: at most 2048 bytes");
  return ctx.submit("kv set", ledger::KvSet{*key, *value});
}

int kv_delete(Context& ctx, const Invocation& inv) {
  auto key = kv_bytes(inv, "KEY", inv.args[0]);
  if (!key) return ctx.usage(inv, key.error());
  return ctx.submit("kv delete", ledger::KvDelete{*key});
}

core::Result<std::optional<core::Bytes>> twin_pk(const Invocation& inv) {
  auto pk = inv.value("--pk");
  if (!pk) return std::optional<core::Bytes>();
  GRID_ASSIGN(core::Bytes bytes, parse_hex("--pk", *pk));
  return std::optional<core::Bytes>(std::move(bytes));
}

void print_twin_created(Context& ctx, const SendResult& r) {
  if (const EventView* e = r.find_event("twin_created"); e && e->twin)
    ctx.out() << "twin " << *e->twin << " created\n";
}

int twin_create(Context& ctx, const Invocation& inv) {
  auto pk = twin_pk(inv);
  if (!pk) return ctx.usage(inv, pk.error());
  auto account = ctx.from_account();
  if (!account) return ctx.fail("twin create", account.error());
  auto existing =
      ctx.call("account_get", "{\"address\":" + json_quote(account->to_address()) + "}");
  if (!existing) return ctx.fail("twin create", existing.error());
  if (std::string twin = member_text(existing->result(0), "twin_id"); twin != "-")
    return ctx.fail("twin create", core::Status::invalid("twin_exists: " + account->to_address() +
                                                         " already has twin " + twin));
  // The terms first, without waiting: create_twin follows with the next nonce, usually in the
  // same block, and fails terms_not_accepted if accept_terms did not run.
  ledger::AcceptTerms terms{inv.value("--terms-link").value_or(std::string(kTermsLink)),
                            inv.value("--terms-hash").value_or(std::string(kTermsHash))};
  auto accepted = ctx.send(terms, ctx.waits() ? std::optional<bool>(false) : std::nullopt);
  if (!accepted) return ctx.report_send("accept_terms", accepted);
  ledger::CreateTwin call{inv.value("--relay"), *pk};
  return ctx.submit("twin create", call, [&](const SendResult& r) { print_twin_created(ctx, r); });
}

int twin_update(Context& ctx, const Invocation& inv) {
  auto pk = twin_pk(inv);
  if (!pk) return ctx.usage(inv, pk.error());
  return ctx.submit("twin update", ledger::UpdateTwin{inv.value("--relay"), *pk});
}

int twin_show(Context& ctx, const Invocation& inv) {
  std::string params;
  if (!inv.args.empty() && !inv.args[0].empty() &&
      inv.args[0].find_first_not_of("0123456789") == std::string::npos) {
    auto id = parse_id32("ID", inv.args[0]);
    if (!id) return ctx.usage(inv, id.error());
    params = "{\"id\":" + std::to_string(*id) + "}";
  } else {
    auto account = target_account(ctx, inv);
    if (!account) return ctx.fail("twin show", account.error());
    params = "{\"address\":" + json_quote(account->to_address()) + "}";
  }
  auto reply = ctx.call("twin_get", params);
  if (!reply) return ctx.fail("twin show", reply.error());
  const rapidjson::Value& t = reply->result(0);
  if (ctx.json()) {
    ctx.out() << json_text(t);
    return kExitOk;
  }
  ctx.out() << render_fields({{"twin", member_text(t, "id")},
                              {"account", member_text(t, "account")},
                              {"relay", member_text(t, "relay")},
                              {"pk", member_text(t, "pk")},
                              {"stash", member_text(t, "stash")},
                              {"created_at", member_time(t, "created_at")}});
  return kExitOk;
}

const OptionSpec kRelay = {"--relay", "HOST", "the twin's relay host name"};
const OptionSpec kPk = {"--pk", "HEX", "the twin's public key for end-to-end messages (hex)"};

}  // namespace

std::vector<CommandSpec> account_commands() {
  return {
      {.group = "balance",
       .args = "[ADDRESS|NAME]",
       .max_args = 1,
       .summary = "show an account's balances, nonce and twin (default: --from's)",
       .handler = balance},
      {.group = "transfer",
       .args = "TO AMOUNT_TFT",
       .min_args = 2,
       .max_args = 2,
       .summary = "send TFT to an address, a stored key or a dev account",
       .details = "Example: gridcli --from alice transfer tf1q... 12.5\n",
       .handler = transfer,
       .signs = true},
      {.group = "burn",
       .args = "AMOUNT_TFT",
       .min_args = 1,
       .max_args = 1,
       .summary = "destroy TFT from the signer's free balance",
       .options = {{"--message", "TEXT", "a note stored with the burn (at most 256 bytes)"}},
       .handler = burn,
       .signs = true},
      {.group = "kv",
       .name = "set",
       .args = "KEY VALUE",
       .min_args = 2,
       .max_args = 2,
       .summary = "store a value under a key of the signer's key-value space",
       .details = "KEY and VALUE are text (UTF-8 bytes) unless --hex; key 1..512 bytes, value\n"
                  "up to 2048 bytes.\n",
       .options = {{"--hex", "", "KEY and VALUE are hex"}},
       .handler = kv_set,
       .signs = true},
      {.group = "kv",
       .name = "delete",
       .args = "KEY",
       .min_args = 1,
       .max_args = 1,
       .summary = "delete a key of the signer's key-value space",
       .options = {{"--hex", "", "KEY is hex"}},
       .handler = kv_delete,
       .signs = true},
      {.group = "twin",
       .name = "create",
       .summary = "accept the terms and create the signer's twin",
       .details = "Sends accept_terms (--terms-link, --terms-hash) then create_twin; both\n"
                  "usually commit in the same block. Refused when the account has a twin.\n",
       .options = {kRelay,
                   kPk,
                   {"--terms-link", "URL",
                    "the terms document accepted (default the ThreeFold "
                    "legal library)"},
                   {"--terms-hash", "TEXT", "the hash of the terms document"}},
       .handler = twin_create,
       .signs = true},
      {.group = "twin",
       .name = "update",
       .summary = "replace the signer's twin's relay and public key (absent clears)",
       .options = {kRelay, kPk},
       .handler = twin_update,
       .signs = true},
      {.group = "twin",
       .name = "show",
       .args = "[ID|ADDRESS|NAME]",
       .max_args = 1,
       .summary = "show a twin by id or account (default: --from's)",
       .handler = twin_show},
  };
}

}  // namespace grid::tools
