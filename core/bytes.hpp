// Bytes, byte views and strict lowercase/uppercase hex.
//
// Contract: hex_encode writes lowercase without prefix. hex_decode is strict: it accepts an
// even number of [0-9a-fA-F] characters and nothing else (no "0x", no spaces), and says which
// character is wrong. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace grid::core {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

std::string hex_encode(ByteView data);
Result<Bytes> hex_decode(std::string_view hex);

// Decodes hex of exactly N bytes (2N characters).
template <std::size_t N>
Result<std::array<std::uint8_t, N>> hex_decode_fixed(std::string_view hex) {
  if (hex.size() != 2 * N)
    return Status::invalid("expected " + std::to_string(2 * N) + " hex characters, got " +
                           std::to_string(hex.size()));
  auto bytes = hex_decode(hex);
  if (!bytes) return bytes.error();
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = (*bytes)[i];
  return out;
}

inline ByteView as_bytes(std::string_view s) {
  return ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

inline Bytes concat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace grid::core
