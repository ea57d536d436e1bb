// State proofs: the hash rules of the state tree and the light client's check of one entry.
//
// What: the state root commits to every entry through a binary sparse Merkle tree keyed by
// key_hash = hash(key) (BLAKE2b-256), path = bits of key_hash, most significant bit of byte 0
// first. Hash rules (hash = BLAKE2b-256):
//   leaf     = hash(0x00 || key_hash || hash(value))
//   internal = hash(0x01 || left || right)
//   empty subtree = 32 zero bytes; the empty tree's root is 32 zero bytes.
// A subtree holding exactly one entry is that entry's leaf, at the shallowest depth where it is
// alone (path compression), so a proof holds about log2(n) siblings.
//
// SmtProof lists the sibling hashes from the root down to the depth where the search for the key
// ended, and, when it ended at another key's leaf, that leaf's key_hash and value hash. Encoding
// (core/codec.hpp): u32 count (<= 256) + count x bytes32, then option<bytes32 key_hash,
// bytes32 value_hash>.
//
// verify_proof is a standalone check for light clients: this header and its .cpp include only
// core/blake2b, core/hash, core/bytes, core/codec and std, so they can be lifted alone.
// Errors: verify_proof returns false for anything that does not prove exactly the claim.
// Thread safety: pure functions. Complexity: O(proof length) hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/blake2b.hpp"
#include "core/bytes.hpp"
#include "core/codec.hpp"
#include "core/hash.hpp"

namespace grid::ledger {

// Key hashes have 256 bits, so no search goes deeper than 256 levels.
inline constexpr std::uint32_t kSmtMaxDepth = 256;

// The leaf where a search for another key ended (absence proofs only).
struct SmtProofLeaf {
  core::Hash32 key_hash;
  core::Hash32 value_hash;
  auto operator<=>(const SmtProofLeaf&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.key_hash);
    v(self.value_hash);
  }
};

struct SmtProof {
  std::vector<core::Hash32> siblings;  // siblings[i] is the sibling at depth i + 1, top down
  std::optional<SmtProofLeaf> leaf;    // set only when the search ended at another key's leaf
  auto operator<=>(const SmtProof&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.siblings, core::Limit{kSmtMaxDepth});
    v(self.leaf);
  }
};

core::Hash32 smt_key_hash(core::ByteView key);
core::Hash32 smt_value_hash(core::ByteView value);
core::Hash32 smt_leaf_hash(const core::Hash32& key_hash, const core::Hash32& value_hash);
core::Hash32 smt_internal_hash(const core::Hash32& left, const core::Hash32& right);
// Bit `depth` (0 = most significant bit of byte 0) of a key hash: 0 = left, 1 = right.
inline unsigned smt_path_bit(const core::Hash32& key_hash, std::uint32_t depth) {
  return (key_hash.bytes[depth / 8] >> (7 - depth % 8)) & 1u;
}

// True when `proof` shows that under `root` the entry `key` holds `value` (value set) or is
// absent (nullopt). False for a wrong value, a wrong root, a present key claimed absent, an
// absent key claimed present, more than 256 siblings, or any altered proof.
bool verify_proof(const core::Hash32& root, core::ByteView key, std::optional<core::ByteView> value,
                  const SmtProof& proof);

}  // namespace grid::ledger
