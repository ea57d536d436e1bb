#include "core/hash.hpp"

#include <algorithm>
#include <cstdlib>

namespace grid::core {

bool Hash32::is_zero() const {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

Result<Hash32> Hash32::from_hex(std::string_view hex) {
  auto raw = hex_decode_fixed<32>(hex);
  if (!raw) return raw.error();
  return Hash32{*raw};
}

Hash32 Hash32::from_view(ByteView data) {
  if (data.size() != 32) std::abort();
  Hash32 h;
  std::copy(data.begin(), data.end(), h.bytes.begin());
  return h;
}

}  // namespace grid::core
