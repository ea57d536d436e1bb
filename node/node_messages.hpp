// The messages nodes exchange over p2p sessions (node/p2p): consensus messages, transaction
// gossip, tip announcements and block sync requests/responses. docs/wire.md ("Node messages")
// lists the bytes.
//
//   NodeMessage = u8 kind, then the body in the canonical codec:
//     1 consensus   consensus::Message (its own u8 kind + struct)
//     2 txs         vector<bytes> (encoded transactions, at most kMaxGossipTxs)
//     3 status      {height u64, tip hash bytes32}
//     4 get_blocks  {from u64, count u32 (<= kMaxSyncBlocks)}
//     5 blocks      vector<{block bytes, commit}> (heights from `from`, in order)
//
// Contract: decoding is strict (unknown kind, caps, trailing bytes are errors); a peer that
// sends an undecodable message is at fault. Values; thread-safe.
#pragma once

#include <variant>
#include <vector>

#include "consensus/messages.hpp"
#include "core/codec.hpp"
#include "core/hash.hpp"

namespace grid::node {

inline constexpr std::uint64_t kMaxGossipTxs = 10'000;
inline constexpr std::uint32_t kMaxSyncBlocks = 256;

struct TxGossip {
  std::vector<core::Bytes> txs;
  static void fields(auto& self, auto& v) { v(self.txs, core::Limit{kMaxGossipTxs}); }
};

struct PeerStatus {
  std::uint64_t height = 0;
  core::BlockHash tip_hash;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.tip_hash);
  }
};

struct GetBlocks {
  std::uint64_t from = 0;
  std::uint32_t count = 0;
  static void fields(auto& self, auto& v) {
    v(self.from);
    v(self.count, core::Limit{kMaxSyncBlocks});
  }
};

struct SyncBlock {
  core::Bytes block;
  consensus::Commit commit;
  static void fields(auto& self, auto& v) {
    v(self.block, core::Limit{consensus::kMaxBlockBytesDecode});
    v(self.commit);
  }
};

struct SyncBlocks {
  std::vector<SyncBlock> blocks;
  static void fields(auto& self, auto& v) { v(self.blocks, core::Limit{kMaxSyncBlocks}); }
};

enum class NodeMessageKind : std::uint8_t {
  consensus = 1,
  txs = 2,
  status = 3,
  get_blocks = 4,
  blocks = 5
};

struct NodeMessage {
  std::variant<consensus::Message, TxGossip, PeerStatus, GetBlocks, SyncBlocks> value;

  NodeMessageKind kind() const { return static_cast<NodeMessageKind>(value.index() + 1); }
  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);
};

}  // namespace grid::node
