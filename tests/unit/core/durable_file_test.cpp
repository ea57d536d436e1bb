// write_file_durably: mode from creation whatever the umask, replacement without leftovers, a
// symlink at the path replaced rather than followed, failures named.
#include "core/durable_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.hpp"

namespace grid::core {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0);
  return st.st_mode & 0777;
}

TEST(DurableFile, CreatesWithTheModeWhateverTheUmask) {
  testing::TempDir dir{"gridchain-durable"};
  fs::path key = dir.sub("key.json");
  mode_t old = ::umask(0);  // a umask that would leave a file world-readable
  Status st = write_file_durably(key, as_bytes(std::string_view("secret")), 0600);
  ::umask(old);
  ASSERT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_EQ(mode_of(key), 0600u);
  EXPECT_EQ(slurp(key), "secret");
  ASSERT_TRUE(
      write_file_durably(dir.sub("config.json"), as_bytes(std::string_view("{}")), 0644).is_ok());
  EXPECT_EQ(mode_of(dir.sub("config.json")), 0644u);
}

TEST(DurableFile, ReplacesTheContentsAndLeavesNoTemporaryFile) {
  testing::TempDir dir{"gridchain-durable"};
  fs::path file = dir.sub("node_key.json");
  ASSERT_TRUE(write_file_durably(file, as_bytes(std::string_view("one")), 0600).is_ok());
  ASSERT_TRUE(write_file_durably(file, as_bytes(std::string_view("two")), 0600).is_ok());
  EXPECT_EQ(slurp(file), "two");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1u);
}

TEST(DurableFile, APlantedSymlinkIsReplacedNotFollowed) {
  testing::TempDir dir{"gridchain-durable"};
  fs::path victim = dir.sub("victim");
  { std::ofstream(victim) << "keep me"; }
  fs::path link = dir.sub("node_key.json");
  fs::create_symlink(victim, link);
  ASSERT_TRUE(write_file_durably(link, as_bytes(std::string_view("key")), 0600).is_ok());
  EXPECT_EQ(slurp(victim), "keep me");
  EXPECT_FALSE(fs::is_symlink(link));
  EXPECT_EQ(slurp(link), "key");
}

TEST(DurableFile, AFailureNamesThePath) {
  testing::TempDir dir{"gridchain-durable"};
  fs::path missing = dir.sub("no/such/dir/key.json");
  Status st = write_file_durably(missing, as_bytes(std::string_view("x")), 0600);
  EXPECT_EQ(st.code(), Code::io);
  EXPECT_NE(st.message().find("no/such/dir/key.json"), std::string::npos) << st.to_string();
  EXPECT_NE(st.message().find("cannot create"), std::string::npos) << st.to_string();
}

}  // namespace
}  // namespace grid::core
