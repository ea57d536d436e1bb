#include "tools/agent/sse_parser.hpp"

namespace grid::tools {

std::vector<SseMessage> SseParser::feed(std::string_view chunk) {
  std::vector<SseMessage> out;
  for (char c : chunk) {
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') continue;  // the second half of "\r\n"
    }
    if (c == '\r' || c == '\n') {
      after_cr_ = c == '\r';
      line(partial_, out);
      partial_.clear();
      continue;
    }
    partial_ += c;
  }
  return out;
}

void SseParser::line(std::string_view text, std::vector<SseMessage>& out) {
  if (text.empty()) {
    if (has_fields_) out.push_back(std::move(current_));
    current_ = SseMessage{};
    has_fields_ = has_data_ = false;
    return;
  }
  if (text.front() == ':') {
    ++comments_;
    return;
  }
  std::size_t colon = text.find(':');
  std::string_view field = text.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) current_.data += '\n';
    current_.data += value;
    has_data_ = true;
  } else if (field == "event") {
    current_.event = std::string(value);
  } else if (field == "id") {
    current_.id = std::string(value);
    last_id_ = current_.id;
  } else {
    return;  // unknown field (including "retry"): ignored
  }
  has_fields_ = true;
}

}  // namespace grid::tools
