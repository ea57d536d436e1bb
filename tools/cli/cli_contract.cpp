// gridcli contract: create node, name and rent contracts, update and cancel them, list and show
// them with their bills, estimate what a contract would cost.
#include <ostream>

#include "core/blake2b.hpp"
#include "ledger/calls.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

constexpr std::string_view kUnits[] = {"cru", "mru", "sru", "hru"};

void print_contract_created(Context& ctx, const SendResult& r) {
  if (const EventView* e = r.find_event("contract_created"); e && e->contract)
    ctx.out() << "contract " << *e->contract << " created\n";
}

// --cru N, --mru/--sru/--hru SIZE over `base`; `given` tells whether any was set.
core::Result<ledger::Resources> read_resources(const Invocation& inv, ledger::Resources base,
                                               bool* given = nullptr) {
  std::uint64_t* fields[] = {&base.cru, &base.mru, &base.sru, &base.hru};
  for (std::size_t i = 0; i < 4; ++i) {
    std::string option = "--" + std::string(kUnits[i]);
    auto text = inv.value(option);
    if (!text) continue;
    if (given) *given = true;
    if (i == 0) {
      GRID_ASSIGN(*fields[i], parse_id64(option, *text, 0));
    } else {
      GRID_ASSIGN(*fields[i], parse_size_arg(option, *text));
    }
  }
  return base;
}

std::string resources_json(const ledger::Resources& r) {
  return JsonObject()
      .str("cru", std::to_string(r.cru))
      .str("mru", std::to_string(r.mru))
      .str("sru", std::to_string(r.sru))
      .str("hru", std::to_string(r.hru))
      .text();
}

// The deployment data (--deployment-data HEX or --deployment-text TEXT) and its hash
// (--deployment-hash HEX, default BLAKE2b-256 of the data).
core::Status read_deployment(const Invocation& inv, core::Bytes& data, core::Hash32& hash) {
  if (inv.has("--deployment-data") && inv.has("--deployment-text"))
    return core::Status::invalid("give one of --deployment-data, --deployment-text");
  bool data_given = false;
  if (auto hex = inv.value("--deployment-data")) {
    GRID_ASSIGN(data, parse_hex("--deployment-data", *hex));
    data_given = true;
  } else if (auto text = inv.value("--deployment-text")) {
    data.assign(text->begin(), text->end());
    data_given = true;
  }
  if (data.size() > 512) return core::Status::invalid("deployment data: at most 512 bytes");
  if (auto h = inv.value("--deployment-hash")) {
    auto parsed = core::Hash32::from_hex(*h);
    if (!parsed) return core::Status::invalid("--deployment-hash: 64 hex digits expected");
    hash = *parsed;
  } else if (data_given) {
    hash = core::blake2b_256(data);
  }
  return core::Status::ok();
}

core::Result<std::optional<std::uint64_t>> solution_provider(const Invocation& inv) {
  auto text = inv.value("--solution-provider");
  if (!text) return std::optional<std::uint64_t>();
  GRID_ASSIGN(std::uint64_t id, parse_id64("--solution-provider", *text));
  return std::optional<std::uint64_t>(id);
}

int create_node(Context& ctx, const Invocation& inv) {
  ledger::CreateNodeContract call;
  auto node = parse_id32("NODE", inv.args[0]);
  if (!node) return ctx.usage(inv, node.error());
  call.node_id = *node;
  auto resources = read_resources(inv, {});
  if (!resources) return ctx.usage(inv, resources.error());
  call.resources = *resources;
  if (auto ips = inv.value("--public-ips")) {
    auto n = parse_id32("--public-ips", *ips, 0);
    if (!n) return ctx.usage(inv, n.error());
    call.public_ips = *n;
  }
  if (auto st = read_deployment(inv, call.deployment_data, call.deployment_hash); !st)
    return ctx.usage(inv, st);
  auto sp = solution_provider(inv);
  if (!sp) return ctx.usage(inv, sp.error());
  call.solution_provider_id = *sp;
  return ctx.submit("contract create-node", call,
                    [&](const SendResult& r) { print_contract_created(ctx, r); });
}

int create_name(Context& ctx, const Invocation& inv) {
  return ctx.submit("contract create-name", ledger::CreateNameContract{inv.args[0]},
                    [&](const SendResult& r) { print_contract_created(ctx, r); });
}

int create_rent(Context& ctx, const Invocation& inv) {
  auto node = parse_id32("NODE", inv.args[0]);
  if (!node) return ctx.usage(inv, node.error());
  auto sp = solution_provider(inv);
  if (!sp) return ctx.usage(inv, sp.error());
  return ctx.submit("contract create-rent", ledger::CreateRentContract{*node, *sp},
                    [&](const SendResult& r) { print_contract_created(ctx, r); });
}

