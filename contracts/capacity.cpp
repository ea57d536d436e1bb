#include "contracts/capacity.hpp"

#include <algorithm>

#include "contracts/contract_refusals.hpp"
#include "core/uint128.hpp"
#include "ledger/refusal.hpp"

namespace grid::contracts {

using ledger::Resources;

namespace {

std::uint64_t minus_floor0(std::uint64_t a, std::uint64_t b) {
  return a > b ? a - b : 0;
}

// a + b, saturating (a sum past u64 never fits a node anyway).
std::uint64_t plus(std::uint64_t a, std::uint64_t b) {
  return core::saturate_u64(core::u128{a} + b);
}

std::string describe(const Resources& r) {
  return "cru " + std::to_string(r.cru) + ", mru " + std::to_string(r.mru) + ", sru " +
         std::to_string(r.sru) + ", hru " + std::to_string(r.hru);
}

}  // namespace

Resources usable_capacity(const Resources& total, const ledger::ChainParams& p) {
  std::uint64_t mru_percent =
      static_cast<std::uint64_t>(core::u128{total.mru} * p.mru_reserve_percent / 100);
  std::uint64_t mru_reserve = std::max(mru_percent, p.mru_reserve_min);
  return Resources{.cru = total.cru,
                   .mru = minus_floor0(total.mru, mru_reserve),
                   .sru = minus_floor0(total.sru, p.sru_reserve),
                   .hru = total.hru};
}

core::Status check_capacity(const ledger::Node& node, const Resources& others,
                            const Resources& requested, const ledger::ChainParams& p) {
  Resources usable = usable_capacity(node.resources, p);
  Resources wanted = add(others, requested);
  if (wanted.cru > usable.cru || wanted.mru > usable.mru || wanted.sru > usable.sru ||
      wanted.hru > usable.hru)
    return ledger::refuse(reason::node_overbooked,
                          "node " + std::to_string(node.id) + " has " + describe(usable) +
                              " usable; contracts would reserve " + describe(wanted));
  return core::Status::ok();
}

Resources add(const Resources& a, const Resources& b) {
  return Resources{.cru = plus(a.cru, b.cru),
                   .mru = plus(a.mru, b.mru),
                   .sru = plus(a.sru, b.sru),
                   .hru = plus(a.hru, b.hru)};
}

Resources subtract(const Resources& a, const Resources& b) {
  return Resources{.cru = minus_floor0(a.cru, b.cru),
                   .mru = minus_floor0(a.mru, b.mru),
                   .sru = minus_floor0(a.sru, b.sru),
                   .hru = minus_floor0(a.hru, b.hru)};
}

core::Status assign_ips(ledger::Farm& farm, std::uint64_t contract_id, std::uint32_t count,
                        std::vector<std::string>& ips) {
  std::vector<ledger::FarmIp*> free;
  for (auto& ip : farm.public_ips) {
    if (free.size() == count) break;
    if (ip.contract_id == 0) free.push_back(&ip);
  }
  if (free.size() < count)
    return ledger::refuse(reason::not_enough_ips, "farm " + std::to_string(farm.id) + " has " +
                                                      std::to_string(free.size()) +
                                                      " free public IPs, " + std::to_string(count) +
                                                      " wanted");
  for (auto* ip : free) {
    ip->contract_id = contract_id;
    ips.push_back(ip->ip);
  }
  return core::Status::ok();
}

void free_ips(ledger::Farm& farm, std::uint64_t contract_id, const std::vector<std::string>& ips) {
  for (auto& ip : farm.public_ips)
    if (ip.contract_id == contract_id && std::find(ips.begin(), ips.end(), ip.ip) != ips.end())
      ip.contract_id = 0;
}

}  // namespace grid::contracts
