// gridcli node: list nodes with filters, show one node.
#include <algorithm>
#include <ostream>

#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_list.hpp"
#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

const rapidjson::Value* capacity(const rapidjson::Value& node, std::string_view which) {
  const rapidjson::Value* c = find_member(node, "capacity");
  return c ? find_member(*c, which) : nullptr;
}

// "free/total" of one resource, sizes human for mru, sru, hru.
std::string free_of_total(const rapidjson::Value& node, std::string_view unit) {
  const rapidjson::Value* free = capacity(node, "free");
  const rapidjson::Value* total = capacity(node, "total");
  if (!free || !total) return "-";
  if (unit == "cru") return member_text(*free, unit) + "/" + member_text(*total, unit);
  return member_size(*free, unit) + "/" + member_size(*total, unit);
}

void render_node(Context& ctx, const rapidjson::Value& n) {
  const rapidjson::Value* loc = find_member(n, "location");
  std::string where = loc ? member_text(*loc, "city") + ", " + member_text(*loc, "country") : "-";
  std::string ipv4 = "-";
  if (const rapidjson::Value* pc = find_member(n, "public_config"); pc && pc->IsObject())
    if (const rapidjson::Value* v4 = find_member(*pc, "ipv4")) ipv4 = member_text(*v4, "ip");
  ctx.out() << render_fields({{"node", member_text(n, "id")},
                              {"farm", member_text(n, "farm_id")},
                              {"twin", member_text(n, "twin_id")},
                              {"account", member_text(n, "account")},
                              {"status", member_text(n, "status")},
                              {"power", member_text(n, "power_state") + " (target " +
                                            member_text(n, "power_target") + ")"},
                              {"certification", member_text(n, "certification")},
                              {"location", where},
                              {"public ipv4", ipv4},
                              {"cru free/total", free_of_total(n, "cru")},
                              {"mru free/total", free_of_total(n, "mru")},
                              {"sru free/total", free_of_total(n, "sru")},
                              {"hru free/total", free_of_total(n, "hru")},
                              {"contracts", member_text(n, "contract_count")},
                              {"rentable", member_text(n, "rentable")},
                              {"rented by", member_text(n, "rented_by")},
                              {"last uptime report", member_time(n, "last_uptime_report")}});
}

int node_show(Context& ctx, const Invocation& inv) {
  auto id = parse_id32("NODE", inv.args[0]);
  if (!id) return ctx.usage(inv, id.error());
  return show_result(ctx, "node show", "node_get", "{\"id\":" + std::to_string(*id) + "}",
                     [&](const rapidjson::Value& n) { render_node(ctx, n); });
}

core::Status add_size_option(const Invocation& inv, std::string_view option, std::string_view key,
                             JsonObject& params, bool is_size) {
  auto text = inv.value(option);
  if (!text) return core::Status::ok();
  std::uint64_t v = 0;
  if (is_size) {
    GRID_ASSIGN(v, parse_size_arg(option, *text));
  } else {
    GRID_ASSIGN(v, parse_id64(option, *text, 0));
  }
  params.str(key, std::to_string(v));
  return core::Status::ok();
}

core::Status node_list_params(const Invocation& inv, JsonObject& p) {
  GRID_TRY(add_u32_option(inv, "--farm", "farm_id", p));
  if (auto v = inv.value("--country")) p.str("country", *v);
  if (auto v = inv.value("--city")) p.str("city", *v);
  if (auto v = inv.value("--status")) {
    if (*v != "up" && *v != "down" && *v != "standby")
      return core::Status::invalid("--status: '" + *v + "' is not up, down or standby");
    p.str("status", *v);
  }
  GRID_TRY(add_size_option(inv, "--free-cru", "free_cru", p, false));
  GRID_TRY(add_size_option(inv, "--free-mru", "free_mru", p, true));
  GRID_TRY(add_size_option(inv, "--free-sru", "free_sru", p, true));
  GRID_TRY(add_size_option(inv, "--free-hru", "free_hru", p, true));
  add_flag(inv, "--has-ipv4", "has_ipv4", p);
  add_flag(inv, "--certified", "certified", p);
  add_flag(inv, "--rentable", "rentable", p);
  GRID_TRY(add_u32_option(inv, "--rented-by", "rented_by", p));
  return add_paging(inv, p);
}

