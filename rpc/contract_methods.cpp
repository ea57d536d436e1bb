#include "rpc/contract_methods.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/contract_types.hpp"
#include "contracts/lifecycle.hpp"
#include "contracts/pricing.hpp"
#include "core/codec.hpp"
#include "ledger/accounts.hpp"
#include "ledger/executor.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"
#include "rpc/json_contracts.hpp"
#include "rpc/json_domain.hpp"
#include "rpc/method_support.hpp"

namespace grid::rpc {
namespace {

using contracts::Contract;
using contracts::ContractKind;
using contracts::ContractState;
using core::Result;
using core::Status;

constexpr std::uint64_t kHourSeconds = 3600;
constexpr std::uint64_t kMonthSeconds = 30 * 86400;
constexpr std::uint32_t kDefaultPricingPolicy = 1;  // as billing: name contracts, no node given

std::string contract_what(std::uint64_t id) {
  return "contract " + std::to_string(id);
}

Result<Contract> find_contract(const ledger::StateReader& state, std::uint64_t id) {
  return found(ledger::load<Contract>(state, contracts::keys::contract(id)), contract_what(id));
}

std::optional<std::uint64_t> next_bill_time(const Contract& c, const ledger::ChainParams& params) {
  if (!c.is_live() || !contracts::billed_by_due_index(c)) return std::nullopt;
  return contracts::next_due_time(c, params);
}

// The enum value whose name() is the param's string; the names are listed in the refusal.
template <class Enum>
Result<std::optional<Enum>> get_enum(const Params& params, std::string_view name, int count,
                                     std::string_view (*name_of)(Enum)) {
  if (!params.has(name)) {
    GRID_TRY(params.raw(name).status());
    return std::optional<Enum>();
  }
  GRID_ASSIGN(std::string text, params.get_string(name));
  std::string known;
  for (int i = 0; i < count; ++i) {
    auto value = static_cast<Enum>(i);
    if (name_of(value) == text) return std::optional<Enum>(value);
    known += (i == 0 ? "" : ", ") + std::string(name_of(value));
  }
  return invalid_params(std::string(name) + ": expected one of " + known);
}

Result<std::optional<std::uint32_t>> get_optional_u32(const Params& params, std::string_view name) {
  if (!params.has(name)) {
    GRID_TRY(params.raw(name).status());
    return std::optional<std::uint32_t>();
  }
  GRID_ASSIGN(std::uint32_t value, params.get_u32(name));
  return std::optional<std::uint32_t>(value);
}

// ---- contract_get, contract_list -------------------------------------------------------------

Result<JsonText> contract_get(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint64_t id, params.get_u64("id"));
  JsonBuilder b;
  GRID_TRY(node.with_state([&](const ledger::StateReader& state, std::uint64_t) -> Status {
    GRID_ASSIGN(Contract contract, find_contract(state, id));
    GRID_ASSIGN(ledger::ChainParams chain_params, ledger::load_params(state));
    write_contract(b.w(), contract, next_bill_time(contract, chain_params));
    return Status::ok();
  }));
  return b.finish();
}

struct ContractFilter {
  std::optional<std::uint32_t> twin_id;
  std::optional<std::uint32_t> node_id;
  std::optional<ContractKind> kind;
  std::optional<ContractState> state;

