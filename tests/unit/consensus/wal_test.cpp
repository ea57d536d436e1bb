// The WAL on a real file: records round trip; a torn or corrupt tail is truncated, never trusted;
// a damaged record in the middle stops the node instead of dropping the signed records after it.
#include "consensus/wal.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/unit/consensus/test_keys.hpp"

namespace grid::consensus {
namespace {

namespace fs = std::filesystem;

class WalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("grid-wal-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "cs.wal").string();
    fs::remove(path_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<PosixWalFile> open_file() { return PosixWalFile::open(path_).value(); }

  void write_three() {
    auto file = open_file();
    auto wal = Wal::open(*file).value();
    ASSERT_TRUE(wal->reset(WalEntry{WalHeightStart{3, std::nullopt}}));
    ASSERT_TRUE(wal->append(
        WalEntry{WalSigned{Message{testing::signed_vote(1, VoteType::prevote, 3, 0, {})}}}, true));
    ASSERT_TRUE(wal->append(WalEntry{TimeoutEvent{TimeoutKind::propose, 3, 0}}, false));
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(WalTest, RecordsRoundTrip) {
  write_three();
  auto file = open_file();
  auto wal = Wal::open(*file).value();
  ASSERT_EQ(wal->recovered().size(), 3u);
  EXPECT_EQ(wal->truncated_bytes(), 0u);
  EXPECT_EQ(wal->recovered()[0].kind(), WalEntryKind::height_start);
  EXPECT_EQ(wal->recovered()[1].kind(), WalEntryKind::signed_message);
  EXPECT_EQ(std::get<TimeoutEvent>(wal->recovered()[2].value).kind, TimeoutKind::propose);
}

TEST_F(WalTest, TornTailAtEveryLengthIsTruncated) {
  write_three();
  const auto full = fs::file_size(path_);
  auto last_good =
      full -
      frame_wal_record(core::encode(WalEntry{TimeoutEvent{TimeoutKind::propose, 3, 0}})).size();
  for (auto cut = last_good + 1; cut < full; ++cut) {
    write_three();
    fs::resize_file(path_, cut);
    auto file = open_file();
    auto wal = Wal::open(*file).value();
    EXPECT_EQ(wal->recovered().size(), 2u) << cut;
    EXPECT_EQ(wal->truncated_bytes(), cut - last_good);
    EXPECT_EQ(fs::file_size(path_), last_good);
    ASSERT_TRUE(wal->append(WalEntry{TimeoutEvent{TimeoutKind::prevote, 3, 0}}, true));
    auto again = Wal::open(*file).value();
    EXPECT_EQ(again->recovered().size(), 3u);  // appends after the truncation are sound
    fs::remove(path_);
  }
}

TEST_F(WalTest, CorruptRecordEndsTheLog) {
  write_three();
  {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-3, std::ios::end);  // a byte inside the last payload
    f.put('\x5a');
  }
  auto file = open_file();
  auto wal = Wal::open(*file).value();
  EXPECT_EQ(wal->recovered().size(), 2u);
  EXPECT_GT(wal->truncated_bytes(), 0u);
}

TEST_F(WalTest, ADamagedRecordBeforeIntactOnesIsCorruptionNotATornTail) {
  write_three();
  const auto before = fs::file_size(path_);
  {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(12, std::ios::beg);  // a byte inside the first payload (the height_start record)
    f.put('\x5a');
  }
  auto file = open_file();
  auto wal = Wal::open(*file);
  ASSERT_FALSE(wal.is_ok());
  EXPECT_EQ(wal.error().code(), core::Code::corruption);
  EXPECT_NE(wal.error().message().find("the record at byte 0 is corrupt"), std::string::npos)
      << wal.error().to_string();
  EXPECT_EQ(fs::file_size(path_), before) << "nothing is truncated";
}

TEST_F(WalTest, ResetEmptiesTheLog) {
  write_three();
  auto file = open_file();
  auto wal = Wal::open(*file).value();
  ASSERT_TRUE(wal->reset(WalEntry{WalHeightStart{4, std::nullopt}}));
  auto again = Wal::open(*file).value();
  ASSERT_EQ(again->recovered().size(), 1u);
  EXPECT_EQ(std::get<WalHeightStart>(again->recovered()[0].value).height, 4u);
}

}  // namespace
}  // namespace grid::consensus
