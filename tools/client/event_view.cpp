#include "tools/client/event_view.hpp"

#include <limits>

#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

// An id member: absent or null -> nullopt; a JSON number or decimal string (json_u64_member)
// up to `max`, else invalid.
core::Result<std::optional<std::uint64_t>> optional_id(const rapidjson::Value& event,
                                                       const char* name, std::uint64_t max) {
  auto it = event.FindMember(name);
  if (it == event.MemberEnd() || it->value.IsNull()) return std::optional<std::uint64_t>();
  auto id = json_u64_member(event, name);
  if (!id || *id > max)
    return core::Status::invalid(std::string("event '") + name + "' is not an id");
  return std::optional<std::uint64_t>(*id);
}

}  // namespace

std::string EventView::attribute(std::string_view key) const {
  auto it = attributes.find(key);
  return it == attributes.end() ? std::string() : it->second;
}

core::Result<EventView> parse_event(const rapidjson::Value& event) {
  if (!event.IsObject()) return core::Status::invalid("an event is not an object");
  EventView out;
  auto kind = event.FindMember("kind");
  if (kind == event.MemberEnd() || !kind->value.IsString())
    return core::Status::invalid("an event has no string 'kind'");
  out.kind = kind->value.GetString();
  if (auto it = event.FindMember("account"); it != event.MemberEnd() && !it->value.IsNull()) {
    if (!it->value.IsString()) return core::Status::invalid("event 'account' is not a string");
    out.account = it->value.GetString();
  }
  constexpr std::uint64_t kU32 = std::numeric_limits<std::uint32_t>::max();
  GRID_ASSIGN(auto twin, optional_id(event, "twin", kU32));
  GRID_ASSIGN(auto farm, optional_id(event, "farm", kU32));
  GRID_ASSIGN(auto node, optional_id(event, "node", kU32));
  GRID_ASSIGN(out.contract,
              optional_id(event, "contract", std::numeric_limits<std::uint64_t>::max()));
  if (twin) out.twin = static_cast<std::uint32_t>(*twin);
  if (farm) out.farm = static_cast<std::uint32_t>(*farm);
  if (node) out.node = static_cast<std::uint32_t>(*node);
  if (auto it = event.FindMember("attributes"); it != event.MemberEnd() && !it->value.IsNull()) {
    if (!it->value.IsObject()) return core::Status::invalid("event 'attributes' is not an object");
    for (const auto& m : it->value.GetObject()) {
      if (!m.value.IsString())
        return core::Status::invalid("event attribute '" + std::string(m.name.GetString()) +
                                     "' is not a string");
      out.attributes[m.name.GetString()] = m.value.GetString();
    }
  }
  return out;
}

}  // namespace grid::tools