  bool matches(const Contract& c) const {
    return (!twin_id || c.twin_id == *twin_id) &&
           (!node_id || contracts::contract_node(c) == node_id) && (!kind || c.kind == *kind) &&
           (!state || c.state == *state);
  }
};

Result<ContractFilter> get_filter(const Params& params) {
  ContractFilter f;
  GRID_ASSIGN(f.twin_id, get_optional_u32(params, "twin_id"));
  GRID_ASSIGN(f.node_id, get_optional_u32(params, "node_id"));
  GRID_ASSIGN(f.kind, get_enum<ContractKind>(params, "kind", 4, contracts::contract_kind_name));
  GRID_ASSIGN(f.state, get_enum<ContractState>(params, "state", 3, contracts::contract_state_name));
  return f;
}

// The contracts matching `filter`, in id order: the twin's index when a twin is given, else
// every contract record.
Result<std::vector<Contract>> matching_contracts(const ledger::StateReader& state,
                                                 const ContractFilter& filter) {
  std::vector<Contract> out;
  Status failure = Status::ok();
  auto keep = [&](const Contract& c) {
    if (filter.matches(c)) out.push_back(c);
  };
  if (filter.twin_id) {
    GRID_TRY(state.scan_prefix(contracts::keys::twin_contracts_prefix(*filter.twin_id),
                               [&](core::ByteView key, core::ByteView) {
                                 auto c = find_contract(state, contracts::keys::trailing_id(key));
                                 if (!c) failure = c.error();
                                 if (c) keep(*c);
                                 return failure.is_ok();
                               }));
  } else {
    GRID_TRY(state.scan_prefix(ledger::keys::table_key(contracts::keys::kContract),
                               [&](core::ByteView key, core::ByteView value) {
                                 auto c = core::decode<Contract>(value);
                                 if (!c)
                                   failure = Status::corruption("contract record " +
                                                                core::hex_encode(key) + ": " +
                                                                c.error().message());
                                 if (c) keep(*c);
                                 return failure.is_ok();
                               }));
  }
  GRID_TRY(failure);
  return out;
}

void write_page_header(JsonWriter& w, std::uint64_t total, const Page& page) {
  write_key(w, "total");
  w.Uint64(total);
  write_key(w, "page");
  write_u32(w, page.number);
  write_key(w, "size");
  write_u32(w, page.size);
}

Result<JsonText> contract_list(NodeApi& node, const Params& params) {
  GRID_ASSIGN(ContractFilter filter, get_filter(params));
  GRID_ASSIGN(Page page, get_page(params, kDefaultContractPageSize));
  JsonBuilder b;
  GRID_TRY(node.with_state([&](const ledger::StateReader& state, std::uint64_t) -> Status {
    GRID_ASSIGN(std::vector<Contract> all, matching_contracts(state, filter));
    GRID_ASSIGN(ledger::ChainParams chain_params, ledger::load_params(state));
    b.w().StartObject();
    write_page_header(b.w(), all.size(), page);
    write_key(b.w(), "contracts");
    b.w().StartArray();
    for (const auto& c : page_of(all, page))
      write_contract(b.w(), c, next_bill_time(c, chain_params));
    b.w().EndArray();
    b.w().EndObject();
    return Status::ok();
  }));
  return b.finish();
}

// ---- contract_getBills -----------------------------------------------------------------------

// Bills are stored per contract with seq 1..bill_count; newest first.
Result<JsonText> contract_get_bills(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint64_t id, params.get_u64("id"));
  GRID_ASSIGN(Page page, get_page(params, kDefaultBillPageSize));
  JsonBuilder b;
  GRID_TRY(node.with_state([&](const ledger::StateReader& state, std::uint64_t) -> Status {
    GRID_ASSIGN(Contract contract, find_contract(state, id));
    b.w().StartObject();
    write_key(b.w(), "contract_id");
    write_u64(b.w(), id);
    write_page_header(b.w(), contract.bill_count, page);
    write_key(b.w(), "bills");
    b.w().StartArray();
    for (std::uint64_t i = 0; i < page.size && page.offset() + i < contract.bill_count; ++i) {
      std::uint64_t seq = contract.bill_count - page.offset() - i;
      GRID_ASSIGN(auto bill, ledger::load<contracts::Bill>(state, contracts::keys::bill(id, seq)));
      if (!bill)
        return Status::corruption(contract_what(id) + " has no bill " + std::to_string(seq));
      write_bill(b.w(), *bill);
    }
    b.w().EndArray();
    b.w().EndObject();
    return Status::ok();
  }));
  return b.finish();
}

// ---- contract_estimateCost -------------------------------------------------------------------

struct EstimateRequest {
  ContractKind kind = ContractKind::node;
  std::optional<std::uint32_t> node_id;
  std::optional<ledger::Resources> resources;
  std::uint32_t ips = 0;
  std::optional<core::AccountId> address;
};

