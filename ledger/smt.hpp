// The authenticated state: a versioned, path-compressed binary sparse Merkle tree over every
// state entry (Diem/Aptos JMT-style). Hash rules and proofs: ledger/state_proof.hpp. Storage
// layout (node keys, node bytes, stale records): ledger/smt_node.hpp.
//
// Versions are block heights. smt_apply(base, v, updates) builds version v from version `base`
// (nullopt = the empty tree) and returns what to store as data: new nodes to put and stale
// records; the caller adds them to its one per-block write batch. Nodes are never overwritten,
// so every version still stored stays readable and provable. History is linear: `base` must be
// the latest applied version (re-applying the same block to the same base gives the same writes,
// so a replay after a crash is harmless).
//
// Pruning: keep versions [oldest_kept, latest]. A node written at version c and replaced at
// version s is needed by versions c..s-1 only; smt_prune(oldest_kept) returns every stale record
// with stale_since <= oldest_kept, and the node keys to delete with them.
//
// Errors: Code::invalid for bad updates (duplicate keys, keys over 1 KiB, values over 16 MiB,
// new version not after base); Code::not_found for a version with no stored root;
// Code::corruption for stored bytes that are not the expected node; reader errors propagate.
// Thread safety: pure functions over the reader; concurrent reads are safe if the reader's are.
// Complexity: smt_apply hashes each touched path once per batch, O(k log n) for k updates over n
// entries; smt_get and smt_prove read O(log n) nodes. No clock, randomness or threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "core/bytes.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"
#include "ledger/smt_node.hpp"
#include "ledger/state_proof.hpp"

namespace grid::ledger {

// Set `key` to `value`, or delete it (nullopt). Deleting an absent key is a no-op.
struct SmtUpdate {
  core::Bytes key;
  std::optional<core::Bytes> value;
};

struct SmtNodeWrite {
  core::Bytes key;  // node key
  core::Bytes value;
};

struct SmtWrites {
  std::uint64_t version = 0;
  core::Hash32 root;                  // the root hash of `version`
  std::vector<SmtNodeWrite> puts;     // ascending node key order
  std::vector<SmtStaleRecord> stale;  // store each under smt_stale_key(record)
};

// Builds version `new_version` from `base_version` plus `updates` (any order, one per key).
core::Result<SmtWrites> smt_apply(const SmtNodeReader& reader,
                                  std::optional<std::uint64_t> base_version,
                                  std::uint64_t new_version, std::span<const SmtUpdate> updates);

// Root hash of a stored version.
core::Result<core::Hash32> smt_root_hash(const SmtNodeReader& reader, std::uint64_t version);

// The value of `key` at `version`, or nullopt when absent.
core::Result<std::optional<core::Bytes>> smt_get(const SmtNodeReader& reader, std::uint64_t version,
                                                 core::ByteView key);

struct SmtProvedValue {
  std::optional<core::Bytes> value;  // nullopt: absent
  SmtProof proof;                    // verify_proof(root, key, value, proof) holds
};
core::Result<SmtProvedValue> smt_prove(const SmtNodeReader& reader, std::uint64_t version,
                                       core::ByteView key);

struct SmtPruneWrites {
  std::vector<core::Bytes> node_deletes;   // node keys
  std::vector<core::Bytes> stale_deletes;  // stale record keys (smt_stale_key)
  bool more = false;                       // the limit was reached: call again
};
// What to delete so that only versions >= oldest_kept stay readable, at most `limit` records.
core::Result<SmtPruneWrites> smt_prune(const SmtStaleReader& stale, std::uint64_t oldest_kept,
                                       std::size_t limit = std::numeric_limits<std::size_t>::max());

// Every node key reachable from the root of `version`, root first (depth-first, left first).
// O(n): for tests, audits and the replay tool, not for the block path.
core::Result<std::vector<core::Bytes>> smt_node_keys(const SmtNodeReader& reader,
                                                     std::uint64_t version);

}  // namespace grid::ledger
