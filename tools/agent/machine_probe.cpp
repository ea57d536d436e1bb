#include "tools/agent/machine_probe.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace grid::tools {

core::Result<std::uint64_t> parse_meminfo_total(std::string_view meminfo) {
  constexpr std::string_view kKey = "MemTotal:";
  std::size_t at = 0;
  while (at < meminfo.size()) {
    std::size_t end = meminfo.find('\n', at);
    if (end == std::string_view::npos) end = meminfo.size();
    std::string_view line = meminfo.substr(at, end - at);
    at = end + 1;
    if (!line.starts_with(kKey)) continue;
    line.remove_prefix(kKey.size());
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    std::uint64_t kib = 0;
    auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), kib);
    std::string_view unit(ptr, line.data() + line.size() - ptr);
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    while (!unit.empty() && (unit.back() == ' ' || unit.back() == '\r')) unit.remove_suffix(1);
    if (ec != std::errc() || ptr == line.data() || unit != "kB" || kib > (UINT64_MAX >> 10))
      return core::Status::invalid("/proc/meminfo: malformed MemTotal line");
    return kib << 10;
  }
  return core::Status::invalid("/proc/meminfo: no MemTotal line");
}

core::Result<ledger::Resources> probe_capacity(const CapacityRequest& given,
                                               const std::string& disk) {
  ledger::Resources r;
  if (given.cru) {
    r.cru = *given.cru;
  } else {
    long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) return core::Status::io("cannot count the CPUs (sysconf)");
    r.cru = static_cast<std::uint64_t>(n);
  }
  if (given.mru) {
    r.mru = *given.mru;
  } else {
    std::ifstream in("/proc/meminfo");
    if (!in) return core::Status::io("cannot read /proc/meminfo");
    std::stringstream text;
    text << in.rdbuf();
    GRID_ASSIGN(r.mru, parse_meminfo_total(text.str()));
  }
  if (given.sru) {
    r.sru = *given.sru;
  } else {
    struct statvfs fs {};
    if (::statvfs(disk.c_str(), &fs) != 0)
      return core::Status::io("statvfs " + disk + ": " + std::strerror(errno));
    r.sru = static_cast<std::uint64_t>(fs.f_blocks) * fs.f_frsize;
  }
  r.hru = given.hru.value_or(0);
  return r;
}

}  // namespace grid::tools
