// The genesis file: ledger::Genesis <-> JSON (layout and rules in docs/genesis.md).
//
// Contract:
// - genesis_to_json writes pretty JSON (2-space indent, '\n' at the end) with a stable key order
//   (the order of docs/genesis.md). u64 values and amounts are decimal strings, u32 values are
//   JSON numbers, addresses are bech32m "tf1...", the consensus key is 64 lowercase hex.
// - genesis_from_json is strict and never crashes on any input. It refuses (Code::invalid) an
//   unknown or duplicate key, a missing key (only the keys inside "params" may be omitted: they
//   then take the defaults of ChainParams{}), a value of the wrong JSON type, a u64 string that
//   is not canonical decimal (no sign, spaces, leading zero, fraction or overflow), a u32 number
//   that is negative, fractional or over 2^32-1, a bad address, a consensus key that is not 64
//   lowercase hex characters, invalid UTF-8, bad JSON, trailing bytes, or nesting deeper than the
//   layout needs. The message names the field path: "genesis: accounts[2].address: bad address:
//   ...". Semantic checks (duplicate accounts, supply, an empty validator set) are
//   ledger::write_genesis_state's.
// - The JSON is only a carrier: genesis_from_json(genesis_to_json(g)) == g, so the genesis hash
//   (of the canonical encoding) is unchanged by a round trip.
// - save_genesis_file writes "<path>.tmp", fsyncs it and renames it over path (Code::io on
//   failure). load_genesis_file reads at most kMaxGenesisFileBytes: Code::not_found when the file
//   does not exist, Code::io when it cannot be read, Code::invalid (message prefixed by the path)
//   when its content is refused.
// Thread safety: pure functions over their arguments; the file functions touch only their path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "ledger/genesis.hpp"

namespace grid::rpc {

inline constexpr std::size_t kMaxGenesisFileBytes = std::size_t{256} << 20;  // 256 MiB

core::Result<ledger::Genesis> genesis_from_json(std::string_view json);
std::string genesis_to_json(const ledger::Genesis& genesis);

core::Result<ledger::Genesis> load_genesis_file(const std::string& path);
core::Status save_genesis_file(const std::string& path, const ledger::Genesis& genesis);

}  // namespace grid::rpc
