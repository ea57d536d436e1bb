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

namespace {

// The record at `pos`, when it is whole, its checksum matches and it decodes; its size in *size.
std::optional<WalEntry> record_at(const Bytes& data, std::size_t pos, std::size_t* size) {
  if (data.size() - pos < 8) return std::nullopt;
  core::Reader header(core::ByteView(data.data() + pos, 8));
  std::uint32_t len = header.u32();
  std::uint32_t sum = header.u32();
  if (len > kMaxWalRecord || data.size() - pos - 8 < len) return std::nullopt;
  core::ByteView payload(data.data() + pos + 8, len);
  if (checksum(payload) != sum) return std::nullopt;
  auto entry = core::decode<WalEntry>(payload);
  if (!entry) return std::nullopt;
  *size = 8 + len;
  return std::move(entry).value();
}

// A bad record followed by an intact one is damage, not a torn tail: what follows may be signed
// records, and dropping them could let this validator sign a conflicting vote.
std::optional<std::size_t> intact_record_after(const Bytes& data, std::size_t bad) {
  std::size_t size = 0;
  for (std::size_t at = bad + 1; at + 8 <= data.size(); ++at)
    if (record_at(data, at, &size)) return at;
  return std::nullopt;
}

}  // namespace

Result<std::unique_ptr<Wal>> Wal::open(WalFile& file) {
  GRID_ASSIGN(Bytes data, file.read_all());
  std::unique_ptr<Wal> wal(new Wal(file));
  std::size_t pos = 0;
  std::size_t size = 0;
  while (auto entry = record_at(data, pos, &size)) {
    wal->recovered_.push_back(std::move(*entry));
    pos += size;
  }
  if (pos < data.size()) {
    if (auto intact = intact_record_after(data, pos))
      return Status::corruption(
          "the consensus WAL is damaged: the record at byte " + std::to_string(pos) +
          " is corrupt but an intact record follows at byte " + std::to_string(*intact) +
          " (not a torn tail). Refusing to start: dropping records this validator signed could "
          "make it sign a conflicting vote. Restore the disk, or move consensus.wal away only "
          "if this validator has not signed at the current height (docs/operations.md)");
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
