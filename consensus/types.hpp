// Basic consensus types: heights, rounds, steps, validator keys and signatures.
//
// Contract: plain values, no state. A Height counts blocks from 1 (height 0 is "nothing committed
// yet"); a Round counts attempts within one height from 0. Steps are ordered: propose < prevote <
// precommit, which the double-sign guard relies on. Thread safety: values only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ed25519.hpp"
#include "core/hash.hpp"

namespace grid::consensus {

using Height = std::uint64_t;
using Round = std::uint32_t;
using ValidatorKey = core::Ed25519PublicKey;
using Signature = core::Ed25519Signature;
using core::BlockHash;

// A vote's value: a block hash, or nil (no block).
using VoteValue = std::optional<BlockHash>;

enum class Step : std::uint8_t { propose = 0, prevote = 1, precommit = 2 };
inline constexpr std::uint64_t kMaxStep = 2;

enum class VoteType : std::uint8_t { prevote = 0, precommit = 1 };
inline constexpr std::uint64_t kMaxVoteType = 1;

inline Step step_of(VoteType type) {
  return type == VoteType::prevote ? Step::prevote : Step::precommit;
}

// The first 8 hex characters of a key, for logs and messages.
std::string short_key(const ValidatorKey& key);

}  // namespace grid::consensus
