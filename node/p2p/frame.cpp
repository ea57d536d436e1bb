#include "node/p2p/frame.hpp"

#include <string>

#include "core/codec.hpp"

namespace grid::node::p2p {

FrameHeader encode_frame_header(std::uint32_t length) {
  core::Writer w;
  w.u32(length);
  FrameHeader header{};
  for (std::size_t i = 0; i < header.size(); ++i) header[i] = w.data()[i];
  return header;
}

std::uint32_t decode_frame_header(const FrameHeader& header) {
  core::Reader r(core::ByteView(header.data(), header.size()));
  return r.u32();  // four bytes are always there
}

core::Status seal_frame(core::SessionCipher& cipher, FrameKind kind, core::Bytes& payload) {
  payload.push_back(static_cast<std::uint8_t>(kind));
  return cipher.seal_in_place(payload);
}

core::Result<FrameKind> open_frame(core::SessionCipher& cipher, core::Bytes& body) {
  GRID_TRY(cipher.open_in_place(body));
  if (body.empty()) return core::Status::invalid("frame without a kind byte");
  const std::uint8_t kind = body.back();
  body.pop_back();
  if (kind > kMaxFrameKind)
    return core::Status::invalid("unknown frame kind " + std::to_string(kind));
  return static_cast<FrameKind>(kind);
}

}  // namespace grid::node::p2p
