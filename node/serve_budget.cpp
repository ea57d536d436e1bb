#include "node/serve_budget.hpp"

namespace grid::node {

bool ServeBudget::allows(p2p::PeerId peer, Clock::time_point now) {
  auto [it, fresh] = windows_.try_emplace(peer, Window{now, 0});
  Window& w = it->second;
  if (!fresh && now - w.start >= window_) w = Window{now, 0};
  return w.spent < limit_;
}

}  // namespace grid::node
