// StateDb: the authenticated state kept in one core::KvStore, next to whatever else the caller
// stores there (the node's blocks): every write of a block goes into the caller's one batch.
//
// Layout (one-byte prefixes inside the store):
//   'S' + state key   -> value         the latest state, flat, for fast reads and scans
//   'N' + node key    -> SMT node      the Merkle tree of every retained version
//   'X' + stale key   -> (empty)       SMT nodes replaced at a version, for pruning
//   'M'               -> StateDbMeta   latest version, its root, oldest retained version
// Version v is the state after block v; version 0 is the genesis state.
//
// Contract:
// - get/scan_prefix read the latest committed version (StateReader).
// - stage(delta, v) computes the root of version v = version()+1 (or 0 for the first) and adds
//   every write (flat entries, tree nodes, stale records, pruning of versions older than
//   keep_versions, the meta record) to `batch`. It changes nothing: the caller writes the batch
//   (with its own records) and then calls mark_committed(staged), or drops both (a proposer
//   computing a root).
// - get_at / prove read any retained version; an older one is Code::not_found.
// - open() reports a damaged meta record as Code::corruption.
// Thread safety: reads may run concurrently with each other; stage/mark_committed are
// exclusive with everything else.
#pragma once

#include <cstdint>
#include <optional>

#include "core/kv_store.hpp"
#include "ledger/smt.hpp"
#include "ledger/state_proof.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

// The latest committed version (and what stage() returns for the version it prepares).
struct StateDbMeta {
  std::uint64_t version = 0;
  core::Hash32 root;
  std::uint64_t oldest_version = 0;
  static void fields(auto& self, auto& v) {
    v(self.version);
    v(self.root);
    v(self.oldest_version);
  }
};

struct StateDbOptions {
  std::uint64_t keep_versions = 1000;  // recent heights kept provable
  std::size_t prune_limit = 50'000;    // tree nodes deleted per commit at most
};

class StateDb final : public StateReader {
 public:
  static Result<std::unique_ptr<StateDb>> open(core::KvStore& store, StateDbOptions options = {});

  bool initialized() const { return meta_.has_value(); }
  std::uint64_t version() const { return meta_ ? meta_->version : 0; }
  core::Hash32 root() const { return meta_ ? meta_->root : core::Hash32{}; }
  std::uint64_t oldest_version() const { return meta_ ? meta_->oldest_version : 0; }

  Result<std::optional<Bytes>> get(ByteView key) const override;
  Status scan_prefix(ByteView prefix, const ScanVisitor& visit) const override;

  Result<StateDbMeta> stage(const StateDelta& delta, std::uint64_t new_version,
                            core::WriteBatch& batch) const;
  void mark_committed(const StateDbMeta& staged) { meta_ = staged; }

  Result<std::optional<Bytes>> get_at(std::uint64_t version, ByteView key) const;
  Result<SmtProvedValue> prove(std::uint64_t version, ByteView key) const;

 private:
  StateDb(core::KvStore& store, StateDbOptions options);
  Status check_retained(std::uint64_t version) const;

  class NodeReader;
  core::KvStore& store_;
  StateDbOptions options_;
  std::optional<StateDbMeta> meta_;
};

}  // namespace grid::ledger
