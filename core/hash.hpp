// Hash32 and the tagged 32-byte ids that cannot be mixed up (TxId, BlockHash, StateRoot, ...).
//
// Contract: a Hash32 is 32 raw bytes, ordered and compared bytewise. Each tagged id is a distinct
// type wrapping a Hash32: a TxId does not convert to a BlockHash. Hex is lowercase, 64 chars.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.hpp"

namespace grid::core {

struct Hash32 {
  std::array<std::uint8_t, 32> bytes{};

  auto operator<=>(const Hash32&) const = default;
  bool is_zero() const;
  ByteView view() const { return ByteView(bytes.data(), bytes.size()); }
  std::string hex() const { return hex_encode(view()); }
  static Result<Hash32> from_hex(std::string_view hex);
  static Hash32 from_view(ByteView exactly_32_bytes);  // aborts if the size is not 32
};

template <class Tag>
struct TaggedHash {
  Hash32 hash;

  auto operator<=>(const TaggedHash&) const = default;
  ByteView view() const { return hash.view(); }
  std::string hex() const { return hash.hex(); }
  bool is_zero() const { return hash.is_zero(); }
  static Result<TaggedHash> from_hex(std::string_view hex) {
    auto h = Hash32::from_hex(hex);
    if (!h) return h.error();
    return TaggedHash{*h};
  }
};

using TxId = TaggedHash<struct TxIdTag>;
using BlockHash = TaggedHash<struct BlockHashTag>;
using StateRoot = TaggedHash<struct StateRootTag>;
using ValidatorSetHash = TaggedHash<struct ValidatorSetHashTag>;
using GenesisHash = TaggedHash<struct GenesisHashTag>;

}  // namespace grid::core
