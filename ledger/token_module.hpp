// TokenModule: transfer, burn, kv_set, kv_delete (WIRE.md tags 0x00-0x03).
//
// Rules (ECONOMICS.md): a transfer moves free balance; a transfer that creates an account must
// move at least the existential deposit; zero amounts and self-transfers are refused. A burn
// destroys free balance and lowers the total supply (message <= 256 bytes, by the decoder).
// kv_set / kv_delete keep a per-account store (key <= 512 B non-empty, value <= 2 KiB).
#pragma once

#include "ledger/module.hpp"

namespace grid::ledger {

class TokenModule final : public Module {
 public:
  std::string_view name() const override { return "tokens"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
};

}  // namespace grid::ledger
