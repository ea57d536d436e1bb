// Status and Result<T>: how every fallible function in Gridchain reports failure.
//
// Contract:
// - `Status` is one pointer wide and allocates nothing when ok; an error carries a Code and a
//   message. Both types are [[nodiscard]]: ignoring one is a compile warning.
// - `Result<T>` holds either a T or an error Status (std::expected-shaped; C++23's is not in
//   GCC 12). Accessing value() of an error, or error() of a value, is a programming error and
//   aborts.
// - Code::invalid means the input was bad (someone else's fault); io and corruption mean the
//   local node failed. Callers keep them apart, as Bitcoin Core keeps `invalid` from `error`.
// Thread safety: values; no shared state.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace grid::core {

enum class Code : unsigned char {
  ok = 0,
  invalid,     // malformed or refused input
  not_found,   // a looked-up key or object does not exist
  io,          // the disk or the OS failed
  corruption,  // stored data is damaged
  crypto,      // a cryptographic primitive failed (bad key, bad passphrase, bad MAC)
  internal,    // a bug: an invariant did not hold
};

std::string_view code_name(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status error(Code code, std::string message);
  static Status invalid(std::string message) { return error(Code::invalid, std::move(message)); }
  static Status not_found(std::string message) {
    return error(Code::not_found, std::move(message));
  }
  static Status io(std::string message) { return error(Code::io, std::move(message)); }
  static Status corruption(std::string message) {
    return error(Code::corruption, std::move(message));
  }
  static Status internal(std::string message) { return error(Code::internal, std::move(message)); }

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  bool is_ok() const { return !state_; }
  explicit operator bool() const { return is_ok(); }
  Code code() const { return state_ ? state_->code : Code::ok; }
  const std::string& message() const;
  // "invalid: message", or "ok".
  std::string to_string() const;

 private:
  struct State {
    Code code;
    std::string message;
  };
  std::unique_ptr<State> state_;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}        // NOLINT implicit
  Result(Status status) : data_(std::in_place_index<1>, std::move(status)) {  // NOLINT implicit
    if (std::get<1>(data_).is_ok()) std::abort();  // a Result error must be an error
  }

  bool is_ok() const { return data_.index() == 0; }
  explicit operator bool() const { return is_ok(); }

  T& value() & { return check_value(), std::get<0>(data_); }
  const T& value() const& { return check_value(), std::get<0>(data_); }
  T&& value() && { return check_value(), std::move(std::get<0>(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Status& error() const& {
    if (is_ok()) std::abort();
    return std::get<1>(data_);
  }
  Status status() const { return is_ok() ? Status::ok() : std::get<1>(data_); }

 private:
  void check_value() const {
    if (!is_ok()) std::abort();
  }
  std::variant<T, Status> data_;
};

}  // namespace grid::core

// Propagates an error Status: GRID_TRY(expr) where expr is a Status.
#define GRID_TRY(expr)                      \
  do {                                      \
    ::grid::core::Status grid_st_ = (expr); \
    if (!grid_st_.is_ok()) return grid_st_; \
  } while (0)

#define GRID_CONCAT_INNER(a, b) a##b
#define GRID_CONCAT(a, b) GRID_CONCAT_INNER(a, b)
// GRID_ASSIGN(lhs, expr) where expr is a Result<T>: assigns the value or returns the error.
#define GRID_ASSIGN(lhs, expr) GRID_ASSIGN_IMPL(GRID_CONCAT(grid_res_, __LINE__), lhs, expr)
#define GRID_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                     \
  if (!tmp.is_ok()) return tmp.error();  \
  lhs = std::move(tmp).value()