Result<ledger::Resources> get_resources(const Params& params) {
  GRID_ASSIGN(const JsonValue* value, params.raw("resources"));
  auto refuse = [](const Status& s) { return invalid_params(s.message()); };
  if (value == nullptr || !value->IsObject())
    return invalid_params("resources: expected an object");
  static constexpr std::string_view kKeys[] = {"cru", "mru", "sru", "hru"};
  if (auto s = check_keys(*value, "resources", kKeys); !s.is_ok()) return refuse(s);
  ledger::Resources r;
  std::uint64_t* fields[] = {&r.cru, &r.mru, &r.sru, &r.hru};
  for (std::size_t i = 0; i < 4; ++i) {
    const JsonValue* field = find_member(*value, kKeys[i]);
    if (field == nullptr) continue;  // absent: 0
    if (auto s = read_u64_string(*field, json_key_path("resources", kKeys[i]), *fields[i]);
        !s.is_ok())
      return refuse(s);
  }
  return r;
}

Result<EstimateRequest> get_estimate_request(const Params& params) {
  EstimateRequest req;
  GRID_ASSIGN(auto kind, get_enum<ContractKind>(params, "kind", 4, contracts::contract_kind_name));
  req.kind = kind.value_or(ContractKind::node);
  if (req.kind == ContractKind::service)
    return invalid_params("kind: a service contract's price is set by its parties");
  GRID_ASSIGN(req.node_id, get_optional_u32(params, "node_id"));
  if (params.has("resources")) {
    GRID_ASSIGN(req.resources, get_resources(params));
  }
  GRID_ASSIGN(req.ips, params.get_u32_or("ips", 0));
  if (params.has("address")) {
    GRID_ASSIGN(req.address, params.get_address("address"));
  }
  if (req.kind == ContractKind::node && !req.resources)
    return invalid_params("resources: missing (a node contract reserves resources)");
  if (req.kind == ContractKind::rent)
    GRID_TRY(exactly_one_of(params, {"node_id", "resources"}).status());
  return req;
}

// The rate of the asked contract and the undiscounted extra fee (rent of a node that has one).
struct Rate {
  contracts::HourlyRate rate;
  std::uint64_t extra_fee_musd_month = 0;
};

Result<ledger::PricingPolicy> load_policy(const ledger::StateReader& state, std::uint32_t id) {
  return ledger::load_required<ledger::PricingPolicy>(state, ledger::keys::pricing_policy(id),
                                                      "pricing policy " + std::to_string(id));
}

Result<Rate> rate_of(const ledger::StateReader& state, const ledger::ChainParams& params,
                     EstimateRequest& req) {
  Rate out;
  std::optional<ledger::Node> node;
  std::uint32_t policy_id = kDefaultPricingPolicy;
  if (req.node_id && req.kind != ContractKind::name) {
    GRID_ASSIGN(ledger::Node n,
                found(ledger::load<ledger::Node>(state, ledger::keys::node(*req.node_id)),
                      "node " + std::to_string(*req.node_id)));
    GRID_ASSIGN(ledger::Farm farm, ledger::load_farm(state, n.farm_id));
    policy_id = farm.pricing_policy_id;
    node = std::move(n);
  }
  GRID_ASSIGN(ledger::PricingPolicy policy, load_policy(state, policy_id));
  bool certified = node && node->certification == ledger::NodeCertification::certified;
  std::uint32_t uplift = params.certified_uplift_percent;
  switch (req.kind) {
    case ContractKind::name:
      out.rate = contracts::name_contract_rate(policy);
      break;
    case ContractKind::rent:
      if (node) {
        req.resources = node->resources;
        out.extra_fee_musd_month = node->extra_fee_musd_month;
      }
      out.rate = contracts::rent_contract_rate(policy, *req.resources, certified, uplift);
      break;
    case ContractKind::node:
    case ContractKind::service:
      out.rate = contracts::node_contract_rate(policy, *req.resources, req.ips, certified,
                                               node && node->rent_contract_id != 0, uplift);
      break;
  }
  return out;
}

