// SseParser: the Server-Sent Events wire format (the WHATWG "event stream" rules), fed with the
// chunks a socket delivers and producing whole messages.
//
// Contract: feed() accepts any split of the stream (mid-line, mid-"\r\n") and returns the
// messages completed by it, in order. Lines end with "\n", "\r\n" or "\r". A line "field: value"
// sets id, event or data (one leading space after the colon is dropped; several data lines are
// joined with "\n"); a line starting with ':' is a comment (counted in comments(), e.g. the
// feed's ": keep-alive"); unknown fields are ignored; a blank line ends the message, which is
// dispatched when it had any field (a message with an id but no data is still dispatched, so the
// id can serve as a checkpoint). `id` keeps the last id seen (the Last-Event-ID to resume from).
// Not thread-safe: one parser per stream.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace grid::tools {

struct SseMessage {
  std::optional<std::string> id;
  std::string event;  // "" when the message named none ("message" by the spec's default)
  std::string data;
  bool operator==(const SseMessage&) const = default;
};

class SseParser {
 public:
  std::vector<SseMessage> feed(std::string_view chunk);
  const std::optional<std::string>& last_id() const { return last_id_; }
  std::uint64_t comments() const { return comments_; }

 private:
  void line(std::string_view text, std::vector<SseMessage>& out);

  std::string partial_;    // an unfinished line
  bool after_cr_ = false;  // the previous chunk ended with '\r' (a following '\n' is its pair)
  SseMessage current_;
  bool has_fields_ = false;
  bool has_data_ = false;
  std::optional<std::string> last_id_;
  std::uint64_t comments_ = 0;
};

}  // namespace grid::tools
