// OracleModule: submit_price (WIRE.md tag 0x60), the TFT price oracle of ECONOMICS.md "Price
// oracle".
//
// Rules:
// - Only a price feeder (a keys::price_feeder record, written at genesis: Genesis.price_feeders,
//   or the validators' operator accounts when that list is empty) may submit (not_price_feeder);
//   a price of 0 is invalid_input; a feeder's next sample is accepted only price_submit_interval
//   seconds (block time) after its previous accepted one (rate_limited).
// - Accepted samples go into a ring of the last max(1, price_window) samples (PriceRing plus
//   one keys::price_sample(slot) entry per slot) with a running sum: O(1) state work per sample.
//   TftPrice becomes {latest_musd = the sample, average_musd = floor(sum / count)}.
// - Genesis counts as one sample at tft_price_musd (slot 0), so the first submitted sample gives
//   the mean of the two.
// - When governance changes price_window, the next accepted sample first restarts the ring for
//   the new window: the old slots are erased (a one-time O(old count) cost) and the current
//   average becomes its only sample, as at genesis; then the sample is added.
// - Clamping to [price_min, price_max] is billing's (contracts/pricing.hpp clamp_price), not here.
// - Emits "price_submitted" {account = feeder, price_musd, average_musd}. Moves no TFT.
// Deterministic: integers only, no clock (block time only).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "ledger/module.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

namespace reason {
inline constexpr std::string_view not_price_feeder = "not_price_feeder";
}  // namespace reason

// The ring capacity `params` asks for (price_window, at least 1).
std::uint32_t price_window_of(const ChainParams& params);

// Writes the oracle's genesis records: one PriceFeeder per feeder (invalid when one is listed
// twice), the ring holding `price_musd` as its only sample and TftPrice{price, price}.
Status write_oracle_genesis(Overlay& state, std::span<const AccountId> feeders,
                            std::uint32_t price_musd, std::uint32_t window);

// Governance actions (ledger/governance_actions.hpp): add a feeder (a fresh PriceFeeder
// record; invalid_input when it already is one) or remove one (not_found when it is not). The
// next sample of an added feeder is accepted at once. Emit "price_feeder_added" /
// "price_feeder_removed" {account}.
Status add_price_feeder(BlockContext& ctx, const AccountId& feeder);
Status remove_price_feeder(BlockContext& ctx, const AccountId& feeder);

class OracleModule final : public Module {
 public:
  std::string_view name() const override { return "oracle"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
  // The ring's slots add up to its sum, count/next fit the window, and TftPrice matches it.
  Status check_invariants(const StateReader& state, std::uint64_t& held) const override;
};

}  // namespace grid::ledger
