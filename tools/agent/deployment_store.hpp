// DeploymentStore: the agent's record of what it provisioned, one JSON file per contract in
// DIR/contracts/<id>.json, so that a restarted agent knows what runs on its node.
//
// File format (one object): {"contract_id": "7", "twin_id": 3, "paused": false,
//   "resources": {"cru": "2", "mru": "4294967296", "sru": "...", "hru": "0"},
//   "public_ips": 1, "ips": ["185.1.2.3/24"], "deployment_hash": "hex", "provisioned_at": T}
// (u64 values as decimal strings, like the JSON-RPC API).
//
// Contract: open() creates DIR/contracts if needed (Code::io when it cannot). write() replaces
// the file atomically (temporary file + rename); remove() deletes it (absent is fine). load_all()
// reads every <id>.json; a file that cannot be read or parsed is skipped and named in
// `problems` (the agent logs them and the next full reconcile provisions the contract again).
// Not thread-safe: one owner (the agent loop).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "tools/agent/reconciler.hpp"

namespace grid::tools {

struct LoadedDeployments {
  LocalDeployments deployments;
  std::vector<std::string> problems;
};

std::string deployment_to_json(const Deployment& d);
core::Result<Deployment> deployment_from_json(std::string_view json);

class DeploymentStore {
 public:
  static core::Result<DeploymentStore> open(const std::filesystem::path& state_dir);

  core::Status write(const Deployment& d);
  core::Status remove(std::uint64_t contract_id);
  LoadedDeployments load_all() const;
  std::filesystem::path file_of(std::uint64_t contract_id) const;

 private:
  explicit DeploymentStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;  // STATE_DIR/contracts
};

}  // namespace grid::tools
