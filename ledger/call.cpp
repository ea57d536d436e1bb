#include "ledger/call.hpp"

#include <cstdio>

namespace grid::ledger {
namespace {

// Tries each alternative of CallBody in turn; decodes the one whose kTag matches.
template <std::size_t I = 0>
bool decode_alternative(std::uint8_t tag, core::Reader& r, CallBody& out) {
  if constexpr (I == std::variant_size_v<CallBody>) {
    return false;
  } else {
    using T = std::variant_alternative_t<I, CallBody>;
    if (T::kTag == tag) {
      T value{};
      core::read_value(r, value);
      out = std::move(value);
      return true;
    }
    return decode_alternative<I + 1>(tag, r, out);
  }
}

template <std::size_t I = 0>
std::string_view name_of_tag(std::uint8_t tag) {
  if constexpr (I == std::variant_size_v<CallBody>) {
    return {};
  } else {
    using T = std::variant_alternative_t<I, CallBody>;
    return T::kTag == tag ? T::kName : name_of_tag<I + 1>(tag);
  }
}

}  // namespace

std::uint8_t Call::tag() const {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::kTag; }, body);
}

std::string_view Call::name() const {
  return std::visit([](const auto& c) { return std::decay_t<decltype(c)>::kName; }, body);
}

void Call::encode_to(core::Writer& w) const {
  w.u8(tag());
  std::visit([&](const auto& c) { core::write_value(w, c); }, body);
}

void Call::decode_from(core::Reader& r) {
  std::uint8_t tag = r.u8();
  if (!r.ok()) return;
  if (!decode_alternative(tag, r, body)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", tag);
    r.fail(std::string("unknown call tag ") + hex);
  }
}

std::string_view call_name(std::uint8_t tag) {
  return name_of_tag(tag);
}

}  // namespace grid::ledger
