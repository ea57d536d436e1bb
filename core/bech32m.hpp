// Bech32 / Bech32m strings (BIP-173, BIP-350): the checksummed base-32 text behind addresses.
//
// Contract:
// - bech32m_encode(hrp, data5) writes "<hrp>1<data><checksum>" in lowercase with the Bech32m
//   checksum. It refuses (Code::invalid) an hrp that is empty, longer than 83 characters, has a
//   character outside 33..126 or an uppercase letter, a data value >= 32, or a result longer than
//   90 characters.
// - bech32m_decode(text) applies every BIP-173 rule: at most 90 characters, all characters in
//   33..126, no mixed case, the separator is the LAST '1', hrp of 1..83 characters, at least 6
//   data characters (the checksum), every data character in the bech32 charset, and a valid
//   Bech32m checksum. A string with a valid Bech32 (BIP-173, non-m) checksum is refused. An
//   all-uppercase string is accepted (BIP-173 allows it); the returned hrp is lowercase. The
//   returned data excludes the checksum. Errors are Code::invalid, naming the rule broken.
// - bech32_decode_any applies the same rules but accepts either checksum and reports which one
//   (for callers that must tell them apart, like BIP-350 segwit decoding; addresses never use it).
// - bech32_checksum_variant tells which checksum (if any) a lowercase hrp + data carry;
//   bech32_create_checksum makes either one (Bech32 only for completeness and tests).
// - convert_bits regroups bits (8->5 with padding for encoding, 5->8 without padding for
//   decoding). Without padding it refuses leftover bits of 5 or more, or non-zero leftover bits.
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::core {

enum class Bech32Variant : std::uint8_t { bech32, bech32m };

struct Bech32Decoded {
  std::string hrp;  // lowercase
  Bytes data;       // 5-bit values, checksum removed
  Bech32Variant variant = Bech32Variant::bech32m;
};

inline constexpr std::size_t kBech32MaxLength = 90;
inline constexpr std::size_t kBech32MaxHrpLength = 83;
inline constexpr std::size_t kBech32ChecksumLength = 6;

Result<std::string> bech32m_encode(std::string_view hrp, ByteView data5);
Result<Bech32Decoded> bech32m_decode(std::string_view text);
Result<Bech32Decoded> bech32_decode_any(std::string_view text);

// hrp must be lowercase; data are 5-bit values. Returns the six checksum values.
std::array<std::uint8_t, 6> bech32_create_checksum(std::string_view hrp, ByteView data5,
                                                   Bech32Variant variant);
// hrp lowercase; data5 includes the checksum. nullopt when neither checksum matches.
std::optional<Bech32Variant> bech32_checksum_variant(std::string_view hrp, ByteView data5);

Result<Bytes> convert_bits(ByteView in, int from_bits, int to_bits, bool pad);

}  // namespace grid::core
