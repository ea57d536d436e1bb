#include "node/node_key.hpp"

#include <array>
#include <filesystem>

#include "core/bytes.hpp"
#include "node/config.hpp"
#include "rpc/json_strict.hpp"

namespace grid::node {

core::Result<core::Ed25519SecretKey> load_node_key(const std::string& path) {
  GRID_ASSIGN(std::string text, read_text_file(path));
  auto doc = rpc::parse_json_strict(text, 4);
  if (!doc || !doc->IsObject()) return core::Status::invalid(path + ": not a node key file");
  static constexpr std::array<std::string_view, 3> keys{"type", "seed", "public_key"};
  auto check = [&]() -> core::Result<core::Ed25519SecretKey> {
    GRID_TRY(rpc::check_keys(*doc, "", keys));
    const auto* type = rpc::find_member(*doc, "type");
    const auto* seed = rpc::find_member(*doc, "seed");
    const auto* pub = rpc::find_member(*doc, "public_key");
    if (!type || !seed || !pub)
      return core::Status::invalid("type, seed and public_key are required");
    std::string type_name;
    GRID_TRY(rpc::read_string(*type, "type", type_name));
    if (type_name != "ed25519") return core::Status::invalid("type must be ed25519");
    std::array<std::uint8_t, 32> seed_bytes{}, pub_bytes{};
    GRID_TRY(rpc::read_lower_hex(*seed, "seed", seed_bytes));
    GRID_TRY(rpc::read_lower_hex(*pub, "public_key", pub_bytes));
    GRID_ASSIGN(auto key, core::Ed25519SecretKey::from_seed(seed_bytes));
    if (key.public_key() != pub_bytes)
      return core::Status::corruption("public_key does not match the seed");
    return key;
  };
  auto key = check();
  if (!key) return core::Status::error(key.error().code(), path + ": " + key.error().message());
  return key;
}

core::Status save_node_key(const std::string& path, const core::Ed25519SecretKey& key) {
  std::string text = "{\"type\": \"ed25519\", \"seed\": \"" + core::hex_encode(key.seed()) +
                     "\", \"public_key\": \"" + core::hex_encode(key.public_key()) + "\"}\n";
  return write_text_file(path, text, true);
}

core::Result<core::Ed25519SecretKey> load_or_create_node_key(const std::string& path) {
  if (std::filesystem::exists(path)) return load_node_key(path);
  auto key = core::Ed25519SecretKey::generate();
  GRID_TRY(save_node_key(path, key));
  return key;
}

}  // namespace grid::node