// The TFT an account holds for the discount, as billing counts it for its twin: its free
// balance plus its twin's bonded stash's free balance.
Result<std::uint64_t> held_by(const ledger::StateReader& state, const core::AccountId& who) {
  GRID_ASSIGN(ledger::Account account, ledger::load_account(state, who));
  core::u128 held = account.free;
  GRID_ASSIGN(std::optional<std::uint32_t> twin_id, ledger::twin_id_of(state, who));
  if (twin_id) {
    GRID_ASSIGN(ledger::Twin twin, ledger::load_twin(state, *twin_id));
    if (twin.stash) {
      GRID_ASSIGN(ledger::Account stash, ledger::load_account(state, *twin.stash));
      held += stash.free;
    }
  }
  return core::saturate_u64(held);
}

// The USD (after discount, extra fee included) and TFT of `seconds` of `rate`, as a bill.
Result<std::pair<std::uint64_t, std::uint64_t>> cost_for(const Rate& rate, std::uint64_t seconds,
                                                         std::uint32_t price, std::uint32_t pay) {
  GRID_ASSIGN(std::uint64_t usd, contracts::usd_cost(rate.rate, seconds, 0, 0, 0));
  GRID_ASSIGN(std::uint64_t extra_usd, contracts::usd_cost(contracts::HourlyRate{}, seconds,
                                                           rate.extra_fee_musd_month, 0, 0));
  GRID_ASSIGN(std::uint64_t tft, contracts::tft_due(usd, price, pay));
  GRID_ASSIGN(std::uint64_t extra_tft, contracts::tft_due(extra_usd, price, 100));
  return std::pair{core::saturate_u64(core::u128{usd} * pay / 100 + extra_usd),
                   core::saturate_u64(core::u128{tft} + extra_tft)};
}

Result<CostEstimate> estimate(const ledger::StateReader& state, EstimateRequest req) {
  GRID_ASSIGN(ledger::ChainParams params, ledger::load_params(state));
  GRID_ASSIGN(Rate rate, rate_of(state, params, req));
  CostEstimate e;
  e.kind = req.kind;
  e.node_id = req.kind == ContractKind::name ? std::nullopt : req.node_id;
  e.resources = req.resources.value_or(ledger::Resources{});
  e.public_ips = req.kind == ContractKind::node ? req.ips : 0;
  GRID_ASSIGN(auto price, ledger::load<ledger::TftPrice>(state, ledger::keys::tft_price()));
  e.price_musd =
      contracts::clamp_price(price ? price->average_musd : 0, params.price_min, params.price_max);
  if (req.address) {
    GRID_ASSIGN(std::uint64_t monthly_usd, contracts::usd_cost(rate.rate, kMonthSeconds, 0, 0, 0));
    GRID_ASSIGN(std::uint64_t monthly_tft, contracts::tft_due(monthly_usd, e.price_musd, 100));
    GRID_ASSIGN(std::uint64_t held, held_by(state, *req.address));
    e.discount = contracts::discount_level(held, monthly_tft);
  }
  e.pay_percent = contracts::pay_percent(e.discount);
  GRID_ASSIGN(auto hour, cost_for(rate, kHourSeconds, e.price_musd, e.pay_percent));
  GRID_ASSIGN(auto month, cost_for(rate, kMonthSeconds, e.price_musd, e.pay_percent));
  std::tie(e.hour_usd, e.hour_tft) = hour;
  std::tie(e.month_usd, e.month_tft) = month;
  return e;
}

Result<JsonText> contract_estimate_cost(NodeApi& node, const Params& params) {
  GRID_ASSIGN(EstimateRequest req, get_estimate_request(params));
  JsonBuilder b;
  GRID_TRY(node.with_state([&](const ledger::StateReader& state, std::uint64_t) -> Status {
    GRID_ASSIGN(CostEstimate e, estimate(state, req));
    write_cost_estimate(b.w(), e);
    return Status::ok();
  }));
  return b.finish();
}

// ---- tx_estimateFee --------------------------------------------------------------------------

