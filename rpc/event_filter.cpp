// Parsing the /events query and matching events (rpc/event_filter.hpp).
#include "rpc/event_filter.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

#include "rpc/json_strict.hpp"

namespace grid::rpc {
namespace {

using core::Result;
using core::Status;

constexpr std::string_view kLastEventId = "Last-Event-ID";

// "<name>: <why>", the one-line refusal of a parameter.
Status refuse(std::string_view name, std::string_view why) {
  return Status::invalid(std::string(name) + ": " + std::string(why));
}

Result<std::uint64_t> parse_u64(std::string_view name, std::string_view text) {
  auto value = parse_u64_decimal(text);
  if (!value) return refuse(name, value.error().message());
  return *value;
}

Result<std::uint32_t> parse_u32(std::string_view name, std::string_view text) {
  GRID_ASSIGN(std::uint64_t value, parse_u64(name, text));
  if (value > std::numeric_limits<std::uint32_t>::max())
    return refuse(name, std::to_string(value) + " does not fit in u32");
  return static_cast<std::uint32_t>(value);
}

bool is_kind_name(std::string_view kind) {
  return !kind.empty() && std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// "k1,k2,...": every item a snake_case event kind.
Result<std::vector<std::string>> parse_kinds(std::string_view name, std::string_view text) {
  std::vector<std::string> kinds;
  for (std::size_t begin = 0; begin <= text.size();) {
    std::size_t end = std::min(text.find(',', begin), text.size());
    std::string_view kind = text.substr(begin, end - begin);
    if (!is_kind_name(kind))
      return refuse(name, "\"" + json_key_path("", kind) +
                              "\" is not an event kind (snake_case, comma-separated)");
    kinds.emplace_back(kind);
    begin = end + 1;
  }
  return kinds;
}

Result<std::uint64_t> parse_from(std::string_view name, std::string_view text) {
  GRID_ASSIGN(std::uint64_t from, parse_u64(name, text));
  if (from == 0) return refuse(name, "must be at least 1 (the first block)");
  return from;
}

Result<core::AccountId> parse_account(std::string_view name, std::string_view text) {
  auto account = core::AccountId::from_address(text);
  if (!account) return refuse(name, account.error().message());
  return *account;
}

// Parses one parameter into `query`; a name that is not a parameter of /events is refused.
Status apply_param(const std::string& name, std::string_view value, EventQuery& query) {
  EventFilter& f = query.filter;
  if (name == "from") {
    GRID_ASSIGN(query.from, parse_from(name, value));
  } else if (name == "account") {
    GRID_ASSIGN(f.account, parse_account(name, value));
  } else if (name == "twin") {
    GRID_ASSIGN(f.twin, parse_u32(name, value));
  } else if (name == "farm") {
    GRID_ASSIGN(f.farm, parse_u32(name, value));
  } else if (name == "node") {
    GRID_ASSIGN(f.node, parse_u32(name, value));
  } else if (name == "contract") {
    GRID_ASSIGN(f.contract, parse_u64(name, value));
  } else if (name == "kind") {
    GRID_ASSIGN(f.kinds, parse_kinds(name, value));
  } else {
    return Status::invalid("unknown parameter \"" + json_key_path("", name) +
                           "\" (known: from, account, twin, farm, node, contract, kind)");
  }
  return Status::ok();
}

template <class T>
bool same_id(const std::optional<T>& wanted, const std::optional<T>& has) {
  return !wanted || wanted == has;
}

}  // namespace

bool EventFilter::matches(const ledger::Event& event) const {
  return same_id(account, event.account) && same_id(twin, event.twin) &&
         same_id(farm, event.farm) && same_id(node, event.node) &&
         same_id(contract, event.contract) &&
         (kinds.empty() || std::find(kinds.begin(), kinds.end(), event.kind) != kinds.end());
}

Result<EventQuery> parse_event_query(const QueryParams& params,
                                     std::optional<std::string_view> last_event_id) {
  EventQuery query;
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string& name = it->first;
    // The previous parameter was applied, so a repeated name is a known one.
    if (it != params.begin() && std::prev(it)->first == name)
      return refuse(name, "given more than once");
    GRID_TRY(apply_param(name, it->second, query));
  }
  if (!query.from && last_event_id && !last_event_id->empty()) {
    GRID_ASSIGN(std::uint64_t last, parse_u64(kLastEventId, *last_event_id));
    if (last == std::numeric_limits<std::uint64_t>::max())
      return refuse(kLastEventId, "no height follows it");
    query.from = last + 1;
  }
  return query;
}

}  // namespace grid::rpc