// The current reservation of node contract `id` as an update call to change.
core::Result<ledger::UpdateNodeContract> current_reservation(Context& ctx, std::uint64_t id) {
  GRID_ASSIGN(RpcReply reply, ctx.call("contract_get", "{\"id\":\"" + std::to_string(id) + "\"}"));
  const rapidjson::Value& c = reply.result(0);
  if (member_text(c, "kind") != "node")
    return core::Status::invalid("contract " + std::to_string(id) + " is a " +
                                 member_text(c, "kind") + " contract; only node contracts update");
  const rapidjson::Value* reservation = find_member(c, "reservation");
  const rapidjson::Value* deployment = find_member(c, "deployment");
  const rapidjson::Value* res = reservation ? find_member(*reservation, "resources") : nullptr;
  if (!res || !deployment || !deployment->IsObject())
    return core::Status::invalid("contract_get: a node contract without reservation");
  ledger::UpdateNodeContract call;
  call.contract_id = id;
  GRID_ASSIGN(call.resources.cru, json_u64_member(*res, "cru"));
  GRID_ASSIGN(call.resources.mru, json_u64_member(*res, "mru"));
  GRID_ASSIGN(call.resources.sru, json_u64_member(*res, "sru"));
  GRID_ASSIGN(call.resources.hru, json_u64_member(*res, "hru"));
  GRID_ASSIGN(std::uint64_t ips, json_u64_member(*reservation, "public_ips"));
  call.public_ips = static_cast<std::uint32_t>(ips);
  GRID_ASSIGN(std::string hash, json_string_member(*deployment, "hash"));
  GRID_ASSIGN(call.deployment_hash, core::Hash32::from_hex(hash));
  GRID_ASSIGN(std::string data, json_string_member(*deployment, "data"));
  GRID_ASSIGN(call.deployment_data, core::hex_decode(data));
  return call;
}

int update(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  auto call = current_reservation(ctx, *id);
  if (!call) return ctx.fail("contract update", call.error());
  bool given = false;
  auto resources = read_resources(inv, call->resources, &given);
  if (!resources) return ctx.usage(inv, resources.error());
  call->resources = *resources;
  if (auto ips = inv.value("--public-ips")) {
    auto n = parse_id32("--public-ips", *ips, 0);
    if (!n) return ctx.usage(inv, n.error());
    call->public_ips = *n;
    given = true;
  }
  bool deployment =
      inv.has("--deployment-data") || inv.has("--deployment-text") || inv.has("--deployment-hash");
  if (deployment) {
    if (inv.has("--deployment-data") || inv.has("--deployment-text")) call->deployment_data.clear();
    if (auto st = read_deployment(inv, call->deployment_data, call->deployment_hash); !st)
      return ctx.usage(inv, st);
  }
  if (!given && !deployment) return ctx.usage(inv, "nothing to change: give what to update");
  return ctx.submit("contract update", *call);
}

int cancel(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  return ctx.submit("contract cancel", ledger::CancelContract{*id});
}

std::string contract_subject(const rapidjson::Value& c) {
  std::string kind = member_text(c, "kind");
  if (kind == "name") return "name " + member_text(c, "name");
  if (kind == "rent") return "node " + member_text(c, "rent_node_id");
  if (kind == "node") return "node " + member_text(c, "node_id");
  return "-";
}

void render_contract(Context& ctx, const rapidjson::Value& c) {
  Fields fields = {{"contract", member_text(c, "id")},
                   {"kind", member_text(c, "kind")},
                   {"state", member_text(c, "state")},
                   {"twin", member_text(c, "twin_id")},
                   {"subject", contract_subject(c)},
                   {"created_at", member_time(c, "created_at")},
                   {"deleted_at", member_time(c, "deleted_at")},
                   {"delete reason", member_text(c, "delete_reason")},
                   {"last billed", member_time(c, "last_billed")},
                   {"next bill", member_time(c, "next_bill_time")},
                   {"bills", member_text(c, "bill_count")},
                   {"total paid", member_tft(c, "total_paid")},
                   {"debt", member_tft(c, "debt")}};
  if (const rapidjson::Value* r = find_member(c, "reservation"); r && r->IsObject()) {
    if (const rapidjson::Value* res = find_member(*r, "resources"))
      fields.emplace_back("resources", "cru " + member_text(*res, "cru") + ", mru " +
                                           member_size(*res, "mru") + ", sru " +
                                           member_size(*res, "sru") + ", hru " +
                                           member_size(*res, "hru"));
    std::string ips;
    if (const rapidjson::Value* list = find_member(*r, "ips"); list && list->IsArray())
      for (const auto& ip : list->GetArray())
        if (ip.IsString()) ips += " " + std::string(ip.GetString());
    fields.emplace_back("public ips", member_text(*r, "public_ips") + ips);
  }
  if (const rapidjson::Value* d = find_member(c, "deployment"); d && d->IsObject())
    fields.emplace_back("deployment hash", member_text(*d, "hash"));
  ctx.out() << render_fields(fields);
}

