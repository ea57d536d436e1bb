// The codec of a tagged union (a Call, a GovAction): a std::variant whose alternatives each have
// `static constexpr std::uint8_t kTag` and `std::string_view kName`, encoded as the u8 tag then
// the alternative's fields.
//
// Contract: tagged_decode reads the tag and the matching alternative; an unknown tag fails the
// reader with "unknown <what> 0x..". Tags are unique per variant (the caller's duty; the wire
// vector tests check them). Header-only templates; values, thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

#include "core/codec.hpp"

namespace grid::ledger {

template <class V>
std::uint8_t tagged_tag(const V& v) {
  return std::visit([](const auto& a) { return std::decay_t<decltype(a)>::kTag; }, v);
}

template <class V>
std::string_view tagged_name(const V& v) {
  return std::visit([](const auto& a) { return std::decay_t<decltype(a)>::kName; }, v);
}

template <class V>
void tagged_encode(core::Writer& w, const V& v) {
  w.u8(tagged_tag(v));
  std::visit([&](const auto& a) { core::write_value(w, a); }, v);
}

// Tries each alternative in turn; decodes the one whose kTag matches.
template <class V, std::size_t I = 0>
bool decode_tagged_alternative(std::uint8_t tag, core::Reader& r, V& out) {
  if constexpr (I == std::variant_size_v<V>) {
    return false;
  } else {
    using T = std::variant_alternative_t<I, V>;
    if (T::kTag == tag) {
      T value{};
      core::read_value(r, value);
      out = std::move(value);
      return true;
    }
    return decode_tagged_alternative<V, I + 1>(tag, r, out);
  }
}

template <class V>
void tagged_decode(core::Reader& r, V& out, std::string_view what) {
  std::uint8_t tag = r.u8();
  if (!r.ok()) return;
  if (!decode_tagged_alternative(tag, r, out)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", tag);
    r.fail("unknown " + std::string(what) + " " + hex);
  }
}

}  // namespace grid::ledger
