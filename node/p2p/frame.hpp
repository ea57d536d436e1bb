// p2p frames after the handshake (docs/wire.md "## p2p sessions"): u32 little-endian length,
// then that many bytes of ciphertext; the plaintext is the payload followed by one kind byte
// (a trailer, so a payload is sealed and opened in place, without copying megabytes).
//
// Contract:
// - frame_length_ok(length, max_payload) bounds what a peer may announce before we allocate
//   anything: at least a kind byte and a tag, at most max_payload + 1 + tag.
// - seal_frame turns a payload into a frame body in place; open_frame turns a body back into
//   the payload and returns its kind, failing (Code::crypto) on tampering, replay or reorder
//   and (Code::invalid) on an unknown kind.
// Thread safety: pure functions; the SessionCipher passed in is the caller's.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/secure_channel.hpp"
#include "core/status.hpp"

namespace grid::node::p2p {

enum class FrameKind : std::uint8_t { data = 0, ping = 1, pong = 2 };
inline constexpr std::uint8_t kMaxFrameKind = 2;

inline constexpr std::size_t kFrameHeaderBytes = 4;
using FrameHeader = std::array<std::uint8_t, kFrameHeaderBytes>;

FrameHeader encode_frame_header(std::uint32_t length);
std::uint32_t decode_frame_header(const FrameHeader& header);

// The largest ciphertext length a frame may carry for payloads up to max_payload bytes.
inline constexpr std::size_t max_frame_length(std::size_t max_payload) {
  return max_payload + 1 + core::kAeadTagBytes;
}
inline constexpr bool frame_length_ok(std::uint32_t length, std::size_t max_payload) {
  return length >= 1 + core::kAeadTagBytes && length <= max_frame_length(max_payload);
}

// `payload` becomes the frame body (ciphertext of payload || kind).
core::Status seal_frame(core::SessionCipher& cipher, FrameKind kind, core::Bytes& payload);
// `body` becomes the payload; returns the kind.
core::Result<FrameKind> open_frame(core::SessionCipher& cipher, core::Bytes& body);

}  // namespace grid::node::p2p