int show(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  return show_result(ctx, "contract show", "contract_get",
                     "{\"id\":\"" + std::to_string(*id) + "\"}",
                     [&](const rapidjson::Value& c) { render_contract(ctx, c); });
}

int list(Context& ctx, const Invocation& inv) {
  JsonObject params;
  if (inv.has("--mine") && inv.has("--twin")) return ctx.usage(inv, "give --twin or --mine");
  if (auto st = add_u32_option(inv, "--twin", "twin_id", params); !st) return ctx.usage(inv, st);
  if (inv.has("--mine")) {
    auto account = ctx.from_account();
    if (!account) return ctx.fail("contract list", account.error());
    auto a = ctx.call("account_get", "{\"address\":" + json_quote(account->to_address()) + "}");
    if (!a) return ctx.fail("contract list", a.error());
    auto twin = json_u64_member(a->result(0), "twin_id");
    if (!twin)
      return ctx.fail("contract list",
                      core::Status::invalid("no_twin: " + account->to_address() + " has no twin"));
    params.num("twin_id", *twin);
  }
  if (auto st = add_u32_option(inv, "--node-id", "node_id", params); !st) return ctx.usage(inv, st);
  if (auto v = inv.value("--kind")) params.str("kind", *v);
  if (auto v = inv.value("--state")) params.str("state", *v);
  if (auto st = add_paging(inv, params); !st) return ctx.usage(inv, st);
  return show_result(
      ctx, "contract list", "contract_list", params.text(), [&](const rapidjson::Value& r) {
        std::vector<Row> rows;
        if (const rapidjson::Value* cs = find_member(r, "contracts"); cs && cs->IsArray())
          for (const auto& c : cs->GetArray())
            rows.push_back({member_text(c, "id"), member_text(c, "kind"), member_text(c, "state"),
                            member_text(c, "twin_id"), contract_subject(c),
                            member_tft(c, "total_paid"), member_tft(c, "debt")});
        ctx.out() << render_table({"ID", "KIND", "STATE", "TWIN", "SUBJECT", "PAID", "DEBT"}, rows)
                  << page_footer(r, "contracts");
      });
}

