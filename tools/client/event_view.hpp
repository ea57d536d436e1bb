// EventView: an event of a receipt or of the /events feed, read from its JSON form
// (docs/api.md "Receipt and event"), for the tools that act on events.
//
// Contract: parse_event reads {"kind", "account", "twin", "farm", "node", "contract",
// "attributes": {...}}; ids that are null are absent; numbers may be JSON numbers or decimal
// strings. A member of the wrong type is Code::invalid naming it. Pure; thread-safe.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/status.hpp"

namespace grid::tools {

struct EventView {
  std::string kind;
  std::optional<std::string> account;  // bech32m address
  std::optional<std::uint32_t> twin;
  std::optional<std::uint32_t> farm;
  std::optional<std::uint32_t> node;
  std::optional<std::uint64_t> contract;
  std::map<std::string, std::string, std::less<>> attributes;

  // The attribute, or "" when the event has none of that name.
  std::string attribute(std::string_view key) const;
};

core::Result<EventView> parse_event(const rapidjson::Value& event);

}  // namespace grid::tools
