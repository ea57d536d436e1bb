#include "node/config.hpp"

#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/durable_file.hpp"
#include "rpc/json_strict.hpp"
#include "rpc/json_writer.hpp"

namespace grid::node {
namespace {

using rpc::JsonValue;
namespace fs = std::filesystem;

core::Status read_strings(const JsonValue& v, std::string_view path,
                          std::vector<std::string>& out) {
  if (!v.IsArray()) return rpc::json_invalid(path, "must be an array of strings");
  out.clear();
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    std::string s;
    GRID_TRY(rpc::read_string(v[i], rpc::json_index_path(path, i), s));
    out.push_back(std::move(s));
  }
  return core::Status::ok();
}

core::Status read_u64_number(const JsonValue& v, std::string_view path, std::uint64_t& out) {
  if (!v.IsUint64()) return rpc::json_invalid(path, "must be an unsigned integer");
  out = v.GetUint64();
  return core::Status::ok();
}

core::Status read_listen(const JsonValue& v, std::string_view path, std::string& out) {
  GRID_TRY(rpc::read_string(v, path, out));
  if (!parse_host_port(out)) return rpc::json_invalid(path, "must be host:port");
  return core::Status::ok();
}

std::string resolve(const fs::path& base, const std::string& p) {
  if (p.empty()) return p;
  fs::path path(p);
  return (path.is_absolute() ? path : base / path).lexically_normal().string();
}

core::Status read_p2p(const JsonValue& v, NodeConfig& c) {
  static constexpr std::array<std::string_view, 3> keys{"listen", "persistent_peers", "seeds"};
  if (!v.IsObject()) return rpc::json_invalid("p2p", "must be an object");
  GRID_TRY(rpc::check_keys(v, "p2p", keys));
  if (auto* m = rpc::find_member(v, "listen"))
    GRID_TRY(read_listen(*m, "p2p.listen", c.p2p_listen));
  if (auto* m = rpc::find_member(v, "persistent_peers"))
    GRID_TRY(read_strings(*m, "p2p.persistent_peers", c.persistent_peers));
  if (auto* m = rpc::find_member(v, "seeds")) GRID_TRY(read_strings(*m, "p2p.seeds", c.seeds));
  return core::Status::ok();
}

core::Status read_rpc(const JsonValue& v, NodeConfig& c) {
  static constexpr std::array<std::string_view, 2> keys{"listen", "explorer_dir"};
  if (!v.IsObject()) return rpc::json_invalid("rpc", "must be an object");
  GRID_TRY(rpc::check_keys(v, "rpc", keys));
  if (auto* m = rpc::find_member(v, "listen"))
    GRID_TRY(read_listen(*m, "rpc.listen", c.rpc_listen));
  if (auto* m = rpc::find_member(v, "explorer_dir"))
    GRID_TRY(rpc::read_string(*m, "rpc.explorer_dir", c.explorer_dir));
  return core::Status::ok();
}

core::Status read_consensus(const JsonValue& v, NodeConfig& c) {
  static constexpr std::array<std::string_view, 3> keys{"block_time_ms", "propose_timeout_ms",
                                                        "clock_offset_warn_ms"};
  if (!v.IsObject()) return rpc::json_invalid("consensus", "must be an object");
  GRID_TRY(rpc::check_keys(v, "consensus", keys));
  if (auto* m = rpc::find_member(v, "block_time_ms"))
    GRID_TRY(read_u64_number(*m, "consensus.block_time_ms", c.block_time_ms));
  if (auto* m = rpc::find_member(v, "propose_timeout_ms"))
    GRID_TRY(read_u64_number(*m, "consensus.propose_timeout_ms", c.propose_timeout_ms));
  if (auto* m = rpc::find_member(v, "clock_offset_warn_ms"))
    GRID_TRY(read_u64_number(*m, "consensus.clock_offset_warn_ms", c.clock_offset_warn_ms));
  if (c.block_time_ms == 0 || c.block_time_ms > 600'000)
    return rpc::json_invalid("consensus.block_time_ms", "must be 1..600000");
  return core::Status::ok();
}

core::Status read_mempool(const JsonValue& v, NodeConfig& c) {
  static constexpr std::array<std::string_view, 2> keys{"max_txs", "max_bytes"};
  if (!v.IsObject()) return rpc::json_invalid("mempool", "must be an object");
  GRID_TRY(rpc::check_keys(v, "mempool", keys));
  if (auto* m = rpc::find_member(v, "max_txs"))
    GRID_TRY(read_u64_number(*m, "mempool.max_txs", c.mempool_max_txs));
  if (auto* m = rpc::find_member(v, "max_bytes"))
    GRID_TRY(read_u64_number(*m, "mempool.max_bytes", c.mempool_max_bytes));
  return core::Status::ok();
}

core::Result<NodeConfig> parse_config(std::string_view text, const fs::path& base) {
  GRID_ASSIGN(auto doc, rpc::parse_json_strict(text, 16));
  if (!doc.IsObject()) return rpc::json_invalid("", "the config must be a JSON object");
  static constexpr std::array<std::string_view, 10> keys{
      "genesis_file", "data_dir",  "node_key_file", "validator_key_file", "validator", "p2p",
      "rpc",          "consensus", "mempool",       "log_level"};
  GRID_TRY(rpc::check_keys(doc, "", keys));
  NodeConfig c;
  c.data_dir = "data";
  c.node_key_file = "node_key.json";
  const JsonValue* genesis = rpc::find_member(doc, "genesis_file");
  if (!genesis) return rpc::json_invalid("genesis_file", "is required");
  GRID_TRY(rpc::read_string(*genesis, "genesis_file", c.genesis_file));
  if (auto* m = rpc::find_member(doc, "data_dir"))
    GRID_TRY(rpc::read_string(*m, "data_dir", c.data_dir));
  if (auto* m = rpc::find_member(doc, "node_key_file"))
    GRID_TRY(rpc::read_string(*m, "node_key_file", c.node_key_file));
  if (auto* m = rpc::find_member(doc, "validator_key_file"))
    GRID_TRY(rpc::read_string(*m, "validator_key_file", c.validator_key_file));
  if (auto* m = rpc::find_member(doc, "validator"))
    GRID_TRY(rpc::read_bool(*m, "validator", c.validator));
  if (auto* m = rpc::find_member(doc, "p2p")) GRID_TRY(read_p2p(*m, c));
  if (auto* m = rpc::find_member(doc, "rpc")) GRID_TRY(read_rpc(*m, c));
  if (auto* m = rpc::find_member(doc, "consensus")) GRID_TRY(read_consensus(*m, c));
  if (auto* m = rpc::find_member(doc, "mempool")) GRID_TRY(read_mempool(*m, c));
  if (auto* m = rpc::find_member(doc, "log_level")) {
    std::string level;
    GRID_TRY(rpc::read_string(*m, "log_level", level));
    auto parsed = parse_log_level(level);
    if (!parsed) return rpc::json_invalid("log_level", "must be error, warn, info or debug");
    c.log_level = *parsed;
  }
  c.genesis_file = resolve(base, c.genesis_file);
  c.data_dir = resolve(base, c.data_dir);
  c.node_key_file = resolve(base, c.node_key_file);
  if (!c.validator_key_file.empty()) c.validator_key_file = resolve(base, c.validator_key_file);
  c.explorer_dir = resolve(base, c.explorer_dir);
  return c;
}

const char* level_text(LogLevel level) {
  switch (level) {
    case LogLevel::error:
      return "error";
    case LogLevel::warn:
      return "warn";
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      break;
  }
  return "info";
}

void write_strings(rpc::JsonWriter& w, std::string_view key, const std::vector<std::string>& v) {
  rpc::write_key(w, key);
  w.StartArray();
  for (const auto& s : v) rpc::write_string(w, s);
  w.EndArray();
}

void write_member(rpc::JsonWriter& w, std::string_view key, std::string_view value) {
  rpc::write_key(w, key);
  rpc::write_string(w, value);
}

}  // namespace

core::Result<HostPort> parse_host_port(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    return core::Status::invalid("'" + std::string(text) + "' is not host:port");
  std::uint64_t port = 0;
  for (char ch : text.substr(colon + 1)) {
    if (ch < '0' || ch > '9')
      return core::Status::invalid("bad port in '" + std::string(text) + "'");
    port = port * 10 + static_cast<std::uint64_t>(ch - '0');
    if (port > 65535)
      return core::Status::invalid("port out of range in '" + std::string(text) + "'");
  }
  return HostPort{std::string(text.substr(0, colon)), static_cast<std::uint16_t>(port)};
}

core::Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Status::io("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return core::Status::io("error reading " + path);
  return s.str();
}

core::Status write_text_file(const std::string& path, std::string_view text, bool private_file) {
  std::error_code ec;
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  return core::write_file_durably(p, core::as_bytes(text), private_file ? 0600 : 0644);
}

core::Result<NodeConfig> load_config(const std::string& path) {
  GRID_ASSIGN(std::string text, read_text_file(path));
  fs::path base = fs::absolute(fs::path(path)).parent_path();
  auto config = parse_config(text, base);
  if (!config) return core::Status::invalid(path + ": " + config.error().message());
  return config;
}

std::string config_to_json(const NodeConfig& c) {
  rpc::JsonBuilder b;
  auto& w = b.w();
  w.StartObject();
  write_member(w, "genesis_file", c.genesis_file);
  write_member(w, "data_dir", c.data_dir);
  write_member(w, "node_key_file", c.node_key_file);
  if (!c.validator_key_file.empty()) write_member(w, "validator_key_file", c.validator_key_file);
  rpc::write_key(w, "validator");
  w.Bool(c.validator);
  rpc::write_key(w, "p2p");
  w.StartObject();
  write_member(w, "listen", c.p2p_listen);
  write_strings(w, "persistent_peers", c.persistent_peers);
  write_strings(w, "seeds", c.seeds);
  w.EndObject();
  rpc::write_key(w, "rpc");
  w.StartObject();
  write_member(w, "listen", c.rpc_listen);
  write_member(w, "explorer_dir", c.explorer_dir);
  w.EndObject();
  rpc::write_key(w, "consensus");
  w.StartObject();
  rpc::write_key(w, "block_time_ms");
  w.Uint64(c.block_time_ms);
  rpc::write_key(w, "propose_timeout_ms");
  w.Uint64(c.propose_timeout_ms);
  rpc::write_key(w, "clock_offset_warn_ms");
  w.Uint64(c.clock_offset_warn_ms);
  w.EndObject();
  rpc::write_key(w, "mempool");
  w.StartObject();
  rpc::write_key(w, "max_txs");
  w.Uint64(c.mempool_max_txs);
  rpc::write_key(w, "max_bytes");
  w.Uint64(c.mempool_max_bytes);
  w.EndObject();
  write_member(w, "log_level", level_text(c.log_level));
  w.EndObject();
  return b.finish().value().text + "\n";
}

}  // namespace grid::node
