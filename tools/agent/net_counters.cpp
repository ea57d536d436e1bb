#include "tools/agent/net_counters.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

namespace grid::tools {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> fields(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool to_u64(std::string_view s, std::uint64_t& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

core::Result<NetCounters> parse_net_dev(std::string_view text, std::string_view interface) {
  // "  eth0: rx_bytes rx_packets errs drop fifo frame compressed multicast tx_bytes ..."
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || trim(line.substr(0, colon)) != interface) continue;
    auto values = fields(line.substr(colon + 1));
    NetCounters c;
    if (values.size() < 9 || !to_u64(values[0], c.rx_bytes) || !to_u64(values[8], c.tx_bytes))
      return core::Status::invalid("/proc/net/dev: malformed line for " + std::string(interface));
    return c;
  }
  return core::Status::not_found("/proc/net/dev: no interface " + std::string(interface));
}

core::Result<NetCounters> read_net_counters(const std::string& interface) {
  std::ifstream in("/proc/net/dev");
  if (!in) return core::Status::io("cannot read /proc/net/dev");
  std::stringstream text;
  text << in.rdbuf();
  return parse_net_dev(text.str(), interface);
}

std::uint64_t counter_delta(const NetCounters& before, const NetCounters& after) {
  auto one = [](std::uint64_t b, std::uint64_t a) { return a >= b ? a - b : a; };
  return one(before.rx_bytes, after.rx_bytes) + one(before.tx_bytes, after.tx_bytes);
}

}  // namespace grid::tools
