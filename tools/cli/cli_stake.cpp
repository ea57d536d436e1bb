// gridcli stake: bond to and unbond from validators, withdraw released unbonding and rewards,
// show an account's delegations (calls 0x51-0x53, staking_getDelegations).
#include <limits>
#include <optional>
#include <ostream>

#include "ledger/calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

// A u64 attribute of a receipt event formatted by `format`; "?" when it is not a u64.
std::string event_value(const EventView* e, std::string_view key,
                        std::string (*format)(std::uint64_t)) {
  auto v = parse_u64_arg(key, e ? e->attribute(key) : std::string(), 0,
                         std::numeric_limits<std::uint64_t>::max());
  return v ? format(*v) : "?";
}

// VALIDATOR AMOUNT_TFT: the amount first (a usage error), then the validator (exit 1 when
// unknown, as every account argument).
struct BondArgs {
  core::AccountId validator;
  std::uint64_t amount = 0;
};

std::optional<int> read_bond_args(Context& ctx, const Invocation& inv, BondArgs& out) {
  auto amount = parse_tft("AMOUNT_TFT", inv.args[1]);
  if (!amount) return ctx.usage(inv, amount.error());
  if (*amount == 0) return ctx.usage(inv, "AMOUNT_TFT: must be above 0");
  auto validator = ctx.resolve_account(inv.args[0]);
  if (!validator) return ctx.fail(inv.command->path(), validator.error());
  out = {*validator, *amount};
  return std::nullopt;
}

int bond(Context& ctx, const Invocation& inv) {
  BondArgs a;
  if (auto code = read_bond_args(ctx, inv, a)) return *code;
  return ctx.submit("stake bond", ledger::Bond{a.validator, a.amount}, [&](const SendResult&) {
    ctx.out() << "bonded " << format_tft(a.amount) << " to " << a.validator.to_address() << "\n";
  });
}

int unbond(Context& ctx, const Invocation& inv) {
  BondArgs a;
  if (auto code = read_bond_args(ctx, inv, a)) return *code;
  return ctx.submit(
      "stake unbond", ledger::Unbond{a.validator, a.amount}, [&](const SendResult& r) {
        ctx.out() << "unbonding " << format_tft(a.amount) << " from " << a.validator.to_address()
                  << ", released at "
                  << event_value(r.find_event("unbonded"), "release_at", format_time) << "\n";
      });
}

int withdraw(Context& ctx, const Invocation&) {
  return ctx.submit("stake withdraw", ledger::WithdrawUnbonded{}, [&](const SendResult& r) {
    const EventView* e = r.find_event("withdrawn");
    ctx.out() << "withdrew " << event_value(e, "unbonded", format_tft) << " unbonded and "
              << event_value(e, "rewards", format_tft) << " rewards\n";
  });
}

void render_delegations(Context& ctx, const rapidjson::Value& r) {
  ctx.out() << render_fields({{"account", member_text(r, "address")},
                              {"bonded", member_tft(r, "bonded")},
                              {"unbonding", member_tft(r, "unbonding")},
                              {"pending rewards", member_tft(r, "pending_rewards")}});
  std::vector<Row> delegations, unbonding;
  if (const rapidjson::Value* ds = find_member(r, "delegations"); ds && ds->IsArray())
    for (const auto& d : ds->GetArray())
      delegations.push_back(
          {member_text(d, "validator"), member_tft(d, "amount"), member_tft(d, "pending_rewards")});
  if (const rapidjson::Value* us = find_member(r, "unbonding_entries"); us && us->IsArray())
    for (const auto& u : us->GetArray())
      unbonding.push_back(
          {member_text(u, "validator"), member_tft(u, "amount"), member_time(u, "release_at")});
  ctx.out() << "\n";
  if (delegations.empty())
    ctx.out() << "no delegations\n";
  else
    ctx.out() << render_table({"VALIDATOR", "BONDED", "PENDING REWARDS"}, delegations);
  ctx.out() << "\n";
  if (unbonding.empty())
    ctx.out() << "no unbonding entries\n";
  else
    ctx.out() << render_table({"VALIDATOR", "UNBONDING", "RELEASED AT"}, unbonding);
}

int show(Context& ctx, const Invocation& inv) {
  auto account = inv.args.empty() ? ctx.from_account() : ctx.resolve_account(inv.args[0]);
  if (!account) return ctx.fail("stake show", account.error());
  return show_result(ctx, "stake show", "staking_getDelegations",
                     "{\"address\":" + json_quote(account->to_address()) + "}",
                     [&](const rapidjson::Value& r) { render_delegations(ctx, r); });
}

}  // namespace

std::vector<CommandSpec> stake_commands() {
  return {
      {.group = "stake",
       .name = "bond",
       .args = "VALIDATOR AMOUNT_TFT",
       .min_args = 2,
       .max_args = 2,
       .summary = "bond free TFT to a validator (its operator bonding to itself: self-bond)",
       .details = "Bonded TFT earn a share of the staking rewards of each epoch in which the\n"
                  "validator is in the active set, less its commission. Example:\n"
                  "  gridcli --from carol stake bond tf1q... 10000\n",
       .handler = bond,
       .signs = true},
      {.group = "stake",
       .name = "unbond",
       .args = "VALIDATOR AMOUNT_TFT",
       .min_args = 2,
       .max_args = 2,
       .summary = "start unbonding TFT from a validator (released after unbonding_period)",
       .details = "The amount stops earning at once and becomes free after the chain's\n"
                  "unbonding_period: then run gridcli stake withdraw.\n",
       .handler = unbond,
       .signs = true},
      {.group = "stake",
       .name = "withdraw",
       .summary = "free the released unbonding entries and collect the pending rewards",
       .details = "Refused (nothing_to_withdraw) when no entry is released and no reward is\n"
                  "pending. Prints what arrived: \"withdrew X TFT unbonded and Y TFT rewards\".\n",
       .handler = withdraw,
       .signs = true},
      {.group = "stake",
       .name = "show",
       .args = "[ADDRESS|NAME]",
       .max_args = 1,
       .summary = "show an account's bonds, unbonding entries and pending rewards (default: "
                  "--from's)",
       .handler = show},
  };
}

}  // namespace grid::tools
