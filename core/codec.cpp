#include "core/codec.hpp"

#include "core/utf8.hpp"

namespace grid::core {

void Writer::bytes(ByteView data) {
  u32(static_cast<std::uint32_t>(data.size()));
  raw(data);
}

void Reader::fail(std::string why) {
  if (status_.is_ok()) status_ = Status::invalid(why + " (at byte " + std::to_string(pos_) + ")");
}

bool Reader::need(std::size_t n) {
  if (!ok()) return false;
  if (data_.size() - pos_ < n) {
    fail("truncated input: need " + std::to_string(n) + " bytes, " +
         std::to_string(data_.size() - pos_) + " left");
    return false;
  }
  return true;
}

std::uint64_t Reader::get_le(int width) {
  if (!need(static_cast<std::size_t>(width))) return 0;
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i) v |= std::uint64_t{data_[pos_ + i]} << (8 * i);
  pos_ += static_cast<std::size_t>(width);
  return v;
}

bool Reader::boolean() {
  std::size_t at = pos_;
  std::uint8_t b = u8();
  if (b > 1) {
    pos_ = at;
    fail("bool byte " + std::to_string(b) + " is not 0 or 1");
    return false;
  }
  return b == 1;
}

void Reader::raw(std::uint8_t* out, std::size_t n) {
  if (!need(n)) {
    std::fill(out, out + n, 0);
    return;
  }
  std::copy(data_.begin() + pos_, data_.begin() + pos_ + n, out);
  pos_ += n;
}

std::uint32_t Reader::count(std::uint64_t max) {
  std::size_t at = pos_;
  std::uint32_t n = u32();
  if (!ok()) return 0;
  if (n > max) {
    pos_ = at;
    fail("length " + std::to_string(n) + " over its cap " + std::to_string(max));
    return 0;
  }
  if (n > data_.size() - pos_) {
    pos_ = at;
    fail("length " + std::to_string(n) + " over the " + std::to_string(data_.size() - pos_ - 4) +
         " bytes left");
    return 0;
  }
  return n;
}

Bytes Reader::bytes(std::uint64_t max_len) {
  std::uint32_t n = count(max_len);
  if (!ok()) return {};
  Bytes out(data_.begin() + pos_, data_.begin() + pos_ + n);
  pos_ += n;
  return out;
}

std::string Reader::string(std::uint64_t max_len) {
  std::size_t at = pos_;
  Bytes raw_bytes = bytes(max_len);
  if (!ok()) return {};
  std::string s(raw_bytes.begin(), raw_bytes.end());
  if (!is_valid_utf8(s)) {
    pos_ = at;
    fail("string is not valid UTF-8");
    return {};
  }
  return s;
}

Status Reader::finish() {
  if (!ok()) return status_;
  if (pos_ != data_.size())
    return Status::invalid(std::to_string(data_.size() - pos_) + " trailing bytes after the value");
  return Status::ok();
}

}  // namespace grid::core
