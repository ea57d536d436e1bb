// Key store files: round trip, refusals, distinct errors, file mode. Uses the minimum Argon2id
// limits to stay fast.
#include "core/keystore.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/dev_accounts.hpp"

namespace grid::core {
namespace {

namespace fs = std::filesystem;

class KeystoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("grid_keystore_test_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

const KdfLimits kFast = KdfLimits::minimum();

Bytes slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path& p, const Bytes& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

TEST_F(KeystoreTest, RoundTripBothSchemes) {
  for (auto scheme : {KeyScheme::secp256k1, KeyScheme::ed25519}) {
    SCOPED_TRACE(std::string(key_scheme_name(scheme)));
    AccountKey key = AccountKey::generate(scheme);
    fs::path path = dir_ / (std::string(key_scheme_name(scheme)) + ".key");
    Status st = write_key_file(path, key, "correct horse", kFast);
    ASSERT_TRUE(st) << st.to_string();
    auto back = read_key_file(path, "correct horse");
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(back->scheme(), scheme);
    EXPECT_EQ(back->account(), key.account());
    EXPECT_EQ(back->secret(), key.secret());
    auto account = read_key_file_account(path);
    ASSERT_TRUE(account);
    EXPECT_EQ(*account, key.account());
  }
  // No temp files left behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir_)) {
    ++files;
    EXPECT_EQ(e.path().extension(), ".key") << e.path();
  }
  EXPECT_EQ(files, 2);
}

TEST_F(KeystoreTest, FormatLayout) {
  AccountKey key = *dev_account_key("alice");
  auto bytes = seal_key(key, "pw", kFast);
  ASSERT_TRUE(bytes);
  ASSERT_EQ(bytes->size(), 150u);
  EXPECT_EQ(std::string(bytes->begin(), bytes->begin() + 8), "GRIDKEY1");
  EXPECT_EQ((*bytes)[8], 1);  // version
  EXPECT_EQ((*bytes)[9], 0);  // scheme
  Bytes account = encode(key.account());
  EXPECT_TRUE(std::equal(account.begin(), account.end(), bytes->begin() + 9));
  auto kf = parse_key_file(*bytes);
  ASSERT_TRUE(kf);
  EXPECT_EQ(kf->header.opslimit, kFast.opslimit);
  EXPECT_EQ(kf->header.memlimit, kFast.memlimit);
  EXPECT_EQ(kf->ciphertext.size(), 48u);
  EXPECT_EQ(encode(*kf), *bytes);
  // The secret is not in the clear.
  const auto& secret = key.secret();
  EXPECT_EQ(std::search(bytes->begin(), bytes->end(), secret.begin(), secret.end()), bytes->end());
  // Fresh salt and nonce each time.
  auto again = seal_key(key, "pw", kFast);
  ASSERT_TRUE(again);
  EXPECT_NE(*again, *bytes);
  EXPECT_EQ(open_key(*again, "pw")->account(), key.account());
}

TEST_F(KeystoreTest, WrongPassphrase) {
  for (auto scheme : {KeyScheme::secp256k1, KeyScheme::ed25519}) {
    fs::path path = dir_ / "k.key";
    ASSERT_TRUE(write_key_file(path, AccountKey::generate(scheme), "right", kFast));
    for (std::string_view wrong : {"wrong", "Right", "right ", ""}) {
      auto r = read_key_file(path, wrong);
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().code(), Code::crypto);
      EXPECT_NE(r.error().message().find("wrong passphrase or damaged key file"), std::string::npos)
          << r.error().message();
      EXPECT_NE(r.error().message().find(path.string()), std::string::npos);
    }
  }
}

TEST_F(KeystoreTest, EveryFlippedByteIsRefused) {
  AccountKey key = AccountKey::generate(KeyScheme::ed25519);
  auto sealed = seal_key(key, "pw", kFast);
  ASSERT_TRUE(sealed);
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    for (std::uint8_t mask : {0x01, 0x80}) {
      Bytes damaged = *sealed;
      damaged[i] ^= mask;
      auto r = open_key(damaged, "pw");
      ASSERT_FALSE(r) << "byte " << i << " mask " << int(mask);
      EXPECT_TRUE(r.error().code() == Code::crypto || r.error().code() == Code::corruption)
          << r.error().to_string();
    }
  }
  // And through the file API.
  fs::path path = dir_ / "flip.key";
  ASSERT_TRUE(write_key_file(path, key, "pw", kFast));
  Bytes bytes = slurp(path);
  bytes[120] ^= 0x10;  // inside the ciphertext (offsets 102..149)
  spit(path, bytes);
  auto r = read_key_file(path, "pw");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Code::crypto);
}

