// The capacity of the machine the agent runs on: cores, memory (/proc/meminfo MemTotal) and the
// size of one file system (statvfs), for the capacity options left unset.
//
// Contract: parse_meminfo_total reads the text of /proc/meminfo and returns MemTotal in bytes
// (the file gives kB = 1024 bytes), Code::invalid when the line is missing or malformed.
// probe_capacity fills every unset field of `given`: cru = online CPUs, mru = MemTotal,
// sru = the total size of the file system holding `disk`, hru = 0; an unreadable source is
// Code::io naming it. Thread-safe (reads the OS only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "ledger/wire_types.hpp"

namespace grid::tools {

struct CapacityRequest {
  std::optional<std::uint64_t> cru, mru, sru, hru;
};

core::Result<std::uint64_t> parse_meminfo_total(std::string_view meminfo);
core::Result<ledger::Resources> probe_capacity(const CapacityRequest& given,
                                               const std::string& disk);

}  // namespace grid::tools
