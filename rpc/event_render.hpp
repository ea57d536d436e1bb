// The Server-Sent Events text of the /events feed (the pinned /events format): the messages of
// one committed block, and the keep-alive and end-of-stream comments.
//
// Contract:
// - render_block_messages(block, results, filter) is, in order: one message per event that
//   matches `filter`, receipt events first (in transaction order, then event order), then the
//   block's end-of-block events; then the block message, always (the resume checkpoint):
//     event: event\ndata: {"height":H,"tx_index":I,"tx_id":"hex","event":{...}}\n\n
//     id: H\nevent: block\ndata: {"height":H,"hash":"hex","time":T,"txs":N}\n\n
//   tx_index / tx_id are the receipt's position and transaction id, null for end-of-block
//   events; {...} is write_event's object (rpc/json_domain.hpp). `data` is one line of JSON.
// - render_comment(text) is ": text\n\n" with every character that would break the line (CR,
//   LF, other controls) replaced by a space; kKeepAlive is the keep-alive comment.
// Thread safety: pure functions over values.
#pragma once

#include <string>
#include <string_view>

#include "ledger/block.hpp"
#include "ledger/receipt.hpp"
#include "rpc/event_filter.hpp"

namespace grid::rpc {

inline constexpr std::string_view kKeepAlive = ": keep-alive\n\n";

std::string render_block_messages(const ledger::Block& block, const ledger::BlockResults& results,
                                  const EventFilter& filter);

std::string render_comment(std::string_view text);

}  // namespace grid::rpc
