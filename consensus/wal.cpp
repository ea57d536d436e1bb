#include "consensus/wal.hpp"

#include "core/blake2b.hpp"

namespace grid::consensus {

using core::Bytes;
using core::Result;
using core::Status;

void WalEntry::encode_to(core::Writer& w) const {
  w.u8(static_cast<std::uint8_t>(kind()));
  std::visit([&](const auto& e) { core::write_value(w, e); }, value);
}

void WalEntry::decode_from(core::Reader& r) {
  switch (static_cast<WalEntryKind>(r.u8())) {
    case WalEntryKind::signed_message:
      core::read_value(r, value.emplace<WalSigned>());
      return;
    case WalEntryKind::received:
      core::read_value(r, value.emplace<WalReceived>());
      return;
    case WalEntryKind::timeout:
      core::read_value(r, value.emplace<TimeoutEvent>());
      return;
    case WalEntryKind::height_start:
      core::read_value(r, value.emplace<WalHeightStart>());
      return;
  }
  r.fail("unknown WAL entry kind");
}

namespace {

std::uint32_t checksum(core::ByteView payload) {
  core::Hash32 h = core::blake2b_256(payload);
  return static_cast<std::uint32_t>(h.bytes[0]) | static_cast<std::uint32_t>(h.bytes[1]) << 8 |
         static_cast<std::uint32_t>(h.bytes[2]) << 16 |
         static_cast<std::uint32_t>(h.bytes[3]) << 24;
}

}  // namespace

Bytes frame_wal_record(const Bytes& payload) {
  core::Writer w;
  w.u32(static_cast<std::uint32_t>(payload.size()));
  w.u32(checksum(payload));
  w.raw(payload);
  return w.take();
}

Result<std::unique_ptr<Wal>> Wal::open(WalFile& file) {
  GRID_ASSIGN(Bytes data, file.read_all());
  std::unique_ptr<Wal> wal(new Wal(file));
  std::size_t pos = 0;
  while (data.size() - pos >= 8) {
    core::Reader header(core::ByteView(data.data() + pos, 8));
    std::uint32_t len = header.u32();
    std::uint32_t sum = header.u32();
    if (len > kMaxWalRecord || data.size() - pos - 8 < len) break;
    core::ByteView payload(data.data() + pos + 8, len);
    if (checksum(payload) != sum) break;
    auto entry = core::decode<WalEntry>(payload);
    if (!entry) break;
    wal->recovered_.push_back(std::move(entry).value());
    pos += 8 + len;
  }
  if (pos < data.size()) {
    wal->truncated_bytes_ = data.size() - pos;
    GRID_TRY(file.truncate(pos));
  }
  return wal;
}

Status Wal::check(Status st) {
  if (!st.is_ok()) failed_ = true;
  return st;
}

Status Wal::append(const WalEntry& entry, bool durable) {
  if (failed_) return Status::io("the WAL failed earlier; restart the node");
  GRID_TRY(check(file_.append(frame_wal_record(core::encode(entry)))));
  if (durable) GRID_TRY(check(file_.sync()));
  return Status::ok();
}

Status Wal::reset(const WalEntry& first) {
  if (failed_) return Status::io("the WAL failed earlier; restart the node");
  GRID_TRY(check(file_.truncate(0)));
  return append(first, true);
}

}  // namespace grid::consensus
