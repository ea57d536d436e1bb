// AccountId (WIRE.md "Keys, accounts, addresses, hashes"): who signs and owns. Also the
// address text form and AccountKey, the secret half of an account of either scheme.
//
// Contract:
// - AccountId = scheme (u8: 0 secp256k1 BIP-340 x-only key, 1 ed25519 key) + 32 key bytes.
//   Ordered by (scheme, key); usable as a std::map key. Canonical codec: u8 scheme (capped at 1,
//   so the strict decoder refuses unknown schemes) then the 32 raw key bytes.
// - Address = bech32m (BIP-350) with hrp "tf" over the 33 bytes (scheme byte + key) regrouped
//   8->5 bits with padding: 62 characters, "tf1q..." for scheme 0. to_address writes lowercase.
//   from_address refuses (Code::invalid, message says why) anything that is not bech32m, a
//   wrong hrp, a bad or bech32 (non-m) checksum, mixed case, a data length other than 33
//   bytes, non-zero padding, or an unknown scheme. An ALL-uppercase address is accepted (BIP-173
//   allows it, e.g. for QR codes) and means the same account.
// - verify(msg32, sig) checks a signature over a 32-byte message: BIP-340 Schnorr for scheme 0,
//   ed25519 over the 32 bytes for scheme 1. False for any malformed input or a message that is
//   not 32 bytes; never aborts.
// - AccountKey holds a secp256k1 secret key (scheme 0) or an ed25519 seed (scheme 1) with its
//   AccountId. from_secret refuses (Code::crypto) a secp256k1 scalar that is out of range.
// Thread safety: values; const methods are safe to share between threads.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/bytes.hpp"
#include "core/codec.hpp"
#include "core/ed25519.hpp"
#include "core/schnorr.hpp"
#include "core/status.hpp"

namespace grid::core {

enum class KeyScheme : std::uint8_t { secp256k1 = 0, ed25519 = 1 };
inline constexpr std::uint8_t kMaxKeyScheme = 1;

std::string_view key_scheme_name(KeyScheme scheme);  // "secp256k1", "ed25519", or "unknown"

inline constexpr std::string_view kAddressHrp = "tf";

struct AccountId {
  KeyScheme scheme = KeyScheme::secp256k1;
  std::array<std::uint8_t, 32> key{};

  auto operator<=>(const AccountId&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.scheme, Limit{kMaxKeyScheme});
    v(self.key);
  }

  static AccountId secp256k1(const SchnorrPublicKey& key) { return {KeyScheme::secp256k1, key}; }
  static AccountId ed25519(const Ed25519PublicKey& key) { return {KeyScheme::ed25519, key}; }

  std::string to_address() const;
  static Result<AccountId> from_address(std::string_view address);

  bool verify(ByteView msg32, const std::array<std::uint8_t, 64>& sig) const;
};

class AccountKey {
 public:
  static Result<AccountKey> from_secret(KeyScheme scheme, ByteView secret32);
  static AccountKey from(const SchnorrSecretKey& key);
  static AccountKey from(const Ed25519SecretKey& key);
  static AccountKey generate(KeyScheme scheme);  // OS CSPRNG

  KeyScheme scheme() const { return account_.scheme; }
  const AccountId& account() const { return account_; }
  // The 32 secret bytes: the secp256k1 secret key, or the ed25519 seed.
  const std::array<std::uint8_t, 32>& secret() const;
  // Signs a 32-byte message (Schnorr with fresh aux randomness, or deterministic ed25519).
  std::array<std::uint8_t, 64> sign(const std::array<std::uint8_t, 32>& msg32) const;

 private:
  explicit AccountKey(SchnorrSecretKey key);
  explicit AccountKey(Ed25519SecretKey key);
  std::variant<SchnorrSecretKey, Ed25519SecretKey> key_;
  AccountId account_;
};

}  // namespace grid::core
