// u128: the 128-bit unsigned integer used for products of u64 amounts (pricing, splits, fees).
// GCC and Clang provide it; __extension__ keeps -Wpedantic quiet. Helpers saturate or check.
#pragma once

#include <cstdint>
#include <optional>

namespace grid::core {

__extension__ typedef unsigned __int128 u128;

inline constexpr u128 kU64Max = UINT64_MAX;

// The value as u64, or nullopt when it does not fit.
inline std::optional<std::uint64_t> narrow_u64(u128 v) {
  if (v > kU64Max) return std::nullopt;
  return static_cast<std::uint64_t>(v);
}

inline std::uint64_t saturate_u64(u128 v) {
  return v > kU64Max ? UINT64_MAX : static_cast<std::uint64_t>(v);
}

}  // namespace grid::core
