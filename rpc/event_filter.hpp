// EventFilter and EventQuery: what a GET /events request asks for (the pinned /events format:
// `from`, the Last-Event-ID header, and the filters account, twin, farm, node, contract, kind),
// parsed from the query parameters, and the test of one ledger::Event against the filters.
//
// Contract:
// - parse_event_query refuses (Code::invalid, one line "<parameter>: <why>") an unknown
//   parameter, a parameter given twice, an empty value, a number that is not canonical decimal
//   or does not fit (twin / farm / node u32, contract and from u64), from = 0, an account that
//   is not a bech32m address, a kind list with an empty or non-snake_case item, and a
//   Last-Event-ID that is not a decimal height. An explicit `from` wins over Last-Event-ID: H,
//   which means from = H + 1; an empty Last-Event-ID is no header. No `from` at all: absent
//   (the stream starts after the tip).
// - EventFilter::matches: an event matches when it matches every filter that is set (AND across
//   filters): account / twin / farm / node / contract equal to the event's id of that name (an
//   event without that id does not match), kind one of the listed kinds. No filter: every event.
// Thread safety: pure functions over values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_id.hpp"
#include "core/status.hpp"
#include "ledger/receipt.hpp"

namespace grid::rpc {

struct EventFilter {
  std::optional<core::AccountId> account;
  std::optional<std::uint32_t> twin;
  std::optional<std::uint32_t> farm;
  std::optional<std::uint32_t> node;
  std::optional<std::uint64_t> contract;
  std::vector<std::string> kinds;  // any of these; empty = every kind

  bool matches(const ledger::Event& event) const;
  bool operator==(const EventFilter&) const = default;
};

struct EventQuery {
  std::optional<std::uint64_t> from;  // the first height to deliver; absent = after the tip
  EventFilter filter;
};

// The decoded query parameters of a request, name -> value (httplib::Params is this type).
using QueryParams = std::multimap<std::string, std::string>;

// `last_event_id`: the value of the Last-Event-ID request header, nullopt when absent.
core::Result<EventQuery> parse_event_query(const QueryParams& params,
                                           std::optional<std::string_view> last_event_id);

}  // namespace grid::rpc