int bills(Context& ctx, const Invocation& inv) {
  auto id = parse_id64("ID", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  JsonObject params;
  params.str("id", std::to_string(*id));
  if (auto st = add_paging(inv, params); !st) return ctx.usage(inv, st);
  return show_result(
      ctx, "contract bills", "contract_getBills", params.text(), [&](const rapidjson::Value& r) {
        std::vector<Row> rows;
        if (const rapidjson::Value* bs = find_member(r, "bills"); bs && bs->IsArray())
          for (const auto& b : bs->GetArray())
            rows.push_back({member_text(b, "seq"), member_time(b, "period_end"),
                            member_text(b, "billed_seconds"), member_usd(b, "usd_cost"),
                            member_tft(b, "amount"), member_tft(b, "paid"),
                            member_text(b, "discount"), member_tft(b, "debt_after")});
        ctx.out() << render_table({"SEQ", "PERIOD END", "SECONDS", "COST", "AMOUNT", "PAID",
                                   "DISCOUNT", "DEBT AFTER"},
                                  rows)
                  << page_footer(r, "bills");
      });
}

int estimate(Context& ctx, const Invocation& inv) {
  JsonObject params;
  std::string kind = inv.value("--kind").value_or("node");
  if (kind != "node" && kind != "rent" && kind != "name")
    return ctx.usage(inv, "--kind: '" + kind + "' is not node, rent or name");
  params.str("kind", kind);
  if (auto st = add_u32_option(inv, "--node-id", "node_id", params); !st) return ctx.usage(inv, st);
  bool given = false;
  auto resources = read_resources(inv, {}, &given);
  if (!resources) return ctx.usage(inv, resources.error());
  if (given) params.raw("resources", resources_json(*resources));
  if (auto st = add_u32_option(inv, "--ips", "ips", params, 0); !st) return ctx.usage(inv, st);
  if (auto who = inv.value("--address")) {
    auto account = ctx.resolve_account(*who);
    if (!account) return ctx.usage(inv, "--address: " + account.error().message());
    params.str("address", account->to_address());
  }
  return show_result(
      ctx, "contract estimate", "contract_estimateCost", params.text(),
      [&](const rapidjson::Value& r) {
        const rapidjson::Value* hour = find_member(r, "per_hour");
        const rapidjson::Value* month = find_member(r, "per_30_days");
        const rapidjson::Value* res = find_member(r, "resources");
        Fields f = {{"kind", member_text(r, "kind")}, {"node", member_text(r, "node_id")}};
        if (res && res->IsObject())
          f.emplace_back("resources", "cru " + member_text(*res, "cru") + ", mru " +
                                          member_size(*res, "mru") + ", sru " +
                                          member_size(*res, "sru") + ", hru " +
                                          member_size(*res, "hru"));
        f.emplace_back("public ips", member_text(r, "public_ips"));
        f.emplace_back("TFT price", member_text(r, "price_musd") + " mUSD");
        f.emplace_back("discount", member_text(r, "discount") + " (pay " +
                                       member_text(r, "pay_percent") + " %)");
        if (hour)
          f.emplace_back("per hour",
                         member_tft(*hour, "tft") + " (" + member_usd(*hour, "usd") + ")");
        if (month)
          f.emplace_back("per 30 days",
                         member_tft(*month, "tft") + " (" + member_usd(*month, "usd") + ")");
        ctx.out() << render_fields(f);
      });
}

const std::vector<OptionSpec> kResourceOptions = {
    {"--cru", "N", "virtual cores"},
    {"--mru", "SIZE", "memory, e.g. 4GiB"},
    {"--sru", "SIZE", "SSD storage, e.g. 50GiB"},
    {"--hru", "SIZE", "HDD storage"},
};
const std::vector<OptionSpec> kDeploymentOptions = {
    {"--deployment-data", "HEX", "deployment data stored with the contract (at most 512 bytes)"},
    {"--deployment-text", "TEXT", "the same, given as text"},
    {"--deployment-hash", "HEX", "the deployment's hash (default BLAKE2b-256 of the data)"},
};
const OptionSpec kSolutionProvider = {"--solution-provider", "ID",
                                      "the solution provider that takes a share"};

std::vector<OptionSpec> join(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<CommandSpec> contract_commands() {
  return {
      {.group = "contract",
       .name = "create-node",
       .args = "NODE",
       .min_args = 1,
       .max_args = 1,
       .summary = "reserve capacity (and public IPs) on a node",
       .details = "Example: gridcli --from alice contract create-node 1 --cru 2 --mru 4GiB "
                  "--sru 50GiB\n",
       .options = join(join(kResourceOptions, {{"--public-ips", "N", "public IPv4s (default 0)"}}),
                       join(kDeploymentOptions, {kSolutionProvider})),
       .handler = create_node,
       .signs = true},
      {.group = "contract",
       .name = "create-name",
       .args = "NAME",
       .min_args = 1,
       .max_args = 1,
       .summary = "reserve a unique name (for gateways)",
       .handler = create_name,
       .signs = true},
      {.group = "contract",
       .name = "create-rent",
       .args = "NODE",
       .min_args = 1,
       .max_args = 1,
       .summary = "rent a whole node",
       .options = {kSolutionProvider},
       .handler = create_rent,
       .signs = true},
      {.group = "contract",
       .name = "update",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "change a node contract's reservation or deployment",
       .details = "Options not given keep their current values (read with contract_get).\n",
       .options = join(join(kResourceOptions, {{"--public-ips", "N", "public IPv4s"}}),
                       kDeploymentOptions),
       .handler = update,
       .signs = true},
      {.group = "contract",
       .name = "cancel",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "cancel a contract (it is billed up to now first)",
       .handler = cancel,
       .signs = true},
      {.group = "contract",
       .name = "list",
       .summary = "list contracts",
       .options = {{"--twin", "ID", "contracts of this twin (its history included)"},
                   {"--mine", "", "contracts of --from's twin"},
                   {"--node-id", "ID", "contracts on this node"},
                   {"--kind", "KIND", "node, name, rent or service"},
                   {"--state", "STATE", "created, grace_period or deleted"},
                   kPageOption,
                   kSizeOption},
       .handler = list},
      {.group = "contract",
       .name = "show",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "show a contract (deleted ones too)",
       .handler = show},
      {.group = "contract",
       .name = "bills",
       .args = "ID",
       .min_args = 1,
       .max_args = 1,
       .summary = "list a contract's bills, newest first",
       .options = {kPageOption, kSizeOption},
       .handler = bills},
      {.group = "contract",
       .name = "estimate",
       .summary = "what a contract would cost now, per hour and per 30 days",
       .details = "node: resources required, --node-id optional (its farm's prices); rent:\n"
                  "--node-id or the resources of a whole node; name: nothing else.\n",
       .options = join(
           {{"--kind", "KIND", "node (default), rent or name"}, {"--node-id", "ID", "the node"}},
           join(kResourceOptions, {{"--ips", "N", "public IPv4s (node contracts)"},
                                   {"--address", "ADDR|NAME",
                                    "apply the discount of this account's "
                                    "holdings"}})),
       .handler = estimate},
  };
}

}  // namespace grid::tools
