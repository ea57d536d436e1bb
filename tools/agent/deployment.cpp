#include "tools/agent/deployment.hpp"

#include "tools/client/cli_args.hpp"

namespace grid::tools {

std::string describe(const Reservation& r) {
  std::string out = "cru " + std::to_string(r.resources.cru) + ", mru " +
                    format_size(r.resources.mru) + ", sru " + format_size(r.resources.sru) +
                    ", hru " + format_size(r.resources.hru) + ", " + std::to_string(r.public_ips) +
                    " public ip" + (r.public_ips == 1 ? "" : "s");
  if (!r.ips.empty()) {
    out += " (";
    for (std::size_t i = 0; i < r.ips.size(); ++i) out += (i ? ", " : "") + r.ips[i];
    out += ")";
  }
  return out;
}

}  // namespace grid::tools
