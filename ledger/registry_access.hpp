// Registry access shared by the twin, farm and node modules and the governance operations:
// load a twin, farm or node by id, find the twin of an account, check who may act on a farm or
// a node, keep the indexes, hand out ids, and build events with their ids filled.
//
// Contract:
// - Records are loaded through ledger/state_view.hpp; a record that the call names but that does
//   not exist is the refusal `not_found` (the caller's fault), a record that does not decode is
//   Code::corruption (the node's).
// - Ownership: a farm is owned by its twin (Farm.twin_id); "the farmer" of a node is the owner
//   of the node's farm. Acting on someone else's farm or node is the refusal `unauthorized`;
//   an account without a twin where one is needed is `no_twin`.
// - Indexes (twin_by_account, twin_by_stash, farm_by_name, node_by_account) hold the id as a u32
//   codec value; node_in_farm entries hold an empty value (the key says everything).
// - Ids count up from 1 through the Counters record (allocate_*_id); 0 never names a record.
// Pure functions over the state given; no clock, no randomness.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/bytes.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

// --- records by id (absent: refusal not_found) --------------------------------------------------
Result<Twin> load_twin(const StateReader& state, std::uint32_t twin_id);
Result<Farm> load_farm(const StateReader& state, std::uint32_t farm_id);
Result<Node> load_node(const StateReader& state, std::uint32_t node_id);
void store_twin(Overlay& state, const Twin& twin);
void store_farm(Overlay& state, const Farm& farm);
void store_node(Overlay& state, const Node& node);

// --- indexes ------------------------------------------------------------------------------------
Result<std::optional<std::uint32_t>> load_index(const StateReader& state, ByteView key);
void store_index(Overlay& state, Bytes key, std::uint32_t id);

// The twin of an account, if any.
Result<std::optional<std::uint32_t>> twin_id_of(const StateReader& state, const AccountId& who);
// The twin of an account; refusal no_twin when it has none.
Result<std::uint32_t> require_twin(const StateReader& state, const AccountId& who);
// The node registered by an account, if any.
Result<std::optional<std::uint32_t>> node_id_of(const StateReader& state, const AccountId& who);

// --- who may act --------------------------------------------------------------------------------
// Whether `who` is the owner of `farm` (its twin is the farm's twin).
Result<bool> is_farm_owner(const StateReader& state, const Farm& farm, const AccountId& who);
// The farm, when `who` owns it; refusal not_found / unauthorized otherwise.
Result<Farm> load_owned_farm(const StateReader& state, std::uint32_t farm_id, const AccountId& who);
// The node, when `who` owns the node's farm; refusal not_found / unauthorized otherwise.
Result<Node> load_farmer_node(const StateReader& state, std::uint32_t node_id,
                              const AccountId& who);

// --- ids ----------------------------------------------------------------------------------------
// Advances Counters.<last> and returns the new id; refusal invalid_input when the u32 space of
// that counter is exhausted.
Result<std::uint32_t> allocate_id(Overlay& state, std::uint32_t Counters::*last,
                                  std::string_view what);

// --- events -------------------------------------------------------------------------------------
Event twin_event(std::string kind, const Twin& twin);
// A farm event names the farm, its owner twin and, when given, the account that acted.
Event farm_event(std::string kind, const Farm& farm,
                 std::optional<AccountId> account = std::nullopt);
Event node_event(std::string kind, const Node& node);

}  // namespace grid::ledger
