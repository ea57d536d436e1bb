// Events and receipts: what a block did, for wallets, node daemons, explorers and the event feed.
//
// Contract: an Event has a stable snake_case kind ("transfer", "twin_created",
// "contract_billed", ...), the ids it concerns (so that feeds filter by account, twin, farm, node
// or contract without parsing), and ordered key/value attributes. A Receipt tells for one
// transaction: ok or the stable refusal reason with its detail, the fee paid, and its events.
// Both are codec records (stored per block, hashed into nothing consensus-critical).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "core/hash.hpp"

namespace grid::ledger {

struct Attribute {
  std::string key;
  std::string value;
  bool operator==(const Attribute&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.key);
    v(self.value);
  }
};

struct Event {
  std::string kind;
  std::optional<core::AccountId> account;
  std::optional<std::uint32_t> twin;
  std::optional<std::uint32_t> farm;
  std::optional<std::uint32_t> node;
  std::optional<std::uint64_t> contract;
  std::vector<Attribute> attributes;

  Event& with(std::string key, std::string value) {
    attributes.push_back({std::move(key), std::move(value)});
    return *this;
  }
  bool operator==(const Event&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.kind);
    v(self.account);
    v(self.twin);
    v(self.farm);
    v(self.node);
    v(self.contract);
    v(self.attributes);
  }
};

struct Receipt {
  core::TxId tx_id;
  bool ok = true;
  std::string reason;  // stable refusal name when !ok
  std::string detail;  // words for people
  std::uint64_t fee = 0;
  std::vector<Event> events;
  bool operator==(const Receipt&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.tx_id);
    v(self.ok);
    v(self.reason);
    v(self.detail);
    v(self.fee);
    v(self.events);
  }
};

struct BlockResults {
  std::vector<Receipt> receipts;
  std::vector<Event> block_events;  // end-of-block work: bills, grace, payouts, minting
  bool operator==(const BlockResults&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.receipts);
    v(self.block_events);
  }
};

}  // namespace grid::ledger
