#include "node/flags.hpp"

#include <chrono>
#include <cstdio>

namespace grid::node {

core::Result<Flags> Flags::parse(const std::vector<std::string>& args,
                                 const std::set<std::string>& valued,
                                 const std::set<std::string>& booleans) {
  Flags flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) return core::Status::invalid("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (booleans.contains(name)) {
      if (value) return core::Status::invalid("--" + name + " takes no value");
      flags.values_[name] = "1";
      continue;
    }
    if (!valued.contains(name)) return core::Status::invalid("unknown flag --" + name);
    if (!value) {
      if (i + 1 >= args.size()) return core::Status::invalid("--" + name + " needs a value");
      value = args[++i];
    }
    flags.values_[name] = *value;
  }
  return flags;
}

std::string Flags::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

core::Result<std::uint64_t> Flags::get_u64(const std::string& name, std::uint64_t fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& s = it->second;
  if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos)
    return core::Status::invalid("--" + name + " must be a whole number, not '" + s + "'");
  return std::stoull(s);
}

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

int usage_error(const core::Status& status, const char* help) {
  std::fprintf(stderr, "gridnode: %s\n\n%s", status.message().c_str(), help);
  return 2;
}

std::uint64_t unix_seconds() {
  return unix_millis() / 1000;
}

std::uint64_t unix_millis() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace grid::node
