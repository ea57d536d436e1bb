#include "ledger/oracle_module.hpp"

#include <algorithm>
#include <string>

#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

Result<PriceRing> load_ring(const StateReader& state) {
  GRID_ASSIGN(auto ring, load<PriceRing>(state, keys::price_ring()));
  if (!ring || ring->window == 0 || ring->count == 0)
    return Status::corruption("the price ring is missing or empty");
  return *ring;
}

Result<std::uint32_t> load_sample(const StateReader& state, std::uint32_t slot) {
  GRID_ASSIGN(auto sample, load<std::uint32_t>(state, keys::price_sample(slot)));
  if (!sample) return Status::corruption("price sample slot " + std::to_string(slot) + " missing");
  return *sample;
}

// A ring holding `price` as its only sample.
PriceRing single_sample_ring(Overlay& state, std::uint32_t price, std::uint32_t window) {
  store(state, keys::price_sample(0), price);
  return PriceRing{.window = window, .count = 1, .next = 1 % window, .sum = price};
}

// Restarts the ring for a new window (governance changed price_window): the current average
// becomes its only sample.
Result<PriceRing> relayout(Overlay& state, const PriceRing& old, std::uint32_t window) {
  for (std::uint32_t slot = 0; slot < old.count; ++slot) state.erase(keys::price_sample(slot));
  return single_sample_ring(state, static_cast<std::uint32_t>(old.sum / old.count), window);
}

// Adds `price` to the ring: O(1) reads and writes.
Status push_sample(Overlay& state, PriceRing& ring, std::uint32_t price) {
  if (ring.count == ring.window) {
    GRID_ASSIGN(std::uint32_t evicted, load_sample(state, ring.next));
    ring.sum -= evicted;
  } else {
    ++ring.count;
  }
  // sum <= window * max(u32) < 2^64: no overflow.
  ring.sum += price;
  store(state, keys::price_sample(ring.next), price);
  ring.next = (ring.next + 1) % ring.window;
  return Status::ok();
}

Status apply_submit_price(TxContext& ctx, const SubmitPrice& call) {
  GRID_ASSIGN(auto feeder, load<PriceFeeder>(ctx.state, keys::price_feeder(ctx.signer())));
  if (!feeder)
    return refuse(reason::not_price_feeder, ctx.signer().to_address() + " is not a price feeder");
  if (call.musd_per_tft == 0) return refuse(reason::invalid_input, "price 0");
  const std::uint64_t interval = ctx.params.price_submit_interval;
  if (feeder->last_accepted_at &&
      (ctx.now() < *feeder->last_accepted_at || ctx.now() - *feeder->last_accepted_at < interval))
    return refuse(reason::rate_limited,
                  "previous sample at " + std::to_string(*feeder->last_accepted_at) +
                      ", next allowed at " + std::to_string(*feeder->last_accepted_at + interval));

  GRID_ASSIGN(PriceRing ring, load_ring(ctx.state));
  const std::uint32_t window = price_window_of(ctx.params);
  if (ring.window != window) {
    GRID_ASSIGN(ring, relayout(ctx.state, ring, window));
  }
  GRID_TRY(push_sample(ctx.state, ring, call.musd_per_tft));
  store(ctx.state, keys::price_ring(), ring);
  TftPrice price{.latest_musd = call.musd_per_tft, .average_musd = ring.sum / ring.count};
  store(ctx.state, keys::tft_price(), price);
  feeder->last_accepted_at = ctx.now();
  store(ctx.state, keys::price_feeder(ctx.signer()), *feeder);

  Event e{.kind = "price_submitted", .account = ctx.signer()};
  e.with("price_musd", std::to_string(price.latest_musd))
      .with("average_musd", std::to_string(price.average_musd));
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

std::uint32_t price_window_of(const ChainParams& params) {
  return std::max<std::uint32_t>(1, params.price_window);
}

Status write_oracle_genesis(Overlay& state, std::span<const AccountId> feeders,
                            std::uint32_t price_musd, std::uint32_t window) {
  for (const auto& f : feeders) {
    GRID_ASSIGN(auto existing, load<PriceFeeder>(state, keys::price_feeder(f)));
    if (existing)
      return Status::invalid("genesis: price feeder " + f.to_address() + " listed twice");
    store(state, keys::price_feeder(f), PriceFeeder{});
  }
  store(state, keys::price_ring(),
        single_sample_ring(state, price_musd, std::max<std::uint32_t>(1, window)));
  store(state, keys::tft_price(), TftPrice{price_musd, price_musd});
  return Status::ok();
}

Status add_price_feeder(BlockContext& ctx, const AccountId& feeder) {
  GRID_ASSIGN(auto existing, load<PriceFeeder>(ctx.state, keys::price_feeder(feeder)));
  if (existing)
    return refuse(reason::invalid_input, feeder.to_address() + " is already a price feeder");
  store(ctx.state, keys::price_feeder(feeder), PriceFeeder{});
  ctx.emit(Event{.kind = "price_feeder_added", .account = feeder});
  return Status::ok();
}

Status remove_price_feeder(BlockContext& ctx, const AccountId& feeder) {
  GRID_ASSIGN(auto existing, load<PriceFeeder>(ctx.state, keys::price_feeder(feeder)));
  if (!existing) return refuse(reason::not_found, feeder.to_address() + " is not a price feeder");
  ctx.state.erase(keys::price_feeder(feeder));
  ctx.emit(Event{.kind = "price_feeder_removed", .account = feeder});
  return Status::ok();
}

bool OracleModule::handles(const Call& call) const {
  return call.as<SubmitPrice>() != nullptr;
}

Status OracleModule::apply(TxContext& ctx) {
  if (auto* c = ctx.tx.call.as<SubmitPrice>()) return apply_submit_price(ctx, *c);
  return Status::internal("oracle module given a call it does not handle");
}

Status OracleModule::check_invariants(const StateReader& state, std::uint64_t&) const {
  GRID_ASSIGN(auto ring, load<PriceRing>(state, keys::price_ring()));
  if (!ring) return Status::ok();  // a state without the oracle (no genesis written)
  if (ring->window == 0 || ring->count == 0 || ring->count > ring->window ||
      ring->next >= ring->window || (ring->count < ring->window && ring->next != ring->count))
    return Status::internal("price ring shape is inconsistent");
  std::uint64_t sum = 0;
  std::uint32_t slots = 0;
  bool bad_slot = false;
  const core::Bytes prefix = keys::price_sample_prefix();
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    auto sample = core::decode<std::uint32_t>(value);
    if (!sample || key.size() != prefix.size() + 4) {
      bad_slot = true;
      return false;
    }
    sum += *sample;
    ++slots;
    return true;
  }));
  if (bad_slot || slots != ring->count || sum != ring->sum)
    return Status::internal("price samples do not match the ring (" + std::to_string(slots) +
                            " slots, sum " + std::to_string(sum) + ")");
  GRID_ASSIGN(auto price, load<TftPrice>(state, keys::tft_price()));
  if (!price || price->average_musd != ring->sum / ring->count)
    return Status::internal("TftPrice.average_musd is not the ring's mean");
  std::uint32_t last_slot = (ring->next + ring->window - 1) % ring->window;
  GRID_ASSIGN(auto latest, load<std::uint32_t>(state, keys::price_sample(last_slot)));
  if (!latest || *latest != price->latest_musd)
    return Status::internal("TftPrice.latest_musd is not the newest sample");
  return Status::ok();
}

}  // namespace grid::ledger
