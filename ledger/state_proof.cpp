#include "ledger/state_proof.hpp"

#include <cstdint>
#include <optional>

#include "core/blake2b.hpp"
#include "core/bytes.hpp"
#include "core/hash.hpp"

namespace grid::ledger {

namespace {

constexpr std::uint8_t kLeafTag = 0x00;
constexpr std::uint8_t kInternalTag = 0x01;

// True when the first `depth` bits of a and b are equal.
bool same_prefix(const core::Hash32& a, const core::Hash32& b, std::uint32_t depth) {
  std::uint32_t whole = depth / 8;
  for (std::uint32_t i = 0; i < whole; ++i)
    if (a.bytes[i] != b.bytes[i]) return false;
  std::uint32_t rest = depth % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
  return (a.bytes[whole] & mask) == (b.bytes[whole] & mask);
}

}  // namespace

core::Hash32 smt_key_hash(core::ByteView key) {
  return core::blake2b_256(key);
}

core::Hash32 smt_value_hash(core::ByteView value) {
  return core::blake2b_256(value);
}

core::Hash32 smt_leaf_hash(const core::Hash32& key_hash, const core::Hash32& value_hash) {
  const std::uint8_t tag = kLeafTag;
  return core::blake2b_256({core::ByteView(&tag, 1), key_hash.view(), value_hash.view()});
}

core::Hash32 smt_internal_hash(const core::Hash32& left, const core::Hash32& right) {
  const std::uint8_t tag = kInternalTag;
  return core::blake2b_256({core::ByteView(&tag, 1), left.view(), right.view()});
}

bool verify_proof(const core::Hash32& root, core::ByteView key, std::optional<core::ByteView> value,
                  const SmtProof& proof) {
  if (proof.siblings.size() > kSmtMaxDepth) return false;
  const auto depth = static_cast<std::uint32_t>(proof.siblings.size());
  const core::Hash32 key_hash = smt_key_hash(key);

  // The node where the search ended, at `depth` on the key's path.
  core::Hash32 node;
  if (value) {
    if (proof.leaf) return false;  // a presence proof ends at the key's own leaf
    node = smt_leaf_hash(key_hash, smt_value_hash(*value));
  } else if (proof.leaf) {
    // Ended at another key's leaf, which must sit on this key's path.
    if (proof.leaf->key_hash == key_hash) return false;
    if (!same_prefix(proof.leaf->key_hash, key_hash, depth)) return false;
    node = smt_leaf_hash(proof.leaf->key_hash, proof.leaf->value_hash);
  } else {
    node = core::Hash32{};  // ended at an empty subtree
  }

  for (std::uint32_t i = depth; i > 0; --i) {
    const core::Hash32& sibling = proof.siblings[i - 1];
    node = smt_path_bit(key_hash, i - 1) == 0 ? smt_internal_hash(node, sibling)
                                              : smt_internal_hash(sibling, node);
  }
  return node == root;
}

}  // namespace grid::ledger
