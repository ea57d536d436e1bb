#include "ledger/refusal.hpp"

namespace grid::ledger {

core::Status refuse(std::string_view reason, std::string_view detail) {
  std::string message(reason);
  if (!detail.empty()) message.append(": ").append(detail);
  return core::Status::invalid(std::move(message));
}

std::string_view refusal_reason(const core::Status& status) {
  if (status.is_ok()) return {};
  if (!is_refusal(status)) return "node_failure";
  std::string_view m = status.message();
  return m.substr(0, m.find(": "));
}

std::string_view refusal_detail(const core::Status& status) {
  std::string_view m = status.message();
  auto at = m.find(": ");
  return at == std::string_view::npos ? std::string_view() : m.substr(at + 2);
}

}  // namespace grid::ledger
