#include "core/account_id.hpp"

#include "core/bech32m.hpp"

namespace grid::core {
namespace {
constexpr std::size_t kAddressDataBytes = 33;  // scheme byte + 32 key bytes
}

std::string_view key_scheme_name(KeyScheme scheme) {
  switch (scheme) {
    case KeyScheme::secp256k1:
      return "secp256k1";
    case KeyScheme::ed25519:
      return "ed25519";
  }
  return "unknown";
}

std::string AccountId::to_address() const {
  std::array<std::uint8_t, kAddressDataBytes> raw{};
  raw[0] = static_cast<std::uint8_t>(scheme);
  std::copy(key.begin(), key.end(), raw.begin() + 1);
  auto data5 = convert_bits(raw, 8, 5, true);
  if (!data5) std::abort();  // cannot fail for 8-bit input
  auto text = bech32m_encode(kAddressHrp, *data5);
  if (!text) std::abort();  // cannot fail: fixed hrp, 53 data characters
  return std::move(text).value();
}

Result<AccountId> AccountId::from_address(std::string_view address) {
  auto decoded = bech32m_decode(address);
  if (!decoded) return Status::invalid("bad address: " + decoded.error().message());
  if (decoded->hrp != kAddressHrp)
    return Status::invalid("bad address: prefix '" + decoded->hrp + "', expected '" +
                           std::string(kAddressHrp) + "'");
  auto raw = convert_bits(decoded->data, 5, 8, false);
  if (!raw) return Status::invalid("bad address: " + raw.error().message());
  if (raw->size() != kAddressDataBytes)
    return Status::invalid("bad address: " + std::to_string(raw->size()) +
                           " data bytes, expected 33");
  std::uint8_t scheme = (*raw)[0];
  if (scheme > kMaxKeyScheme)
    return Status::invalid("bad address: unknown key scheme " + std::to_string(scheme));
  AccountId id;
  id.scheme = static_cast<KeyScheme>(scheme);
  std::copy(raw->begin() + 1, raw->end(), id.key.begin());
  return id;
}

bool AccountId::verify(ByteView msg32, const std::array<std::uint8_t, 64>& sig) const {
  if (msg32.size() != 32) return false;
  switch (scheme) {
    case KeyScheme::secp256k1:
      return schnorr_verify(key, msg32, sig);
    case KeyScheme::ed25519:
      return ed25519_verify(key, msg32, sig);
  }
  return false;
}

AccountKey::AccountKey(SchnorrSecretKey key)
    : key_(std::move(key)),
      account_(AccountId::secp256k1(std::get<SchnorrSecretKey>(key_).public_key())) {}

AccountKey::AccountKey(Ed25519SecretKey key)
    : key_(std::move(key)),
      account_(AccountId::ed25519(std::get<Ed25519SecretKey>(key_).public_key())) {}

Result<AccountKey> AccountKey::from_secret(KeyScheme scheme, ByteView secret32) {
  if (secret32.size() != 32)
    return Status::invalid("a secret key is 32 bytes, got " + std::to_string(secret32.size()));
  switch (scheme) {
    case KeyScheme::secp256k1: {
      auto key = SchnorrSecretKey::from_bytes(secret32);
      if (!key) return Status::error(Code::crypto, key.error().message());
      return AccountKey(std::move(key).value());
    }
    case KeyScheme::ed25519: {
      auto key = Ed25519SecretKey::from_seed(secret32);
      if (!key) return Status::error(Code::crypto, key.error().message());
      return AccountKey(std::move(key).value());
    }
  }
  return Status::invalid("unknown key scheme " + std::to_string(static_cast<unsigned>(scheme)));
}

AccountKey AccountKey::from(const SchnorrSecretKey& key) {
  return AccountKey(key);
}
AccountKey AccountKey::from(const Ed25519SecretKey& key) {
  return AccountKey(key);
}

AccountKey AccountKey::generate(KeyScheme scheme) {
  if (scheme == KeyScheme::ed25519) return AccountKey(Ed25519SecretKey::generate());
  return AccountKey(SchnorrSecretKey::generate());
}

const std::array<std::uint8_t, 32>& AccountKey::secret() const {
  if (const auto* k = std::get_if<SchnorrSecretKey>(&key_)) return k->bytes();
  return std::get<Ed25519SecretKey>(key_).seed();
}

std::array<std::uint8_t, 64> AccountKey::sign(const std::array<std::uint8_t, 32>& msg32) const {
  if (const auto* k = std::get_if<SchnorrSecretKey>(&key_)) return k->sign(msg32);
  return std::get<Ed25519SecretKey>(key_).sign(ByteView(msg32.data(), msg32.size()));
}

}  // namespace grid::core
