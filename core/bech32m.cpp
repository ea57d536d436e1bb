#include "core/bech32m.hpp"

namespace grid::core {
namespace {

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::uint32_t kBech32Const = 1;
constexpr std::uint32_t kBech32mConst = 0x2bc830a3;

// Reverse of kCharset for lowercase characters; -1 for characters outside it.
constexpr std::array<std::int8_t, 128> make_reverse() {
  std::array<std::int8_t, 128> rev{};
  for (auto& r : rev) r = -1;
  for (std::size_t i = 0; i < kCharset.size(); ++i)
    rev[static_cast<unsigned char>(kCharset[i])] = static_cast<std::int8_t>(i);
  return rev;
}
constexpr std::array<std::int8_t, 128> kReverse = make_reverse();

std::uint32_t polymod(ByteView values, std::uint32_t chk = 1) {
  constexpr std::uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  for (std::uint8_t v : values) {
    std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) chk ^= kGen[i];
  }
  return chk;
}

Bytes hrp_expand(std::string_view hrp) {
  Bytes out;
  out.reserve(hrp.size() * 2 + 1);
  for (char c : hrp) out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
  out.push_back(0);
  for (char c : hrp) out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) & 31));
  return out;
}

std::uint32_t variant_const(Bech32Variant variant) {
  return variant == Bech32Variant::bech32m ? kBech32mConst : kBech32Const;
}

std::string char_name(unsigned char c) {
  if (c >= 33 && c <= 126) return std::string("'") + static_cast<char>(c) + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
}

}  // namespace

std::array<std::uint8_t, 6> bech32_create_checksum(std::string_view hrp, ByteView data5,
                                                   Bech32Variant variant) {
  Bytes values = hrp_expand(hrp);
  values.insert(values.end(), data5.begin(), data5.end());
  values.insert(values.end(), 6, 0);
  std::uint32_t mod = polymod(values) ^ variant_const(variant);
  std::array<std::uint8_t, 6> out{};
  for (int i = 0; i < 6; ++i) out[i] = static_cast<std::uint8_t>((mod >> (5 * (5 - i))) & 31);
  return out;
}

std::optional<Bech32Variant> bech32_checksum_variant(std::string_view hrp, ByteView data5) {
  std::uint32_t mod = polymod(data5, polymod(hrp_expand(hrp)));
  if (mod == kBech32Const) return Bech32Variant::bech32;
  if (mod == kBech32mConst) return Bech32Variant::bech32m;
  return std::nullopt;
}

Result<std::string> bech32m_encode(std::string_view hrp, ByteView data5) {
  if (hrp.empty() || hrp.size() > kBech32MaxHrpLength)
    return Status::invalid("bech32m: human-readable part must be 1 to 83 characters, got " +
                           std::to_string(hrp.size()));
  for (char ch : hrp) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 33 || c > 126)
      return Status::invalid("bech32m: human-readable part has " + char_name(c));
    if (c >= 'A' && c <= 'Z')
      return Status::invalid("bech32m: human-readable part must be lowercase, has " + char_name(c));
  }
  std::size_t length = hrp.size() + 1 + data5.size() + kBech32ChecksumLength;
  if (length > kBech32MaxLength)
    return Status::invalid("bech32m: encoding would be " + std::to_string(length) +
                           " characters, over the limit of 90");
  for (std::uint8_t v : data5)
    if (v >= 32)
      return Status::invalid("bech32m: data value " + std::to_string(v) + " is not 5-bit");

  auto checksum = bech32_create_checksum(hrp, data5, Bech32Variant::bech32m);
  std::string out;
  out.reserve(length);
  out.append(hrp);
  out.push_back('1');
  for (std::uint8_t v : data5) out.push_back(kCharset[v]);
  for (std::uint8_t v : checksum) out.push_back(kCharset[v]);
  return out;
}

Result<Bech32Decoded> bech32_decode_any(std::string_view text) {
  if (text.size() > kBech32MaxLength)
    return Status::invalid("bech32: " + std::to_string(text.size()) +
                           " characters, over the limit of 90");
  bool lower = false;
  bool upper = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 33 || c > 126) return Status::invalid("bech32: invalid character " + char_name(c));
    if (c >= 'a' && c <= 'z') lower = true;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  if (lower && upper) return Status::invalid("bech32: mixed upper and lower case");

  std::size_t sep = text.rfind('1');
  if (sep == std::string_view::npos) return Status::invalid("bech32: no separator '1'");
  if (sep == 0) return Status::invalid("bech32: empty human-readable part");
  if (sep > kBech32MaxHrpLength)
    return Status::invalid("bech32: human-readable part of " + std::to_string(sep) +
                           " characters, over the limit of 83");
  std::size_t data_len = text.size() - sep - 1;
  if (data_len < kBech32ChecksumLength)
    return Status::invalid("bech32: data part of " + std::to_string(data_len) +
                           " characters is shorter than the 6-character checksum");

  Bech32Decoded out;
  out.hrp.reserve(sep);
  for (std::size_t i = 0; i < sep; ++i) {
    char c = text[i];
    out.hrp.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  Bytes values;
  values.reserve(data_len);
  for (std::size_t i = sep + 1; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    std::int8_t v = kReverse[static_cast<unsigned char>(c)];
    if (v < 0)
      return Status::invalid("bech32: invalid data character " +
                             char_name(static_cast<unsigned char>(text[i])) + " at position " +
                             std::to_string(i));
    values.push_back(static_cast<std::uint8_t>(v));
  }
  auto variant = bech32_checksum_variant(out.hrp, values);
  if (!variant) return Status::invalid("bech32: bad checksum");
  out.variant = *variant;
  values.resize(values.size() - kBech32ChecksumLength);
  out.data = std::move(values);
  return out;
}

Result<Bech32Decoded> bech32m_decode(std::string_view text) {
  auto decoded = bech32_decode_any(text);
  if (decoded && decoded->variant != Bech32Variant::bech32m)
    return Status::invalid("bech32m: bech32 (BIP-173) checksum where bech32m was expected");
  return decoded;
}

Result<Bytes> convert_bits(ByteView in, int from_bits, int to_bits, bool pad) {
  if (from_bits < 1 || from_bits > 8 || to_bits < 1 || to_bits > 8)
    return Status::invalid("convert_bits: group widths must be 1 to 8 bits");
  const std::uint32_t max_out = (1u << to_bits) - 1;
  const std::uint32_t max_acc = (1u << (from_bits + to_bits - 1)) - 1;
  std::uint32_t acc = 0;
  int bits = 0;
  Bytes out;
  out.reserve(in.size() * static_cast<std::size_t>(from_bits) / static_cast<std::size_t>(to_bits) +
              1);
  for (std::uint8_t v : in) {
    if ((v >> from_bits) != 0)
      return Status::invalid("convert_bits: value " + std::to_string(v) + " is wider than " +
                             std::to_string(from_bits) + " bits");
    acc = ((acc << from_bits) | v) & max_acc;
    bits += from_bits;
    while (bits >= to_bits) {
      bits -= to_bits;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & max_out));
    }
  }
  if (pad) {
    if (bits > 0) out.push_back(static_cast<std::uint8_t>((acc << (to_bits - bits)) & max_out));
  } else if (bits >= from_bits) {
    return Status::invalid("convert_bits: " + std::to_string(bits) +
                           " leftover bits of padding, more than " + std::to_string(from_bits - 1));
  } else if (((acc << (to_bits - bits)) & max_out) != 0) {
    return Status::invalid("convert_bits: non-zero padding bits");
  }
  return out;
}

}  // namespace grid::core
