// Deterministic validator keys and signed votes for the consensus unit tests.
#pragma once

#include <vector>

#include "consensus/messages.hpp"

namespace grid::consensus::testing {

inline core::Ed25519SecretKey test_key(std::uint8_t i) {
  std::array<std::uint8_t, 32> seed{};
  seed[0] = i;
  seed[31] = 0xc0;
  return core::Ed25519SecretKey::from_seed(seed).value();
}

inline ValidatorSet test_set(const std::vector<std::uint64_t>& powers) {
  std::vector<Validator> members;
  for (std::size_t i = 0; i < powers.size(); ++i)
    members.push_back({test_key(static_cast<std::uint8_t>(i + 1)).public_key(), powers[i]});
  return ValidatorSet::create(members).value();
}

inline BlockHash block_hash(std::uint8_t fill) {
  BlockHash h;
  h.hash.bytes.fill(fill);
  return h;
}

inline Vote signed_vote(std::uint8_t key_index, VoteType type, Height h, Round r, VoteValue value,
                        std::string_view chain = "test-chain", std::uint64_t timestamp_ms = 0) {
  auto key = test_key(key_index);
  Vote v{type, h, r, value, timestamp_ms, key.public_key(), {}};
  v.signature = key.sign(vote_sign_digest(chain, v).view());
  return v;
}

}  // namespace grid::consensus::testing
