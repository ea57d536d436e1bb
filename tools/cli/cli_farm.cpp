// gridcli farm: create and rename farms, their public IPs and node policy; show and list them.
#include <ostream>

#include "ledger/calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"

namespace grid::tools {
namespace {

void print_farm_created(Context& ctx, const SendResult& r) {
  if (const EventView* e = r.find_event("farm_created"); e && e->farm)
    ctx.out() << "farm " << *e->farm << " created\n";
}

core::Result<ledger::IpGw> ip_gateway(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
    return core::Status::invalid("--ip: '" + std::string(text) + "' is not CIDR=GATEWAY");
  return ledger::IpGw{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

int farm_create(Context& ctx, const Invocation& inv) {
  ledger::CreateFarm call{inv.args[0], {}};
  for (const std::string& ip : inv.list("--ip")) {
    auto pair = ip_gateway(ip);
    if (!pair) return ctx.usage(inv, pair.error());
    call.public_ips.push_back(*pair);
  }
  return ctx.submit("farm create", call, [&](const SendResult& r) { print_farm_created(ctx, r); });
}

int farm_rename(Context& ctx, const Invocation& inv) {
  auto farm = parse_id32("FARM", inv.args[0]);
  if (!farm) return ctx.usage(inv, farm.error());
  return ctx.submit("farm rename", ledger::UpdateFarm{*farm, inv.args[1]});
}

int farm_add_ip(Context& ctx, const Invocation& inv) {
  auto farm = parse_id32("FARM", inv.args[0]);
  if (!farm) return ctx.usage(inv, farm.error());
  return ctx.submit("farm add-ip", ledger::AddFarmIp{*farm, {inv.args[1], inv.args[2]}});
}

int farm_remove_ip(Context& ctx, const Invocation& inv) {
  auto farm = parse_id32("FARM", inv.args[0]);
  if (!farm) return ctx.usage(inv, farm.error());
  return ctx.submit("farm remove-ip", ledger::RemoveFarmIp{*farm, inv.args[1]});
}

int farm_policy(Context& ctx, const Invocation& inv) {
  auto farm = parse_id32("FARM", inv.args[0]);
  if (!farm) return ctx.usage(inv, farm.error());
  int modes = inv.has("--open") + inv.has("--allow") + inv.has("--closed");
  if (modes != 1) return ctx.usage(inv, "give exactly one of --open, --allow ADDR,..., --closed");
  ledger::SetFarmNodePolicy call{*farm, inv.has("--open"), {}};
  for (const std::string& who : inv.list("--allow")) {
    auto account = ctx.resolve_account(who);
    if (!account) return ctx.usage(inv, "--allow: " + account.error().message());
    call.allowed.push_back(*account);
  }
  return ctx.submit("farm policy", call);
}

std::string ip_count(const rapidjson::Value& farm) {
  const rapidjson::Value* ips = find_member(farm, "public_ips");
  std::size_t total = ips && ips->IsArray() ? ips->Size() : 0;
  return member_text(farm, "free_ips") + "/" + std::to_string(total);
}

void render_farm(Context& ctx, const rapidjson::Value& f) {
  std::string allowed;
  if (const rapidjson::Value* a = find_member(f, "allowed"); a && a->IsArray())
    for (const auto& x : a->GetArray())
      if (x.IsString()) allowed += (allowed.empty() ? "" : ", ") + std::string(x.GetString());
  ctx.out() << render_fields({{"farm", member_text(f, "id")},
                              {"name", member_text(f, "name")},
                              {"twin", member_text(f, "twin_id")},
                              {"certification", member_text(f, "certification")},
                              {"dedicated", member_text(f, "dedicated")},
                              {"pricing policy", member_text(f, "pricing_policy_id")},
                              {"farming policy", member_text(f, "farming_policy_id")},
                              {"nodes", member_text(f, "node_count")},
                              {"node policy", member_text(f, "open") == "true" ? "open"
                                              : allowed.empty()                ? "closed"
                                                                : "allow " + allowed},
                              {"public ips", ip_count(f) + " free"}});
  std::vector<Row> rows;
  if (const rapidjson::Value* ips = find_member(f, "public_ips"); ips && ips->IsArray())
    for (const auto& ip : ips->GetArray())
      rows.push_back(
          {member_text(ip, "ip"), member_text(ip, "gateway"), member_text(ip, "contract_id")});
  if (!rows.empty()) ctx.out() << "\n" << render_table({"IP", "GATEWAY", "CONTRACT"}, rows);
}

int farm_show(Context& ctx, const Invocation& inv) {
  auto farm = parse_id32("FARM", inv.args[0]);
  if (!farm) return ctx.usage(inv, farm.error());
  return show_result(ctx, "farm show", "farm_get", "{\"id\":" + std::to_string(*farm) + "}",
                     [&](const rapidjson::Value& f) { render_farm(ctx, f); });
}

int farm_list(Context& ctx, const Invocation& inv) {
  JsonObject params;
  if (auto name = inv.value("--name")) params.str("name_contains", *name);
  if (auto st = add_u32_option(inv, "--twin", "twin_id", params); !st) return ctx.usage(inv, st);
  add_flag(inv, "--certified", "certified", params);
  add_flag(inv, "--dedicated", "dedicated", params);
  if (auto st = add_u32_option(inv, "--free-ips", "free_ips_min", params, 0); !st)
    return ctx.usage(inv, st);
  if (auto st = add_paging(inv, params); !st) return ctx.usage(inv, st);
  return show_result(ctx, "farm list", "farm_list", params.text(), [&](const rapidjson::Value& r) {
    std::vector<Row> rows;
    if (const rapidjson::Value* farms = find_member(r, "farms"); farms && farms->IsArray())
      for (const auto& f : farms->GetArray())
        rows.push_back({member_text(f, "id"), member_text(f, "name"), member_text(f, "twin_id"),
                        member_text(f, "certification"), member_text(f, "node_count"), ip_count(f),
                        member_text(f, "open") == "true" ? "open" : "restricted"});
    ctx.out() << render_table({"ID", "NAME", "TWIN", "CERT", "NODES", "FREE IPS", "POLICY"}, rows)
              << page_footer(r, "farms");
  });
}

}  // namespace

std::vector<CommandSpec> farm_commands() {
  return {
      {.group = "farm",
       .name = "create",
       .args = "NAME",
       .min_args = 1,
       .max_args = 1,
       .summary = "create a farm owned by the signer's twin",
       .options = {{"--ip", "CIDR=GATEWAY", "a public IP of the farm (repeatable)", true}},
       .handler = farm_create,
       .signs = true},
      {.group = "farm",
       .name = "rename",
       .args = "FARM NAME",
       .min_args = 2,
       .max_args = 2,
       .summary = "rename a farm",
       .handler = farm_rename,
       .signs = true},
      {.group = "farm",
       .name = "add-ip",
       .args = "FARM CIDR GATEWAY",
       .min_args = 3,
       .max_args = 3,
       .summary = "add a public IPv4 (e.g. 185.206.122.33/24 185.206.122.1) to a farm",
       .handler = farm_add_ip,
       .signs = true},
      {.group = "farm",
       .name = "remove-ip",
       .args = "FARM CIDR",
       .min_args = 2,
       .max_args = 2,
       .summary = "remove a public IP that no contract holds",
       .handler = farm_remove_ip,
       .signs = true},
      {.group = "farm",
       .name = "policy",
       .args = "FARM",
       .min_args = 1,
       .max_args = 1,
       .summary = "set who may register nodes in a farm",
       .options = {{"--open", "", "anyone may"},
                   {"--allow", "ADDR,...",
                    "only these accounts (addresses or key names; "
                    "repeatable)",
                    true},
                   {"--closed", "", "no account may (open off, empty allow list)"}},
       .handler = farm_policy,
       .signs = true},
      {.group = "farm",
       .name = "show",
       .args = "FARM",
       .min_args = 1,
       .max_args = 1,
       .summary = "show a farm and its public IPs",
       .handler = farm_show},
      {.group = "farm",
       .name = "list",
       .summary = "list farms",
       .options = {{"--name", "TEXT", "name contains TEXT (case ignored)"},
                   {"--twin", "ID", "owned by this twin"},
                   {"--certified", "", "gold-certified farms only"},
                   {"--dedicated", "", "dedicated farms only"},
                   {"--free-ips", "N", "at least N free public IPs"},
                   kPageOption,
                   kSizeOption},
       .handler = farm_list},
  };
}

}  // namespace grid::tools
