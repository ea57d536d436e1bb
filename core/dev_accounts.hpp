// The dev accounts of WIRE.md (only for the dev genesis and tests): alice, bob, charlie, dave,
// eve, ferdie. Each is scheme 0 (secp256k1) with secret key hash("gridchain/dev/" + name), the
// name in ASCII with no terminator. Everyone can compute these keys: never fund them on a real
// chain.
//
// Contract: names are lowercase and matched exactly. An unknown name is Code::not_found.
// dev_account_names() lists the six in the order above. alice's address is
// tf1qzx4kl6ge7g0lv99n2xxxj892azewe9sj4wx904esgfqek2fxjmnghr0tyw (checked by a unit test).
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "core/account_id.hpp"
#include "core/schnorr.hpp"
#include "core/status.hpp"

namespace grid::core {

inline constexpr std::string_view kDevKeyPrefix = "gridchain/dev/";

std::span<const std::string_view> dev_account_names();
bool is_dev_account_name(std::string_view name);
Result<SchnorrSecretKey> dev_secret_key(std::string_view name);
Result<AccountKey> dev_account_key(std::string_view name);
Result<AccountId> dev_account(std::string_view name);

}  // namespace grid::core