TEST_F(KeystoreTest, TruncatedAndGarbageFiles) {
  auto sealed = seal_key(AccountKey::generate(KeyScheme::secp256k1), "pw", kFast);
  ASSERT_TRUE(sealed);
  for (std::size_t n = 0; n < sealed->size(); ++n) {
    Bytes cut(sealed->begin(), sealed->begin() + static_cast<std::ptrdiff_t>(n));
    auto r = open_key(cut, "pw");
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error().code(), Code::corruption) << n << ": " << r.error().to_string();
    if (n < 8)
      EXPECT_EQ(r.error().message(), "not a Gridchain key file");
    else
      EXPECT_EQ(r.error().message().rfind("damaged key file: ", 0), 0u) << r.error().message();
  }
  Bytes longer = *sealed;
  longer.push_back(0);
  auto trailing = open_key(longer, "pw");
  ASSERT_FALSE(trailing);
  EXPECT_EQ(trailing.error().code(), Code::corruption);

  auto garbage = open_key(as_bytes("-----BEGIN PRIVATE KEY-----\nabc\n"), "pw");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), Code::corruption);
  EXPECT_EQ(garbage.error().message(), "not a Gridchain key file");

  Bytes v2 = *sealed;
  v2[8] = 2;
  auto version = open_key(v2, "pw");
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error().code(), Code::corruption);
  EXPECT_NE(version.error().message().find("unsupported key file version 2"), std::string::npos);

  Bytes scheme = *sealed;
  scheme[9] = 2;
  auto bad_scheme = parse_key_file(scheme);
  ASSERT_FALSE(bad_scheme);
  EXPECT_EQ(bad_scheme.error().code(), Code::corruption);

  // Huge memlimit in a damaged file is refused before Argon2 runs.
  KeyFile kf = *parse_key_file(*sealed);
  kf.header.memlimit = std::uint64_t{1} << 40;
  auto huge = open_key(encode(kf), "pw");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code(), Code::corruption);
  EXPECT_NE(huge.error().message().find("memlimit"), std::string::npos);

  fs::path path = dir_ / "trunc.key";
  spit(path, Bytes(sealed->begin(), sealed->begin() + 60));
  auto r = read_key_file(path, "pw");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Code::corruption);
  EXPECT_NE(r.error().message().find(path.string()), std::string::npos);
  EXPECT_FALSE(read_key_file_account(path));

  fs::path empty = dir_ / "empty.key";
  spit(empty, {});
  auto e = read_key_file(empty, "pw");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), Code::corruption);
}

TEST_F(KeystoreTest, MissingFile) {
  fs::path path = dir_ / "nope.key";
  auto r = read_key_file(path, "pw");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), Code::not_found);
  EXPECT_NE(r.error().message().find(path.string()), std::string::npos);
  auto a = read_key_file_account(path);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code(), Code::not_found);
  // Writing into a directory that does not exist is an io error naming the path.
  Status st = write_key_file(dir_ / "no" / "such" / "dir.key",
                             AccountKey::generate(KeyScheme::secp256k1), "pw", kFast);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.code(), Code::io);
}

TEST_F(KeystoreTest, FileModeIs0600AndReplaceIsAtomic) {
  fs::path path = dir_ / "mode.key";
  mode_t old = ::umask(0);  // even with a permissive umask
  Status st = write_key_file(path, AccountKey::generate(KeyScheme::secp256k1), "pw", kFast);
  ::umask(old);
  ASSERT_TRUE(st) << st.to_string();
  struct stat sb {};
  ASSERT_EQ(::stat(path.c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 07777, 0600u);

  AccountKey second = AccountKey::generate(KeyScheme::ed25519);
  ASSERT_TRUE(write_key_file(path, second, "pw2", kFast));
  ASSERT_EQ(::stat(path.c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 07777, 0600u);
  EXPECT_EQ(read_key_file(path, "pw2")->account(), second.account());
}

TEST_F(KeystoreTest, SealRefusals) {
  AccountKey key = AccountKey::generate(KeyScheme::secp256k1);
  auto empty = seal_key(key, "", kFast);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code(), Code::invalid);
  EXPECT_FALSE(seal_key(key, "pw", KdfLimits{0, kFast.memlimit}));
  EXPECT_FALSE(seal_key(key, "pw", KdfLimits{kFast.opslimit, 1024}));
  EXPECT_FALSE(seal_key(key, "pw", KdfLimits{kFast.opslimit, kMaxMemlimit + 1}));
  EXPECT_FALSE(seal_key(key, "pw", KdfLimits{kMaxOpslimit + 1, kFast.memlimit}));
  KdfLimits def = KdfLimits::interactive();
  EXPECT_EQ(def.opslimit, 2u);
  EXPECT_EQ(def.memlimit, 64u << 20);
}

}  // namespace
}  // namespace grid::core
