// Key store: one account secret in a file, encrypted under a passphrase.
//
// Format (version 1), the canonical codec of core/codec.hpp, stored as raw bytes (150 bytes):
//   magic      bytes8   "GRIDKEY1"
//   version    u8       1 (KDF Argon2id v1.3, AEAD XChaCha20-Poly1305-IETF)
//   account    AccountId  u8 scheme + bytes32 public key, in clear (lets `keys list` show the
//                         address without the passphrase)
//   opslimit   u64      Argon2id passes
//   memlimit   u64      Argon2id memory in bytes
//   salt       bytes16  random
//   nonce      bytes24  random
//   ciphertext bytes    u32 length (48) + XChaCha20-Poly1305 of the 32-byte secret + 16-byte tag
// key = crypto_pwhash(32 bytes, passphrase, salt, opslimit, memlimit, ALG_ARGON2ID13);
// associated data = every byte before the ciphertext (the encoded header), so any change to the
// header, the ciphertext or the tag fails authentication. The secret is the secp256k1 secret key
// (scheme 0) or the ed25519 seed (scheme 1); after decryption its public key must equal `account`.
//
// Contract:
// - seal_key refuses (Code::invalid) an empty passphrase and KDF limits outside
//   [MIN, kMaxOpslimit] x [MIN, kMaxMemlimit]. Defaults are libsodium's INTERACTIVE limits;
//   tests may pass KdfLimits::minimum() to stay fast.
// - Opening errors are distinct:
//     Code::crypto      "wrong passphrase or damaged key file": the AEAD tag did not verify.
//                       Authenticated encryption cannot tell a wrong passphrase from a changed
//                       byte, so the message names both.
//     Code::corruption  "not a Gridchain key file" (no magic: garbage, too short, too large),
//                       "unsupported key file version N", "damaged key file: <why>" (truncated,
//                       trailing bytes, unknown scheme, limits out of range, ...).
//     Code::not_found   the file does not exist (message names the path);
//     Code::io          any other OS failure (message names the path and the OS error).
//   Limits read from a file are range-checked before Argon2 runs, so a damaged file cannot make
//   us allocate more than kMaxMemlimit.
// - write_key_file writes through write_file_durably (core/durable_file.hpp) with mode 0600:
//   a fresh temp file (O_EXCL|O_NOFOLLOW) in the same directory, fsynced, renamed over `path`
//   (replacing any file there: check first if that matters), the directory fsynced. The final
//   file has mode 0600 whatever the umask.
// Thread safety: free functions, no shared state (libsodium is initialised once, thread-safely).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/account_id.hpp"
#include "core/bytes.hpp"
#include "core/codec.hpp"
#include "core/status.hpp"

namespace grid::core {

inline constexpr std::array<std::uint8_t, 8> kKeyFileMagic = {'G', 'R', 'I', 'D',
                                                              'K', 'E', 'Y', '1'};
inline constexpr std::uint8_t kKeyFileVersion = 1;
inline constexpr std::size_t kKeyFileCiphertextSize = 32 + 16;  // secret + Poly1305 tag
inline constexpr std::uint64_t kMaxOpslimit = 16;
inline constexpr std::uint64_t kMaxMemlimit = std::uint64_t{1} << 30;  // 1 GiB (SENSITIVE)

struct KdfLimits {
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;
  static KdfLimits interactive();  // crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE: the default
  static KdfLimits minimum();      // crypto_pwhash_argon2id_OPSLIMIT/MEMLIMIT_MIN: tests only
};

struct KeyFileHeader {
  std::array<std::uint8_t, 8> magic = kKeyFileMagic;
  std::uint8_t version = kKeyFileVersion;
  AccountId account;
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;
  std::array<std::uint8_t, 16> salt{};
  std::array<std::uint8_t, 24> nonce{};

  static void fields(auto& self, auto& v) {
    v(self.magic);
    v(self.version);
    v(self.account);
    v(self.opslimit);
    v(self.memlimit);
    v(self.salt);
    v(self.nonce);
  }
};

struct KeyFile {
  KeyFileHeader header;
  Bytes ciphertext;

  static void fields(auto& self, auto& v) {
    v(self.header);
    v(self.ciphertext, Limit{kKeyFileCiphertextSize});
  }
};

// Encrypts `key` into the bytes of a key file.
Result<Bytes> seal_key(const AccountKey& key, std::string_view passphrase,
                       KdfLimits limits = KdfLimits::interactive());
// Checks the structure of a key file without decrypting (no passphrase needed).
Result<KeyFile> parse_key_file(ByteView file);
// Decrypts a key file.
Result<AccountKey> open_key(ByteView file, std::string_view passphrase);

Status write_key_file(const std::filesystem::path& path, const AccountKey& key,
                      std::string_view passphrase, KdfLimits limits = KdfLimits::interactive());
Result<AccountKey> read_key_file(const std::filesystem::path& path, std::string_view passphrase);
// The public account stored in clear in a key file (no passphrase needed).
Result<AccountId> read_key_file_account(const std::filesystem::path& path);

}  // namespace grid::core
