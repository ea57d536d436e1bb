#include "core/keystore.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "core/durable_file.hpp"
#include "core/ed25519.hpp"

namespace grid::core {
namespace {

constexpr std::size_t kMaxKeyFileSize = 4096;  // a v1 file is 150 bytes

static_assert(crypto_pwhash_argon2id_SALTBYTES == 16);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == 16);

Status damaged(const std::string& why) {
  return Status::corruption("damaged key file: " + why);
}

Status check_limits(const KdfLimits& limits) {
  if (limits.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || limits.opslimit > kMaxOpslimit)
    return Status::invalid("Argon2id opslimit " + std::to_string(limits.opslimit) + " outside [" +
                           std::to_string(crypto_pwhash_argon2id_OPSLIMIT_MIN) + ", " +
                           std::to_string(kMaxOpslimit) + "]");
  if (limits.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || limits.memlimit > kMaxMemlimit)
    return Status::invalid("Argon2id memlimit " + std::to_string(limits.memlimit) + " outside [" +
                           std::to_string(crypto_pwhash_argon2id_MEMLIMIT_MIN) + ", " +
                           std::to_string(kMaxMemlimit) + "]");
  return Status::ok();
}

// Wipes a secret buffer when it goes out of scope.
template <std::size_t N>
struct Wiped {
  std::array<std::uint8_t, N> bytes{};
  ~Wiped() { sodium_memzero(bytes.data(), bytes.size()); }
};

Status derive_key(std::string_view passphrase, const KeyFileHeader& header, Wiped<32>& key) {
  if (crypto_pwhash(key.bytes.data(), key.bytes.size(), passphrase.data(), passphrase.size(),
                    header.salt.data(), header.opslimit, static_cast<std::size_t>(header.memlimit),
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::error(Code::crypto, "Argon2id key derivation failed (out of memory?)");
  return Status::ok();
}

std::string os_error(const std::filesystem::path& path, const std::string& what, int err) {
  return path.string() + ": " + what + ": " + std::strerror(err);
}

Result<Bytes> read_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return Status::not_found(path.string() + ": no such key file");
    return Status::io(os_error(path, "cannot open key file", err));
  }
  Bytes out;
  std::uint8_t buf[1024];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::io(os_error(path, "cannot read key file", err));
    }
    if (n == 0) break;
    out.insert(out.end(), buf, buf + n);
    if (out.size() > kMaxKeyFileSize) {
      ::close(fd);
      return Status::corruption(path.string() + ": not a Gridchain key file (over " +
                                std::to_string(kMaxKeyFileSize) + " bytes)");
    }
  }
  ::close(fd);
  return out;
}

Status with_path(const std::filesystem::path& path, const Status& st) {
  return Status::error(st.code(), path.string() + ": " + st.message());
}

}  // namespace

KdfLimits KdfLimits::interactive() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

KdfLimits KdfLimits::minimum() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Result<Bytes> seal_key(const AccountKey& key, std::string_view passphrase, KdfLimits limits) {
  if (passphrase.empty()) return Status::invalid("the passphrase must not be empty");
  GRID_TRY(check_limits(limits));
  if (!ensure_sodium()) return Status::internal("libsodium failed to initialise");

  KeyFile file;
  file.header.account = key.account();
  file.header.opslimit = limits.opslimit;
  file.header.memlimit = limits.memlimit;
  randombytes_buf(file.header.salt.data(), file.header.salt.size());
  randombytes_buf(file.header.nonce.data(), file.header.nonce.size());

  Wiped<32> aead_key;
  GRID_TRY(derive_key(passphrase, file.header, aead_key));
  Bytes ad = encode(file.header);
  file.ciphertext.resize(kKeyFileCiphertextSize);
  unsigned long long ct_len = 0;
  const auto& secret = key.secret();
  crypto_aead_xchacha20poly1305_ietf_encrypt(file.ciphertext.data(), &ct_len, secret.data(),
                                             secret.size(), ad.data(), ad.size(), nullptr,
                                             file.header.nonce.data(), aead_key.bytes.data());
  if (ct_len != kKeyFileCiphertextSize) return Status::internal("unexpected ciphertext size");
  return encode(file);
}

Result<KeyFile> parse_key_file(ByteView file) {
  if (file.size() < kKeyFileMagic.size() ||
      !std::equal(kKeyFileMagic.begin(), kKeyFileMagic.end(), file.begin()))
    return Status::corruption("not a Gridchain key file");
  if (file.size() == kKeyFileMagic.size()) return damaged("truncated after the magic");
  std::uint8_t version = file[kKeyFileMagic.size()];
  if (version != kKeyFileVersion)
    return Status::corruption("unsupported key file version " + std::to_string(version) +
                              " (this build reads version " + std::to_string(kKeyFileVersion) +
                              ")");
  auto decoded = decode<KeyFile>(file);
  if (!decoded) return damaged(decoded.error().message());
  const KeyFile& kf = *decoded;
  if (kf.ciphertext.size() != kKeyFileCiphertextSize)
    return damaged("ciphertext of " + std::to_string(kf.ciphertext.size()) + " bytes, expected " +
                   std::to_string(kKeyFileCiphertextSize));
  Status limits = check_limits({kf.header.opslimit, kf.header.memlimit});
  if (!limits) return damaged(limits.message());
  return decoded;
}

Result<AccountKey> open_key(ByteView file, std::string_view passphrase) {
  GRID_ASSIGN(KeyFile kf, parse_key_file(file));
  if (!ensure_sodium()) return Status::internal("libsodium failed to initialise");

  Wiped<32> aead_key;
  GRID_TRY(derive_key(passphrase, kf.header, aead_key));
  Bytes ad = encode(kf.header);
  Wiped<32> secret;
  unsigned long long secret_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          secret.bytes.data(), &secret_len, nullptr, kf.ciphertext.data(), kf.ciphertext.size(),
          ad.data(), ad.size(), kf.header.nonce.data(), aead_key.bytes.data()) != 0 ||
      secret_len != secret.bytes.size())
    return Status::error(Code::crypto,
                         "wrong passphrase or damaged key file (authenticated decryption failed; "
                         "it cannot tell the two apart)");

  auto key = AccountKey::from_secret(kf.header.account.scheme, secret.bytes);
  if (!key) return damaged("the decrypted secret is not a valid key: " + key.error().message());
  if (key->account() != kf.header.account)
    return damaged("the decrypted secret does not match the stored account");
  return key;
}

Status write_key_file(const std::filesystem::path& path, const AccountKey& key,
                      std::string_view passphrase, KdfLimits limits) {
  GRID_ASSIGN(Bytes bytes, seal_key(key, passphrase, limits));
  return write_file_durably(path, bytes, 0600);
}

Result<AccountKey> read_key_file(const std::filesystem::path& path, std::string_view passphrase) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.error();
  auto key = open_key(*bytes, passphrase);
  if (!key) return with_path(path, key.error());
  return key;
}

Result<AccountId> read_key_file_account(const std::filesystem::path& path) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.error();
  auto kf = parse_key_file(*bytes);
  if (!kf) return with_path(path, kf.error());
  return kf->header.account;
}

}  // namespace grid::core
