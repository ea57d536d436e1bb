// Block: header and body (the transactions), with their canonical layout and hashes.
//
//   BlockHeader { version u8 (=1), chain_id string, height u64, time u64, previous bytes32,
//                 proposer AccountId, transactions_root bytes32, state_root bytes32,
//                 validator_set_hash bytes32, next_validator_set_hash bytes32,
//                 last_commit_hash bytes32, evidence_hash bytes32 }
//   Block { header, transactions: vec<Transaction>, evidence: vec<bytes>, last_commit: bytes }
//   last_commit_hash = blake2b_256(last_commit), or 32 zero bytes when last_commit is empty
//   (height 1). last_commit is opaque to the ledger: the node puts there the commit of the
//   previous block whose precommit timestamps give this block its time (docs/consensus.md).
//   block hash = hash("gridchain/block/v1" || encode(header))
//   transactions_root = merkle_root(tx ids)  (see merkle_root below)
//
// Contract: state_root is the root of the state AFTER this block's transactions and end-of-block
// work: a header commits to its own result, so a light client checks a proof against the header
// of the height it asks about. Pure functions; values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "core/hash.hpp"
#include "ledger/transaction.hpp"

namespace grid::ledger {

inline constexpr std::uint8_t kBlockVersion = 1;
inline constexpr std::uint64_t kMaxLastCommitBytes = 1u << 20;

struct BlockHeader {
  std::uint8_t version = kBlockVersion;
  std::string chain_id;
  std::uint64_t height = 0;
  std::uint64_t time = 0;  // unix seconds
  core::BlockHash previous;
  core::AccountId proposer{};
  core::Hash32 transactions_root;
  core::StateRoot state_root;
  core::ValidatorSetHash validator_set_hash;
  core::ValidatorSetHash next_validator_set_hash;
  core::Hash32 last_commit_hash;
  core::Hash32 evidence_hash;

  bool operator==(const BlockHeader&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.version, core::Limit{kBlockVersion});
    v(self.chain_id);
    v(self.height);
    v(self.time);
    v(self.previous);
    v(self.proposer);
    v(self.transactions_root);
    v(self.state_root);
    v(self.validator_set_hash);
    v(self.next_validator_set_hash);
    v(self.last_commit_hash);
    v(self.evidence_hash);
  }
};

struct Block {
  BlockHeader header;
  std::vector<Transaction> transactions;
  std::vector<core::Bytes> evidence;  // opaque to the ledger; consensus evidence bytes
  core::Bytes last_commit;            // opaque to the ledger; the consensus commit of height - 1

  bool operator==(const Block&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.header);
    v(self.transactions);
    v(self.evidence);
    v(self.last_commit, core::Limit{kMaxLastCommitBytes});
  }
};

core::BlockHash block_hash(const BlockHeader& header);

// Binary Merkle root over 32-byte leaves: leaf = hash(0x00 || item), inner = hash(0x01 || l || r),
// an odd node is carried up unchanged, the empty list hashes to 32 zero bytes.
core::Hash32 merkle_root(const std::vector<core::Hash32>& items);
core::Hash32 transactions_root(const std::vector<Transaction>& txs);
core::Hash32 evidence_root(const std::vector<core::Bytes>& evidence);
core::Hash32 last_commit_root(core::ByteView last_commit);

}  // namespace grid::ledger
