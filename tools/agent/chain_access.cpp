#include "tools/agent/chain_access.hpp"

#include <charconv>

namespace grid::tools {
namespace {

core::Result<const rapidjson::Value*> member(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return core::Status::invalid(std::string("not an object at '") + name + "'");
  auto it = v.FindMember(name);
  if (it == v.MemberEnd()) return core::Status::invalid(std::string("no '") + name + "'");
  return &it->value;
}

core::Result<std::uint32_t> u32_member(const rapidjson::Value& v, const char* name) {
  GRID_ASSIGN(std::uint64_t n, json_u64_member(v, name));
  if (n > UINT32_MAX) return core::Status::invalid(std::string("'") + name + "' out of range");
  return static_cast<std::uint32_t>(n);
}

core::Result<ledger::Resources> parse_resources(const rapidjson::Value& v) {
  ledger::Resources r;
  GRID_ASSIGN(r.cru, json_u64_member(v, "cru"));
  GRID_ASSIGN(r.mru, json_u64_member(v, "mru"));
  GRID_ASSIGN(r.sru, json_u64_member(v, "sru"));
  GRID_ASSIGN(r.hru, json_u64_member(v, "hru"));
  return r;
}

core::Result<std::vector<std::string>> string_array(const rapidjson::Value& v, const char* name) {
  GRID_ASSIGN(const rapidjson::Value* a, member(v, name));
  if (!a->IsArray()) return core::Status::invalid(std::string("'") + name + "' is not an array");
  std::vector<std::string> out;
  for (const auto& s : a->GetArray()) {
    if (!s.IsString()) return core::Status::invalid(std::string("'") + name + "': not a string");
    out.emplace_back(s.GetString(), s.GetStringLength());
  }
  return out;
}

core::Result<ChainState> parse_state(std::string_view s) {
  if (s == "created") return ChainState::created;
  if (s == "grace_period") return ChainState::grace_period;
  if (s == "deleted") return ChainState::deleted;
  return core::Status::invalid("unknown contract state '" + std::string(s) + "'");
}

std::string u64_param(std::uint64_t v) {
  return json_quote(std::to_string(v));
}

// Every page of a list method; `field` names the array of the result.
template <class T, class Parse>
core::Result<std::vector<T>> all_pages(RpcClient& rpc, const std::string& method,
                                       const std::string& filters, const char* field, Parse parse) {
  std::vector<T> out;
  for (std::uint64_t page = 1;; ++page) {
    GRID_ASSIGN(
        RpcReply reply,
        rpc.call(method, "{" + filters + ",\"page\":" + std::to_string(page) + ",\"size\":1000}"));
    const rapidjson::Value& result = reply.result(0);
    GRID_ASSIGN(std::uint64_t total, json_u64_member(result, "total"));
    GRID_ASSIGN(const rapidjson::Value* items, member(result, field));
    if (!items->IsArray()) return core::Status::invalid(method + ": no array '" + field + "'");
    for (const auto& item : items->GetArray()) {
      GRID_ASSIGN(T value, parse(item));
      out.push_back(std::move(value));
    }
    if (items->Empty() || page * 1000 >= total) return out;
  }
}

}  // namespace

core::Result<ContractView> parse_contract_view(const rapidjson::Value& v) {
  ContractView c;
  GRID_ASSIGN(c.id, json_u64_member(v, "id"));
  GRID_ASSIGN(c.twin_id, u32_member(v, "twin_id"));
  GRID_ASSIGN(std::string state, json_string_member(v, "state"));
  GRID_ASSIGN(c.state, parse_state(state));
  GRID_ASSIGN(const rapidjson::Value* node, member(v, "node_id"));
  if (node->IsUint()) c.node_id = node->GetUint();
  GRID_ASSIGN(const rapidjson::Value* reservation, member(v, "reservation"));
  if (reservation->IsObject()) {
    GRID_ASSIGN(const rapidjson::Value* res, member(*reservation, "resources"));
    GRID_ASSIGN(c.reservation.resources, parse_resources(*res));
    GRID_ASSIGN(c.reservation.public_ips, u32_member(*reservation, "public_ips"));
    GRID_ASSIGN(c.reservation.ips, string_array(*reservation, "ips"));
  }
  GRID_ASSIGN(const rapidjson::Value* deployment, member(v, "deployment"));
  if (deployment->IsObject()) {
    GRID_ASSIGN(c.reservation.deployment_hash, json_string_member(*deployment, "hash"));
  }
  return c;
}

core::Result<NodeView> parse_node_view(const rapidjson::Value& v) {
  NodeView n;
  GRID_ASSIGN(n.id, u32_member(v, "id"));
  GRID_ASSIGN(n.farm_id, u32_member(v, "farm_id"));
  GRID_ASSIGN(n.twin_id, u32_member(v, "twin_id"));
  GRID_ASSIGN(n.account, json_string_member(v, "account"));
  GRID_ASSIGN(std::string power, json_string_member(v, "power_state"));
  n.power_up = power != "down";
  GRID_ASSIGN(n.last_uptime_report, json_u64_member(v, "last_uptime_report"));
  GRID_ASSIGN(const rapidjson::Value* capacity, member(v, "capacity"));
  GRID_ASSIGN(const rapidjson::Value* total, member(*capacity, "total"));
  GRID_ASSIGN(n.spec.resources, parse_resources(*total));
  GRID_ASSIGN(const rapidjson::Value* location, member(v, "location"));
  GRID_ASSIGN(n.spec.location.country, json_string_member(*location, "country"));
  GRID_ASSIGN(n.spec.location.city, json_string_member(*location, "city"));
  GRID_ASSIGN(n.spec.location.latitude, json_string_member(*location, "latitude"));
  GRID_ASSIGN(n.spec.location.longitude, json_string_member(*location, "longitude"));
  GRID_ASSIGN(const rapidjson::Value* interfaces, member(v, "interfaces"));
  if (!interfaces->IsArray()) return core::Status::invalid("'interfaces' is not an array");
  for (const auto& i : interfaces->GetArray()) {
    ledger::Interface out;
    GRID_ASSIGN(out.name, json_string_member(i, "name"));
    GRID_ASSIGN(out.mac, json_string_member(i, "mac"));
    GRID_ASSIGN(out.ips, string_array(i, "ips"));
    n.spec.interfaces.push_back(std::move(out));
  }
  for (auto [name, field] : {std::pair{"secure_boot", &n.spec.secure_boot},
                             std::pair{"virtualized", &n.spec.virtualized}}) {
    GRID_ASSIGN(const rapidjson::Value* b, member(v, name));
    if (!b->IsBool()) return core::Status::invalid(std::string("'") + name + "' is not a bool");
    *field = b->GetBool();
  }
  GRID_ASSIGN(const rapidjson::Value* serial, member(v, "serial"));
  if (serial->IsString())
    n.spec.serial = std::string(serial->GetString(), serial->GetStringLength());
  return n;
}

core::Result<std::uint64_t> ChainReader::height() {
  GRID_ASSIGN(RpcReply reply, rpc_.call("chain_status", "{}"));
  return json_u64_member(reply.result(0), "height");
}

core::Result<std::optional<std::uint32_t>> ChainReader::twin_of(const std::string& address) {
  GRID_ASSIGN(RpcReply reply,
              rpc_.call("account_get", "{\"address\":" + json_quote(address) + "}"));
  GRID_ASSIGN(const rapidjson::Value* twin, member(reply.result(0), "twin_id"));
  if (twin->IsNull()) return std::optional<std::uint32_t>();
  if (!twin->IsUint()) return core::Status::invalid("account_get: 'twin_id' is not a number");
  return std::optional<std::uint32_t>(twin->GetUint());
}

core::Result<std::optional<NodeView>> ChainReader::find_node(std::uint32_t farm_id,
                                                             const std::string& address) {
  GRID_ASSIGN(std::vector<NodeView> nodes,
              all_pages<NodeView>(rpc_, "node_list", "\"farm_id\":" + std::to_string(farm_id),
                                  "nodes", parse_node_view));
  for (NodeView& n : nodes)
    if (n.account == address) return std::optional<NodeView>(std::move(n));
  return std::optional<NodeView>();
}

core::Result<NodeView> ChainReader::node(std::uint32_t id) {
  GRID_ASSIGN(RpcReply reply, rpc_.call("node_get", "{\"id\":" + std::to_string(id) + "}"));
  return parse_node_view(reply.result(0));
}

core::Result<std::vector<ContractView>> ChainReader::live_contracts(std::uint32_t node_id) {
  std::vector<ContractView> out;
  for (const char* state : {"created", "grace_period"}) {
    GRID_ASSIGN(std::vector<ContractView> some,
                all_pages<ContractView>(rpc_, "contract_list",
                                        "\"node_id\":" + std::to_string(node_id) +
                                            ",\"kind\":\"node\",\"state\":\"" + state + "\"",
                                        "contracts", parse_contract_view));
    out.insert(out.end(), some.begin(), some.end());
  }
  return out;
}

core::Result<ContractView> ChainReader::contract(std::uint64_t id) {
  GRID_ASSIGN(RpcReply reply, rpc_.call("contract_get", "{\"id\":" + u64_param(id) + "}"));
  return parse_contract_view(reply.result(0));
}

core::Result<SendResult> submit_call(TxSender& sender, const ledger::Call& call) {
  GRID_ASSIGN(SendResult result, sender.send(call));
  if (!result.committed)
    return core::Status::io(std::string(call.name()) + ": not committed in time (tx " + result.id +
                            ")");
  if (!result.ok) return core::Status::invalid(result.reason + ": " + result.detail);
  return result;
}

std::optional<std::uint64_t> next_allowed_time(std::string_view refusal) {
  constexpr std::string_view kMarker = "next at ";
  std::size_t at = refusal.rfind(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = refusal.substr(at + kMarker.size());
  std::uint64_t t = 0;
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), t);
  if (ec != std::errc() || ptr == rest.data()) return std::nullopt;
  return t;
}

}  // namespace grid::tools
