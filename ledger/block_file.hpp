// Block files: a genesis and the blocks after it, for the replay tool, exports and tests.
//
//   file   = magic "GRIDBLK1" (8 ASCII bytes) || bytes(encode(Genesis)) || record*
//   record = bytes(encode(Block))            (u32 length, then the block)
//
// Contract: BlockFileWriter appends records; BlockFileReader streams them back one at a time
// (a file of any length is read in constant memory beyond one block). A truncated last record,
// a bad magic or a record that does not decode is Code::corruption naming the byte offset.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "ledger/block.hpp"
#include "ledger/genesis.hpp"

namespace grid::ledger {

inline constexpr std::string_view kBlockFileMagic = "GRIDBLK1";

class BlockFileWriter {
 public:
  static Result<BlockFileWriter> create(const std::string& path, const Genesis& genesis);
  Status append(const Block& block);
  Status close();  // flushes and fsyncs

 private:
  explicit BlockFileWriter(std::FILE* f) : file_(f, &std::fclose) {}
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
};

class BlockFileReader {
 public:
  static Result<BlockFileReader> open(const std::string& path);
  const Genesis& genesis() const { return genesis_; }
  // The next block, or nullopt at the end of the file.
  Result<std::optional<Block>> next();

 private:
  explicit BlockFileReader(std::FILE* f) : file_(f, &std::fclose) {}
  Result<std::optional<Bytes>> read_record();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  Genesis genesis_;
  std::uint64_t offset_ = 0;
};

}  // namespace grid::ledger
