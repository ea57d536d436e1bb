#include "rpc/genesis_json.hpp"

#include <fcntl.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <type_traits>
#include <vector>

#include "rpc/json_strict.hpp"

namespace grid::rpc {
namespace {

using core::Status;
using ledger::ChainParams;
using ledger::FarmingPolicy;
using ledger::Genesis;
using ledger::GenesisAccount;
using ledger::GenesisValidator;
using ledger::PricingPolicy;

// The layout needs 3 levels (root > list > item); a little slack keeps small mistakes reported
// as wrong types rather than as nesting.
constexpr unsigned kMaxDepth = 8;

// ---- the JSON layout: each record's keys, in output order, and whether they may be omitted ---

template <class T>
struct JsonFields;

template <>
struct JsonFields<GenesisAccount> {
  static constexpr bool kKeysOptional = false;
  static void each(auto& self, auto&& v) {
    v("address", self.account);
    v("balance", self.balance);
  }
};

template <>
struct JsonFields<GenesisValidator> {
  static constexpr bool kKeysOptional = false;
  static void each(auto& self, auto&& v) {
    v("operator", self.operator_account);
    v("consensus_key", self.consensus_key);
    v("self_bond", self.self_bond);
    v("commission_percent", self.commission_percent);
  }
};

template <>
struct JsonFields<PricingPolicy> {
  static constexpr bool kKeysOptional = false;
  static void each(auto& self, auto&& v) {
    v("id", self.id);
    v("name", self.name);
    v("cu", self.cu);
    v("su", self.su);
    v("nu", self.nu);
    v("ipv4", self.ipv4);
    v("unique_name", self.unique_name);
    v("domain_name", self.domain_name);
    v("dedicated_discount_percent", self.dedicated_discount_percent);
  }
};

template <>
struct JsonFields<FarmingPolicy> {
  static constexpr bool kKeysOptional = false;
  static void each(auto& self, auto&& v) {
    v("id", self.id);
    v("name", self.name);
    v("cu_reward", self.cu_reward);
    v("su_reward", self.su_reward);
    v("ipv4_reward", self.ipv4_reward);
    v("minimal_uptime_permille", self.minimal_uptime_permille);
    v("certified", self.certified);
    v("connection_price_musd", self.connection_price_musd);
  }
};

// Every ChainParams field by its C++ name; an omitted key keeps the ChainParams{} default.
template <>
struct JsonFields<ChainParams> {
  static constexpr bool kKeysOptional = true;
  static void each(auto& self, auto&& v) {
    v("base_fee", self.base_fee);
    v("byte_fee", self.byte_fee);
    v("existential_deposit", self.existential_deposit);
    v("billing_period", self.billing_period);
    v("max_bills_per_block", self.max_bills_per_block);
    v("max_settlements_per_block", self.max_settlements_per_block);
    v("uptime_report_interval", self.uptime_report_interval);
    v("offline_after", self.offline_after);
    v("consumption_report_interval", self.consumption_report_interval);
    v("timestamp_hint_tolerance", self.timestamp_hint_tolerance);
    v("grace_period_node", self.grace_period_node);
    v("grace_period_rent", self.grace_period_rent);
    v("certified_uplift_percent", self.certified_uplift_percent);
    v("mru_reserve_percent", self.mru_reserve_percent);
    v("mru_reserve_min", self.mru_reserve_min);
    v("sru_reserve", self.sru_reserve);
    v("foundation_percent", self.foundation_percent);
    v("staking_pool_percent", self.staking_pool_percent);
    v("foundation", self.foundation);
    v("min_validator_bond", self.min_validator_bond);
    v("unbonding_period", self.unbonding_period);
    v("epoch_length", self.epoch_length);
    v("max_validators", self.max_validators);
    v("slash_percent", self.slash_percent);
    v("jail_period", self.jail_period);
    v("evidence_max_age", self.evidence_max_age);
    v("minting_period", self.minting_period);
    v("max_supply", self.max_supply);
    v("max_mints_per_block", self.max_mints_per_block);
    v("price_min", self.price_min);
    v("price_max", self.price_max);
    v("price_window", self.price_window);
    v("price_submit_interval", self.price_submit_interval);
    v("proposal_duration", self.proposal_duration);
    v("proposal_min_farms", self.proposal_min_farms);
    v("council_motion_percent", self.council_motion_percent);
    v("council_vetoes_to_close", self.council_vetoes_to_close);
  }
};

template <>
struct JsonFields<Genesis> {
  static constexpr bool kKeysOptional = false;
  static void each(auto& self, auto&& v) {
    v("chain_id", self.chain_id);
    v("genesis_time", self.genesis_time);
    v("accounts", self.accounts);
    v("council", self.council);
    v("validators", self.validators);
    v("price_feeders", self.price_feeders);
    v("tft_price_musd", self.tft_price_musd);
    v("pricing_policies", self.pricing_policies);
    v("farming_policies", self.farming_policies);
    v("params", self.params);
  }
};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class T>
const std::vector<std::string_view>& key_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    T sample{};
    JsonFields<T>::each(sample, [&](std::string_view key, auto&) { out.push_back(key); });
    return out;
  }();
  return names;
}

// ---- JSON -> Genesis -------------------------------------------------------------------------

