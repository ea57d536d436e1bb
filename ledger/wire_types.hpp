// The shared structs of WIRE.md's calls: Resources, Location, Interface, IpGw, PublicConfig.
//
// Contract: plain values with a canonical field list (core/codec.hpp). Field order is the wire
// order and must not change. Validation of their contents lives in ledger/validation.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/codec.hpp"

namespace grid::ledger {

inline constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

struct Resources {
  std::uint64_t cru = 0;  // virtual cores
  std::uint64_t mru = 0;  // bytes
  std::uint64_t sru = 0;  // bytes
  std::uint64_t hru = 0;  // bytes
  auto operator<=>(const Resources&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.cru);
    v(self.mru);
    v(self.sru);
    v(self.hru);
  }
};

struct Location {
  std::string country;
  std::string city;
  std::string latitude;
  std::string longitude;
  auto operator<=>(const Location&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.country);
    v(self.city);
    v(self.latitude);
    v(self.longitude);
  }
};

struct Interface {
  std::string name;
  std::string mac;
  std::vector<std::string> ips;
  auto operator<=>(const Interface&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.name);
    v(self.mac);
    v(self.ips);
  }
};

struct IpGw {
  std::string ip;  // CIDR
  std::string gateway;
  auto operator<=>(const IpGw&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.ip);
    v(self.gateway);
  }
};

struct PublicConfig {
  IpGw ipv4;
  std::optional<IpGw> ipv6;
  std::optional<std::string> domain;
  auto operator<=>(const PublicConfig&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.ipv4);
    v(self.ipv6);
    v(self.domain);
  }
};

}  // namespace grid::ledger
