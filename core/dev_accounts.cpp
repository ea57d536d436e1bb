#include "core/dev_accounts.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/blake2b.hpp"

namespace grid::core {
namespace {
constexpr std::array<std::string_view, 6> kDevNames = {"alice", "bob", "charlie",
                                                       "dave",  "eve", "ferdie"};
}

std::span<const std::string_view> dev_account_names() {
  return kDevNames;
}

bool is_dev_account_name(std::string_view name) {
  return std::find(kDevNames.begin(), kDevNames.end(), name) != kDevNames.end();
}

Result<SchnorrSecretKey> dev_secret_key(std::string_view name) {
  if (!is_dev_account_name(name))
    return Status::not_found("unknown dev account '" + std::string(name) +
                             "' (expected alice, bob, charlie, dave, eve or ferdie)");
  Hash32 secret = blake2b_256({as_bytes(kDevKeyPrefix), as_bytes(name)});
  auto key = SchnorrSecretKey::from_bytes(secret.view());
  if (!key)
    return Status::internal("dev key for '" + std::string(name) + "' is not a valid scalar");
  return key;
}

Result<AccountKey> dev_account_key(std::string_view name) {
  auto key = dev_secret_key(name);
  if (!key) return key.error();
  return AccountKey::from(*key);
}

Result<AccountId> dev_account(std::string_view name) {
  auto key = dev_secret_key(name);
  if (!key) return key.error();
  return AccountId::secp256k1(key->public_key());
}

}  // namespace grid::core
