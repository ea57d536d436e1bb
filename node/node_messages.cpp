#include "node/node_messages.hpp"

namespace grid::node {

void NodeMessage::encode_to(core::Writer& w) const {
  w.u8(static_cast<std::uint8_t>(kind()));
  std::visit([&](const auto& m) { core::write_value(w, m); }, value);
}

void NodeMessage::decode_from(core::Reader& r) {
  switch (static_cast<NodeMessageKind>(r.u8())) {
    case NodeMessageKind::consensus:
      core::read_value(r, value.emplace<consensus::Message>());
      return;
    case NodeMessageKind::txs:
      core::read_value(r, value.emplace<TxGossip>());
      return;
    case NodeMessageKind::status:
      core::read_value(r, value.emplace<PeerStatus>());
      return;
    case NodeMessageKind::get_blocks:
      core::read_value(r, value.emplace<GetBlocks>());
      return;
    case NodeMessageKind::blocks:
      core::read_value(r, value.emplace<SyncBlocks>());
      return;
  }
  r.fail("unknown node message kind");
}

}  // namespace grid::node
