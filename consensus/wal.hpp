// The consensus write-ahead log: what this validator signed and received at the current height.
//
// Contract:
// - Record framing: u32 payload length (LE), u32 checksum (LE; the first 4 bytes of
//   blake2b_256(payload), read little-endian), payload = encode(WalEntry). Lengths over
//   kMaxWalRecord, short reads, checksum mismatches and payloads that do not decode strictly mark
//   a torn tail when no intact record follows them: open() stops there, truncates the file to
//   the last good record and never returns what follows. A bad record followed by an intact one
//   is damage, not a tear: open() returns Code::corruption and changes nothing (the node halts
//   with that message rather than forget records it signed).
// - Entries: signed (a Proposal or Vote this node signed: appended AND synced before it is sent),
//   received (an input message, appended without sync), timeout (a timer event that was acted
//   on), height_start (first record after reset(): the height and the last-signed guard).
// - After any failed write the Wal refuses all further writes (the engine halts; the node must
//   restart, which truncates whatever partial record the failure left).
// - WalFile is the storage seam: PosixWalFile uses open/write/fsync/ftruncate; tests inject
//   failures and crashes with an in-memory file.
// Thread safety: single-threaded; one Wal per file.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "consensus/messages.hpp"
#include "consensus/timeouts.hpp"

namespace grid::consensus {

inline constexpr std::uint32_t kMaxWalRecord = 64u << 20;

class WalFile {
 public:
  virtual ~WalFile() = default;
  virtual core::Result<core::Bytes> read_all() = 0;
  virtual core::Status append(core::ByteView data) = 0;
  virtual core::Status sync() = 0;
  virtual core::Status truncate(std::uint64_t size) = 0;  // durable when it returns ok
};

class PosixWalFile final : public WalFile {
 public:
  static core::Result<std::unique_ptr<PosixWalFile>> open(const std::string& path);
  ~PosixWalFile() override;
  PosixWalFile(const PosixWalFile&) = delete;
  PosixWalFile& operator=(const PosixWalFile&) = delete;

  core::Result<core::Bytes> read_all() override;
  core::Status append(core::ByteView data) override;
  core::Status sync() override;
  core::Status truncate(std::uint64_t size) override;

 private:
  PosixWalFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

// The double-sign guard: the highest (height, round, step) this validator signed, and what.
struct LastSigned {
  Height height = 0;
  Round round = 0;
  Step step = Step::propose;
  VoteValue block_hash;

  bool operator==(const LastSigned&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.round);
    v(self.step, core::Limit{kMaxStep});
    v(self.block_hash);
  }
};

struct WalSigned {
  Message message;
  static void fields(auto& self, auto& v) { v(self.message); }
};
struct WalReceived {
  Message message;
  static void fields(auto& self, auto& v) { v(self.message); }
};
struct WalHeightStart {
  Height height = 0;
  std::optional<LastSigned> guard;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.guard);
  }
};

enum class WalEntryKind : std::uint8_t {
  signed_message = 1,
  received = 2,
  timeout = 3,
  height_start = 4
};

// u8 kind, then the entry.
struct WalEntry {
  std::variant<WalSigned, WalReceived, TimeoutEvent, WalHeightStart> value;

  WalEntryKind kind() const { return static_cast<WalEntryKind>(value.index() + 1); }
  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);
};

core::Bytes frame_wal_record(const core::Bytes& payload);

class Wal {
 public:
  // Reads every good record; truncates a torn or corrupt tail. `file` must outlive the Wal.
  static core::Result<std::unique_ptr<Wal>> open(WalFile& file);

  const std::vector<WalEntry>& recovered() const { return recovered_; }
  std::uint64_t truncated_bytes() const { return truncated_bytes_; }
  bool failed() const { return failed_; }

  core::Status append(const WalEntry& entry, bool durable);
  // Empties the log and writes `first` durably (used when a new height starts).
  core::Status reset(const WalEntry& first);

 private:
  explicit Wal(WalFile& file) : file_(file) {}
  core::Status check(core::Status st);

  WalFile& file_;
  std::vector<WalEntry> recovered_;
  std::uint64_t truncated_bytes_ = 0;
  bool failed_ = false;
};

}  // namespace grid::consensus
