#include "core/status.hpp"

namespace grid::core {

std::string_view code_name(Code code) {
  switch (code) {
    case Code::ok:
      return "ok";
    case Code::invalid:
      return "invalid";
    case Code::not_found:
      return "not_found";
    case Code::io:
      return "io";
    case Code::corruption:
      return "corruption";
    case Code::crypto:
      return "crypto";
    case Code::internal:
      return "internal";
  }
  return "unknown";
}

Status Status::error(Code code, std::string message) {
  Status s;
  if (code == Code::ok) code = Code::internal;  // an error must not claim to be ok
  s.state_ = std::make_unique<State>(State{code, std::move(message)});
  return s;
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

const std::string& Status::message() const {
  static const std::string empty;
  return state_ ? state_->message : empty;
}

std::string Status::to_string() const {
  if (!state_) return "ok";
  return std::string(code_name(state_->code)) + ": " + state_->message;
}

}  // namespace grid::core