Result<JsonText> tx_estimate_fee(NodeApi& node, const Params& params) {
  GRID_ASSIGN(core::Bytes raw, params.get_hex("tx"));
  auto tx = core::decode<ledger::Transaction>(raw);
  if (!tx) return invalid_params("tx: not a transaction: " + tx.error().message());
  JsonBuilder b;
  GRID_TRY(node.with_state([&](const ledger::StateReader& state, std::uint64_t) -> Status {
    GRID_ASSIGN(ledger::ChainParams chain_params, ledger::load_params(state));
    b.w().StartObject();
    write_key(b.w(), "fee");
    write_u64(b.w(), ledger::required_fee(chain_params, node.modules(), *tx));
    write_key(b.w(), "size");
    b.w().Uint64(raw.size());
    b.w().EndObject();
    return Status::ok();
  }));
  return b.finish();
}

// ---- tx_search -------------------------------------------------------------------------------

Result<TxSearchQuery> get_search_query(const Params& params) {
  TxSearchQuery q;
  GRID_ASSIGN(std::size_t which,
              exactly_one_of(params, {"account", "twin", "farm", "node", "contract"}));
  q.kind = static_cast<TxSearchQuery::Kind>(which + 1);
  static constexpr std::string_view kIdNames[] = {"twin", "farm", "node"};
  if (q.kind == TxSearchQuery::Kind::account) {
    GRID_ASSIGN(q.account, params.get_address("account"));
  } else if (q.kind == TxSearchQuery::Kind::contract) {
    GRID_ASSIGN(q.id, params.get_u64("contract"));
  } else {
    GRID_ASSIGN(q.id, params.get_u32(kIdNames[which - 1]));
  }
  if (params.has("kind")) {
    GRID_ASSIGN(q.call, params.get_string("kind"));
  }
  return q;
}

// One hit: {"id", "height", "index", "tx", "receipt" (null when the node has no results)}.
Status write_hit(JsonWriter& w, NodeApi& node, const TxLocation& at) {
  std::string where =
      "transaction " + std::to_string(at.index) + " of block " + std::to_string(at.height);
  GRID_ASSIGN(ledger::Block block, found(node.block_at(at.height), "block of " + where));
  if (at.index >= block.transactions.size()) return Status::corruption("no " + where);
  const ledger::Transaction& tx = block.transactions[at.index];
  GRID_ASSIGN(std::optional<ledger::BlockResults> results, node.results_at(at.height));
  w.StartObject();
  write_key(w, "id");
  write_hash(w, ledger::tx_id(tx));
  write_key(w, "height");
  write_height(w, at.height);
  write_key(w, "index");
  write_u32(w, at.index);
  write_key(w, "tx");
  write_transaction(w, tx);
  write_key(w, "receipt");
  if (results && at.index < results->receipts.size())
    write_receipt(w, results->receipts[at.index]);
  else
    w.Null();
  w.EndObject();
  return Status::ok();
}

Result<JsonText> tx_search(NodeApi& node, const Params& params) {
  GRID_ASSIGN(TxSearchQuery query, get_search_query(params));
  GRID_ASSIGN(Page page, get_page(params, kDefaultTxSearchPageSize));
  query.page = page.number - 1;
  query.size = page.size;
  GRID_ASSIGN(TxSearchPage found_txs, node.search_txs(query));
  JsonBuilder b;
  b.w().StartObject();
  write_page_header(b.w(), found_txs.total, page);
  write_key(b.w(), "txs");
  b.w().StartArray();
  for (const auto& hit : found_txs.hits) GRID_TRY(write_hit(b.w(), node, hit));
  b.w().EndArray();
  b.w().EndObject();
  return b.finish();
}

// ---- registration ----------------------------------------------------------------------------

}  // namespace

core::Status add_contract_methods(MethodRegistry& registry, NodeApi& node) {
  const MethodSpec methods[] = {
      {"contract_get", {"id"}, contract_get},
      {"contract_list", {"twin_id", "node_id", "kind", "state", "page", "size"}, contract_list},
      {"contract_getBills", {"id", "page", "size"}, contract_get_bills},
      {"contract_estimateCost",
       {"node_id", "resources", "ips", "kind", "address"},
       contract_estimate_cost},
      {"tx_estimateFee", {"tx"}, tx_estimate_fee},
      {"tx_search",
       {"account", "twin", "farm", "node", "contract", "kind", "page", "size"},
       tx_search},
  };
  return register_methods(registry, node, methods);
}

}  // namespace grid::rpc
