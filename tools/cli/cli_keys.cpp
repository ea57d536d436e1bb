// gridcli keys: the key store (core/keystore.hpp files NAME.key, mode 0600, in --keys DIR).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "core/dev_accounts.hpp"
#include "core/keystore.hpp"
#include "tools/cli/cli_commands.hpp"
#include "tools/cli/cli_output.hpp"
#include "tools/cli/cli_values.hpp"

namespace grid::tools {
namespace {

namespace fs = std::filesystem;

const OptionSpec kScheme = {"--scheme", "SCHEME", "secp256k1 (BIP-340, default) or ed25519"};

core::Result<core::KeyScheme> scheme_of(const Invocation& inv) {
  std::string s = inv.value("--scheme").value_or("secp256k1");
  if (s == "secp256k1") return core::KeyScheme::secp256k1;
  if (s == "ed25519") return core::KeyScheme::ed25519;
  return core::Status::invalid("--scheme: '" + s + "' is not secp256k1 or ed25519");
}

core::Status check_new_name(std::string_view name) {
  if (!valid_key_name(name))
    return core::Status::invalid("NAME: '" + std::string(name) +
                                 "' is not a key name (1 to 64 of A-Z a-z 0-9 . _ -, not "
                                 "starting with '.')");
  return core::Status::ok();
}

std::string key_json(std::string_view name, const core::AccountId& account, const fs::path& file) {
  return JsonObject()
      .str("name", name)
      .str("address", account.to_address())
      .str("scheme", core::key_scheme_name(account.scheme))
      .str("file", file.string())
      .text();
}

// Writes the key as NAME.key (refusing to replace a file) and prints what was stored.
int store(Context& ctx, const Invocation& inv, const core::AccountKey& key) {
  const std::string& name = inv.args[0];
  fs::path path = ctx.key_path(name);
  if (fs::exists(path))
    return ctx.fail("keys", core::Status::invalid("key '" + name + "' already exists (" +
                                                  path.string() + "); not replaced"));
  std::error_code ec;
  fs::create_directories(ctx.keys_dir(), ec);
  if (ec)
    return ctx.fail(
        "keys", core::Status::io("cannot create " + ctx.keys_dir().string() + ": " + ec.message()));
  fs::permissions(ctx.keys_dir(), fs::perms::owner_all, fs::perm_options::replace, ec);
  auto pass = ctx.passphrase(true);
  if (!pass) return ctx.fail("keys", pass.error());
  if (auto st = core::write_key_file(path, key, *pass); !st) return ctx.fail("keys", st);
  const core::AccountId& account = key.account();
  if (ctx.json()) {
    ctx.out() << key_json(name, account, path) << "\n";
  } else {
    ctx.out() << render_fields({{"name", name},
                                {"address", account.to_address()},
                                {"scheme", std::string(core::key_scheme_name(account.scheme))},
                                {"file", path.string()}});
  }
  return kExitOk;
}

int keys_new(Context& ctx, const Invocation& inv) {
  if (auto st = check_new_name(inv.args[0]); !st) return ctx.usage(inv, st);
  auto scheme = scheme_of(inv);
  if (!scheme) return ctx.usage(inv, scheme.error());
  return store(ctx, inv, core::AccountKey::generate(*scheme));
}

int keys_import(Context& ctx, const Invocation& inv) {
  if (auto st = check_new_name(inv.args[0]); !st) return ctx.usage(inv, st);
  auto scheme = scheme_of(inv);
  if (!scheme) return ctx.usage(inv, scheme.error());
  auto file = inv.value("--secret-file");
  if (!file) return ctx.usage(inv, "--secret-file FILE is required");
  std::ifstream in(*file);
  if (!in) return ctx.fail("keys import", core::Status::io("cannot read " + *file));
  std::stringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  std::erase_if(hex, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  auto secret = parse_hex("--secret-file", hex);
  if (!secret || secret->size() != 32)
    return ctx.fail("keys import",
                    core::Status::invalid(*file + " does not hold a 32-byte secret in hex "
                                                  "(64 hex digits)"));
  auto key = core::AccountKey::from_secret(*scheme, *secret);
  if (!key) return ctx.fail("keys import", key.error());
  return store(ctx, inv, *key);
}

int keys_list(Context& ctx, const Invocation&) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(ctx.keys_dir(), ec))
    for (const auto& entry : fs::directory_iterator(ctx.keys_dir(), ec))
      if (entry.path().extension() == ".key") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Row> rows;
  std::string json = "[";
  for (const fs::path& f : files) {
    std::string name = f.stem().string();
    auto account = core::read_key_file_account(f);
    if (account) {
      rows.push_back(
          {name, std::string(core::key_scheme_name(account->scheme)), account->to_address()});
      json += (json.size() > 1 ? ", " : "") + key_json(name, *account, f);
    } else {
      rows.push_back({name, "?", "(" + account.error().message() + ")"});
    }
  }
  if (ctx.json()) {
    ctx.out() << JsonObject().str("dir", ctx.keys_dir().string()).raw("keys", json + "]").text()
              << "\n";
  } else if (rows.empty()) {
    ctx.out() << "no keys in " << ctx.keys_dir().string()
              << " (gridcli keys new NAME creates one)\n";
  } else {
    ctx.out() << render_table({"NAME", "SCHEME", "ADDRESS"}, rows);
  }
  return kExitOk;
}

int keys_address(Context& ctx, const Invocation& inv) {
  const std::string& name = inv.args[0];
  core::Result<core::AccountId> account = core::Status::invalid("");
  fs::path path = ctx.key_path(name);
  if (valid_key_name(name) && fs::exists(path)) {
    account = core::read_key_file_account(path);
  } else if (core::is_dev_account_name(name)) {
    account = core::dev_account(name);
    path = "(dev account)";
  } else {
    return ctx.fail("keys address",
                    core::Status::not_found("no key '" + name + "' in " + ctx.keys_dir().string()));
  }
  if (!account) return ctx.fail("keys address", account.error());
  if (ctx.json())
    ctx.out() << key_json(name, *account, path) << "\n";
  else
    ctx.out() << account->to_address() << "\n";
  return kExitOk;
}

}  // namespace

std::vector<CommandSpec> key_commands() {
  return {
      {.group = "keys",
       .name = "new",
       .args = "NAME",
       .min_args = 1,
       .max_args = 1,
       .summary = "create a key and store it encrypted as NAME.key",
       .details = "The secret is made by the OS random generator and stored under a passphrase\n"
                  "(Argon2id + XChaCha20-Poly1305, mode 0600). An existing NAME.key is never\n"
                  "replaced. Prints the address.\n",
       .options = {kScheme},
       .handler = keys_new},
      {.group = "keys",
       .name = "import",
       .args = "NAME",
       .min_args = 1,
       .max_args = 1,
       .summary = "store an existing 32-byte secret (hex in a file) as NAME.key",
       .details = "The secret is the secp256k1 secret key or the ed25519 seed, 64 hex digits;\n"
                  "it is read from a file so that it never appears on the command line.\n",
       .options = {{"--secret-file", "FILE", "the file holding the secret in hex (required)"},
                   kScheme},
       .handler = keys_import},
      {.group = "keys",
       .name = "list",
       .summary = "list the keys of the key store (no passphrase needed)",
       .handler = keys_list},
      {.group = "keys",
       .name = "address",
       .args = "NAME",
       .min_args = 1,
       .max_args = 1,
       .summary = "print the address of a stored key or a dev account",
       .handler = keys_address},
  };
}

}  // namespace grid::tools