template <class T>
Status read_value(const JsonValue& value, const std::string& path, T& out);

template <class T>
Status read_array(const JsonValue& value, const std::string& path, std::vector<T>& out) {
  if (!value.IsArray())
    return json_invalid(path, "expected an array, got " + std::string(json_type_name(value)));
  out.clear();
  for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
    T item{};
    GRID_TRY(read_value(value[i], json_index_path(path, i), item));
    out.push_back(std::move(item));
  }
  return Status::ok();
}

template <class T>
Status read_object(const JsonValue& value, const std::string& path, T& out) {
  if (!value.IsObject())
    return json_invalid(path, "expected an object, got " + std::string(json_type_name(value)));
  GRID_TRY(check_keys(value, path, key_names<T>()));
  Status status;
  JsonFields<T>::each(out, [&](std::string_view key, auto& field) {
    if (!status.is_ok()) return;
    const JsonValue* member = find_member(value, key);
    if (member == nullptr) {
      if (!JsonFields<T>::kKeysOptional)
        status = json_invalid(json_key_path(path, key), "missing key");
      return;
    }
    status = read_value(*member, json_key_path(path, key), field);
  });
  return status;
}

template <class T>
Status read_value(const JsonValue& value, const std::string& path, T& out) {
  if constexpr (std::is_same_v<T, std::uint64_t>) {
    return read_u64_string(value, path, out);
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    return read_u32(value, path, out);
  } else if constexpr (std::is_same_v<T, bool>) {
    return read_bool(value, path, out);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return read_string(value, path, out);
  } else if constexpr (std::is_same_v<T, core::AccountId>) {
    return read_address(value, path, out);
  } else if constexpr (std::is_same_v<T, std::array<std::uint8_t, 32>>) {
    return read_lower_hex(value, path, out);
  } else if constexpr (IsVector<T>::value) {
    return read_array(value, path, out);
  } else {
    return read_object(value, path, out);
  }
}

// ---- Genesis -> JSON -------------------------------------------------------------------------

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

template <class T>
void write_value(JsonWriter& w, const T& value) {
  if constexpr (std::is_same_v<T, std::uint64_t>) {
    write_string(w, std::to_string(value));
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    w.Uint(value);
  } else if constexpr (std::is_same_v<T, bool>) {
    w.Bool(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    write_string(w, value);
  } else if constexpr (std::is_same_v<T, core::AccountId>) {
    write_string(w, value.to_address());
  } else if constexpr (std::is_same_v<T, std::array<std::uint8_t, 32>>) {
    write_string(w, core::hex_encode(value));
  } else if constexpr (IsVector<T>::value) {
    w.StartArray();
    for (const auto& item : value) write_value(w, item);
    w.EndArray();
  } else {
    w.StartObject();
    JsonFields<T>::each(value, [&](std::string_view key, const auto& field) {
      w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
      write_value(w, field);
    });
    w.EndObject();
  }
}

// ---- files -----------------------------------------------------------------------------------

Status errno_status(const std::string& what, const std::string& path) {
  int err = errno;
  std::string message = what + " " + path + ": " + std::strerror(err);
  return err == ENOENT ? Status::not_found(message) : Status::io(message);
}

Status write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::io(std::string("write: ") + std::strerror(errno));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::ok();
}

// Makes the rename durable; best effort (some file systems refuse fsync on a directory).
void sync_parent_directory(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

core::Result<std::string> read_file_capped(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_status("cannot open", path);
  std::string data;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status st = errno_status("cannot read", path);
      ::close(fd);
      return st;
    }
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > kMaxGenesisFileBytes) {
      ::close(fd);
      return Status::invalid(path + ": larger than " + std::to_string(kMaxGenesisFileBytes) +
                             " bytes");
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

}  // namespace

core::Result<Genesis> genesis_from_json(std::string_view json) {
  auto doc = parse_json_strict(json, kMaxDepth);
  if (!doc) return Status::invalid("genesis: " + doc.error().message());
  Genesis genesis;
  Status st = read_value(*doc, "", genesis);
  if (!st) return Status::invalid("genesis: " + st.message());
  return genesis;
}

std::string genesis_to_json(const Genesis& genesis) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.SetIndent(' ', 2);
  write_value(writer, genesis);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

core::Result<Genesis> load_genesis_file(const std::string& path) {
  auto text = read_file_capped(path);
  if (!text) return text.error();
  auto genesis = genesis_from_json(*text);
  if (!genesis) return Status::invalid(path + ": " + genesis.error().message());
  return genesis;
}

Status save_genesis_file(const std::string& path, const Genesis& genesis) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::io("cannot create " + tmp + ": " + std::strerror(errno));
  Status st = write_all(fd, genesis_to_json(genesis));
  if (st && ::fsync(fd) != 0) st = Status::io(std::string("fsync: ") + std::strerror(errno));
  if (::close(fd) != 0 && st) st = Status::io(std::string("close: ") + std::strerror(errno));
  if (st && ::rename(tmp.c_str(), path.c_str()) != 0)
    st = Status::io("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  if (!st) {
    ::unlink(tmp.c_str());
    return Status::io(path + ": " + st.message());
  }
  sync_parent_directory(path);
  return Status::ok();
}

}  // namespace grid::rpc