// --sort-by KEY -> node_list's sort_by (the node sorts every match before paging).
constexpr std::pair<std::string_view, std::string_view> kSortKeys[] = {{"id", "id"},
                                                                       {"farm", "farm_id"},
                                                                       {"free-cru", "free_cru"},
                                                                       {"free-mru", "free_mru"},
                                                                       {"free-sru", "free_sru"},
                                                                       {"free-hru", "free_hru"}};

int node_list(Context& ctx, const Invocation& inv) {
  JsonObject params;
  if (auto st = node_list_params(inv, params); !st) return ctx.usage(inv, st);
  if (auto sort = inv.value("--sort-by")) {
    auto key = std::find_if(std::begin(kSortKeys), std::end(kSortKeys),
                            [&](const auto& k) { return k.first == *sort; });
    if (key == std::end(kSortKeys))
      return ctx.usage(inv, "--sort-by: '" + *sort +
                                "' is not id, farm, free-cru, free-mru, free-sru or free-hru");
    params.str("sort_by", key->second);
  }
  return show_result(ctx, "node list", "node_list", params.text(), [&](const rapidjson::Value& r) {
    std::vector<const rapidjson::Value*> nodes;
    if (const rapidjson::Value* list = find_member(r, "nodes"); list && list->IsArray())
      for (const auto& n : list->GetArray()) nodes.push_back(&n);
    std::vector<Row> rows;
    for (const rapidjson::Value* n : nodes) {
      const rapidjson::Value* loc = find_member(*n, "location");
      bool v4 = [&] {
        const rapidjson::Value* pc = find_member(*n, "public_config");
        return pc && pc->IsObject();
      }();
      rows.push_back({member_text(*n, "id"), member_text(*n, "farm_id"), member_text(*n, "status"),
                      loc ? member_text(*loc, "country") : "-",
                      loc ? member_text(*loc, "city") : "-", free_of_total(*n, "cru"),
                      free_of_total(*n, "mru"), free_of_total(*n, "sru"), free_of_total(*n, "hru"),
                      v4 ? "yes" : "no", member_text(*n, "rentable") == "true" ? "yes" : "no"});
    }
    ctx.out() << render_table({"ID", "FARM", "STATUS", "COUNTRY", "CITY", "CRU", "MRU", "SRU",
                               "HRU", "IPV4", "RENTABLE"},
                              rows)
              << page_footer(r, "nodes");
  });
}

}  // namespace

std::vector<CommandSpec> node_commands() {
  return {
      {.group = "node",
       .name = "list",
       .summary = "list nodes; capacity shown as free/total",
       .details = "Filters combine (and). Sizes take units: --free-mru 8GiB.\n",
       .options = {{"--farm", "ID", "nodes of this farm"},
                   {"--country", "NAME", "exact country (case ignored)"},
                   {"--city", "NAME", "exact city (case ignored)"},
                   {"--status", "STATUS", "up, down or standby"},
                   {"--free-cru", "N", "at least N free virtual cores"},
                   {"--free-mru", "SIZE", "at least SIZE free memory"},
                   {"--free-sru", "SIZE", "at least SIZE free SSD"},
                   {"--free-hru", "SIZE", "at least SIZE free HDD"},
                   {"--has-ipv4", "", "nodes with a public config"},
                   {"--certified", "", "certified nodes only"},
                   {"--rentable", "", "nodes anyone may rent now"},
                   {"--rented-by", "TWIN", "nodes rented by this twin"},
                   {"--sort-by", "KEY",
                    "id (default), farm, free-cru, free-mru, free-sru, free-hru "
                    "(most free first)"},
                   kPageOption,
                   kSizeOption},
       .handler = node_list},
      {.group = "node",
       .name = "show",
       .args = "NODE",
       .min_args = 1,
       .max_args = 1,
       .summary = "show a node: status, location, capacity, contracts",
       .handler = node_show},
  };
}

}  // namespace grid::tools
