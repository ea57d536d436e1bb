#include "ledger/block_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace grid::ledger {
namespace {

Status write_all(std::FILE* f, core::ByteView data) {
  if (std::fwrite(data.data(), 1, data.size(), f) != data.size())
    return Status::io(std::string("write failed: ") + std::strerror(errno));
  return Status::ok();
}

Status write_record(std::FILE* f, const Bytes& payload) {
  core::Writer w;
  w.bytes(payload);
  return write_all(f, w.data());
}

}  // namespace

Result<BlockFileWriter> BlockFileWriter::create(const std::string& path, const Genesis& genesis) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::io(path + ": " + std::strerror(errno));
  BlockFileWriter w(f);
  GRID_TRY(write_all(f, core::as_bytes(kBlockFileMagic)));
  GRID_TRY(write_record(f, core::encode(genesis)));
  return w;
}

Status BlockFileWriter::append(const Block& block) {
  return write_record(file_.get(), core::encode(block));
}

Status BlockFileWriter::close() {
  if (std::fflush(file_.get()) != 0 || ::fsync(fileno(file_.get())) != 0)
    return Status::io(std::string("flush failed: ") + std::strerror(errno));
  return Status::ok();
}

Result<BlockFileReader> BlockFileReader::open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno == ENOENT) return Status::not_found(path + ": no such file");
    return Status::io(path + ": " + std::strerror(errno));
  }
  BlockFileReader r(f);
  char magic[8];
  if (std::fread(magic, 1, 8, f) != 8 || std::string_view(magic, 8) != kBlockFileMagic)
    return Status::corruption(path + ": not a Gridchain block file (bad magic)");
  r.offset_ = 8;
  GRID_ASSIGN(auto raw, r.read_record());
  if (!raw) return Status::corruption(path + ": the genesis record is missing");
  auto genesis = core::decode<Genesis>(*raw);
  if (!genesis) return Status::corruption(path + ": genesis: " + genesis.error().message());
  r.genesis_ = std::move(*genesis);
  return r;
}

Result<std::optional<Bytes>> BlockFileReader::read_record() {
  std::uint8_t len_bytes[4];
  std::size_t got = std::fread(len_bytes, 1, 4, file_.get());
  if (got == 0 && std::feof(file_.get())) return std::optional<Bytes>();
  if (got != 4)
    return Status::corruption("truncated record length at byte " + std::to_string(offset_));
  std::uint32_t len = len_bytes[0] | len_bytes[1] << 8 | len_bytes[2] << 16 |
                      static_cast<std::uint32_t>(len_bytes[3]) << 24;
  constexpr std::uint32_t kMaxRecord = 256u << 20;
  if (len > kMaxRecord)
    return Status::corruption("record of " + std::to_string(len) + " bytes at byte " +
                              std::to_string(offset_) + " is over the 256 MiB limit");
  Bytes payload(len);
  if (std::fread(payload.data(), 1, len, file_.get()) != len)
    return Status::corruption("truncated record at byte " + std::to_string(offset_));
  offset_ += 4 + len;
  return std::optional<Bytes>(std::move(payload));
}

Result<std::optional<Block>> BlockFileReader::next() {
  std::uint64_t at = offset_;
  GRID_ASSIGN(auto raw, read_record());
  if (!raw) return std::optional<Block>();
  auto block = core::decode<Block>(*raw);
  if (!block)
    return Status::corruption("block record at byte " + std::to_string(at) +
                              " does not decode: " + block.error().message());
  return std::optional<Block>(std::move(*block));
}

}  // namespace grid::ledger
