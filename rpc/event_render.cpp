// The SSE messages of one block (rpc/event_render.hpp).
#include "rpc/event_render.hpp"

#include <cstdint>
#include <optional>

#include "rpc/json_domain.hpp"
#include "rpc/json_writer.hpp"

namespace grid::rpc {
namespace {

// `head` (the lines before data), then "data: <the JSON of write>", then the blank line.
template <class Write>
void append_message(std::string& out, std::string_view head, Write write) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write(w);
  out += head;
  out += "data: ";
  out.append(buffer.GetString(), buffer.GetSize());
  out += "\n\n";
}

// "event: event" with {"height","tx_index","tx_id","event"}; tx null for end-of-block events.
void append_event(std::string& out, std::uint64_t height, std::optional<std::uint32_t> tx_index,
                  const core::TxId* tx_id, const ledger::Event& event) {
  append_message(out, "event: event\n", [&](JsonWriter& w) {
    w.StartObject();
    write_key(w, "height");
    write_height(w, height);
    write_key(w, "tx_index");
    if (tx_index)
      write_u32(w, *tx_index);
    else
      w.Null();
    write_key(w, "tx_id");
    if (tx_id != nullptr)
      write_hash(w, *tx_id);
    else
      w.Null();
    write_key(w, "event");
    write_event(w, event);
    w.EndObject();
  });
}

// "id: H" and "event: block" with {"height","hash","time","txs"}.
void append_block(std::string& out, const ledger::Block& block) {
  const ledger::BlockHeader& header = block.header;
  std::string head = "id: " + std::to_string(header.height) + "\nevent: block\n";
  append_message(out, head, [&](JsonWriter& w) {
    w.StartObject();
    write_key(w, "height");
    write_height(w, header.height);
    write_key(w, "hash");
    write_hash(w, ledger::block_hash(header));
    write_key(w, "time");
    write_height(w, header.time);
    write_key(w, "txs");
    w.Uint64(block.transactions.size());
    w.EndObject();
  });
}

}  // namespace

std::string render_block_messages(const ledger::Block& block, const ledger::BlockResults& results,
                                  const EventFilter& filter) {
  std::string out;
  const std::uint64_t height = block.header.height;
  for (std::uint32_t i = 0; i < results.receipts.size(); ++i) {
    const ledger::Receipt& receipt = results.receipts[i];
    for (const ledger::Event& event : receipt.events)
      if (filter.matches(event)) append_event(out, height, i, &receipt.tx_id, event);
  }
  for (const ledger::Event& event : results.block_events)
    if (filter.matches(event)) append_event(out, height, std::nullopt, nullptr, event);
  append_block(out, block);
  return out;
}

std::string render_comment(std::string_view text) {
  std::string out = ": ";
  for (char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  out += "\n\n";
  return out;
}

}  // namespace grid::rpc
