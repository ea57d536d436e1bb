// The node key file: the ed25519 key that identifies a node on p2p and, for a validator, signs
// its consensus messages. JSON {"type": "ed25519", "seed": hex32, "public_key": hex32}, mode 0600.
//
// Contract: load_node_key refuses a file whose public key does not match its seed
// (Code::corruption) or that is malformed (Code::invalid); load_or_create_node_key creates a
// fresh key (OS randomness) when the file does not exist.
// Thread safety: pure functions over the file system.
#pragma once

#include <string>

#include "core/ed25519.hpp"
#include "core/status.hpp"

namespace grid::node {

core::Result<core::Ed25519SecretKey> load_node_key(const std::string& path);
core::Status save_node_key(const std::string& path, const core::Ed25519SecretKey& key);
core::Result<core::Ed25519SecretKey> load_or_create_node_key(const std::string& path);

}  // namespace grid::node
